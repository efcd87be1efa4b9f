import { quote, suggest } from "../core/shape";
import { judge, known, reading, rules, when, type Finding, type Rule } from "../core/validation";
import { Token } from "cdktf";
import { CATALOG_DATE, instanceTypeInfo, knownInstanceTypes } from "../core/aws-catalog";
import { imageKind } from "./image";
import { burstability, commonArchitecture, instanceTypeTraits, launchedInstanceTypes } from "./instance-types";
import { COMPUTE_DEFAULTS, COMPUTE_SETTINGS_SHAPE, COMPUTE_SHAPE, SSM_MANAGED_POLICY, type AsgSettings, type ComputeProps, type ComputeSettings } from "./props";


/** The refresh's effective healthy-percentage bounds, defaults applied (they follow the group's minSize). */
export function refreshBounds(c: { readonly minSize: number; readonly minHealthyPercentage?: number; readonly maxHealthyPercentage?: number }): { min: number; max: number } {
  const min = c.minHealthyPercentage ?? COMPUTE_DEFAULTS.minHealthyPercentage(c.minSize);
  return { min, max: c.maxHealthyPercentage ?? COMPUTE_DEFAULTS.maxHealthyPercentage(min) };
}

/** Rules across an Auto Scaling Group's sizes and refresh bounds; values that are tokens are not judged. */
const asgRules: readonly Rule<AsgSettings>[] = [
  when("instanceRefresh.checkpointPercentages", ["instanceRefresh.checkpointPercentages"], (c) => {
    const points = c.instanceRefresh?.checkpointPercentages;
    if (points === undefined || Token.isUnresolved(points) || points.some((p) => Token.isUnresolved(p))) return undefined;
    return points.every((p, i) => i === 0 || p > points[i - 1]!) ? undefined : `(${JSON.stringify(points)}) must rise, each value once (an AWS rule)`;
  }),
  when("instanceRefresh.checkpointDelaySeconds", ["instanceRefresh.checkpointDelaySeconds", "instanceRefresh.checkpointPercentages"], (c) =>
    c.instanceRefresh?.checkpointDelaySeconds !== undefined && c.instanceRefresh.checkpointPercentages === undefined
      ? `(${c.instanceRefresh.checkpointDelaySeconds}) pauses at checkpoints: set checkpointPercentages too`
      : undefined,
  ),
  when("maxSize", ["minSize", "maxSize"], (c) => (known(c.minSize, c.maxSize) && c.maxSize < c.minSize ? `(${c.maxSize}) must be >= minSize (${c.minSize})` : undefined)),
  when("desiredCapacity", ["desiredCapacity", "minSize", "maxSize"], (c) => {
    const d = c.desiredCapacity;
    if (!known(d, c.minSize, c.maxSize) || c.maxSize < c.minSize) return undefined;
    if (d! < c.minSize) return `(${d}) must be >= minSize (${c.minSize})`;
    if (d! > c.maxSize) return `(${d}) must be <= maxSize (${c.maxSize})`;
    return undefined;
  }),
  when("maxHealthyPercentage", ["minSize", "minHealthyPercentage", "maxHealthyPercentage"], (c) => {
    const { min } = refreshBounds(c);
    const max = c.maxHealthyPercentage;
    return known(min, max) && max! - min > 100 ? `(${max}) may exceed minHealthyPercentage (${min}) by at most 100 (an AWS rule)` : undefined;
  }),
  // A refresh must either launch above the desired capacity or stop an instance without going
  // below the minimum; AWS rounds the minimum up and the maximum down to whole instances. The
  // defaults always leave room, so this judges what the user wrote, reported where they wrote it.
  rules(["desiredCapacity", "minSize", "maxSize", "minHealthyPercentage", "maxHealthyPercentage"], (c) => {
    const desired = c.desiredCapacity ?? c.minSize;
    const { min, max } = refreshBounds(c);
    // Only judged once the sizes and bounds themselves hold.
    if (!known(desired, c.minSize, c.maxSize, min, max) || desired < 1 || desired < c.minSize || desired > c.maxSize || max - min > 100) return [];
    const canLaunchFirst = Math.floor((max * desired) / 100) > desired;
    const canStopOne = desired - Math.ceil((min * desired) / 100) >= 1;
    if (canLaunchFirst || canStopOne) return [];
    const room = `leaves an instance refresh of ${desired} instance(s) no room to replace one without downtime; use minHealthyPercentage 100 and maxHealthyPercentage 200`;
    return c.minHealthyPercentage !== undefined
      ? [{ path: "minHealthyPercentage", message: `(${min}) with maxHealthyPercentage ${max} ${room}` }]
      : [{ path: "maxHealthyPercentage", message: `(${max}) with minHealthyPercentage ${min} ${room}` }];
  }),
];

/** `t3.small (x86_64), t4g.small (arm64)`: each written-out type with its architectures. */
const withArchitectures = (types: readonly string[]) =>
  types.filter((t) => known(t)).map((t) => `${t} (${instanceTypeTraits(t).architectures.join(", ")})`).join(", ");

/** Rules of the group's capacity: its mixed instances policy and warm pool. */
const capacityRules: readonly Rule<AsgSettings>[] = [
  when("instanceType", ["instanceType", "mixedInstances"], (c) =>
    c.mixedInstances && c.instanceType !== undefined
      ? `(${quote(c.instanceType)}) must be left out with mixedInstances: its instanceTypes list every type the group launches, the first being the launch template's`
      : undefined,
  ),
  when("mixedInstances.instanceTypes", ["mixedInstances.instanceTypes"], (c) =>
    c.mixedInstances && commonArchitecture(c.mixedInstances.instanceTypes) === undefined
      ? `mixes architectures: ${withArchitectures(c.mixedInstances.instanceTypes)}; the group's one launch template has one image, which runs on one architecture`
      : undefined,
  ),
  when("mixedInstances.instanceTypes", ["mixedInstances.instanceTypes"], (c) =>
    c.mixedInstances && burstability(c.mixedInstances.instanceTypes) === "some"
      ? `mixes burstable (T) and other instance types (${c.mixedInstances.instanceTypes.join(", ")}); the launch template's credit specification would apply to all of them, and only T types take one`
      : undefined,
  ),
  when("warmPool", ["warmPool", "mixedInstances"], (c) =>
    c.warmPool && c.mixedInstances
      ? "cannot be used with mixedInstances: AWS refuses a warm pool on a group with a mixed instances policy (PutWarmPool)"
      : undefined,
  ),
];

/** Rules both modes share. */
const sharedRules: readonly Rule<ComputeSettings>[] = [
  rules(["acceptUnlistedInstanceTypes", "instanceType", "mixedInstances.instanceTypes"], (c) => {
    if (c.acceptUnlistedInstanceTypes ?? COMPUTE_DEFAULTS.acceptUnlistedInstanceTypes) return [];
    const listed = c.mode === "asg" && c.mixedInstances ? c.mixedInstances.instanceTypes.map((t, i) => [t, `mixedInstances.instanceTypes[${i}]`] as const) : [[c.instanceType, "instanceType"] as const];
    return listed.flatMap(([type, path]) => {
      if (type === undefined || !known(type) || instanceTypeInfo(type)) return [];
      const near = suggest(type, knownInstanceTypes());
      return [
        {
          path,
          message:
            `(${quote(type)}) is not an EC2 instance type (catalog of ${CATALOG_DATE})${near ? `; did you mean ${quote(near)}?` : ""}` +
            " (a type newer than the catalog is accepted with acceptUnlistedInstanceTypes: true)",
        },
      ];
    });
  }),
  when("cpuCredits", ["cpuCredits", "instanceType", "mixedInstances.instanceTypes"], (c) => {
    const types = launchedInstanceTypes(c, COMPUTE_DEFAULTS.instanceType);
    return c.cpuCredits !== undefined && burstability(types) === "none"
      ? `(${quote(c.cpuCredits)}) applies to burstable (T family) instance types only, and ${types.join(", ")} ${types.length === 1 ? "earns" : "earn"} no CPU credits; leave it out`
      : undefined;
  }),
  when("imageVersion", ["imageVersion", "imageId"], (c) => {
    if (c.imageVersion === undefined || c.imageId === undefined) return undefined;
    const kind = imageKind(c.imageId);
    if (kind === "ami") return `(${c.imageVersion}) pins an SSM parameter's version, and imageId (${quote(c.imageId)}) is an AMI id, fixed already: leave one out`;
    if (kind === "pinned-parameter") return `(${c.imageVersion}) pins a version that imageId (${quote(c.imageId)}) pins already: leave one out`;
    return undefined;
  }),
  rules(["managedPolicyArns"], (c) =>
    Token.isUnresolved(c.managedPolicyArns ?? [])
      ? []
      : (c.managedPolicyArns ?? []).flatMap((arn, i) =>
          arn === SSM_MANAGED_POLICY ? [{ path: `managedPolicyArns[${i}]`, message: `(${JSON.stringify(arn)}) is attached already: every instance role carries it for Session Manager` }] : [],
        ),
  ),
];

/**
 * Rules across the compute settings' fields, each reading the fields it declares. Every rule
 * reads `mode` as well: the mode decides which shape the other fields were checked against.
 */
export const computeRules: readonly Rule<ComputeSettings>[] = reading(
  ["mode"],
  [...sharedRules, { over: "mode", expand: (c: ComputeSettings) => (c.mode === "asg" ? [...asgRules, ...capacityRules] : []) as readonly Rule<ComputeSettings>[] }],
);

/** Every problem with the compute settings, paths relative to `at`: their shape (by mode), and each rule whose fields are sound. */
export function validateComputeSettings(settings: ComputeSettings, at = ""): Finding[] {
  return judge(settings, COMPUTE_SETTINGS_SHAPE.check(settings, ""), computeRules, at);
}

/** Every problem with the compute props, as the construct sees them. */
export function validateComputeProps(props: ComputeProps, at = ""): Finding[] {
  return judge(props, COMPUTE_SHAPE.check(props, ""), computeRules, at);
}
