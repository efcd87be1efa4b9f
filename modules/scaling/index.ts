export type { AlarmRef, ScalingOutputs } from "./outputs";
export type {
  OperationalAlarmOptions,
  PredictiveScalingOptions,
  RequestTrackingOptions,
  ScalingProps,
  ScalingSettings,
  ScheduleOptions,
  StepOptions,
  StepScalingOptions,
  TargetTrackingOptions,
} from "./props";
export { Scaling } from "./scaling";
