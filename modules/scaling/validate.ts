import type { ComputeMode } from "../compute/props";
import { check, intRange, nested, numberRange, rule, when, type Finding, type Rule } from "../core/validation";
import { SCALING_DEFAULTS, type OperationalAlarmOptions, type ScalingProps, type StepOptions, type StepScalingOptions, type TargetTrackingOptions } from "./props";

/** The scaling inputs that are plain data: what an environment's config holds. */
export type ScalingSettings = Omit<ScalingProps, "name" | "compute" | "loadBalancer" | "alarmTopicArn" | "queues" | "tags">;

/**
 * The alarms here watch EC2's CPUUtilization, published once a minute with detailed monitoring
 * and every five minutes without. A shorter period (CloudWatch's 10 and 30 s are for
 * high-resolution custom metrics) sees no datapoint in most periods, and the alarm never fires.
 */
function periodRule<P>(field: string, get: (p: P) => number | undefined, detailedMonitoring: boolean): Rule<P> {
  const step = detailedMonitoring ? 60 : 300;
  return rule(
    field,
    get,
    (v) => !(Number.isInteger(v) && v > 0 && v % step === 0),
    (v) =>
      v === 10 || v === 30
        ? `(${v}) is a high-resolution period; EC2 publishes CPUUtilization at most once a minute, so use a multiple of ${step}`
        : `(${v}) must be a multiple of ${step} seconds${detailedMonitoring ? "" : " (without detailed monitoring EC2 publishes CPU every 5 minutes)"}`,
  );
}

function stepRules(direction: "scaleOut" | "scaleIn", detailedMonitoring: boolean): readonly Rule<StepOptions>[] {
  return [
    numberRange("thresholdPercent", (s) => s.thresholdPercent, 0, 100, "percent"),
    intRange("evaluationPeriods", (s) => s.evaluationPeriods, 1, 100),
    periodRule("periodSeconds", (s) => s.periodSeconds ?? SCALING_DEFAULTS[direction].periodSeconds, detailedMonitoring),
    direction === "scaleOut"
      ? intRange("adjustment", (s) => s.adjustment, 1, 1000)
      : intRange("adjustment", (s) => s.adjustment, -1000, -1),
    when("periodSeconds", (s) => {
      const d = SCALING_DEFAULTS[direction];
      const span = (s.periodSeconds ?? d.periodSeconds) * (s.evaluationPeriods ?? d.evaluationPeriods);
      return span > 86400 ? `× evaluationPeriods spans ${span} s; CloudWatch evaluates at most one day (86400 s)` : undefined;
    }),
  ];
}

const stepScalingRules = (detailedMonitoring: boolean): readonly Rule<StepScalingOptions>[] => [
  nested("scaleOut", (s) => s.scaleOut ?? {}, stepRules("scaleOut", detailedMonitoring)),
  nested("scaleIn", (s) => s.scaleIn ?? {}, stepRules("scaleIn", detailedMonitoring)),
  intRange("cooldownSeconds", (s) => s.cooldownSeconds, 0, 86400, "seconds"),
  when("scaleIn.thresholdPercent", (s) => {
    const scaleIn = s.scaleIn?.thresholdPercent ?? SCALING_DEFAULTS.scaleIn.thresholdPercent;
    const scaleOut = s.scaleOut?.thresholdPercent ?? SCALING_DEFAULTS.scaleOut.thresholdPercent;
    return scaleIn >= scaleOut
      ? `(${scaleIn}) must be below scaleOut.thresholdPercent (${scaleOut}), or the group would scale in and out on the same load`
      : undefined;
  }),
];

const targetTrackingRules: readonly Rule<TargetTrackingOptions>[] = [
  rule("targetCpuPercent", (t) => t.targetCpuPercent, (v) => !(v > 0 && v <= 100), (v) => `(${v}) must be above 0 and at most 100 percent`),
  intRange("estimatedInstanceWarmupSeconds", (t) => t.estimatedInstanceWarmupSeconds, 0, 86400, "seconds"),
];

const alarmRules: readonly Rule<OperationalAlarmOptions>[] = [
  intRange("target5xxPerMinute", (a) => a.target5xxPerMinute, 0, 1_000_000),
  numberRange("responseTimeSeconds", (a) => a.responseTimeSeconds, 0.001, 3600, "seconds"),
  numberRange("instanceCpuPercent", (a) => a.instanceCpuPercent, 0, 100, "percent"),
];

function settingsRules(mode: ComputeMode, detailedMonitoring: boolean): readonly Rule<ScalingSettings>[] {
  return [
    when("targetTracking.enabled", (s) =>
      mode === "ec2" && s.targetTracking?.enabled === true
        ? "cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg"
        : undefined,
    ),
    when("stepScaling.enabled", (s) =>
      mode === "ec2" && s.stepScaling?.enabled === true
        ? "cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg"
        : undefined,
    ),
    nested("targetTracking", (s) => s.targetTracking, targetTrackingRules),
    nested("stepScaling", (s) => (s.stepScaling?.enabled ? s.stepScaling : undefined), stepScalingRules(detailedMonitoring)),
    nested("alarms", (s) => s.alarms, alarmRules),
  ];
}

/**
 * Every problem with the scaling settings for a compute in `mode` (with or without detailed
 * monitoring), paths relative to `at`.
 */
export function validateScalingSettings(settings: ScalingSettings, mode: ComputeMode, detailedMonitoring: boolean, at = ""): Finding[] {
  return check(settings, settingsRules(mode, detailedMonitoring), at);
}

/** Every problem with the scaling props, as the construct sees them. */
export function validateScalingProps(props: ScalingProps, at = ""): Finding[] {
  return validateScalingSettings(props, props.compute.mode, props.compute.detailedMonitoring, at);
}
