/** Amazon Linux 2023, resolved by EC2 at launch from the public SSM parameter: no data source. */
export const AL2023_IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/** The same for Graviton (arm64) instance types. */
export const AL2023_ARM64_IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

/** Session Manager instead of SSH: the one policy every instance role carries. */
export const SSM_MANAGED_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/** Graviton instance families (`t4g`, `m7g`, `c6gn`, `a1`) run arm64 images only. */
export function isArm64InstanceType(instanceType: string): boolean {
  return /^(a1|[a-z]+\d+g[a-z]*)\./.test(instanceType);
}

import { policyArn, tags } from "../core/fields";
import { boolean, integer, list, literal, object, required, string, type ShapeOf } from "../core/shape";
import type { LoadBalancerOutputs } from "../load-balancer/outputs";

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
   * EC2 instance type.
   * @default "t3.micro"
   */
  readonly instanceType?: string;
  /**
   * AMI id (`ami-…`) or an SSM parameter for EC2 to resolve at launch (`resolve:ssm:…`).
   * @default - latest Amazon Linux 2023, arm64 for Graviton instance types, else x86_64
   */
  readonly imageId?: string;
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
   * Seconds between simple scaling activities, 0 to 86400.
   * @default 300
   */
  readonly defaultCooldownSeconds?: number;
  /**
   * Share of the desired capacity that stays in service during an instance refresh, 0 to 100
   * (rounded up to whole instances).
   * @default 90
   */
  readonly minHealthyPercentage?: number;
  /**
   * Share of the desired capacity that may be running during an instance refresh, 100 to 200
   * and at most minHealthyPercentage + 100 (rounded down). Room above 100% lets replacements
   * launch before the instances they replace are terminated.
   * @default - minHealthyPercentage + 100, at most 200
   */
  readonly maxHealthyPercentage?: number;
}

export type ComputeProps = Ec2ModeProps | AsgModeProps;
export type ComputeMode = ComputeProps["mode"];

export const COMPUTE_DEFAULTS = {
  instanceType: "t3.micro",
  imageId: AL2023_IMAGE,
  stressEndpoint: false,
  detailedMonitoring: true,
  rootVolumeSizeGiB: 8,
  rootDeviceName: "/dev/xvda",
  allowAllEgress: false,
  managedPolicyArns: [] as readonly string[],
  instanceCount: 1,
  healthCheckGracePeriodSeconds: 300,
  defaultCooldownSeconds: 300,
  minHealthyPercentage: 90,
} as const;

/** AWS caps raw user data at 16 KB. */
export const USER_DATA_MAX_BYTES = 16 * 1024;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/;
const IMAGE = /^(ami-[0-9a-f]{8}([0-9a-f]{9})?|resolve:ssm:\/?[\w./-]+(:\d+)?)$/;

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
  instanceType: string({ pattern: INSTANCE_TYPE, what: "an EC2 instance type such as t3.micro" }),
  imageId: string({ pattern: IMAGE, what: "an AMI id (ami-…) or resolve:ssm:<parameter>" }),
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
    defaultCooldownSeconds: integer({ min: 0, max: 86400, unit: "seconds" }),
    minHealthyPercentage: integer({ min: 0, max: 100 }),
    maxHealthyPercentage: integer({ min: 100, max: 200 }),
  },
};
