import { boolean, integer, list, object, oneOf, record, required, string, type OptionalSpec, type ShapeOf } from "../core/shape";

/**
 * Several instance types in one Auto Scaling Group, On-Demand and optionally Spot. Every type
 * launches from the group's one launch template, so all run the same architecture.
 */
export interface MixedInstancesOptions {
  /**
   * Instance types the group may launch, 1 to 40, in priority order (the first is the
   * launch template's own), all of one architecture and either all burstable or none; or
   * `instanceRequirements` instead (one of the two).
   * @default - none: `instanceRequirements` chooses the types
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Attribute-based instance selection: every current type within these vCPU and memory ranges
   * (and filters), instead of `instanceTypes`; the launch template then names no type.
   * @default - none: `instanceTypes` lists the types
   */
  readonly instanceRequirements?: InstanceRequirements;
  /**
   * Capacity units each listed instance type counts for (`weighted_capacity`), 1 to 999, by
   * type: every type in `instanceTypes` or none. The group's sizes then count units, not instances.
   * @default - none: every instance counts 1
   */
  readonly weights?: Readonly<Record<string, number>>;
  /**
   * Most paid per Spot Instance-hour, in USD, a positive decimal string such as `"0.05"`. Only
   * where the policy launches Spot (onDemandPercentageAboveBaseCapacity under 100).
   * @default - none: up to the On-Demand price (AWS's recommendation)
   */
  readonly spotMaxPrice?: string;
  /**
   * Instances that are always On-Demand, before any Spot, 0 to 1000.
   * @default 0
   */
  readonly onDemandBaseCapacity?: number;
  /**
   * Percent of the capacity above the base that is On-Demand, 0 to 100; the rest is Spot.
   * @default 100 (no Spot)
   */
  readonly onDemandPercentageAboveBaseCapacity?: number;
  /**
   * How On-Demand types are chosen: in the listed order, or the cheapest first.
   * @default "prioritized"
   */
  readonly onDemandAllocationStrategy?: "prioritized" | "lowest-price";
  /**
   * How Spot capacity is chosen: `price-capacity-optimized` (AWS's recommendation: the pools
   * least likely to be interrupted, then the cheapest), `capacity-optimized`,
   * `capacity-optimized-prioritized` or `lowest-price`.
   * @default "price-capacity-optimized"
   */
  readonly spotAllocationStrategy?: "price-capacity-optimized" | "capacity-optimized" | "capacity-optimized-prioritized" | "lowest-price";
  /**
   * Launch a replacement when EC2 signals that a Spot Instance is at elevated risk of
   * interruption, before it is reclaimed.
   * @default - true when the policy launches Spot Instances, else false
   */
  readonly capacityRebalance?: boolean;
}

/** A range of whole numbers; `max` left out is no upper limit. */
export interface CountRange {
  /** Smallest value, 0 or more. */
  readonly min: number;
  /**
   * Largest value, at least `min`.
   * @default - no upper limit
   */
  readonly max?: number;
}

/**
 * What an instance type must offer to be launched (attribute-based instance type selection):
 * AWS picks every type that matches, including types released later.
 */
export interface InstanceRequirements {
  /** vCPUs per instance. */
  readonly vcpuCount: CountRange;
  /** Memory per instance in MiB. */
  readonly memoryMiB: CountRange;
  /**
   * CPU makers: `intel` and/or `amd` (x86_64), or `amazon-web-services` (Graviton, arm64),
   * never both kinds: the group's one image runs on one architecture, which this decides.
   */
  readonly cpuManufacturers: readonly ("intel" | "amd" | "amazon-web-services")[];
  /**
   * Burstable (T) types: `excluded`, or `required` (T types only, on standard credits).
   * `included` is not offered: the launch template's credit specification fits T types only.
   * @default "excluded" (AWS's default)
   */
  readonly burstablePerformance?: "excluded" | "required";
  /**
   * Generations: `current` and/or `previous`.
   * @default - both (AWS's default)
   */
  readonly instanceGenerations?: readonly ("current" | "previous")[];
  /**
   * Types or patterns (`m5.8xlarge`, `c5*.*`, `r*`) never launched; not with allowedInstanceTypes.
   * @default - none
   */
  readonly excludedInstanceTypes?: readonly string[];
  /**
   * Types or patterns the selection is limited to; not with excludedInstanceTypes.
   * @default - every type
   */
  readonly allowedInstanceTypes?: readonly string[];
}

/**
 * How a rolling instance refresh replaces the group's instances (the healthy percentages are
 * the group's own props). Every option left out is AWS's default.
 */
export interface InstanceRefreshOptions {
  /**
   * Leave instances that already run the desired launch template and instance types.
   * @default false
   */
  readonly skipMatching?: boolean;
  /**
   * Roll back to the previous launch template when the refresh fails or is cancelled.
   * @default false
   */
  readonly autoRollback?: boolean;
  /**
   * Seconds a new instance warms up before it counts as in service, 0 to 86400.
   * @default - the group's health check grace period
   */
  readonly instanceWarmupSeconds?: number;
  /**
   * Shares of the group (1 to 100, ascending, the last 100) after which the refresh pauses.
   * @default - no checkpoints
   */
  readonly checkpointPercentages?: readonly number[];
  /**
   * Seconds each checkpoint pauses, 0 to 172800; only with checkpointPercentages.
   * @default - 3600 where there are checkpoints
   */
  readonly checkpointDelaySeconds?: number;
  /**
   * Instances protected from scale-in: `Refresh` them, `Ignore` them, or `Wait` for them.
   * @default "Ignore"
   */
  readonly scaleInProtectedInstances?: "Refresh" | "Ignore" | "Wait";
  /**
   * Instances in standby: `Terminate` them, `Ignore` them, or `Wait` for them.
   * @default "Ignore"
   */
  readonly standbyInstances?: "Terminate" | "Ignore" | "Wait";
}

/**
 * Pre-initialized instances beside the group, which a scale-out starts instead of booting new
 * ones. AWS refuses a warm pool on a group with a mixed instances policy.
 */
export interface WarmPoolOptions {
  /**
   * State of the instances waiting in the pool: `Stopped` (pay for volumes only), `Running`,
   * or `Hibernated` (memory kept on the encrypted root volume: needs `hibernation: true`).
   * @default "Stopped"
   */
  readonly poolState?: "Stopped" | "Running" | "Hibernated";
  /**
   * Fewest instances kept in the pool, 0 to 1000.
   * @default 0
   */
  readonly minSize?: number;
  /**
   * Most instances in the group and the pool together (the pool holds this minus the desired
   * capacity, at least minSize), 0 to 1000.
   * @default - the group's maxSize
   */
  readonly maxGroupPreparedCapacity?: number;
  /**
   * Return instances to the pool on scale-in instead of terminating them.
   * @default false
   */
  readonly reuseOnScaleIn?: boolean;
}

/**
 * A pause in an instance's launch or termination until something completes the lifecycle
 * action (the instance itself may: its role is allowed to) or the heartbeat times out.
 */
export interface LifecycleHookOptions {
  /**
   * Seconds the instance waits for the action to be completed, 30 to 7200.
   * @default 300
   */
  readonly heartbeatTimeoutSeconds?: number;
  /**
   * What happens when the heartbeat times out: `CONTINUE`, or `ABANDON` (at launch, the
   * instance is terminated). CONTINUE, so that an instance nobody completes still serves.
   * @default "CONTINUE"
   */
  readonly defaultResult?: "CONTINUE" | "ABANDON";
}

/** A hook for launches, for terminations, or both. */
export interface LifecycleHooks {
  /** @default - no launch hook */
  readonly launch?: LifecycleHookOptions;
  /** @default - no termination hook */
  readonly terminate?: LifecycleHookOptions;
}

const HOOK_SHAPE: ShapeOf<LifecycleHookOptions> = {
  heartbeatTimeoutSeconds: integer({ min: 30, max: 7200, unit: "seconds" }),
  defaultResult: oneOf(["CONTINUE", "ABANDON"]),
};

const RANGE_SHAPE: ShapeOf<CountRange> = {
  min: required(integer({ min: 0, max: 10_000_000 })),
  max: integer({ min: 0, max: 10_000_000 }),
};

/** A type name or a pattern with `*` (AWS's syntax for allowed and excluded types). */
const TYPE_PATTERN = string({ pattern: /^[a-z0-9*][a-z0-9.*-]{0,29}$/, what: "an instance type or a pattern such as c5*.*" });

/** The shape of attribute-based instance selection: AWS's ranges and names. */
export const INSTANCE_REQUIREMENTS_SHAPE: ShapeOf<InstanceRequirements> = {
  vcpuCount: required(object(RANGE_SHAPE)),
  memoryMiB: required(object(RANGE_SHAPE)),
  cpuManufacturers: required(list(oneOf(["intel", "amd", "amazon-web-services"]), { minItems: 1, unique: true })),
  burstablePerformance: oneOf(["excluded", "required"]),
  instanceGenerations: list(oneOf(["current", "previous"]), { minItems: 1, unique: true }),
  excludedInstanceTypes: list(TYPE_PATTERN, { minItems: 1, maxItems: 400, noun: ["type", "types"], why: "AWS's limit", unique: true }),
  allowedInstanceTypes: list(TYPE_PATTERN, { minItems: 1, maxItems: 400, noun: ["type", "types"], why: "AWS's limit", unique: true }),
};

/** The mixed instances policy's shape (AWS's ranges), its instance types judged by `instanceType`. */
export function mixedInstancesSpec(instanceType: OptionalSpec<string>): OptionalSpec<MixedInstancesOptions> {
  return object<MixedInstancesOptions>({
    // The list's length decides how many overrides the policy has; its items may be tokens.
    instanceTypes: list(instanceType, {
      minItems: 1,
      maxItems: 40,
      noun: ["instance type", "instance types"],
      why: "AWS's limit per group",
      unique: true,
      lengthDecides: "the policy's overrides",
    }),
    instanceRequirements: object(INSTANCE_REQUIREMENTS_SHAPE),
    weights: record(integer({ min: 1, max: 999 })),
    spotMaxPrice: string({
      pattern: /^\d{1,5}(\.\d{1,6})?$/,
      what: 'a price in USD per hour as a decimal string such as "0.05"',
      refine: (p) => (Number(p) > 0 ? undefined : `(${JSON.stringify(p)}) must be above 0`),
    }),
    onDemandBaseCapacity: integer({ min: 0, max: 1000 }),
    onDemandPercentageAboveBaseCapacity: integer({ min: 0, max: 100, unit: "percent" }),
    onDemandAllocationStrategy: oneOf(["prioritized", "lowest-price"]),
    spotAllocationStrategy: oneOf(["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"]),
    capacityRebalance: boolean(),
  });
}

/** The shape of the instance refresh's options: AWS's ranges. */
export const INSTANCE_REFRESH_SHAPE: ShapeOf<InstanceRefreshOptions> = {
  skipMatching: boolean(),
  autoRollback: boolean(),
  instanceWarmupSeconds: integer({ min: 0, max: 86400, unit: "seconds" }),
  checkpointPercentages: list(integer({ min: 1, max: 100 }), { maxItems: 100 }),
  checkpointDelaySeconds: integer({ min: 0, max: 172800, unit: "seconds" }),
  scaleInProtectedInstances: oneOf(["Refresh", "Ignore", "Wait"]),
  standbyInstances: oneOf(["Terminate", "Ignore", "Wait"]),
};

/** The warm pool's shape: AWS's ranges. */
export const WARM_POOL_SHAPE: ShapeOf<WarmPoolOptions> = {
  // Hibernated needs hibernation configured in the launch template: a rule across fields.
  poolState: oneOf(["Stopped", "Running", "Hibernated"]),
  minSize: integer({ min: 0, max: 1000 }),
  maxGroupPreparedCapacity: integer({ min: 0, max: 1000 }),
  reuseOnScaleIn: boolean(),
};

/** The lifecycle hooks' shape: AWS's ranges. */
export const LIFECYCLE_HOOKS_SHAPE: ShapeOf<LifecycleHooks> = {
  launch: object(HOOK_SHAPE),
  terminate: object(HOOK_SHAPE),
};
