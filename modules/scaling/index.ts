export type { AlarmRef, ScalingOutputs } from "./outputs";
export type {
  OperationalAlarmOptions,
  PredictiveScalingOptions,
  RequestTrackingOptions,
  ScalingProps,
  ScheduleOptions,
  StepOptions,
  StepScalingOptions,
  TargetTrackingOptions,
} from "./props";
export { Scaling } from "./scaling";
export type { ScalingSettings } from "./validate";
