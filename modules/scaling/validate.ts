import type { ComputeMode } from "../compute/props";
import { checkShape, quote } from "../core/shape";
import { each, judge, within, known, nested, reading, rule, rules, when, type Finding, type Rule } from "../core/validation";
import {
  SCALING_DEFAULTS,
  SCALING_SETTINGS_SHAPE,
  SCALING_SHAPE,
  type PredictiveScalingOptions,
  type ScalingProps,
  type ScalingSettings,
  type ScheduleOptions,
  type StepOptions,
  type StepScalingOptions,
  type TargetTrackingOptions,
} from "./props";

/**
 * The alarms here watch EC2's CPUUtilization, published once a minute with detailed monitoring
 * and every five minutes without. A shorter period (CloudWatch's 10 and 30 s are for
 * high-resolution custom metrics) sees no datapoint in most periods, and the alarm never fires.
 */
function periodRule(direction: "scaleOut" | "scaleIn"): Rule<Monitored<StepOptions>> {
  return when("periodSeconds", ["periodSeconds", "compute.detailedMonitoring"], (s) => {
    const v = s.periodSeconds ?? SCALING_DEFAULTS[direction].periodSeconds;
    const detailedMonitoring = s.compute.detailedMonitoring;
    const step = detailedMonitoring ? 60 : 300;
    if (!known(v) || v % step === 0) return undefined;
    return v === 10 || v === 30
      ? `(${v}) is a high-resolution period; EC2 publishes CPUUtilization at most once a minute, so use a multiple of ${step}`
      : `(${v}) must be a multiple of ${step} seconds${detailedMonitoring ? "" : " (without detailed monitoring EC2 publishes CPU every 5 minutes)"}`;
  });
}

/** Options seen with the compute they scale (its mode and monitoring live in the compute's section or outputs). */
type Monitored<T> = T & { readonly compute: Pick<ScalingProps["compute"], "mode" | "detailedMonitoring"> };

function stepRules(direction: "scaleOut" | "scaleIn"): readonly Rule<Monitored<StepOptions>>[] {
  return [
    periodRule(direction),
    rule(
      "adjustment",
      (s) => s.adjustment,
      (a) => (direction === "scaleOut" ? a < 1 : a > -1),
      (a) =>
        direction === "scaleOut" ? `(${a}) must add at least 1 instance` : `(${a}) must remove at least 1 instance (a negative number)`,
    ),
    when("periodSeconds", ["periodSeconds", "evaluationPeriods"], (s) => {
      const d = SCALING_DEFAULTS[direction];
      const period = s.periodSeconds ?? d.periodSeconds;
      const periods = s.evaluationPeriods ?? d.evaluationPeriods;
      return known(period, periods) && period * periods > 86400
        ? `× evaluationPeriods spans ${period * periods} s; CloudWatch evaluates at most one day (86400 s)`
        : undefined;
    }),
  ];
}

/** The step options' rules, each step seen with the compute's monitoring (read where the compute is). */
const stepScalingRules: readonly Rule<Monitored<StepScalingOptions>>[] = [
  ...within(
    (path) => (path.startsWith("compute.") ? path : `scaleOut.${path}`),
    (s: Monitored<StepScalingOptions>) => ({ ...s.scaleOut, compute: s.compute }),
    stepRules("scaleOut"),
  ),
  ...within(
    (path) => (path.startsWith("compute.") ? path : `scaleIn.${path}`),
    (s: Monitored<StepScalingOptions>) => ({ ...s.scaleIn, compute: s.compute }),
    stepRules("scaleIn"),
  ),
  when("scaleIn.thresholdPercent", ["scaleIn.thresholdPercent", "scaleOut.thresholdPercent"], (s) => {
    const scaleIn = s.scaleIn?.thresholdPercent ?? SCALING_DEFAULTS.scaleIn.thresholdPercent;
    const scaleOut = s.scaleOut?.thresholdPercent ?? SCALING_DEFAULTS.scaleOut.thresholdPercent;
    return known(scaleIn, scaleOut) && scaleIn >= scaleOut
      ? `(${scaleIn}) must be below scaleOut.thresholdPercent (${scaleOut}), or the group would scale in and out on the same load`
      : undefined;
  }),
];

const targetTrackingRules: readonly Rule<TargetTrackingOptions>[] = [
  rule(
    "targetCpuPercent",
    (t) => t.targetCpuPercent,
    (v) => v === 0,
    () => "(0) must be above 0 percent: a target of 0 would scale out forever",
  ),
];

/** A scheduled action must change something, and the sizes it sets must fit together as a group's do. */
const scheduleRules: readonly Rule<ScheduleOptions>[] = [
  when("", ["minSize", "maxSize", "desiredCapacity"], (a) =>
    a.minSize === undefined && a.maxSize === undefined && a.desiredCapacity === undefined
      ? "sets no size: give minSize, maxSize or desiredCapacity (Auto Scaling refuses an action that changes nothing)"
      : undefined,
  ),
  when("maxSize", ["minSize", "maxSize"], (a) =>
    known(a.minSize, a.maxSize) && a.maxSize! < a.minSize! ? `(${a.maxSize}) must be >= minSize (${a.minSize})` : undefined,
  ),
  when("desiredCapacity", ["minSize", "maxSize", "desiredCapacity"], (a) => {
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
    ["metric"],
  ),
];

/**
 * Rules across the scaling settings' fields, each reading the fields it declares, the compute's
 * mode and monitoring among them (`compute.mode`: in the props, the compute's outputs; in a
 * tier, the compute's section).
 */
export const scalingRules: readonly Rule<Monitored<ScalingSettings>>[] = [
  ...(["targetTracking", "stepScaling", "requestTracking", "predictiveScaling"] as const).map((policy) =>
    when<Monitored<ScalingSettings>>(`${policy}.enabled`, [`${policy}.enabled`, "compute.mode"], (s) =>
      s.compute.mode === "ec2" && s[policy]?.enabled === true
        ? "cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg"
        : undefined,
    ),
  ),
  when("schedules", ["schedules", "compute.mode"], (s) =>
    s.compute.mode === "ec2" && (s.schedules?.length ?? 0) > 0
      ? "cannot be set for compute in ec2 mode: single instances have no group sizes to schedule; use mode asg"
      : undefined,
  ),
  ...nested("targetTracking", (s: Monitored<ScalingSettings>) => s.targetTracking, targetTrackingRules),
  ...reading(
    ["stepScaling.enabled"],
    within(
      (path) => (path.startsWith("compute.") ? path : `stepScaling.${path}`),
      (s: Monitored<ScalingSettings>) => (s.stepScaling?.enabled ? { ...s.stepScaling, compute: s.compute } : undefined),
      stepScalingRules,
    ),
  ),
  ...nested("predictiveScaling", (s: Monitored<ScalingSettings>) => s.predictiveScaling, predictiveRules),
  each("schedules", (s: Monitored<ScalingSettings>) => s.schedules, scheduleRules),
  // Names are the actions' identities: two of one name would be one resource instance.
  rules(["schedules"], (s) =>
    (s.schedules ?? []).flatMap((a, i) => {
      const first = s.schedules!.findIndex((other) => other.name === a.name);
      return first < i
        ? [
            {
              path: `schedules[${i}].name`,
              message: `(${quote(a.name)}) is already the name of schedules[${first}]; schedule names must be unique`,
            },
          ]
        : [];
    }),
  ),
];

/**
 * Every problem with the scaling settings for a compute in `mode` (with or without detailed
 * monitoring), paths relative to `at`: their shape, and each rule whose fields are sound.
 */
export function validateScalingSettings(settings: ScalingSettings, mode: ComputeMode, detailedMonitoring: boolean, at = ""): Finding[] {
  return judge({ ...settings, compute: { mode, detailedMonitoring } }, checkShape(settings, SCALING_SETTINGS_SHAPE), scalingRules, at);
}

/** Every problem with the scaling props, as the construct sees them. */
export function validateScalingProps(props: ScalingProps, at = ""): Finding[] {
  return judge(props, checkShape(props, SCALING_SHAPE), scalingRules, at);
}
