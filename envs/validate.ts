import { hasSubscriber, SUBSCRIBER_CHOICES } from "../modules/alarm-topic/subscribers";
import { formatCidr, overlaps, parseCidr } from "../modules/core/cidr";
import { checkShape } from "../modules/core/shape";
import { NETWORK_DEFAULTS } from "../modules/network/props";
import {
  check,
  isToken,
  malformedPaths,
  reported,
  rule,
  rules,
  sound,
  under,
  when,
  type Finding,
  type Rule,
} from "../modules/core/validation";
import { webTierRules, webTierSectionShapes } from "../modules/web-tier/validate";
import { accountRules, productionAccountRules } from "./account";
import { backendRules } from "./backend";
import { ENVIRONMENT_SHAPE, webTierProps, type EnvironmentConfig } from "./config";

/** Rules across an environment's own fields, for a config of the right shape. */
const environmentRules: readonly Rule<EnvironmentConfig>[] = [
  rule(
    "tags",
    (c) => c.tags,
    (tags) => ["Project", "Environment", "ManagedBy"].some((k) => k in tags),
    () => "must not set Project, Environment or ManagedBy: the stack sets them",
  ),
  ...backendRules,
  ...accountRules,
];

/** Security defaults a production environment may not turn off. */
const productionRules: readonly Rule<EnvironmentConfig>[] = [
  when("network.flowLogs.enabled", ["network.flowLogs.enabled"], (c) =>
    c.network.flowLogs?.enabled === false ? "must stay on in a production environment (VPC flow logs are the audit trail)" : undefined,
  ),
  when("loadBalancer.deletionProtection", ["loadBalancer.deletionProtection"], (c) =>
    c.loadBalancer?.deletionProtection !== true
      ? "must be true in a production environment (a wrong plan must not delete the ALB)"
      : undefined,
  ),
  when("loadBalancer.domain", ["loadBalancer.domain", "loadBalancer.certificateArn"], (c) =>
    c.loadBalancer?.domain === undefined && c.loadBalancer?.certificateArn === undefined
      ? "must be set in a production environment, or certificateArn: production serves HTTPS only, and HTTP only redirects to it"
      : undefined,
  ),
  when("loadBalancer.webAcl", ["loadBalancer.webAcl"], (c) =>
    c.loadBalancer?.webAcl === undefined
      ? "must be set in a production environment ({} creates one with AWS managed rules and a per-IP rate limit)"
      : undefined,
  ),
  when("loadBalancer.accessLogs", ["loadBalancer.accessLogs"], (c) =>
    c.loadBalancer?.accessLogs === undefined
      ? "must be set in a production environment ({} creates a bucket for them): the audit trail of every request"
      : undefined,
  ),
  when("messaging.preventDestroy", ["messaging.preventDestroy"], (c) =>
    c.messaging !== undefined && c.messaging.preventDestroy !== true
      ? "must be true in a production environment (a wrong plan must not lose queued messages)"
      : undefined,
  ),
  ...productionAccountRules,
  rules(["compute.mode", "compute.mixedInstances.instanceTypes", "compute.mixedInstances.instanceRequirements"], (c) => {
    // FSBP AutoScaling.6: a group that may launch one type only cannot launch when that type runs short in a zone.
    // Instance requirements select every type that matches: several.
    if (c.compute.mode !== "asg" || c.compute.mixedInstances?.instanceRequirements !== undefined) return [];
    const types = c.compute.mixedInstances?.instanceTypes;
    if (types === undefined)
      return [
        {
          path: "compute.mixedInstances",
          message:
            "is required in a production environment: list at least 2 instance types, so the group can launch when one runs short (FSBP AutoScaling.6)",
        },
      ];
    return !isToken(types) && types.length < 2
      ? [
          {
            path: "compute.mixedInstances.instanceTypes",
            message: `must list at least 2 instance types in a production environment (got ${types.length}), so the group can launch when one runs short (FSBP AutoScaling.6)`,
          },
        ]
      : [];
  }),
  when("alarmTopic", ["alarmTopic"], (c) =>
    hasSubscriber(c.alarmTopic)
      ? undefined
      : `must have a subscriber in a production environment (${SUBSCRIBER_CHOICES}): its alarms would reach nobody`,
  ),
];

/**
 * Checks one environment's configuration where it enters and returns every problem, each with
 * its path from the environment name (`prod.network.availabilityZones[2]`): the shape of the
 * environment's own fields and of every module section, whatever another holds; then every rule
 * whose declared fields are sound: the environment's own, its tier's (each module's and how
 * they are wired), and in production the security defaults it may not turn off. Nothing is built here.
 */
export function validateEnvironment(config: EnvironmentConfig): Finding[] {
  const at = typeof config?.name === "string" && config.name ? config.name : "environment";
  const own = checkShape(config, ENVIRONMENT_SHAPE);
  if (typeof config !== "object" || config === null) return under(at, own);
  const shape = [...own, ...webTierSectionShapes(config)];
  const malformed = malformedPaths(shape);
  const region = sound("region", malformed) ? config.region : undefined;
  // The tier's name is `<project>-<name>`: unsound when either is.
  const tierMalformed = [...malformed, ...(sound("project", malformed) && sound("name", malformed) ? [] : ["name"])];
  return [
    ...reported(under(at, shape)),
    ...check(config, environmentRules, malformed, at),
    ...check(webTierProps(config), webTierRules(region), tierMalformed, at),
    ...check(
      config,
      [{ over: "production", expand: (c: EnvironmentConfig) => (c.production === true ? productionRules : []) }],
      malformed,
      at,
    ),
  ];
}

/**
 * Every pair of environments whose VPC CIDRs overlap, reported on the later one: environments
 * are peered, reached over one VPN and share tooling, so each needs its own address space.
 */
export function overlappingCidrs(configs: readonly EnvironmentConfig[]): Finding[] {
  const nets = configs.map((c) => ({ name: c.name, net: parseCidr(c.network.cidr ?? NETWORK_DEFAULTS.cidr) }));
  return nets.flatMap((b, j) =>
    nets.slice(0, j).flatMap((a) =>
      a.net && b.net && overlaps(a.net, b.net)
        ? [
            {
              path: `${b.name}.network.cidr`,
              message: `(${JSON.stringify(formatCidr(b.net))}) overlaps ${a.name}'s ${formatCidr(a.net)}: environments need address spaces of their own`,
            },
          ]
        : [],
    ),
  );
}
