import type { ComputeOutputs } from "../compute/outputs";
import { tags } from "../core/fields";
import {
  boolean,
  integer,
  list,
  literal,
  number,
  object,
  omit,
  oneOf,
  quote,
  required,
  string,
  variants,
  type ShapeOf,
} from "../core/shape";
import type { LoadBalancerOutputs } from "../load-balancer/outputs";
import type { QueueOutputs } from "../messaging/outputs";
import { cronProblem, timeZoneProblem } from "./cron";

export interface TargetTrackingOptions {
  /**
   * Keep the group's average CPU at a target (asg mode only).
   * @default true in asg mode, false in ec2 mode
   */
  readonly enabled?: boolean;
  /**
   * Average CPU percent to hold, above 0 and up to 100.
   * @default 50
   */
  readonly targetCpuPercent?: number;
  /**
   * Seconds before a new instance's CPU counts toward the group's average.
   * @default 300
   */
  readonly estimatedInstanceWarmupSeconds?: number;
}

export interface RequestTrackingOptions {
  /**
   * Keep the load balancer's requests per target at a target (asg mode only), next to CPU:
   * the group grows when either policy asks and shrinks only when both allow.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Requests per target per minute to hold (`ALBRequestCountPerTarget`, a one-minute sum).
   * @default 1000
   */
  readonly targetRequestsPerTarget?: number;
  /**
   * Seconds before a new instance's requests count toward the average.
   * @default 300
   */
  readonly estimatedInstanceWarmupSeconds?: number;
}

/** One scheduled action: at each recurrence, the group's sizes are set to the given ones. */
export interface ScheduleOptions {
  /** Name of the action, unique among the schedules: its identity (the resource instance is keyed by it). */
  readonly name: string;
  /** When it runs, in Unix cron form (minute hour day-of-month month day-of-week), e.g. `0 20 * * 1-5`. */
  readonly recurrence: string;
  /**
   * IANA time zone the recurrence is read in (daylight saving time followed).
   * @default "Etc/UTC"
   */
  readonly timeZone?: string;
  /**
   * The group's minimum size from then on.
   * @default - unchanged
   */
  readonly minSize?: number;
  /**
   * The group's maximum size from then on.
   * @default - unchanged
   */
  readonly maxSize?: number;
  /**
   * The group's desired capacity at that moment (scaling policies take over after).
   * @default - unchanged
   */
  readonly desiredCapacity?: number;
}

export interface PredictiveScalingOptions {
  /**
   * Forecast the load from up to 14 days of history and plan capacity for it (asg mode only).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * `ForecastOnly` publishes forecasts to compare with reality; `ForecastAndScale` also
   * launches capacity ahead of them.
   * @default "ForecastOnly"
   */
  readonly mode?: "ForecastOnly" | "ForecastAndScale";
  /**
   * The load it forecasts: the group's average CPU (`cpu`), or the load balancer's requests per
   * target (`requests`).
   * @default "cpu"
   */
  readonly metric?: "cpu" | "requests";
  /**
   * Level to plan for: CPU percent, or requests per target per minute.
   * @default - 50 for cpu, 1000 for requests
   */
  readonly targetValue?: number;
  /**
   * Seconds ahead of the forecast that instances launch, so they are ready in time (0 to 3600).
   * @default 300
   */
  readonly schedulingBufferSeconds?: number;
}

/** One direction of step scaling: the alarm that triggers it and the capacity change. */
export interface StepOptions {
  /** CPU percent the group's average must cross, 0 to 100. */
  readonly thresholdPercent?: number;
  /** Consecutive periods beyond the threshold before it acts, at least 1. */
  readonly evaluationPeriods?: number;
  /** Seconds per period: 10, 30 or a multiple of 60. */
  readonly periodSeconds?: number;
  /** Instances to add (positive, scale-out) or remove (negative, scale-in). */
  readonly adjustment?: number;
}

export interface StepScalingOptions {
  /**
   * Scale on CloudWatch CPU alarms (asg mode only).
   * @default false
   */
  readonly enabled?: boolean;
  /** @default - CPU > 70% for 2 periods of 60 s: add 1 instance */
  readonly scaleOut?: StepOptions;
  /** @default - CPU < 30% for 5 periods of 60 s: remove 1 instance */
  readonly scaleIn?: StepOptions;
  /**
   * Seconds after a scale-out before new instances' CPU counts, so one spike adds capacity
   * once. Step policies have no cooldown in AWS; this is their instance warmup.
   * @default 300
   */
  readonly cooldownSeconds?: number;
}

export interface OperationalAlarmOptions {
  /**
   * 5XX answers from targets per minute above which it alarms (5 minutes in a row).
   * @default 10
   */
  readonly target5xxPerMinute?: number;
  /**
   * Seconds of p90 target response time above which it alarms (5 minutes in a row).
   * @default 1
   */
  readonly responseTimeSeconds?: number;
  /**
   * In ec2 mode, CPU percent of one instance above which it alarms (5 minutes in a row).
   * @default 80
   */
  readonly instanceCpuPercent?: number;
}

export interface ScalingProps {
  /** Prefix of every policy, alarm and the dashboard's name, e.g. `webtier-prod`. */
  readonly name: string;
  /** The compute module's outputs: its mode decides what may scale and what is watched. */
  readonly compute: ComputeOutputs;
  /** The load balancer's outputs: metric dimensions come from its ARN suffixes. */
  readonly loadBalancer: Pick<LoadBalancerOutputs, "albArn" | "albArnSuffix" | "targetGroupArnSuffix">;
  /** @default - enabled in asg mode at 50% CPU */
  readonly targetTracking?: TargetTrackingOptions;
  /** @default - disabled */
  readonly stepScaling?: StepScalingOptions;
  /** @default - disabled */
  readonly requestTracking?: RequestTrackingOptions;
  /**
   * Scheduled changes of the group's sizes (asg mode only), at most 125 (Auto Scaling's limit).
   * A schedule that may take the group to zero makes the no-healthy-hosts alarm wait for capacity.
   * @default - none
   */
  readonly schedules?: readonly ScheduleOptions[];
  /** @default - disabled */
  readonly predictiveScaling?: PredictiveScalingOptions;
  /** @default - 10 target 5XX a minute, 1 s p90 response time, 80% instance CPU */
  readonly alarms?: OperationalAlarmOptions;
  /** Topic the operational alarms notify on ALARM and OK (an {@link AlarmTopic}'s `topicArn`). */
  readonly alarmTopicArn: string;
  /**
   * Queues whose depth the dashboard shows (the messaging module's queue outputs).
   * @default - none
   */
  readonly queues?: readonly Pick<QueueOutputs, "queueName" | "dlqName">[];
  /**
   * Create a CloudWatch dashboard of the tier.
   * @default true
   */
  readonly dashboard?: boolean;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const SCALING_DEFAULTS = {
  targetTrackingEnabled: true,
  targetCpuPercent: 50,
  estimatedInstanceWarmupSeconds: 300,
  scaleOut: { thresholdPercent: 70, evaluationPeriods: 2, periodSeconds: 60, adjustment: 1 },
  scaleIn: { thresholdPercent: 30, evaluationPeriods: 5, periodSeconds: 60, adjustment: -1 },
  stepScalingEnabled: false,
  cooldownSeconds: 300,
  requestTrackingEnabled: false,
  targetRequestsPerTarget: 1000,
  schedules: [] as readonly ScheduleOptions[],
  scheduleTimeZone: "Etc/UTC",
  predictiveScalingEnabled: false,
  predictiveMode: "ForecastOnly" as "ForecastOnly" | "ForecastAndScale",
  predictiveMetric: "cpu" as "cpu" | "requests",
  predictiveTarget: { cpu: 50, requests: 1000 },
  schedulingBufferSeconds: 300,
  target5xxPerMinute: 10,
  responseTimeSeconds: 1,
  instanceCpuPercent: 80,
  queues: [] as readonly Pick<QueueOutputs, "queueName" | "dlqName">[],
  dashboard: true,
} as const;

const STEP_SHAPE: ShapeOf<StepOptions> = {
  thresholdPercent: number({ min: 0, max: 100, unit: "percent" }),
  evaluationPeriods: integer({ min: 1, max: 100 }),
  periodSeconds: integer({ min: 10, max: 86400, unit: "seconds" }),
  adjustment: integer({ min: -1000, max: 1000 }),
};

const warmup = integer({ min: 0, max: 86400, unit: "seconds" });
/** Group sizes as the compute module allows them: up to 1000 instances. */
const size = integer({ min: 0, max: 1000 });

const SCHEDULE_SHAPE: ShapeOf<ScheduleOptions> = {
  // The name keys the action's resource instance, so it is written out.
  name: required(
    literal(
      string({
        pattern: /^[A-Za-z0-9._-]+$/,
        what: "letters, digits, dots, hyphens and underscores",
        maxLength: 255,
        limit: "Auto Scaling's limit for action names",
      }),
      "the key of the action's resource",
    ),
  ),
  recurrence: required(
    string({
      what: 'a Unix cron recurrence such as "0 20 * * 1-5"',
      refine: (v) => {
        const p = cronProblem(v);
        return p && `(${quote(v)}) ${p}`;
      },
    }),
  ),
  timeZone: string({
    what: "an IANA time zone name",
    refine: (v) => {
      const p = timeZoneProblem(v);
      return p && `(${quote(v)}) ${p}`;
    },
  }),
  minSize: size,
  maxSize: size,
  desiredCapacity: size,
};

const arn = (service: string, what: string) => string({ pattern: new RegExp(`^arn:aws[a-z-]*:${service}:`), what });
const COMPUTE_COMMON = {
  detailedMonitoring: required(boolean()),
  securityGroupId: required(string()),
  launchTemplateId: required(string()),
  instanceRoleName: required(string()),
  instanceRoleArn: required(string()),
};

/** Each prop's type and own limits, next to their documentation and defaults above. */
export const SCALING_SHAPE: ShapeOf<ScalingProps> = {
  name: required(
    string({
      pattern: /^[\w.-]+$/,
      what: "letters, digits, dots, hyphens and underscores",
      maxLength: 200,
      limit: "so that policy and alarm names stay within AWS's 255",
    }),
  ),
  compute: required(
    variants<ComputeOutputs, "mode">(
      "mode",
      {
        ec2: {
          ...COMPUTE_COMMON,
          mode: required(literal(string<"ec2">(), "the compute mode")),
          instanceIds: required(
            list(string(), { noun: ["instance id", "instance ids"], lengthDecides: "how many instance alarms are created" }),
          ),
        },
        asg: {
          ...COMPUTE_COMMON,
          mode: required(literal(string<"asg">(), "the compute mode")),
          asgName: required(string()),
          asgArn: required(string()),
        },
      },
      { open: true },
    ),
  ),
  loadBalancer: required(
    object(
      {
        albArn: required(arn("elasticloadbalancing", "a load balancer ARN")),
        albArnSuffix: required(string()),
        targetGroupArnSuffix: required(string()),
      },
      { open: true },
    ),
  ),
  targetTracking: object<TargetTrackingOptions>({
    enabled: boolean(),
    targetCpuPercent: number({ min: 0, max: 100, unit: "percent" }),
    estimatedInstanceWarmupSeconds: warmup,
  }),
  requestTracking: object<RequestTrackingOptions>({
    enabled: boolean(),
    targetRequestsPerTarget: number({ min: 1, max: 1_000_000 }),
    estimatedInstanceWarmupSeconds: warmup,
  }),
  schedules: list(object(SCHEDULE_SHAPE), {
    maxItems: 125,
    noun: ["schedule", "schedules"],
    why: "Auto Scaling's limit per group",
    lengthDecides: "which scheduled actions are created",
  }),
  predictiveScaling: object<PredictiveScalingOptions>({
    enabled: boolean(),
    mode: oneOf(["ForecastOnly", "ForecastAndScale"]),
    metric: oneOf(["cpu", "requests"]),
    targetValue: number({ min: 1, max: 1_000_000 }),
    schedulingBufferSeconds: integer({ min: 0, max: 3600, unit: "seconds" }),
  }),
  stepScaling: object<StepScalingOptions>({
    enabled: boolean(),
    scaleOut: object(STEP_SHAPE),
    scaleIn: object(STEP_SHAPE),
    cooldownSeconds: integer({ min: 0, max: 86400, unit: "seconds" }),
  }),
  alarms: object<OperationalAlarmOptions>({
    target5xxPerMinute: integer({ min: 0, max: 1_000_000 }),
    responseTimeSeconds: number({ min: 0.001, max: 3600, unit: "seconds" }),
    instanceCpuPercent: number({ min: 0, max: 100, unit: "percent" }),
  }),
  alarmTopicArn: required(arn("sns", "an SNS topic ARN")),
  queues: list(object({ queueName: required(string()), dlqName: required(string()) }, { open: true }), { noun: ["queue", "queues"] }),
  dashboard: boolean(),
  tags: tags(),
};

/** Props a WebTier fills in itself from other modules' outputs: an environment may not set them (its shape refuses them). */
export const SCALING_WIRED = [
  "name",
  "compute",
  "loadBalancer",
  "alarmTopicArn",
  "queues",
  "tags",
] as const satisfies readonly (keyof ScalingProps)[];
export type ScalingWired = (typeof SCALING_WIRED)[number];

/** The scaling inputs that are plain data: what an environment's config holds. */
export type ScalingSettings = Omit<ScalingProps, ScalingWired>;

/** The shape of the scaling settings. */
export const SCALING_SETTINGS_SHAPE = omit(SCALING_SHAPE, ...SCALING_WIRED);
