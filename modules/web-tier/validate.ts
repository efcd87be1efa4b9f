import { ALARM_TOPIC_SETTINGS_SHAPE } from "../alarm-topic/props";
import { alarmTopicRules } from "../alarm-topic/validate";
import { COMPUTE_DEFAULTS } from "../compute/props";
import { SPREAD_INSTANCES_PER_ZONE } from "../compute/placement";
import { COMPUTE_SETTINGS_SHAPE } from "../compute/props";
import { computeRules } from "../compute/validate";
import { checkShape } from "../core/shape";
import { joinPath, judge, known, under, when, within, type Finding, type Rule } from "../core/validation";
import { LOAD_BALANCER_SETTINGS_SHAPE } from "../load-balancer/props";
import { loadBalancerRules, stressPriorityRules } from "../load-balancer/validate";
import { MESSAGING_SETTINGS_SHAPE } from "../messaging/props";
import { messagingRules } from "../messaging/validate";
import { NETWORK_SETTINGS_SHAPE } from "../network/props";
import { networkRules } from "../network/validate";
import { SCALING_SETTINGS_SHAPE } from "../scaling/props";
import { scalingRules } from "../scaling/validate";
import { WEB_TIER_DEFAULTS, WEB_TIER_SHAPE, type WebTierProps } from "./props";

/** How the modules are wired together: rules no single module can judge. */
const wiringRules: readonly Rule<WebTierProps>[] = [
  when("network.subnetTiers", ["network.subnetTiers"], (p) =>
    p.network.subnetTiers && !p.network.subnetTiers.includes("private")
      ? 'must include "private": the instances (and an internal load balancer) live there'
      : undefined,
  ),
  when("network.subnetTiers", ["network.subnetTiers", "loadBalancer.internal"], (p) =>
    p.network.subnetTiers && !p.loadBalancer?.internal && !p.network.subnetTiers.includes("public")
      ? 'must include "public" for an internet-facing load balancer (or set loadBalancer.internal)'
      : undefined,
  ),
  when("network.natGateways", ["network.natGateways", "network.sessionManagerEndpoints"], (p) =>
    p.network.natGateways === "none" && p.network.sessionManagerEndpoints !== true
      ? '("none") leaves the private subnets no way to reach Systems Manager, the only way into the instances (no SSH); ' +
        'set network.sessionManagerEndpoints: true to reach it through interface endpoints, or use "single" or "per-az"'
      : undefined,
  ),
];

/** The load balancer guards the stress endpoint the compute section turns on. */
const stressRules: readonly Rule<WebTierProps>[] = [
  when("loadBalancer.stressAllowedCidrs", ["loadBalancer.stressAllowedCidrs", "compute.stressEndpoint"], (p) =>
    (p.loadBalancer?.stressAllowedCidrs ?? []).length > 0 && !(p.compute.stressEndpoint ?? COMPUTE_DEFAULTS.stressEndpoint)
      ? "lists sources for /stress, but compute.stressEndpoint is off: nothing would serve it (turn it on, or leave the list out)"
      : undefined,
  ),
  stressPriorityRules(
    "compute.stressEndpoint",
    (p: WebTierProps) => p.loadBalancer?.listenerRules,
    (p) => p.compute.stressEndpoint ?? COMPUTE_DEFAULTS.stressEndpoint,
    "loadBalancer",
  ),
];

/** A spread placement group holds 7 running instances per zone, and the group spans the tier's zones. */
const placementRules: readonly Rule<WebTierProps>[] = [
  when(
    "compute.placementGroup.strategy",
    ["compute.placementGroup.strategy", "compute.mode", "compute.maxSize", "compute.instanceCount", "network.availabilityZones"],
    (p) => {
      const zones = p.network.availabilityZones;
      const most = p.compute.mode === "asg" ? p.compute.maxSize : (p.compute.instanceCount ?? COMPUTE_DEFAULTS.instanceCount);
      if (p.compute.placementGroup?.strategy !== "spread" || !known(zones, most)) return undefined;
      const room = SPREAD_INSTANCES_PER_ZONE * zones.length;
      return most > room
        ? `("spread") holds at most ${SPREAD_INSTANCES_PER_ZONE} running instances per zone (an AWS rule), ${room} across the tier's ${zones.length} zone(s), and compute.${p.compute.mode === "asg" ? "maxSize" : "instanceCount"} is ${most}`
        : undefined;
    },
  ),
];

const d = WEB_TIER_DEFAULTS;

// biome-ignore lint/suspicious/noExplicitAny: each section is judged by its own module's typed validator
type Section = Record<string, any>;

/** A section's value when it is an object (a section of another kind is the tier's shape's to report). */
function objectAt(props: object | null | undefined, key: string): Section | undefined {
  const value = typeof props === "object" && props !== null ? (props as Record<string, unknown>)[key] : undefined;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Section) : undefined;
}

/**
 * The shape of each of a tier's sections that is an object, paths relative to the tier
 * (`network.cidr`): every section is judged, whatever another holds.
 */
export function webTierSectionShapes(
  props: Pick<WebTierProps, "network" | "loadBalancer" | "compute" | "alarmTopic" | "messaging" | "scaling">,
): Finding[] {
  const shape = (key: string, judgeSection: (section: Section) => Finding[]) => {
    const section = objectAt(props, key);
    return section === undefined ? [] : under(key, judgeSection(section));
  };
  return [
    ...shape("network", (s) => checkShape(s, NETWORK_SETTINGS_SHAPE)),
    ...shape("loadBalancer", (s) => checkShape(s, LOAD_BALANCER_SETTINGS_SHAPE)),
    ...shape("compute", (s) => COMPUTE_SETTINGS_SHAPE.check(s, "")),
    ...shape("alarmTopic", (s) => checkShape(s, ALARM_TOPIC_SETTINGS_SHAPE)),
    ...shape("messaging", (s) => checkShape(s, MESSAGING_SETTINGS_SHAPE)),
    ...shape("scaling", (s) => checkShape(s, SCALING_SETTINGS_SHAPE)),
  ];
}

/** A path of the tier (`name`, `compute.mode`) stays; any other is the section's (`scaling.…`). */
const inSection = (section: string, shared: readonly string[]) => (path: string) =>
  shared.some((s) => path === s || path.startsWith(`${s}.`)) ? path : joinPath(section, path);

/**
 * Every rule of a tier, each reading the fields it declares, paths relative to the tier: each
 * module's rules on its section (queue names with the tier's name as prefix, scaling against
 * the compute section's mode), then the wiring between them. `region` (when known) lets zones
 * and certificates be checked against it.
 */
export function webTierRules(region: string | undefined): readonly Rule<WebTierProps>[] {
  return [
    ...within("network", (p: WebTierProps) => p.network, networkRules(region)),
    ...within("loadBalancer", (p: WebTierProps) => p.loadBalancer ?? d.loadBalancer, loadBalancerRules(region)),
    ...within("compute", (p: WebTierProps) => p.compute, computeRules),
    ...within(
      inSection("alarmTopic", ["name"]),
      (p: WebTierProps) => ({ ...(objectAt(p, "alarmTopic") ?? d.alarmTopic), name: p.name }),
      alarmTopicRules(region),
    ),
    ...within(
      (path) => (path === "namePrefix" ? "name" : joinPath("messaging", path)),
      (p: WebTierProps) => (p.messaging !== undefined && objectAt(p, "messaging") ? { ...p.messaging, namePrefix: p.name } : undefined),
      messagingRules,
    ),
    ...within(
      inSection("scaling", ["compute"]),
      (p: WebTierProps) => ({
        ...(objectAt(p, "scaling") ?? d.scaling),
        compute: {
          mode: objectAt(p, "compute")?.mode,
          detailedMonitoring: objectAt(p, "compute")?.detailedMonitoring ?? COMPUTE_DEFAULTS.detailedMonitoring,
        },
      }),
      scalingRules,
    ),
    ...wiringRules,
    ...stressRules,
    ...placementRules,
  ];
}

/** Every problem with a tier's props: its own fields (name, tags, each section an object), each section's shape, and every rule whose fields are sound. */
export function validateWebTierProps(props: WebTierProps, region: string | undefined): Finding[] {
  return judge(props, [...checkShape(props, WEB_TIER_SHAPE), ...webTierSectionShapes(props)], webTierRules(region));
}
