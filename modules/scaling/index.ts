export type { AlarmRef, ScalingOutputs } from "./outputs";
export type { OperationalAlarmOptions, ScalingProps, StepOptions, StepScalingOptions, TargetTrackingOptions } from "./props";
export { Scaling } from "./scaling";
export type { ScalingSettings } from "./validate";
