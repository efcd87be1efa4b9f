import { validateAlarmTopicSettings } from "../alarm-topic/validate";
import { COMPUTE_DEFAULTS } from "../compute/props";
import { validateComputeSettings } from "../compute/validate";
import { checkShape } from "../core/shape";
import { check, when, type Finding, type Rule } from "../core/validation";
import { validateLoadBalancerSettings } from "../load-balancer/validate";
import { validateMessagingSettings } from "../messaging/validate";
import { validateNetworkSettings } from "../network/validate";
import { validateScalingSettings } from "../scaling/validate";
import { WEB_TIER_DEFAULTS, WEB_TIER_SHAPE, type WebTierProps } from "./props";

/** How the modules are wired together: rules no single module can judge. */
const wiringRules: readonly Rule<WebTierProps>[] = [
  when("network.subnetTiers", (p) =>
    p.network.subnetTiers && !p.network.subnetTiers.includes("private") ? 'must include "private": the instances (and an internal load balancer) live there' : undefined,
  ),
  when("network.subnetTiers", (p) =>
    p.network.subnetTiers && !p.loadBalancer?.internal && !p.network.subnetTiers.includes("public")
      ? 'must include "public" for an internet-facing load balancer (or set loadBalancer.internal)'
      : undefined,
  ),
  when("network.natGateways", (p) =>
    p.network.natGateways === "none" && p.network.sessionManagerEndpoints !== true
      ? '("none") leaves the private subnets no way to reach Systems Manager, the only way into the instances (no SSH); ' +
        'set network.sessionManagerEndpoints: true to reach it through interface endpoints, or use "single" or "per-az"'
      : undefined,
  ),
];

/** The load balancer guards the stress endpoint the compute section turns on. */
const stressRules: readonly Rule<WebTierProps>[] = [
  when("loadBalancer.stressAllowedCidrs", (p) =>
    (p.loadBalancer?.stressAllowedCidrs ?? []).length > 0 && !(p.compute.stressEndpoint ?? COMPUTE_DEFAULTS.stressEndpoint)
      ? "lists sources for /stress, but compute.stressEndpoint is off: nothing would serve it (turn it on, or leave the list out)"
      : undefined,
  ),
];

/**
 * Every problem with a tier's sections, paths relative to the tier (`network.cidr`,
 * `scaling.stepScaling.scaleIn.thresholdPercent`): each module's section judged as that module
 * will see it (queue names with the tier's prefix, scaling against the compute mode), then the
 * wiring between them. Sections named in `broken` (missing, or not objects: already reported)
 * are skipped, and so is whatever depends on them. `region` (when known) lets zones and
 * certificates be checked against it.
 */
export function validateWebTierSections(props: WebTierProps, region: string | undefined, broken: ReadonlySet<string> = new Set()): Finding[] {
  const d = WEB_TIER_DEFAULTS;
  const judge = (key: keyof WebTierProps, validate: () => Finding[]) => (broken.has(key) ? [] : validate());
  const network = judge("network", () => validateNetworkSettings(props.network, region, "network"));
  const loadBalancer = judge("loadBalancer", () => validateLoadBalancerSettings(props.loadBalancer ?? d.loadBalancer, "loadBalancer", region));
  const compute = judge("compute", () => validateComputeSettings(props.compute, "compute"));
  return [
    ...network,
    ...loadBalancer,
    ...compute,
    ...judge("alarmTopic", () => validateAlarmTopicSettings(props.alarmTopic ?? d.alarmTopic, "alarmTopic", region, broken.has("name") ? undefined : props.name)),
    ...judge("messaging", () => (props.messaging ? validateMessagingSettings(props.messaging, "messaging", broken.has("name") ? undefined : props.name) : [])),
    // Scaling is judged against the compute mode, and the wiring against network and load balancer: not while those are wrong.
    ...(broken.has("compute") || compute.length > 0
      ? []
      : judge("scaling", () =>
          validateScalingSettings(props.scaling ?? d.scaling, props.compute.mode, props.compute.detailedMonitoring ?? COMPUTE_DEFAULTS.detailedMonitoring, "scaling"),
        )),
    ...(broken.has("network") || broken.has("loadBalancer") || network.length + loadBalancer.length > 0 ? [] : check(props, wiringRules)),
    ...(broken.has("compute") || broken.has("loadBalancer") || compute.length + loadBalancer.length > 0 ? [] : check(props, stressRules)),
  ];
}

/** The first segment of each finding's path: the fields of an object that were found wrong. */
export function brokenFields(findings: readonly Finding[]): Set<string> {
  return new Set(findings.map((f) => f.path.split(/[.[]/)[0]!));
}

/** Every problem with a tier's props: its own fields first (name, tags, each section an object), then its sections. */
export function validateWebTierProps(props: WebTierProps, region: string | undefined): Finding[] {
  const top = checkShape(props, WEB_TIER_SHAPE);
  return [...top, ...validateWebTierSections(props, region, brokenFields(top))];
}
