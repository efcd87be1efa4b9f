import { AWS_REGION as REGION } from "../modules/core/patterns";
import { check, matches, maxLength, rule, when, type Finding, type Rule } from "../modules/core/validation";
import { validateWebTierProps } from "../modules/web-tier/validate";
import { backendRules } from "./backend";
import { webTierProps, type EnvironmentConfig } from "./config";

/** Lowercase words joined by single hyphens: they end up inside every resource name. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** AWS tag limits: keys 1–128 characters, values 0–256, and the `aws:` prefix is reserved. */
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;

const environmentRules: readonly Rule<EnvironmentConfig>[] = [
  matches("name", (c) => c.name, NAME, "lowercase letters and digits in hyphen-separated words, starting with a letter"),
  maxLength("name", (c) => c.name, 10),
  matches("project", (c) => c.project, NAME, "lowercase letters and digits in hyphen-separated words, starting with a letter"),
  maxLength("project", (c) => c.project, 12),
  matches("region", (c) => c.region, REGION, "an AWS region such as us-east-1"),
  (c) =>
    Object.entries(c.tags ?? {}).flatMap(([key, value]) => {
      const at = `tags.${key}`;
      if (key.length === 0 || key.length > TAG_KEY_MAX) return [{ path: at, message: `key must be 1 to ${TAG_KEY_MAX} characters` }];
      if (key.toLowerCase().startsWith("aws:")) return [{ path: at, message: `key must not start with "aws:" (reserved by AWS)` }];
      if (value.length > TAG_VALUE_MAX) return [{ path: at, message: `value is ${value.length} characters; AWS allows at most ${TAG_VALUE_MAX}` }];
      return [];
    }),
  rule(
    "tags",
    (c) => c.tags,
    (tags) => ["Project", "Environment", "ManagedBy"].some((k) => k in tags),
    () => "must not set Project, Environment or ManagedBy: the stack sets them",
  ),
  ...backendRules,
];

/** Security defaults a production environment may not turn off. */
const productionRules: readonly Rule<EnvironmentConfig>[] = [
  when("network.flowLogs.enabled", (c) =>
    c.network.flowLogs?.enabled === false ? "must stay on in a production environment (VPC flow logs are the audit trail)" : undefined,
  ),
  when("loadBalancer.deletionProtection", (c) =>
    c.loadBalancer?.deletionProtection !== true ? "must be true in a production environment (a wrong plan must not delete the ALB)" : undefined,
  ),
  when("messaging.preventDestroy", (c) =>
    c.messaging.preventDestroy !== true ? "must be true in a production environment (a wrong plan must not lose queued messages)" : undefined,
  ),
];

/**
 * Checks one environment's configuration and returns every problem, each with its path
 * from the environment name (`prod.network.availabilityZones[2]`): the environment's own
 * fields, its tier (every module section and how they are wired), and in production the
 * security defaults it may not turn off. Nothing is built here.
 */
export function validateEnvironment(config: EnvironmentConfig): Finding[] {
  const at = config.name || "environment";
  const region = REGION.test(config.region) ? config.region : undefined;
  // The tier's name is `<project>-<name>`, judged above field by field: not again as a whole.
  const tier = validateWebTierProps(webTierProps(config), region).filter((f) => f.path !== "name");
  return [
    ...check(config, environmentRules, at),
    ...tier.map((f) => ({ path: `${at}.${f.path}`, message: f.message })),
    ...(config.production ? check(config, productionRules, at) : []),
  ];
}
