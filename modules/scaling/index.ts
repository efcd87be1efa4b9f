export { AlarmTopic, validateAlarmTopicSettings, type AlarmTopicOutputs, type AlarmTopicProps, type AlarmTopicSettings } from "./alarm-topic";
export { dashboardBody, type DashboardInputs } from "./dashboard";
export type { AlarmRef, ScalingOutputs } from "./outputs";
export {
  SCALING_DEFAULTS,
  type OperationalAlarmOptions,
  type ScalingProps,
  type StepOptions,
  type StepScalingOptions,
  type TargetTrackingOptions,
} from "./props";
export { Scaling } from "./scaling";
export { validateScalingProps, validateScalingSettings, type ScalingSettings } from "./validate";
