export { Compute } from "./compute";
export type { ComputeOutputs } from "./outputs";
export type { AsgModeProps, ComputeCommonProps, ComputeMode, ComputeProps, Ec2ModeProps } from "./props";
export type { ComputeSettings } from "./validate";
