import { policyArn, tags } from "../core/fields";
import { boolean, integer, list, literal, object, oneOf, required, string, type ShapeOf } from "../core/shape";
import { isToken } from "../core/validation";
import type { LoadBalancerOutputs } from "../load-balancer/outputs";
import { INSTANCE_REFRESH_SHAPE, LIFECYCLE_HOOKS_SHAPE, mixedInstancesSpec, WARM_POOL_SHAPE, type InstanceRefreshOptions, type LifecycleHooks, type MixedInstancesOptions, type WarmPoolOptions } from "./capacity";
import { CAPACITY_RESERVATION_SHAPE, type CapacityReservationOptions } from "./capacity-reservation";
import { AL2023_IMAGE, IMAGE } from "./image";
import { PLACEMENT_GROUP_SHAPE, type PlacementGroupOptions } from "./placement";

/** Session Manager instead of SSH: the one policy every instance role carries. */
export const SSM_MANAGED_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/** What both modes share. */
export interface ComputeCommonProps {
  /** Name of the launch template, security group, role and (in asg mode) the group, e.g. `webtier-prod`. */
  readonly name: string;
  /** VPC the instances live in. */
  readonly vpcId: string;
  /** Subnets to launch into (private ones): instances spread round-robin, the group across all. */
  readonly subnetIds: readonly string[];
  /**
   * The load balancer in front (a {@link LoadBalancer}'s outputs): instances register in its
   * target group, admit its security group alone, and the app listens on its target port.
   */
  readonly loadBalancer: Pick<LoadBalancerOutputs, "targetGroupArn" | "securityGroupId" | "targetPort">;
  /**
   * Topic the status-check alarms (ec2 mode) and the group's launch and terminate events and
   * failures (asg mode) notify (an {@link AlarmTopic}'s `topicArn`).
   * @default - none: alarms act on the instance alone, group events notify nobody
   */
  readonly alarmTopicArn?: string;
  /**
   * EC2 instance type, one the AWS catalog (modules/core/aws-catalog, dated) lists.
   * @default "t3.micro"
   */
  readonly instanceType?: string;
  /**
   * Accept instance types the AWS catalog does not list: types launched after its date. Their
   * architecture and burstability are then read from their names.
   * @default false
   */
  readonly acceptUnlistedInstanceTypes?: boolean;
  /**
   * CPU credits of burstable (T family) instance types: `standard` (throttled to the baseline
   * when the credits run out, no extra charge) or `unlimited` (bursts on at a charge per vCPU-hour,
   * which a CPU-bound loop such as `/stress` runs up). Only for burstable types.
   * @default "standard" for burstable instance types; none for the others
   */
  readonly cpuCredits?: "standard" | "unlimited";
  /**
   * The image: an SSM parameter EC2 resolves at each launch (`resolve:ssm:<parameter>`), the
   * same pinned to a version (`resolve:ssm:<parameter>:<version>`), or an AMI id (`ami-…`).
   * A parameter's latest version is the newest image with no change here, but instances
   * launched on different days run different images and nothing rolls the old ones; a pinned
   * version or an AMI id is reproducible, and changing it rolls every instance (an instance
   * refresh in asg mode, a replacement in ec2 mode).
   * @default - the latest Amazon Linux 2023, arm64 for Graviton instance types, else x86_64
   */
  readonly imageId?: string;
  /**
   * Pins the image's SSM parameter (the default Amazon Linux 2023 one, or `imageId`'s) to this
   * version, at least 1: reproducible launches, and a bump rolls every instance.
   * @default - none: the parameter's latest version at each launch
   */
  readonly imageVersion?: number;
  /**
   * User data script (at most 16 KB).
   * @default - installs the default workload: an HTTP service on the app port
   */
  readonly userData?: string;
  /**
   * With the default workload, serve `POST /stress` to burn CPU for a bounded time (to watch
   * scaling). Through a WebTier the load balancer forwards it only from
   * `loadBalancer.stressAllowedCidrs` and answers 403 to everyone else.
   * @default false
   */
  readonly stressEndpoint?: boolean;
  /**
   * One-minute CloudWatch metrics instead of five-minute ones (faster scaling, small cost).
   * @default true
   */
  readonly detailedMonitoring?: boolean;
  /**
   * Size of the encrypted gp3 root volume in GiB.
   * @default 8
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Device name of the AMI's root volume.
   * @default "/dev/xvda" (Amazon Linux)
   */
  readonly rootDeviceName?: string;
  /**
   * Allow all outbound traffic instead of HTTPS only (package mirrors, SSM and AWS APIs all use 443).
   * @default false
   */
  readonly allowAllEgress?: boolean;
  /**
   * Managed policies attached to the instance role besides AmazonSSMManagedInstanceCore.
   * @default - none
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Tags for the instances and volumes the template launches. The provider's default tags do
   * not reach them through an Auto Scaling Group, so they are copied here.
   * @default - the stack's AWS provider default tags, then the module's tags
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The placement group instances launch into (the launch template's placement): an existing
   * one by name, or one the module creates with a strategy.
   * @default - none: EC2 places instances as it likes
   */
  readonly placementGroup?: PlacementGroupOptions;
  /**
   * Which On-Demand Capacity Reservations instances launch into (the launch template's
   * capacity reservation specification): `open` or `none`, or a target reservation or group.
   * @default - none written: EC2's default, any open reservation
   */
  readonly capacityReservation?: CapacityReservationOptions;
  /**
   * Instances can hibernate (RAM saved to the encrypted root volume, which must be larger than
   * the RAM): needed by a warm pool in state `Hibernated`. Not for bare-metal or Mac types.
   * @default false
   */
  readonly hibernation?: boolean;
}

/** Single instances, each registered in the target group and recovered by EC2 on host failure. */
export interface Ec2ModeProps extends ComputeCommonProps {
  readonly mode: "ec2";
  /**
   * Number of instances, 1 to 20.
   * @default 1
   */
  readonly instanceCount?: number;
}

/** An Auto Scaling Group attached to the target group, replaced by rolling instance refresh. */
export interface AsgModeProps extends ComputeCommonProps {
  readonly mode: "asg";
  /** Fewest instances the group keeps. */
  readonly minSize: number;
  /** Most instances the group may grow to (at least 1). */
  readonly maxSize: number;
  /**
   * Instances to start with, between minSize and maxSize; scaling policies change it after.
   * @default - minSize
   */
  readonly desiredCapacity?: number;
  /**
   * Seconds after launch before failed ELB health checks count, 0 to 7200.
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * What makes an instance unhealthy: `ELB` (the target group's health checks as well as EC2's
   * status checks) or `EC2` (status checks only: an instance whose app stops answering stays).
   * @default "ELB"
   */
  readonly healthCheckType?: "ELB" | "EC2";
  /**
   * Seconds between simple scaling activities, 0 to 86400.
   * @default 300
   */
  readonly defaultCooldownSeconds?: number;
  /**
   * Share of the desired capacity that stays in service during an instance refresh, 0 to 100
   * (rounded up to whole instances). A group that may run a single instance (minSize 0 or 1)
   * gets 100, as AWS recommends: at 90 the refresh could neither stop its one instance nor
   * launch a second beside it, and would fail.
   * @default - 90; 100 where minSize is at most 1
   */
  readonly minHealthyPercentage?: number;
  /**
   * Share of the desired capacity that may be running during an instance refresh, 100 to 200
   * and at most minHealthyPercentage + 100 (rounded down). Room above 100% lets replacements
   * launch before the instances they replace are terminated.
   * @default - minHealthyPercentage + 100, at most 200 (190, or 200 where minSize is at most 1)
   */
  readonly maxHealthyPercentage?: number;
  /**
   * How an instance refresh goes besides the healthy percentages: skip matching instances,
   * roll back on failure, warm-up, checkpoints, protected and standby instances.
   * @default - AWS's defaults: every instance replaced, no rollback, no checkpoints
   */
  readonly instanceRefresh?: InstanceRefreshOptions;
  /**
   * Several instance types (one architecture), an On-Demand base and percentage, Spot above
   * it; replaces `instanceType`.
   * @default - one instance type (`instanceType`), On-Demand only
   */
  readonly mixedInstances?: MixedInstancesOptions;
  /**
   * Stopped (or running) instances kept ready beside the group for faster scale-out; not
   * with `mixedInstances`.
   * @default - no warm pool
   */
  readonly warmPool?: WarmPoolOptions;
  /**
   * Pause launches and/or terminations until the lifecycle action is completed (the instance
   * role may complete it) or the heartbeat times out. The hooks are their own resources, so
   * they apply to a group that exists; the instances a new group launches as it is created do
   * not wait for them.
   * @default - none
   */
  readonly lifecycleHooks?: LifecycleHooks;
  /**
   * Seconds an instance may live before it is replaced: 0 (no limit) or 86400 to 31536000
   * (one to 365 days).
   * @default - no limit
   */
  readonly maxInstanceLifetimeSeconds?: number;
  /**
   * Which instances a scale-in terminates first, in order: AWS's policy names (`Default`,
   * `AllocationStrategy`, `OldestLaunchTemplate`, `OldestLaunchConfiguration`,
   * `ClosestToNextInstanceHour`, `NewestInstance`, `OldestInstance`), each once.
   * @default - AWS's Default policy
   */
  readonly terminationPolicies?: readonly TerminationPolicy[];
  /**
   * Auto Scaling processes kept suspended (AWS's process names), each once. A suspended
   * `Launch`, `Terminate` or `InstanceRefresh` also holds up instance refreshes.
   * @default - none: every process runs
   */
  readonly suspendedProcesses?: readonly ScalingProcess[];
  /**
   * Launch instances protected from scale-in: only a person (or a refresh with
   * `instanceRefresh.scaleInProtectedInstances` Refresh or Wait) removes them.
   * @default false
   */
  readonly protectFromScaleIn?: boolean;
  /**
   * Seconds after an instance is in service before its metrics count for scaling and it
   * counts as healthy in a refresh, 0 to 3600 (the group's default instance warm-up).
   * @default - not enabled: each policy's own warm-up applies
   */
  readonly defaultInstanceWarmupSeconds?: number;
}

/** AWS's termination policies of an Auto Scaling Group (custom Lambda policies not offered). */
export const TERMINATION_POLICIES = ["Default", "AllocationStrategy", "OldestLaunchTemplate", "OldestLaunchConfiguration", "ClosestToNextInstanceHour", "NewestInstance", "OldestInstance"] as const;
export type TerminationPolicy = (typeof TERMINATION_POLICIES)[number];

/** AWS's Auto Scaling processes that can be suspended. */
export const SCALING_PROCESSES = ["Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification", "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions"] as const;
export type ScalingProcess = (typeof SCALING_PROCESSES)[number];

export type ComputeProps = Ec2ModeProps | AsgModeProps;
export type ComputeMode = ComputeProps["mode"];

export const COMPUTE_DEFAULTS = {
  instanceType: "t3.micro",
  acceptUnlistedInstanceTypes: false,
  /** For burstable instance types only. */
  cpuCredits: "standard",
  imageId: AL2023_IMAGE,
  stressEndpoint: false,
  detailedMonitoring: true,
  rootVolumeSizeGiB: 8,
  rootDeviceName: "/dev/xvda",
  allowAllEgress: false,
  hibernation: false,
  protectFromScaleIn: false,
  managedPolicyArns: [] as readonly string[],
  instanceCount: 1,
  healthCheckGracePeriodSeconds: 300,
  healthCheckType: "ELB" as const,
  /** The only strategy an instance refresh of a launch-template group has. */
  instanceRefreshStrategy: "Rolling",
  defaultCooldownSeconds: 300,
  /** By the group's minSize (a token counts as large): 100 where the group may run one instance. */
  minHealthyPercentage: (minSize: number): number => (!isToken(minSize) && minSize <= 1 ? 100 : 90),
  /** By the refresh's minimum: room for a whole second set of instances, within AWS's 200. */
  maxHealthyPercentage: (minHealthyPercentage: number): number => Math.min(200, minHealthyPercentage + 100),
  mixedInstances: {
    onDemandBaseCapacity: 0,
    onDemandPercentageAboveBaseCapacity: 100,
    onDemandAllocationStrategy: "prioritized",
    spotAllocationStrategy: "price-capacity-optimized",
  },
  warmPool: { poolState: "Stopped", minSize: 0, reuseOnScaleIn: false },
  lifecycleHook: { heartbeatTimeoutSeconds: 300, defaultResult: "CONTINUE" },
} as const;

/** AWS caps raw user data at 16 KB. */
export const USER_DATA_MAX_BYTES = 16 * 1024;
const INSTANCE_TYPE = string({ pattern: /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/, what: "an EC2 instance type such as t3.micro" });

const COMMON_SHAPE: ShapeOf<ComputeCommonProps> = {
  // The role is `<name>-instance` and IAM role names stop at 64; ASG names allow 255.
  name: required(
    string({ pattern: /^[a-z][a-z0-9-]*$/, what: "lowercase letters, digits and hyphens, starting with a letter", maxLength: 40, limit: "so that the role <name>-instance fits IAM's 64" }),
  ),
  vpcId: required(string({ pattern: /^vpc-[0-9a-f]{8,17}$/, what: "a VPC id (vpc-…)" })),
  subnetIds: required(list(string({ pattern: /^subnet-[0-9a-f]{8,17}$/, what: "a subnet id (subnet-…)" }), { minItems: 1, noun: ["subnet", "subnets"], unique: true })),
  loadBalancer: required(
    object<ComputeCommonProps["loadBalancer"]>({
      targetGroupArn: required(string({ pattern: /^arn:aws[a-z-]*:elasticloadbalancing:/, what: "a target group ARN" })),
      securityGroupId: required(string({ pattern: /^sg-[0-9a-f]{3,17}$/, what: "a security group id (sg-…)" })),
      // Written out: the default workload's unit file carries it.
      targetPort: required(literal(integer({ min: 1, max: 65535 }), "the app's port in the instances' user data")),
    }, { open: true }),
  ),
  alarmTopicArn: string({ pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, what: "an SNS topic ARN" }),
  instanceType: INSTANCE_TYPE,
  acceptUnlistedInstanceTypes: boolean(),
  cpuCredits: oneOf(["standard", "unlimited"]),
  imageId: string({ pattern: IMAGE, what: "an AMI id (ami-…) or resolve:ssm:<parameter>" }),
  imageVersion: integer({ min: 1, max: 1_000_000_000 }),
  userData: literal(
    string({
      minLength: 0,
      refine: (u) => (Buffer.byteLength(u, "utf8") > USER_DATA_MAX_BYTES ? `is ${Buffer.byteLength(u, "utf8")} bytes; AWS allows at most ${USER_DATA_MAX_BYTES} (16 KB)` : undefined),
    }),
    "the launch template's base64 user data",
  ),
  stressEndpoint: boolean(),
  detailedMonitoring: boolean(),
  rootVolumeSizeGiB: integer({ min: 8, max: 16384, unit: "GiB" }),
  rootDeviceName: string({ pattern: /^\/dev\/[a-z0-9]+$/, what: "a device name such as /dev/xvda" }),
  allowAllEgress: boolean(),
  managedPolicyArns: list(policyArn(), { noun: ["policy ARN", "policy ARNs"], unique: true }),
  instanceTags: tags(),
  tags: tags(),
  placementGroup: object(PLACEMENT_GROUP_SHAPE),
  capacityReservation: object(CAPACITY_RESERVATION_SHAPE),
  hibernation: boolean(),
};

/** Each prop's type and own limits, by mode, next to their documentation and defaults above. */
export const COMPUTE_SHAPES: { readonly ec2: ShapeOf<Ec2ModeProps>; readonly asg: ShapeOf<AsgModeProps> } = {
  ec2: {
    ...COMMON_SHAPE,
    mode: required(literal(string<"ec2">(), "the compute mode")),
    instanceCount: literal(integer({ min: 1, max: 20 }), "how many instances are created"),
  },
  asg: {
    ...COMMON_SHAPE,
    mode: required(literal(string<"asg">(), "the compute mode")),
    minSize: required(integer({ min: 0, max: 1000 })),
    maxSize: required(integer({ min: 1, max: 1000 })),
    desiredCapacity: integer({ min: 0, max: 1000 }),
    healthCheckGracePeriodSeconds: integer({ min: 0, max: 7200, unit: "seconds" }),
    healthCheckType: oneOf(["ELB", "EC2"]),
    instanceRefresh: object(INSTANCE_REFRESH_SHAPE),
    defaultCooldownSeconds: integer({ min: 0, max: 86400, unit: "seconds" }),
    minHealthyPercentage: integer({ min: 0, max: 100 }),
    maxHealthyPercentage: integer({ min: 100, max: 200 }),
    mixedInstances: mixedInstancesSpec(INSTANCE_TYPE),
    warmPool: object(WARM_POOL_SHAPE),
    lifecycleHooks: object(LIFECYCLE_HOOKS_SHAPE),
    maxInstanceLifetimeSeconds: integer({ min: 0, max: 31_536_000, unit: "seconds" }),
    terminationPolicies: list(oneOf(TERMINATION_POLICIES), { minItems: 1, noun: ["policy", "policies"], unique: true }),
    suspendedProcesses: list(oneOf(SCALING_PROCESSES), { minItems: 1, noun: ["process", "processes"], unique: true }),
    protectFromScaleIn: boolean(),
    defaultInstanceWarmupSeconds: integer({ min: 0, max: 3600, unit: "seconds" }),
  },
};
