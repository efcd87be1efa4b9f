import { checkShape, omit, quote } from "../core/shape";
import { each, isToken, judge, nested, known, rule, rules, when, type Finding, type Rule } from "../core/validation";
import type { HealthCheckOptions } from "./health-check";
import { ADMIN_PORTS, LOAD_BALANCER_DEFAULTS, LOAD_BALANCER_SHAPE, type LoadBalancerProps } from "./props";
import { CONDITION_LIMITS, DEFAULT_TARGET_GROUP, type ListenerRuleOptions, type RuleConditions, type TargetGroupOptions } from "./routing";
import { STRESS_RULE_PRIORITIES } from "./stress-guard";

/** Keys a WebTier fills in: from the network, from the compute section, and the tier's own. */
type Wired = "name" | "vpcId" | "vpcCidr" | "subnetIds" | "tags" | "stressEndpoint";

/** The load balancer's inputs that are plain data: what an environment's config holds. */
export type LoadBalancerSettings = Omit<LoadBalancerProps, Wired>;

/** The shape of the load balancer's settings. */
export const LOAD_BALANCER_SETTINGS_SHAPE = omit(LOAD_BALANCER_SHAPE, "name", "vpcId", "vpcCidr", "subnetIds", "tags", "stressEndpoint");

/** The region of an ARN (`arn:aws:<service>:<region>:…`). */
const regionOf = (arn: string) => arn.split(":")[3];

/** A health check's timeout must be shorter than its interval (an AWS rule). */
const healthCheckRules: readonly Rule<HealthCheckOptions>[] = [
  when("timeoutSeconds", ["timeoutSeconds", "intervalSeconds"], (c) => {
    const timeout = c.timeoutSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.timeoutSeconds;
    const interval = c.intervalSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.intervalSeconds;
    return known(timeout, interval) && timeout >= interval ? `(${timeout}) must be shorter than intervalSeconds (${interval})` : undefined;
  }),
];

/** The written-out items of a list setting, or none (a token list, or not a list: the shape says so). */
const itemsOf = <T>(items: readonly T[] | undefined): readonly T[] => (Array.isArray(items) && !isToken(items) ? items : []);

/** Each item whose `key` repeats an earlier item's, reported at `list[i].key`. */
function repeated<T>(list: string, items: readonly T[], key: keyof T & string, what: string): Rule<unknown> {
  return rules(
    items.map((_, i) => `${list}[${i}].${key}`),
    () =>
      items.flatMap((item, i) => {
        const value = item[key];
        if (value === undefined || isToken(value)) return [];
        const first = items.findIndex((other) => other[key] === value);
        return first < i
          ? [
              {
                path: `${list}[${i}].${key}`,
                message: `(${quote(value)}) is already the ${what} of ${list}[${first}]; each must be unique`,
              },
            ]
          : [];
      }),
  );
}

/** Every value of a rule's conditions, as AWS counts them (each header's values count). */
function conditionValues(c: RuleConditions): readonly string[] {
  const headerValues = (c.httpHeaders ?? []).flatMap((h) => h.values);
  const queries = (c.queryStrings ?? []).map((q) => `${q.key ?? ""}=${q.value}`);
  return [...(c.hostHeaders ?? []), ...(c.pathPatterns ?? []), ...headerValues, ...queries, ...(c.sourceIps ?? [])];
}

const CONDITION_KINDS = ["hostHeaders", "pathPatterns", "httpHeaders", "queryStrings", "sourceIps"] as const;

/** A rule's own checks: its conditions against AWS's limits, its action against what AWS takes. */
const listenerRuleRules: readonly Rule<ListenerRuleOptions>[] = [
  when("conditions", ["conditions"], (r) =>
    CONDITION_KINDS.every((kind) => r.conditions[kind] === undefined)
      ? `must set at least one of ${CONDITION_KINDS.join(", ")}: AWS refuses a rule without conditions (the listener's default action covers every other request)`
      : undefined,
  ),
  when("conditions", ["conditions"], (r) => {
    const all = conditionValues(r.conditions);
    if (all.some(isToken) || CONDITION_KINDS.some((k) => isToken(r.conditions[k]))) return undefined;
    return all.length > CONDITION_LIMITS.valuesPerRule
      ? `match ${all.length} values in all; AWS allows at most ${CONDITION_LIMITS.valuesPerRule} per rule (split the rule in two)`
      : undefined;
  }),
  when("conditions", ["conditions"], (r) => {
    const literal = conditionValues(r.conditions).filter((v) => !isToken(v));
    const wildcards = literal.reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
    return wildcards > CONDITION_LIMITS.wildcardsPerRule
      ? `use ${wildcards} wildcards (* and ?) in all; AWS allows at most ${CONDITION_LIMITS.wildcardsPerRule} per rule`
      : undefined;
  }),
  when("action", ["action"], (r) => {
    const a = r.action;
    if (a.type !== "redirect") return undefined;
    return a.protocol === undefined && a.host === undefined && a.port === undefined && a.path === undefined && a.query === undefined
      ? "changes nothing of the request (set protocol, host, port, path or query): AWS refuses a redirect to the same URL, a loop"
      : undefined;
  }),
  when("action.statusCode", ["action"], (r) => {
    const a = r.action;
    if (a.type !== "fixed-response" || isToken(a.statusCode)) return undefined;
    return [2, 4, 5].includes(Math.floor(a.statusCode / 100))
      ? undefined
      : `(${a.statusCode}) must be a 2XX, 4XX or 5XX code (AWS's rule for fixed responses)`;
  }),
];

/** Routing: target group and rule names and priorities unique, each forward naming a group that exists. */
const routingRules: readonly Rule<LoadBalancerSettings>[] = [
  { over: "targetGroups", expand: (s) => [repeated("targetGroups", itemsOf(s.targetGroups), "name", "name")] },
  each("targetGroups", (s: LoadBalancerSettings) => s.targetGroups, [
    rule(
      "port",
      (g: TargetGroupOptions) => g.port,
      (p) => p in ADMIN_PORTS,
      (p) =>
        `(${p}) is the ${ADMIN_PORTS[p]} port: the load balancer never forwards to an administration port (instances are reached through Session Manager)`,
    ),
    ...nested("healthCheck", (g: TargetGroupOptions) => g.healthCheck, healthCheckRules),
  ]),
  {
    over: "listenerRules",
    expand: (s) => [
      repeated("listenerRules", itemsOf(s.listenerRules), "name", "name"),
      repeated("listenerRules", itemsOf(s.listenerRules), "priority", "priority"),
    ],
  },
  each("listenerRules", (s: LoadBalancerSettings) => s.listenerRules, listenerRuleRules),
  {
    over: "listenerRules",
    expand: (s) =>
      itemsOf(s.listenerRules).map((_, i) =>
        when(`listenerRules[${i}].action.targetGroup`, [`listenerRules[${i}].action`, "targetGroups"], (p: LoadBalancerSettings) => {
          const action = itemsOf(p.listenerRules)[i]!.action;
          if (action.type !== "forward" || isToken(action.targetGroup) || action.targetGroup === DEFAULT_TARGET_GROUP) return undefined;
          const names = itemsOf(p.targetGroups).map((g) => g.name);
          return names.includes(action.targetGroup)
            ? undefined
            : `(${quote(action.targetGroup)}) is not a target group: name one of targetGroups (${names.length > 0 ? names.map((n) => quote(n)).join(", ") : "none"}) or "${DEFAULT_TARGET_GROUP}"`;
        }),
      ),
  },
];

/** Rules across fields, each reading the fields it declares; `region` (when known) checks the certificate's and the web ACL's. */
export const loadBalancerRules = (region: string | undefined): readonly Rule<LoadBalancerSettings>[] => [
  rule(
    "targetPort",
    (s) => s.targetPort,
    (p) => p in ADMIN_PORTS,
    (p) =>
      `(${p}) is the ${ADMIN_PORTS[p]} port: the load balancer never forwards to an administration port (instances are reached through Session Manager)`,
  ),
  when("httpsPort", ["httpPort", "httpsPort", "certificateArn", "domain"], (s) => {
    const http = s.httpPort ?? LOAD_BALANCER_DEFAULTS.httpPort;
    const https = s.httpsPort ?? LOAD_BALANCER_DEFAULTS.httpsPort;
    const serves = s.certificateArn !== undefined || s.domain !== undefined;
    return serves && known(http, https) && http === https ? `(${https}) must differ from httpPort (${http})` : undefined;
  }),
  when("domain", ["domain", "certificateArn"], (s) =>
    s.domain !== undefined && s.certificateArn !== undefined
      ? "and certificateArn are both set: choose one (a domain gets a certificate of its own, validated in its zone)"
      : undefined,
  ),
  rule(
    "certificateArn",
    (s) => s.certificateArn,
    (arn) => region !== undefined && arn.split(":")[2] === "acm" && regionOf(arn) !== region,
    (arn) => `is in ${regionOf(arn)}; a load balancer in ${region} can only use an ACM certificate from its own region`,
  ),
  when("domain.alternativeNames", ["domain.recordName", "domain.alternativeNames"], (s) => {
    const { recordName, alternativeNames } = s.domain ?? {};
    return known(recordName, alternativeNames) && alternativeNames!.includes(recordName!)
      ? `lists the record name ${JSON.stringify(recordName)} again: the certificate covers it already`
      : undefined;
  }),
  when("webAcl.arn", ["webAcl"], (s) => {
    const { arn, ...created } = s.webAcl ?? {};
    const options = Object.keys(created).filter((k) => created[k as keyof typeof created] !== undefined);
    return arn !== undefined && options.length > 0
      ? `and ${options.join(", ")} are both set: choose one (those configure a web ACL the module creates; configure your own ACL where it is defined)`
      : undefined;
  }),
  rule(
    "webAcl.arn",
    (s) => s.webAcl?.arn,
    (arn) => region !== undefined && regionOf(arn) !== region,
    (arn) => `is in ${regionOf(arn)}; a load balancer in ${region} can only use a REGIONAL web ACL from its own region`,
  ),
  when("accessLogs.expirationDays", ["accessLogs.bucket", "accessLogs.expirationDays"], (s) =>
    s.accessLogs?.bucket !== undefined && s.accessLogs.expirationDays !== undefined
      ? "applies to a bucket the module creates; with accessLogs.bucket, set the expiry in your bucket's own lifecycle"
      : undefined,
  ),
  when("slowStartSeconds", ["slowStartSeconds", "loadBalancingAlgorithm"], (s) => {
    const slowStart = s.slowStartSeconds ?? LOAD_BALANCER_DEFAULTS.slowStartSeconds;
    return known(slowStart) && slowStart > 0 && s.loadBalancingAlgorithm === "least_outstanding_requests"
      ? `(${slowStart}) cannot be combined with loadBalancingAlgorithm "least_outstanding_requests" (an AWS rule); use 0 or "round_robin"`
      : undefined;
  }),
  when("healthCheck.timeoutSeconds", ["healthCheck.timeoutSeconds", "healthCheck.intervalSeconds"], (s) => {
    const timeout = s.healthCheck?.timeoutSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.timeoutSeconds;
    const interval = s.healthCheck?.intervalSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.intervalSeconds;
    return known(timeout, interval) && timeout >= interval ? `(${timeout}) must be shorter than intervalSeconds (${interval})` : undefined;
  }),
  when("additionalCertificateArns", ["additionalCertificateArns", "certificateArn", "domain"], (s) =>
    s.additionalCertificateArns !== undefined && s.certificateArn === undefined && s.domain === undefined
      ? "needs an HTTPS listener to hold them: set certificateArn or domain as well"
      : undefined,
  ),
  {
    over: "additionalCertificateArns",
    expand: (s) =>
      itemsOf(s.additionalCertificateArns).flatMap((_, i) => [
        rule(
          `additionalCertificateArns[${i}]`,
          (p: LoadBalancerSettings) => itemsOf(p.additionalCertificateArns)[i],
          (arn) => region !== undefined && arn.split(":")[2] === "acm" && regionOf(arn) !== region,
          (arn) => `is in ${regionOf(arn)}; a load balancer in ${region} can only use an ACM certificate from its own region`,
        ),
        rule(
          `additionalCertificateArns[${i}]`,
          (p: LoadBalancerSettings) => itemsOf(p.additionalCertificateArns)[i],
          (arn, p) => arn === p.certificateArn,
          () => "is certificateArn already, the listener's default certificate",
          ["certificateArn"],
        ),
      ]),
  },
  ...routingRules,
];

/** The stress guard's rules come first, so no rule of the config can forward `/stress*` from anywhere. */
const FIRST_FREE_PRIORITY = Math.max(...Object.values(STRESS_RULE_PRIORITIES)) + 1;

/**
 * Listener rules evaluated before the stress guard's, where the targets serve `/stress`: one per
 * rule, reported at its priority. `serving` says whether they do, read from `reads`.
 */
export function stressPriorityRules<P>(
  reads: string,
  rulesOf: (p: P) => readonly ListenerRuleOptions[] | undefined,
  serving: (p: P) => boolean,
  at = "",
): Rule<P> {
  const list = at ? `${at}.listenerRules` : "listenerRules";
  return {
    over: list,
    expand: (props) =>
      itemsOf(rulesOf(props)).map((_, i) =>
        rule(
          `${list}[${i}].priority`,
          (p: P) => itemsOf(rulesOf(p))[i]?.priority,
          (priority, p) => serving(p) && priority < FIRST_FREE_PRIORITY,
          (priority) =>
            `(${priority}) must be ${FIRST_FREE_PRIORITY} or more while the targets serve /stress: the guard's rules (${Object.values(STRESS_RULE_PRIORITIES).join(", ")}) come first, so no other rule forwards /stress* from anywhere`,
          [reads],
        ),
      ),
  };
}

/** Rules on what a WebTier wires in, for props given directly. */
const wiredRules: readonly Rule<LoadBalancerProps>[] = [
  when("stressAllowedCidrs", ["stressAllowedCidrs", "stressEndpoint"], (p) =>
    (p.stressAllowedCidrs ?? []).length > 0 && !(p.stressEndpoint ?? LOAD_BALANCER_DEFAULTS.stressEndpoint)
      ? "lists sources for /stress, but stressEndpoint is off: nothing would serve it (turn stressEndpoint on, or leave the list out)"
      : undefined,
  ),
  stressPriorityRules(
    "stressEndpoint",
    (p: LoadBalancerProps) => p.listenerRules,
    (p) => p.stressEndpoint ?? LOAD_BALANCER_DEFAULTS.stressEndpoint,
  ),
];

/** Every problem with the load balancer's settings, paths relative to `at`: their shape, and each rule whose fields are sound. */
export function validateLoadBalancerSettings(settings: LoadBalancerSettings, at = "", region?: string): Finding[] {
  return judge(settings, checkShape(settings, LOAD_BALANCER_SETTINGS_SHAPE), loadBalancerRules(region), at);
}

/** Every problem with the load balancer's props, as the construct sees them. */
export function validateLoadBalancerProps(props: LoadBalancerProps, region?: string, at = ""): Finding[] {
  return judge(props, checkShape(props, LOAD_BALANCER_SHAPE), [...loadBalancerRules(region), ...wiredRules], at);
}
