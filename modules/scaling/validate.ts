import type { ComputeMode } from "../compute/props";
import { checkShape, omit, quote } from "../core/shape";
import { check, each, known, nested, rule, when, type Finding, type Rule } from "../core/validation";
import {
  SCALING_DEFAULTS,
  SCALING_SHAPE,
  type PredictiveScalingOptions,
  type ScalingProps,
  type ScheduleOptions,
  type StepOptions,
  type StepScalingOptions,
  type TargetTrackingOptions,
} from "./props";

/** The scaling inputs that are plain data: what an environment's config holds. */
export type ScalingSettings = Omit<ScalingProps, "name" | "compute" | "loadBalancer" | "alarmTopicArn" | "queues" | "tags">;

const SETTINGS_SHAPE = omit(SCALING_SHAPE, "name", "compute", "loadBalancer", "alarmTopicArn", "queues", "tags");

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
    (v) => v % step !== 0,
    (v) =>
      v === 10 || v === 30
        ? `(${v}) is a high-resolution period; EC2 publishes CPUUtilization at most once a minute, so use a multiple of ${step}`
        : `(${v}) must be a multiple of ${step} seconds${detailedMonitoring ? "" : " (without detailed monitoring EC2 publishes CPU every 5 minutes)"}`,
  );
}

function stepRules(direction: "scaleOut" | "scaleIn", detailedMonitoring: boolean): readonly Rule<StepOptions>[] {
  return [
    periodRule("periodSeconds", (s) => s.periodSeconds ?? SCALING_DEFAULTS[direction].periodSeconds, detailedMonitoring),
    rule(
      "adjustment",
      (s) => s.adjustment,
      (a) => (direction === "scaleOut" ? a < 1 : a > -1),
      (a) => (direction === "scaleOut" ? `(${a}) must add at least 1 instance` : `(${a}) must remove at least 1 instance (a negative number)`),
    ),
    when("periodSeconds", (s) => {
      const d = SCALING_DEFAULTS[direction];
      const period = s.periodSeconds ?? d.periodSeconds;
      const periods = s.evaluationPeriods ?? d.evaluationPeriods;
      return known(period, periods) && period * periods > 86400 ? `× evaluationPeriods spans ${period * periods} s; CloudWatch evaluates at most one day (86400 s)` : undefined;
    }),
  ];
}

const stepScalingRules = (detailedMonitoring: boolean): readonly Rule<StepScalingOptions>[] => [
  nested("scaleOut", (s) => s.scaleOut ?? {}, stepRules("scaleOut", detailedMonitoring)),
  nested("scaleIn", (s) => s.scaleIn ?? {}, stepRules("scaleIn", detailedMonitoring)),
  when("scaleIn.thresholdPercent", (s) => {
    const scaleIn = s.scaleIn?.thresholdPercent ?? SCALING_DEFAULTS.scaleIn.thresholdPercent;
    const scaleOut = s.scaleOut?.thresholdPercent ?? SCALING_DEFAULTS.scaleOut.thresholdPercent;
    return known(scaleIn, scaleOut) && scaleIn >= scaleOut
      ? `(${scaleIn}) must be below scaleOut.thresholdPercent (${scaleOut}), or the group would scale in and out on the same load`
      : undefined;
  }),
];

const targetTrackingRules: readonly Rule<TargetTrackingOptions>[] = [
  rule("targetCpuPercent", (t) => t.targetCpuPercent, (v) => v === 0, () => "(0) must be above 0 percent: a target of 0 would scale out forever"),
];

/** A scheduled action must change something, and the sizes it sets must fit together as a group's do. */
const scheduleRules: readonly Rule<ScheduleOptions>[] = [
  when("", (a) =>
    a.minSize === undefined && a.maxSize === undefined && a.desiredCapacity === undefined
      ? "sets no size: give minSize, maxSize or desiredCapacity (Auto Scaling refuses an action that changes nothing)"
      : undefined,
  ),
  when("maxSize", (a) => (known(a.minSize, a.maxSize) && a.maxSize! < a.minSize! ? `(${a.maxSize}) must be >= minSize (${a.minSize})` : undefined)),
  when("desiredCapacity", (a) => {
    // Against inverted bounds (reported above) no capacity fits: say nothing more.
    if (!known(a.desiredCapacity) || (known(a.minSize, a.maxSize) && a.maxSize! < a.minSize!)) return undefined;
    const desired = a.desiredCapacity!;
    if (known(a.minSize) && desired < a.minSize!) return `(${desired}) must be >= minSize (${a.minSize})`;
    return known(a.maxSize) && desired > a.maxSize! ? `(${desired}) must be <= maxSize (${a.maxSize})` : undefined;
  }),
];

const predictiveRules: readonly Rule<PredictiveScalingOptions>[] = [
  rule(
    "targetValue",
    (p) => p.targetValue,
    (v, p) => (p.metric ?? SCALING_DEFAULTS.predictiveMetric) === "cpu" && v > 100,
    (v) => `(${v}) is a CPU percent here (metric "cpu") and must be at most 100`,
  ),
];

function settingsRules(mode: ComputeMode, detailedMonitoring: boolean): readonly Rule<ScalingSettings>[] {
  const noGroup = "cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg";
  return [
    when("targetTracking.enabled", (s) => (mode === "ec2" && s.targetTracking?.enabled === true ? noGroup : undefined)),
    when("stepScaling.enabled", (s) => (mode === "ec2" && s.stepScaling?.enabled === true ? noGroup : undefined)),
    when("requestTracking.enabled", (s) => (mode === "ec2" && s.requestTracking?.enabled === true ? noGroup : undefined)),
    when("predictiveScaling.enabled", (s) => (mode === "ec2" && s.predictiveScaling?.enabled === true ? noGroup : undefined)),
    when("schedules", (s) =>
      mode === "ec2" && (s.schedules?.length ?? 0) > 0 ? "cannot be set for compute in ec2 mode: single instances have no group sizes to schedule; use mode asg" : undefined,
    ),
    nested("targetTracking", (s) => s.targetTracking, targetTrackingRules),
    nested("stepScaling", (s) => (s.stepScaling?.enabled ? s.stepScaling : undefined), stepScalingRules(detailedMonitoring)),
    nested("predictiveScaling", (s) => s.predictiveScaling, predictiveRules),
    each("schedules", (s) => s.schedules, scheduleRules),
    // Names are the actions' identities: two of one name would be one resource instance.
    (s) =>
      (s.schedules ?? []).flatMap((a, i) => {
        const first = s.schedules!.findIndex((other) => other.name === a.name);
        return first < i ? [{ path: `schedules[${i}].name`, message: `(${quote(a.name)}) is already the name of schedules[${first}]; schedule names must be unique` }] : [];
      }),
  ];
}

/**
 * Every problem with the scaling settings for a compute in `mode` (with or without detailed
 * monitoring), paths relative to `at`: shape first, then the rules across fields.
 */
export function validateScalingSettings(settings: ScalingSettings, mode: ComputeMode, detailedMonitoring: boolean, at = ""): Finding[] {
  const shape = checkShape(settings, SETTINGS_SHAPE, at);
  return shape.length > 0 ? shape : check(settings, settingsRules(mode, detailedMonitoring), at);
}

/** Every problem with the scaling props, as the construct sees them. */
export function validateScalingProps(props: ScalingProps, at = ""): Finding[] {
  const shape = checkShape(props, SCALING_SHAPE, at);
  return shape.length > 0 ? shape : check(props, settingsRules(props.compute.mode, props.compute.detailedMonitoring), at);
}
