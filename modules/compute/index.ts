export { Compute } from "./compute";
export type { ComputeOutputs } from "./outputs";
export type { AsgModeProps, ComputeCommonProps, ComputeMode, ComputeProps, ComputeSettings, Ec2ModeProps } from "./props";
