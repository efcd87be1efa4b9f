export { Compute } from "./compute";
export type {
  CountRange,
  InstanceRefreshOptions,
  InstanceRequirements,
  LifecycleHookOptions,
  LifecycleHooks,
  MixedInstancesOptions,
  WarmPoolOptions,
} from "./capacity";
export type { CapacityReservationOptions } from "./capacity-reservation";
export type { ComputeOutputs } from "./outputs";
export type { PlacementGroupOptions } from "./placement";
export type { AsgModeProps, ComputeCommonProps, ComputeMode, ComputeProps, Ec2ModeProps, ScalingProcess, TerminationPolicy } from "./props";
export type { ComputeSettings } from "./validate";
