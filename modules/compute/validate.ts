import { omit, quote, suggest, variants } from "../core/shape";
import { isToken, judge, known, reading, rules, when, type Finding, type Rule } from "../core/validation";
import { Token } from "cdktf";
import { CATALOG_DATE, instanceTypeInfo, knownInstanceTypes } from "../core/aws-catalog";
import { imageKind } from "./image";
import { burstability, commonArchitecture, instanceTypeTraits, launchedArchitecture, launchedBurstability, launchedInstanceTypes } from "./instance-types";
import { SPREAD_INSTANCES_PER_ZONE } from "./placement";
import { COMPUTE_DEFAULTS, COMPUTE_SHAPES, SSM_MANAGED_POLICY, type AsgModeProps, type ComputeProps, type Ec2ModeProps } from "./props";

/** Keys a WebTier fills in from other modules' outputs. */
type Wired = "name" | "vpcId" | "subnetIds" | "loadBalancer" | "alarmTopicArn" | "tags" | "instanceTags";

/** The compute module's inputs that are plain data (what an environment's config holds), by mode. */
export type ComputeSettings = Omit<Ec2ModeProps, Wired> | Omit<AsgModeProps, Wired>;

const WIRED: readonly Wired[] = ["name", "vpcId", "subnetIds", "loadBalancer", "alarmTopicArn", "tags", "instanceTags"];
const PROPS_SHAPE = variants<ComputeProps, "mode">("mode", COMPUTE_SHAPES);
/** The shape of the compute settings, by mode. */
export const COMPUTE_SETTINGS_SHAPE = variants<ComputeSettings, "mode">("mode", { ec2: omit(COMPUTE_SHAPES.ec2, ...WIRED), asg: omit(COMPUTE_SHAPES.asg, ...WIRED) });

/** The refresh's effective healthy-percentage bounds, defaults applied (they follow the group's minSize). */
export function refreshBounds(c: { readonly minSize: number; readonly minHealthyPercentage?: number; readonly maxHealthyPercentage?: number }): { min: number; max: number } {
  const min = c.minHealthyPercentage ?? COMPUTE_DEFAULTS.minHealthyPercentage(c.minSize);
  return { min, max: c.maxHealthyPercentage ?? COMPUTE_DEFAULTS.maxHealthyPercentage(min) };
}

type AsgSettings = Omit<AsgModeProps, Wired>;

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
const capacityRules: readonly Rule<Omit<AsgModeProps, Wired>>[] = [
  when("instanceType", ["instanceType", "mixedInstances"], (c) =>
    c.mixedInstances && c.instanceType !== undefined
      ? `(${quote(c.instanceType)}) must be left out with mixedInstances: its instanceTypes list every type the group launches, the first being the launch template's`
      : undefined,
  ),
  when("mixedInstances", ["mixedInstances.instanceTypes", "mixedInstances.instanceRequirements"], (c) => {
    const m = c.mixedInstances;
    if (!m) return undefined;
    if (m.instanceTypes === undefined && m.instanceRequirements === undefined) return "must list instanceTypes or give instanceRequirements: the group needs types to launch";
    return m.instanceTypes !== undefined && m.instanceRequirements !== undefined
      ? "takes instanceTypes or instanceRequirements, not both: AWS refuses an override with an instance type and instance requirements"
      : undefined;
  }),
  when("mixedInstances.instanceTypes", ["mixedInstances.instanceTypes"], (c) =>
    c.mixedInstances?.instanceTypes && commonArchitecture(c.mixedInstances.instanceTypes) === undefined
      ? `mixes architectures: ${withArchitectures(c.mixedInstances.instanceTypes)}; the group's one launch template has one image, which runs on one architecture`
      : undefined,
  ),
  when("mixedInstances.instanceTypes", ["mixedInstances.instanceTypes"], (c) =>
    c.mixedInstances?.instanceTypes && burstability(c.mixedInstances.instanceTypes) === "some"
      ? `mixes burstable (T) and other instance types (${c.mixedInstances.instanceTypes.join(", ")}); the launch template's credit specification would apply to all of them, and only T types take one`
      : undefined,
  ),
  ...(["vcpuCount", "memoryMiB"] as const).map((field) =>
    when<AsgSettings>(`mixedInstances.instanceRequirements.${field}.max`, [`mixedInstances.instanceRequirements.${field}`], (c) => {
      const range = c.mixedInstances?.instanceRequirements?.[field];
      return range && known(range.min, range.max) && range.max! < range.min ? `(${range.max}) must be >= min (${range.min})` : undefined;
    }),
  ),
  when("mixedInstances.instanceRequirements.cpuManufacturers", ["mixedInstances.instanceRequirements.cpuManufacturers"], (c) =>
    c.mixedInstances?.instanceRequirements && launchedArchitecture(c, COMPUTE_DEFAULTS.instanceType) === undefined
      ? `(${quote(c.mixedInstances.instanceRequirements.cpuManufacturers)}) mixes Graviton (arm64) with Intel or AMD (x86_64); the group's one launch template has one image, which runs on one architecture`
      : undefined,
  ),
  when("mixedInstances.instanceRequirements.allowedInstanceTypes", ["mixedInstances.instanceRequirements.allowedInstanceTypes", "mixedInstances.instanceRequirements.excludedInstanceTypes"], (c) =>
    c.mixedInstances?.instanceRequirements?.allowedInstanceTypes !== undefined && c.mixedInstances.instanceRequirements.excludedInstanceTypes !== undefined
      ? "cannot be used with excludedInstanceTypes: AWS takes one or the other"
      : undefined,
  ),
  rules(["mixedInstances.weights", "mixedInstances.instanceTypes", "mixedInstances.instanceRequirements"], (c) => {
    const m = c.mixedInstances;
    if (!m?.weights || isToken(m.instanceTypes)) return [];
    if (m.instanceRequirements) return [{ path: "mixedInstances.weights", message: "weigh named instance types, and instanceRequirements names none: leave one out" }];
    const types = (m.instanceTypes ?? []).filter((t) => known(t));
    const unlisted = Object.keys(m.weights).filter((t) => !types.includes(t));
    const unweighted = types.filter((t) => m.weights![t] === undefined);
    return [
      ...unlisted.map((t) => ({ path: `mixedInstances.weights.${t}`, message: `weighs ${quote(t)}, which instanceTypes does not list` })),
      ...(unweighted.length > 0 && unlisted.length < Object.keys(m.weights).length
        ? [{ path: "mixedInstances.weights", message: `must weigh every instance type or none (an AWS rule), and leaves out ${unweighted.join(", ")}` }]
        : []),
    ];
  }),
  when("mixedInstances.spotMaxPrice", ["mixedInstances.spotMaxPrice", "mixedInstances.onDemandPercentageAboveBaseCapacity"], (c) => {
    const m = c.mixedInstances;
    const percent = m?.onDemandPercentageAboveBaseCapacity ?? COMPUTE_DEFAULTS.mixedInstances.onDemandPercentageAboveBaseCapacity;
    return m?.spotMaxPrice !== undefined && known(percent) && percent >= 100
      ? `(${quote(m.spotMaxPrice)}) caps Spot prices, and onDemandPercentageAboveBaseCapacity ${percent} launches no Spot Instances: lower it, or leave the price out`
      : undefined;
  }),
  when("warmPool", ["warmPool", "mixedInstances"], (c) =>
    c.warmPool && c.mixedInstances
      ? "cannot be used with mixedInstances: AWS refuses a warm pool on a group with a mixed instances policy (PutWarmPool)"
      : undefined,
  ),
  when("warmPool.poolState", ["warmPool.poolState", "hibernation"], (c) =>
    c.warmPool?.poolState === "Hibernated" && !(c.hibernation ?? COMPUTE_DEFAULTS.hibernation)
      ? '("Hibernated") needs instances that can hibernate: set hibernation: true (the launch template\'s hibernation options)'
      : undefined,
  ),
  when("maxInstanceLifetimeSeconds", ["maxInstanceLifetimeSeconds"], (c) => {
    const s = c.maxInstanceLifetimeSeconds;
    return known(s) && s! > 0 && s! < 86400 ? `(${s}) must be 0 (no limit) or from 86400 (one day) to 31536000 seconds (an AWS rule)` : undefined;
  }),
  when("protectFromScaleIn", ["protectFromScaleIn", "instanceRefresh.scaleInProtectedInstances"], (c) => {
    const handling = c.instanceRefresh?.scaleInProtectedInstances ?? "Ignore";
    return c.protectFromScaleIn === true && handling === "Ignore"
      ? 'protects every instance, and an instance refresh ignores protected instances (instanceRefresh.scaleInProtectedInstances "Ignore", the default), so it would replace none: set it to "Refresh" or "Wait"'
      : undefined;
  }),
];

/** How many instances the compute may run at most: the group's maxSize, or the instance count. */
const mostInstances = (c: ComputeSettings): number => (c.mode === "asg" ? c.maxSize : (c.instanceCount ?? COMPUTE_DEFAULTS.instanceCount));

/** Rules of where instances are placed and which reservations they use (both modes). */
const placementRules: readonly Rule<ComputeSettings>[] = [
  when("placementGroup", ["placementGroup.name", "placementGroup.strategy"], (c) => {
    const g = c.placementGroup;
    if (!g) return undefined;
    if (g.name === undefined && g.strategy === undefined) return "must give a name (an existing group) or a strategy (a group the module creates)";
    return g.name !== undefined && g.strategy !== undefined ? "takes a name (an existing group) or a strategy (a group the module creates), not both" : undefined;
  }),
  when("placementGroup.partitionCount", ["placementGroup.partitionCount", "placementGroup.strategy"], (c) =>
    c.placementGroup?.partitionCount !== undefined && c.placementGroup.strategy !== "partition"
      ? `(${c.placementGroup.partitionCount}) applies to strategy "partition" only`
      : undefined,
  ),
  when("placementGroup.strategy", ["placementGroup.strategy", "instanceType", "mixedInstances.instanceTypes", "mixedInstances.instanceRequirements.burstablePerformance"], (c) =>
    c.placementGroup?.strategy === "cluster" && ["all", "some"].includes(launchedBurstability(c, COMPUTE_DEFAULTS.instanceType) ?? "none")
      ? '("cluster") cannot hold burstable (T) instance types (an AWS rule): choose other types, or another strategy'
      : undefined,
  ),
  // At most 7 running instances per zone, and a group's zones are at most its subnets.
  rules(["placementGroup.strategy", "maxSize", "instanceCount", "subnetIds"], (c) => {
    const subnets = (c as Partial<ComputeProps>).subnetIds;
    if (c.placementGroup?.strategy !== "spread" || subnets === undefined || !known(subnets) || !known(mostInstances(c))) return [];
    const room = SPREAD_INSTANCES_PER_ZONE * subnets.length;
    const field = c.mode === "asg" ? "maxSize" : "instanceCount";
    return mostInstances(c) > room
      ? [{ path: "placementGroup.strategy", message: `("spread") holds at most ${SPREAD_INSTANCES_PER_ZONE} running instances per zone (an AWS rule), ${room} across ${subnets.length} subnet(s), and ${field} is ${mostInstances(c)}` }]
      : [];
  }),
  when("capacityReservation", ["capacityReservation"], (c) => {
    const r = c.capacityReservation;
    if (!r) return undefined;
    const given = [r.preference, r.reservationId, r.resourceGroupArn].filter((v) => v !== undefined).length;
    return given === 1 ? undefined : `must give exactly one of preference, reservationId and resourceGroupArn (got ${given})`;
  }),
  rules(["hibernation", "instanceType", "mixedInstances.instanceTypes"], (c) => {
    if (!c.hibernation) return [];
    const types = c.mode === "asg" && c.mixedInstances ? (c.mixedInstances.instanceTypes ?? []) : [c.instanceType ?? COMPUTE_DEFAULTS.instanceType];
    if (!known(types)) return [];
    // Every Mac type is a metal size too.
    const refused = types.filter((t) => known(t) && /\.metal/.test(t));
    return refused.length > 0 ? [{ path: "hibernation", message: `is not offered on bare-metal instance types (${refused.join(", ")}), Mac ones included (an AWS rule)` }] : [];
  }),
];

/** Rules both modes share. */
const sharedRules: readonly Rule<ComputeSettings>[] = [
  rules(["acceptUnlistedInstanceTypes", "instanceType", "mixedInstances.instanceTypes"], (c) => {
    if (c.acceptUnlistedInstanceTypes ?? COMPUTE_DEFAULTS.acceptUnlistedInstanceTypes) return [];
    const listed = c.mode === "asg" && c.mixedInstances ? (c.mixedInstances.instanceTypes ?? []).map((t, i) => [t, `mixedInstances.instanceTypes[${i}]`] as const) : [[c.instanceType, "instanceType"] as const];
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
  when("cpuCredits", ["cpuCredits", "instanceType", "mixedInstances.instanceTypes", "mixedInstances.instanceRequirements.burstablePerformance"], (c) => {
    const types = launchedInstanceTypes(c, COMPUTE_DEFAULTS.instanceType);
    // Instance requirements name no types: their burstablePerformance says whether they are T.
    const launched = types.length === 0 ? "the types instanceRequirements selects (burstablePerformance not \"required\")" : types.join(", ");
    return c.cpuCredits !== undefined && launchedBurstability(c, COMPUTE_DEFAULTS.instanceType) === "none"
      ? `(${quote(c.cpuCredits)}) applies to burstable (T family) instance types only, and ${launched} ${types.length === 1 ? "earns" : "earn"} no CPU credits; leave it out`
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
  [...sharedRules, ...placementRules, { over: "mode", expand: (c: ComputeSettings) => (c.mode === "asg" ? [...asgRules, ...capacityRules] : []) as readonly Rule<ComputeSettings>[] }],
);

/** Every problem with the compute settings, paths relative to `at`: their shape (by mode), and each rule whose fields are sound. */
export function validateComputeSettings(settings: ComputeSettings, at = ""): Finding[] {
  return judge(settings, COMPUTE_SETTINGS_SHAPE.check(settings, ""), computeRules, at);
}

/** Every problem with the compute props, as the construct sees them. */
export function validateComputeProps(props: ComputeProps, at = ""): Finding[] {
  return judge(props, PROPS_SHAPE.check(props, ""), computeRules, at);
}
