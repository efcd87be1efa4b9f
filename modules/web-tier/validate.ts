import { validateAlarmTopicSettings } from "../alarm-topic/validate";
import { COMPUTE_DEFAULTS } from "../compute/props";
import { validateComputeSettings } from "../compute/validate";
import { check, matches, maxLength, rule, when, type Finding, type Rule } from "../core/validation";
import { validateLoadBalancerSettings } from "../load-balancer/validate";
import { validateMessagingSettings } from "../messaging/validate";
import { validateNetworkSettings } from "../network/validate";
import { validateScalingSettings } from "../scaling/validate";
import { WEB_TIER_DEFAULTS, type WebTierProps } from "./props";

/** Lowercase words joined by single hyphens: the name starts every resource name of the tier. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The load balancer is named after the tier, and ALB names stop at 32 characters. */
const NAME_MAX = 32;

/** How the modules are wired together: rules no single module can judge. */
const wiringRules: readonly Rule<WebTierProps>[] = [
  matches("name", (p) => p.name, NAME, "lowercase letters and digits in hyphen-separated words, starting with a letter"),
  maxLength("name", (p) => p.name, NAME_MAX),
  rule("name", (p) => p.name, (n) => n.startsWith("internal-"), () => 'must not start with "internal-" (reserved by AWS for load balancer names)'),
  when("network.subnetTiers", (p) =>
    p.network.subnetTiers && !p.network.subnetTiers.includes("private") ? 'must include "private": the instances (and an internal load balancer) live there' : undefined,
  ),
  when("network.subnetTiers", (p) =>
    p.network.subnetTiers && !p.loadBalancer?.internal && !p.network.subnetTiers.includes("public")
      ? 'must include "public" for an internet-facing load balancer (or set loadBalancer.internal)'
      : undefined,
  ),
  when("network.natGateways", (p) =>
    p.network.natGateways === "none"
      ? '("none") leaves the private subnets no way to reach Systems Manager, the only way into the instances (no SSH); use "single" or "per-az"'
      : undefined,
  ),
];

/**
 * Every problem with a tier's props, paths relative to them (`network.cidr`,
 * `scaling.stepScaling.scaleIn.thresholdPercent`): each module's section, judged as that module
 * will see it (queue names with the tier's prefix, scaling against the compute mode), and the
 * wiring between them. `region` (when known) lets zones and certificates be checked against it.
 */
export function validateWebTierProps(props: WebTierProps, region: string | undefined): Finding[] {
  const d = WEB_TIER_DEFAULTS;
  const compute = props.compute;
  return [
    ...check(props, wiringRules),
    ...validateNetworkSettings(props.network, region, "network"),
    ...validateLoadBalancerSettings(props.loadBalancer ?? d.loadBalancer, "loadBalancer", region),
    ...validateComputeSettings(compute, "compute"),
    ...validateAlarmTopicSettings(props.alarmTopic ?? d.alarmTopic, "alarmTopic"),
    ...validateMessagingSettings({ ...props.messaging, namePrefix: props.name }, "messaging"),
    ...validateScalingSettings(props.scaling ?? d.scaling, compute.mode, compute.detailedMonitoring ?? COMPUTE_DEFAULTS.detailedMonitoring, "scaling"),
  ];
}
