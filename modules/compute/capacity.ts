import { boolean, integer, list, object, oneOf, required, type OptionalSpec, type ShapeOf } from "../core/shape";

/**
 * Several instance types in one Auto Scaling Group, On-Demand and optionally Spot. Every type
 * launches from the group's one launch template, so all run the same architecture.
 */
export interface MixedInstancesOptions {
  /**
   * Instance types the group may launch, 1 to 40, in priority order (the first is the
   * launch template's own), all of one architecture and either all burstable or none.
   */
  readonly instanceTypes: readonly string[];
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
   * State of the instances waiting in the pool: `Stopped` (pay for volumes only) or `Running`.
   * @default "Stopped"
   */
  readonly poolState?: "Stopped" | "Running";
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

/** The mixed instances policy's shape (AWS's ranges), its instance types judged by `instanceType`. */
export function mixedInstancesSpec(instanceType: OptionalSpec<string>): OptionalSpec<MixedInstancesOptions> {
  return object<MixedInstancesOptions>({
    // The list's length decides how many overrides the policy has; its items may be tokens.
    instanceTypes: required(list(instanceType, { minItems: 1, maxItems: 40, noun: ["instance type", "instance types"], why: "AWS's limit per group", unique: true, lengthDecides: "the policy's overrides" })),
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
  // Hibernated is not offered: it needs hibernation configured in the launch template.
  poolState: oneOf(["Stopped", "Running"]),
  minSize: integer({ min: 0, max: 1000 }),
  maxGroupPreparedCapacity: integer({ min: 0, max: 1000 }),
  reuseOnScaleIn: boolean(),
};

/** The lifecycle hooks' shape: AWS's ranges. */
export const LIFECYCLE_HOOKS_SHAPE: ShapeOf<LifecycleHooks> = {
  launch: object(HOOK_SHAPE),
  terminate: object(HOOK_SHAPE),
};
