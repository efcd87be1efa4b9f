import { check, each, intRange, isToken, matches, maxLength, rule, when, type Finding, type Rule } from "../core/validation";
import { COMPUTE_DEFAULTS, type AsgModeProps, type ComputeCommonProps, type ComputeProps, type Ec2ModeProps } from "./props";

/** Keys a WebTier fills in from other modules' outputs. */
type Wired = "name" | "vpcId" | "subnetIds" | "loadBalancer" | "tags" | "instanceTags";

/** The compute module's inputs that are plain data (what an environment's config holds), by mode. */
export type ComputeSettings = Omit<Ec2ModeProps, Wired> | Omit<AsgModeProps, Wired>;

/** AWS caps raw user data at 16 KB. */
export const USER_DATA_MAX_BYTES = 16 * 1024;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/;
const IMAGE = /^(ami-[0-9a-f]{8}([0-9a-f]{9})?|resolve:ssm:\/?[\w./-]+(:\d+)?)$/;

type Shared = Omit<ComputeCommonProps, Wired>;

const sharedRules: readonly Rule<Shared>[] = [
  matches("instanceType", (c) => c.instanceType, INSTANCE_TYPE, "an EC2 instance type such as t3.micro"),
  matches("imageId", (c) => c.imageId, IMAGE, "an AMI id (ami-…) or resolve:ssm:<parameter>"),
  rule(
    "userData",
    (c) => c.userData,
    (u) => Buffer.byteLength(u, "utf8") > USER_DATA_MAX_BYTES,
    (u) => `is ${Buffer.byteLength(u, "utf8")} bytes; AWS allows at most ${USER_DATA_MAX_BYTES} (16 KB)`,
  ),
  intRange("rootVolumeSizeGiB", (c) => c.rootVolumeSizeGiB, 8, 16384, "GiB"),
  matches("rootDeviceName", (c) => c.rootDeviceName, /^\/dev\/[a-z0-9]+$/, "a device name such as /dev/xvda"),
  each("managedPolicyArns", (c) => c.managedPolicyArns, [
    matches("", (a: string) => a, /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, "an IAM policy ARN (arn:aws:iam::<account|aws>:policy/<name>)"),
  ]),
];

const ec2Rules: readonly Rule<Omit<Ec2ModeProps, Wired>>[] = [intRange("instanceCount", (c) => c.instanceCount, 1, 20)];

const asgRules: readonly Rule<Omit<AsgModeProps, Wired>>[] = [
  intRange("minSize", (c) => c.minSize, 0, 1000),
  intRange("maxSize", (c) => c.maxSize, 1, 1000),
  intRange("desiredCapacity", (c) => c.desiredCapacity, 0, 1000),
  when("maxSize", (c) =>
    Number.isInteger(c.minSize) && Number.isInteger(c.maxSize) && c.maxSize < c.minSize
      ? `(${c.maxSize}) must be >= minSize (${c.minSize})`
      : undefined,
  ),
  when("desiredCapacity", (c) => {
    const d = c.desiredCapacity;
    if (d === undefined || !Number.isInteger(d)) return undefined;
    if (Number.isInteger(c.minSize) && d < c.minSize) return `(${d}) must be >= minSize (${c.minSize})`;
    if (Number.isInteger(c.maxSize) && d > c.maxSize) return `(${d}) must be <= maxSize (${c.maxSize})`;
    return undefined;
  }),
  intRange("healthCheckGracePeriodSeconds", (c) => c.healthCheckGracePeriodSeconds, 0, 7200, "seconds"),
  intRange("defaultCooldownSeconds", (c) => c.defaultCooldownSeconds, 0, 86400, "seconds"),
  intRange("minHealthyPercentage", (c) => c.minHealthyPercentage, 0, 100),
  intRange("maxHealthyPercentage", (c) => c.maxHealthyPercentage, 100, 200),
  when("maxHealthyPercentage", (c) => {
    const min = c.minHealthyPercentage ?? COMPUTE_DEFAULTS.minHealthyPercentage;
    const max = c.maxHealthyPercentage;
    return max !== undefined && max - min > 100 ? `(${max}) may exceed minHealthyPercentage (${min}) by at most 100 (an AWS rule)` : undefined;
  }),
  when("minHealthyPercentage", (c) => {
    // A refresh must either launch above the desired capacity or stop an instance without going
    // below the minimum; AWS rounds the minimum up and the maximum down to whole instances.
    const desired = c.desiredCapacity ?? c.minSize;
    // Only judged once the sizes themselves hold.
    if (!Number.isInteger(desired) || desired < 1 || desired < c.minSize || desired > c.maxSize) return undefined;
    const { min, max } = refreshBounds(c);
    if (!(min >= 0 && min <= 100 && max >= 100 && max <= 200)) return undefined;
    const canLaunchFirst = Math.floor((max * desired) / 100) > desired;
    const canStopOne = desired - Math.ceil((min * desired) / 100) >= 1;
    return canLaunchFirst || canStopOne
      ? undefined
      : `(${min}) with maxHealthyPercentage ${max} leaves an instance refresh of ${desired} instance(s) no room to replace one without downtime; ` +
          "use minHealthyPercentage 100 and maxHealthyPercentage 200";
  }),
];

/** The refresh's effective healthy-percentage bounds, defaults applied. */
export function refreshBounds(c: { readonly minHealthyPercentage?: number; readonly maxHealthyPercentage?: number }): { min: number; max: number } {
  const min = c.minHealthyPercentage ?? COMPUTE_DEFAULTS.minHealthyPercentage;
  return { min, max: c.maxHealthyPercentage ?? Math.min(200, min + 100) };
}

const propsRules: readonly Rule<ComputeProps>[] = [
  matches("name", (p) => p.name, /^[a-z][a-z0-9-]*$/, "lowercase letters, digits and hyphens, starting with a letter"),
  // The role is `<name>-instance` and IAM role names stop at 64; ASG names allow 255.
  maxLength("name", (p) => p.name, 40),
  when("subnetIds", (p) => (!isToken(p.subnetIds) && p.subnetIds.length === 0 ? "must list at least one subnet" : undefined)),
  intRange("loadBalancer.targetPort", (p) => p.loadBalancer.targetPort, 1, 65535),
];

/** Every problem with the compute settings, paths relative to `at`. */
export function validateComputeSettings(settings: ComputeSettings, at = ""): Finding[] {
  const shared = check<Shared>(settings, sharedRules, at);
  if (settings.mode === "ec2") return [...shared, ...check(settings, ec2Rules, at)];
  if (settings.mode === "asg") return [...shared, ...check(settings, asgRules, at)];
  return [...shared, { path: at ? `${at}.mode` : "mode", message: `(${JSON.stringify((settings as { mode: unknown }).mode)}) must be "ec2" or "asg"` }];
}

/** Every problem with the compute props, as the construct sees them. */
export function validateComputeProps(props: ComputeProps, at = ""): Finding[] {
  return [...check(props, propsRules, at), ...validateComputeSettings(props, at)];
}
