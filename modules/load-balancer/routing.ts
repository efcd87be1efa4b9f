import { cidrBlock } from "../core/fields";
import { integer, list, literal, object, oneOf, required, string, variants, type OptionalSpec, type ShapeOf } from "../core/shape";
import { HEALTH_CHECK_SHAPE, type HealthCheckOptions } from "./health-check";

/**
 * Another target group behind the same load balancer: a second service, whose own instances,
 * Auto Scaling Group or tasks register in it (its ARN is `targetGroupArns[name]`). Listener
 * rules forward to it by name.
 */
export interface TargetGroupOptions {
  /**
   * Key of the group: what a rule's forward names, the key of `targetGroupArns`, and part of its
   * resource's address; lowercase words joined by hyphens, at most 20 characters.
   */
  readonly name: string;
  /** Port its targets listen on. */
  readonly port: number;
  /**
   * Protocol from the load balancer to its targets (and of their health check).
   * @default "HTTP"
   */
  readonly protocol?: "HTTP" | "HTTPS";
  /**
   * What registers: EC2 instances by id, or IP addresses (containers, other VPCs).
   * @default "instance"
   */
  readonly targetType?: "instance" | "ip";
  /** Its health check. @default - `/`, `200`, every 15 s, 5 s timeout, 2 healthy, 3 unhealthy */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving in-flight requests, 0 to 3600.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
}

/** An HTTP header condition: the header named, matching any of the values (case-insensitive, `*` and `?` wildcards). */
export interface HttpHeaderCondition {
  /** Header name, at most 40 characters (RFC 7230 token characters, no wildcards; not `Host`: use `hostHeaders`). */
  readonly name: string;
  /** Values compared with the header's, 1 to 3 (AWS's limit per condition). */
  readonly values: readonly string[];
}

/** One key/value pair of a query-string condition. */
export interface QueryStringMatch {
  /**
   * Query parameter name.
   * @default - any parameter whose value matches
   */
  readonly key?: string;
  /** Value the parameter must have (`*` and `?` wildcards). */
  readonly value: string;
}

/**
 * What a request must match for a rule to apply: every condition given (AND), any value of one
 * condition (OR). AWS allows at most 3 values per condition and 5 per rule.
 */
export interface RuleConditions {
  /**
   * Host names (`api.example.com`, `*.example.com`), case-insensitive.
   * @default - any host
   */
  readonly hostHeaders?: readonly string[];
  /**
   * URL path patterns (`/api/*`), case-sensitive.
   * @default - any path
   */
  readonly pathPatterns?: readonly string[];
  /**
   * HTTP header conditions, each a condition of its own.
   * @default - any headers
   */
  readonly httpHeaders?: readonly HttpHeaderCondition[];
  /**
   * Query-string pairs, any of which matches (one condition).
   * @default - any query string
   */
  readonly queryStrings?: readonly QueryStringMatch[];
  /**
   * Client IPv4 CIDR blocks (the connection's source; behind a proxy, use `X-Forwarded-For` in `httpHeaders`).
   * @default - any source
   */
  readonly sourceIps?: readonly string[];
}

/** Send the request to a target group. */
export interface ForwardAction {
  readonly type: "forward";
  /** Name of a group in `targetGroups`, or `"default"` for the group the instances register in. */
  readonly targetGroup: string;
}

/** Answer with a redirect; what is left out keeps the request's own (`#{host}`, `#{path}`, …). */
export interface RedirectAction {
  readonly type: "redirect";
  /**
   * `HTTP_301` (permanent) or `HTTP_302` (temporary).
   * @default "HTTP_301"
   */
  readonly statusCode?: "HTTP_301" | "HTTP_302";
  /**
   * Protocol to redirect to.
   * @default - the request's
   */
  readonly protocol?: "HTTP" | "HTTPS";
  /**
   * Host to redirect to.
   * @default - the request's
   */
  readonly host?: string;
  /**
   * Port to redirect to.
   * @default - the request's
   */
  readonly port?: number;
  /**
   * Absolute path to redirect to, starting with `/`.
   * @default - the request's
   */
  readonly path?: string;
  /**
   * Query string to redirect with, without the leading `?`.
   * @default - the request's
   */
  readonly query?: string;
}

/** Answer directly, without a target. */
export interface FixedResponseAction {
  readonly type: "fixed-response";
  /** HTTP status code: 2XX, 4XX or 5XX. */
  readonly statusCode: number;
  /**
   * Content type of the body.
   * @default "text/plain"
   */
  readonly contentType?: "text/plain" | "text/css" | "text/html" | "application/javascript" | "application/json";
  /**
   * Body, at most 1024 characters.
   * @default - no body
   */
  readonly messageBody?: string;
}

/** What a rule does with a matching request. */
export type RuleAction = ForwardAction | RedirectAction | FixedResponseAction;

/** A listener rule on the forwarding listener (HTTPS when there is one): conditions and one action. */
export interface ListenerRuleOptions {
  /** Key of the rule: part of its resource's address, so reordering the list moves nothing; lowercase words joined by hyphens. */
  readonly name: string;
  /** Evaluation order, 1 to 50000, lowest first; unique among the rules. */
  readonly priority: number;
  /** What a request must match: at least one condition. */
  readonly conditions: RuleConditions;
  /** What the rule does with a matching request. */
  readonly action: RuleAction;
}

/** The name a forward uses for the target group the instances register in. */
export const DEFAULT_TARGET_GROUP = "default";

/** AWS's limits on a rule's conditions. */
export const CONDITION_LIMITS = { valuesPerCondition: 3, valuesPerRule: 5, wildcardsPerRule: 5 } as const;

const KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KEY_RULE = "lowercase letters and digits in hyphen-separated words, starting with a letter";
/** Values of one condition: AWS matches at most three per condition. */
const values = <V>(item: OptionalSpec<V>, noun: readonly [string, string]) =>
  list(item, {
    minItems: 1,
    maxItems: CONDITION_LIMITS.valuesPerCondition,
    noun,
    why: "an ALB rule condition matches at most 3 values (AWS's limit)",
    unique: true,
  });
const upTo128 = (what: string) => string({ maxLength: 128, limit: `AWS's limit for ${what}` });

/** AWS's host condition: letters, digits, hyphens, dots and wildcards, with a dot and only letters after the last. */
const hostHeader = string({
  pattern: /^[A-Za-z0-9.*?-]+$/,
  what: "a host name of letters, digits, hyphens, dots and the wildcards * and ?",
  maxLength: 128,
  limit: "AWS's limit for host conditions",
  refine: (h) =>
    /\.[A-Za-z]+$/.test(h)
      ? undefined
      : `(${JSON.stringify(h)}) must contain a dot and only letters after the last one (AWS's rule for host conditions)`,
});
/** AWS's path condition characters: A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * and ?. */
const pathPattern = string({
  pattern: /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/,
  what: "a path pattern of letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ? (AWS's characters for path conditions)",
  maxLength: 128,
  limit: "AWS's limit for path conditions",
});

const HTTP_HEADER_SHAPE: ShapeOf<HttpHeaderCondition> = {
  name: required(
    string({
      // RFC 7230 token characters without *, a wildcard AWS does not take in a name.
      pattern: /^[A-Za-z0-9!#$%&'+.^_`|~-]+$/,
      what: "an HTTP header name (RFC 7230 token characters, no wildcards)",
      maxLength: 40,
      limit: "AWS's limit for header names in rule conditions",
      refine: (n) => (n.toLowerCase() === "host" ? "is the Host header: match it with conditions.hostHeaders" : undefined),
    }),
  ),
  values: required(values(upTo128("header values in rule conditions"), ["value", "values"])),
};

const QUERY_STRING_SHAPE: ShapeOf<QueryStringMatch> = {
  key: upTo128("query keys in rule conditions"),
  value: required(upTo128("query values in rule conditions")),
};

const CONDITIONS_SHAPE: ShapeOf<RuleConditions> = {
  hostHeaders: values(hostHeader, ["host name", "host names"]),
  pathPatterns: values(pathPattern, ["path pattern", "path patterns"]),
  httpHeaders: list(object(HTTP_HEADER_SHAPE), { minItems: 1, noun: ["header condition", "header conditions"] }),
  queryStrings: values(object(QUERY_STRING_SHAPE), ["query pair", "query pairs"]),
  sourceIps: values(cidrBlock(), ["CIDR block", "CIDR blocks"]),
};

const ACTION_SHAPE = variants<RuleAction, "type">("type", {
  forward: {
    type: required(string<"forward">()),
    targetGroup: required(string({ pattern: KEY, what: `the name of a target group in targetGroups, or "${DEFAULT_TARGET_GROUP}"` })),
  },
  redirect: {
    type: required(string<"redirect">()),
    statusCode: oneOf(["HTTP_301", "HTTP_302"] as const),
    protocol: oneOf(["HTTP", "HTTPS"] as const),
    host: string({ pattern: /^[A-Za-z0-9.-]+$/, what: "a host name", maxLength: 128, limit: "AWS's limit for redirect hosts" }),
    port: integer({ min: 1, max: 65535 }),
    path: string({ pattern: /^\//, what: "an absolute path starting with /", maxLength: 128, limit: "AWS's limit for redirect paths" }),
    query: string({
      pattern: /^[^?]/,
      what: "a query string without its leading ?",
      maxLength: 128,
      limit: "AWS's limit for redirect queries",
    }),
  },
  "fixed-response": {
    type: required(string<"fixed-response">()),
    statusCode: required(integer({ min: 200, max: 599 })),
    contentType: oneOf(["text/plain", "text/css", "text/html", "application/javascript", "application/json"] as const),
    messageBody: string({ minLength: 0, maxLength: 1024, limit: "AWS's limit for fixed-response bodies" }),
  },
});

const TARGET_GROUP_SHAPE: ShapeOf<TargetGroupOptions> = {
  name: required(
    literal(
      string({
        pattern: KEY,
        what: KEY_RULE,
        maxLength: 20,
        limit: "the module's limit: it is part of the group's Name tag",
        refine: (n) =>
          n === DEFAULT_TARGET_GROUP
            ? `("${DEFAULT_TARGET_GROUP}") names the instances' target group already; choose another name`
            : undefined,
      }),
      "the address of the group's resource",
    ),
  ),
  port: required(literal(integer({ min: 1, max: 65535 }), "the load balancer's security group rules")),
  protocol: oneOf(["HTTP", "HTTPS"] as const),
  targetType: oneOf(["instance", "ip"] as const),
  healthCheck: object(HEALTH_CHECK_SHAPE),
  deregistrationDelaySeconds: integer({ min: 0, max: 3600, unit: "seconds" }),
};

const LISTENER_RULE_SHAPE: ShapeOf<ListenerRuleOptions> = {
  name: required(
    literal(
      string({ pattern: KEY, what: KEY_RULE, maxLength: 32, limit: "the module's limit for rule names" }),
      "the address of the rule's resource",
    ),
  ),
  priority: required(integer({ min: 1, max: 50000 })),
  conditions: required(object(CONDITIONS_SHAPE)),
  action: required(ACTION_SHAPE),
};

/** Target groups besides the instances': the list's length decides how many are created. */
export const targetGroupsSpec = () =>
  list(object(TARGET_GROUP_SHAPE), { noun: ["target group", "target groups"], lengthDecides: "how many target groups are created" });

/** Listener rules: the list's length decides how many are created. */
export const listenerRulesSpec = () =>
  list(object(LISTENER_RULE_SHAPE), { noun: ["rule", "rules"], lengthDecides: "how many listener rules are created" });
