import { Token } from "cdktf";
import { dnsName, hostedZoneId } from "../core/dns";
import { cidrBlock, cidrBlocks, s3Bucket, tags } from "../core/fields";
import { boolean, integer, list, literal, object, oneOf, required, string, type OptionalSpec, type ShapeOf } from "../core/shape";
import { HEALTH_CHECK_SHAPE, type HealthCheckOptions } from "./health-check";
import { listenerRulesSpec, targetGroupsSpec, type ListenerRuleOptions, type TargetGroupOptions } from "./routing";

export type { HealthCheckOptions } from "./health-check";

export interface AccessLogOptions {
  /**
   * An existing S3 bucket receiving the logs, in the load balancer's region, encrypted with
   * SSE-S3 (ELB log delivery supports no other), whose policy lets ELB log delivery write.
   * @default - a bucket the module creates, with that policy
   */
  readonly bucket?: string;
  /**
   * Key prefix inside the bucket; ELB adds `AWSLogs/<account>/…` after it.
   * @default - the load balancer's name
   */
  readonly prefix?: string;
  /**
   * Days a bucket the module creates keeps each log object (at least 1). Your own bucket keeps
   * its own lifecycle, so this is refused together with `bucket`.
   * @default 90
   */
  readonly expirationDays?: number;
}

/** A name under its own certificate, in a Route 53 zone given by id (stacks read no data sources). */
export interface DomainOptions {
  /** Route 53 hosted zone holding every name below: its id such as Z0123456789ABCDEFGHIJ. */
  readonly zoneId: string;
  /**
   * Name clients use, such as app.example.com: the certificate's first name (at most 64
   * characters, ACM's limit) and an alias A record to the load balancer.
   */
  readonly recordName: string;
  /**
   * Further names the certificate covers (www.example.com, *.example.com), validated in the same
   * zone. No alias records are made for them.
   * @default - none
   */
  readonly alternativeNames?: readonly string[];
}

/** A web ACL in front of the load balancer: an existing one, or one the module creates. */
export interface WebAclOptions {
  /**
   * An existing REGIONAL web ACL in the load balancer's region to associate; the options below
   * then do not apply.
   * @default - the module creates one: AWS managed rule groups and a per-IP rate limit
   */
  readonly arn?: string;
  /**
   * Requests one IP address may send in the evaluation window before the created web ACL
   * blocks it, 10 to 2,000,000,000 (AWS WAF's range).
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * Seconds of the rate limit's evaluation window: 60, 120, 300 or 600.
   * @default 300
   */
  readonly rateLimitWindowSeconds?: 60 | 120 | 300 | 600;
  /**
   * AWS managed rule groups evaluated after AWSManagedRulesCommonRuleSet and
   * AWSManagedRulesKnownBadInputsRuleSet, which every created web ACL has.
   * @default - none
   */
  readonly additionalManagedRuleGroups?: readonly string[];
}

/** Load-balancer-generated cookie stickiness (`lb_cookie`). */
export interface StickinessOptions {
  /**
   * Seconds a client sticks to its target, 1 to 604,800 (7 days).
   * @default 86400
   */
  readonly durationSeconds?: number;
}

export interface LoadBalancerProps {
  /** Name of the load balancer (at most 32 characters) and prefix of its security group's. */
  readonly name: string;
  /** VPC the load balancer and its targets live in. */
  readonly vpcId: string;
  /** CIDR of the VPC: the security group lets traffic out only to it, on the target port. */
  readonly vpcCidr: string;
  /** Subnets for the load balancer, in at least two availability zones (public ones unless internal). */
  readonly subnetIds: readonly string[];
  /**
   * An internal load balancer has private addresses only.
   * @default false
   */
  readonly internal?: boolean;
  /**
   * IPv4 CIDRs allowed to reach the listener ports.
   * @default ["0.0.0.0/0"]
   */
  readonly ingressCidrs?: readonly string[];
  /**
   * Port the targets (the app) listen on.
   * @default 5000
   */
  readonly targetPort?: number;
  /**
   * Port of the HTTP listener.
   * @default 80
   */
  readonly httpPort?: number;
  /**
   * Port of the HTTPS listener (only with a certificate).
   * @default 443
   */
  readonly httpsPort?: number;
  /**
   * ACM (or IAM server) certificate ARN. With one, HTTPS forwards to the targets and HTTP
   * answers with a 301 redirect to HTTPS. Refused together with `domain`.
   * @default - HTTP only, unless `domain` is set
   */
  readonly certificateArn?: string;
  /**
   * Serve HTTPS under a name of your own: an ACM certificate validated by DNS records in the
   * Route 53 zone, an alias record to the load balancer, HTTPS on the validated certificate and
   * HTTP answering only with a 301 redirect. Refused together with `certificateArn`.
   * @default - no name of its own: HTTP only, unless `certificateArn` is set
   */
  readonly domain?: DomainOptions;
  /**
   * More certificates on the HTTPS listener, chosen by the name the client asks for (SNI): one
   * load balancer serving several domains. Refused without an HTTPS listener.
   * @default - only the listener's own certificate
   */
  readonly additionalCertificateArns?: readonly string[];
  /**
   * Put AWS WAF in front: `{}` creates a web ACL, `{ arn }` associates an existing one.
   * @default - no web ACL
   */
  readonly webAcl?: WebAclOptions;
  /**
   * TLS negotiation policy of the HTTPS listener.
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3, with 1.2 for older clients)
   */
  readonly sslPolicy?: string;
  /** Target group health check. @default - `/`, `200`, every 15 s, 5 s timeout, 2 healthy, 3 unhealthy */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving in-flight requests, 0 to 3600.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Seconds a newly healthy target takes to receive its full share of requests: 0 (off) or 30
   * to 900. AWS refuses it together with `least_outstanding_requests`.
   * @default 0
   */
  readonly slowStartSeconds?: number;
  /**
   * How the target group picks a target: `round_robin` or `least_outstanding_requests`.
   * @default "round_robin"
   */
  readonly loadBalancingAlgorithm?: "round_robin" | "least_outstanding_requests";
  /**
   * Send each client to the same target with a load-balancer cookie (`lb_cookie`).
   * @default - no stickiness
   */
  readonly stickiness?: StickinessOptions;
  /**
   * The targets serve `POST /stress`, which burns their CPU (Compute's `stressEndpoint`; a
   * WebTier wires it). The load balancer then forwards `/stress*` only from
   * `stressAllowedCidrs` and answers 403 to everyone else.
   * @default false
   */
  readonly stressEndpoint?: boolean;
  /**
   * IPv4 CIDRs (at most 3, each /8 or longer) from which `/stress*` is forwarded to the targets
   * when they serve it; every other source gets a fixed 403.
   * @default [] (nobody: drive load from a Session Manager session on an instance)
   */
  readonly stressAllowedCidrs?: readonly string[];
  /**
   * Target groups besides the instances' (the default one): other services behind the same load
   * balancer, each registering its own targets. Listener rules forward to them by name.
   * @default - none
   */
  readonly targetGroups?: readonly TargetGroupOptions[];
  /**
   * Listener rules on the forwarding listener (HTTPS when there is one): by host, path, HTTP
   * header, query string or source IP, forwarding to a target group, redirecting or answering.
   * Requests no rule matches go to the default target group.
   * @default - none
   */
  readonly listenerRules?: readonly ListenerRuleOptions[];
  /**
   * Prefix of the target group's generated name (at most 6 characters). The target group is
   * created before the one it replaces is destroyed, so the names must differ.
   * @default "tg-"
   */
  readonly targetGroupNamePrefix?: string;
  /**
   * Refuse deletion through the API (and so `terraform destroy`).
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds a connection may stay idle, 1 to 4000.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Write access logs to S3: `{}` creates a bucket for them, `{ bucket }` uses yours.
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogOptions;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const LOAD_BALANCER_DEFAULTS = {
  internal: false,
  ingressCidrs: ["0.0.0.0/0"] as readonly string[],
  targetPort: 5000,
  httpPort: 80,
  httpsPort: 443,
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  healthCheck: {
    path: "/",
    matcher: "200",
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
  },
  deregistrationDelaySeconds: 30,
  slowStartSeconds: 0,
  loadBalancingAlgorithm: "round_robin",
  stickiness: { durationSeconds: 86400 },
  stressEndpoint: false,
  stressAllowedCidrs: [] as readonly string[],
  webAcl: { rateLimit: 2000, rateLimitWindowSeconds: 300, additionalManagedRuleGroups: [] as readonly string[] },
  accessLogs: { expirationDays: 90 },
  targetGroupNamePrefix: "tg-",
  deletionProtection: false,
  idleTimeoutSeconds: 60,
} as const;

/** The AWS managed rule groups every web ACL the module creates starts with. */
export const BASELINE_MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] as const;

/** Ports reserved for administration: the load balancer never forwards to them (no SSH, no RDP). */
export const ADMIN_PORTS: Readonly<Record<number, string>> = { 22: "SSH", 3389: "RDP" };

// Ports are written out: they shape listeners, rules and the default workload's unit file.
const port = () => literal(integer({ min: 1, max: 65535 }), "the listeners, security group rules and the app's port");
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}|iam::\d{12}:server-certificate\/[\w+=,.@/-]+)$/;
const ALB_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

const ACCESS_LOG_SHAPE: ShapeOf<AccessLogOptions> = {
  bucket: s3Bucket(),
  prefix: string({
    pattern: /^[^/]([\w!\-.*'()/]*[^/])?$/,
    what: "an S3 key prefix without leading or trailing slashes",
    refine: (p) =>
      p.includes("AWSLogs")
        ? `(${JSON.stringify(p)}) must not include "AWSLogs": ELB adds AWSLogs/<account>/ after the prefix itself`
        : undefined,
  }),
  expirationDays: integer({ min: 1, unit: "days" }),
};

const DOMAIN_SHAPE: ShapeOf<DomainOptions> = {
  zoneId: required(hostedZoneId()),
  // The certificate's first name is its Common Name: RFC 5280 caps it at 64 characters, and ACM with it.
  recordName: required(dnsName({ maxLength: { max: 64, limit: "ACM's limit for a certificate's first name, its Common Name" } })),
  alternativeNames: list(dnsName({ wildcard: true }), {
    maxItems: 99,
    noun: ["name", "names"],
    why: "an ACM certificate holds at most 100 names, the record name included (10 under the default quota)",
    unique: true,
  }),
};

const WEB_ACL_SHAPE: ShapeOf<WebAclOptions> = {
  arn: string({
    pattern: /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/,
    what: "a REGIONAL web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)",
  }),
  rateLimit: integer({ min: 10, max: 2_000_000_000, unit: "requests" }),
  rateLimitWindowSeconds: oneOf([60, 120, 300, 600] as const),
  additionalManagedRuleGroups: list(
    string({
      pattern: /^AWSManagedRules[A-Za-z0-9]+$/,
      what: "an AWS managed rule group name such as AWSManagedRulesAmazonIpReputationList",
    }),
    {
      noun: ["rule group", "rule groups"],
      unique: true,
      lengthDecides: "the web ACL's rules",
    },
  ),
};

/** 0 (off) or 30 to 900 seconds: AWS's range for slow start. */
function slowStart(): OptionalSpec<number> {
  const range = integer({ min: 0, max: 900, unit: "seconds" });
  const expected = "0 (off) or a whole number from 30 to 900 seconds";
  return {
    ...range,
    expected,
    check: (value, path) => {
      const found = range.check(value, path);
      if (found.length > 0) return found.map((f) => ({ ...f, message: f.message.replace(range.expected, expected) }));
      const off = typeof value !== "number" || Token.isUnresolved(value) || value === 0;
      return off || value >= 30 ? [] : [{ path, message: `(${value}) must be ${expected}` }];
    },
  };
}

/** Each prop's type and own limits, next to its documentation and default above. */
export const LOAD_BALANCER_SHAPE: ShapeOf<LoadBalancerProps> = {
  name: required(
    string({
      pattern: ALB_NAME,
      what: "letters, digits and hyphens, not starting or ending with a hyphen",
      maxLength: 32,
      limit: "AWS's limit for load balancer names",
      refine: (n) => (n.startsWith("internal-") ? 'must not start with "internal-" (reserved by AWS)' : undefined),
    }),
  ),
  vpcId: required(string({ pattern: /^vpc-[0-9a-f]{8,17}$/, what: "a VPC id (vpc-…)" })),
  vpcCidr: required(cidrBlock()),
  subnetIds: required(
    list(string({ pattern: /^subnet-[0-9a-f]{8,17}$/, what: "a subnet id (subnet-…)" }), {
      minItems: 2,
      noun: ["subnet", "subnets"],
      why: "an ALB requires two availability zones",
      unique: true,
    }),
  ),
  internal: boolean(),
  ingressCidrs: cidrBlocks({ minItems: 1, why: "nothing else reaches the load balancer" }),
  targetPort: port(),
  httpPort: port(),
  httpsPort: port(),
  certificateArn: string({ pattern: CERTIFICATE_ARN, what: "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)" }),
  domain: object(DOMAIN_SHAPE),
  additionalCertificateArns: list(
    string({ pattern: CERTIFICATE_ARN, what: "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)" }),
    {
      noun: ["certificate", "certificates"],
      unique: true,
    },
  ),
  webAcl: object(WEB_ACL_SHAPE),
  sslPolicy: string({
    pattern: /^ELBSecurityPolicy-[A-Za-z0-9-]+$/,
    what: "an ELB security policy name such as ELBSecurityPolicy-TLS13-1-2-2021-06",
  }),
  healthCheck: object(HEALTH_CHECK_SHAPE),
  deregistrationDelaySeconds: integer({ min: 0, max: 3600, unit: "seconds" }),
  slowStartSeconds: slowStart(),
  loadBalancingAlgorithm: oneOf(["round_robin", "least_outstanding_requests"] as const),
  stickiness: object<StickinessOptions>({ durationSeconds: integer({ min: 1, max: 604_800, unit: "seconds" }) }),
  stressEndpoint: boolean(),
  // Its length decides whether a rule forwards /stress* at all; AWS allows 3 values per condition.
  stressAllowedCidrs: list(cidrBlock({ min: 8, max: 32, why: "a shorter prefix opens the endpoint to a large share of the internet" }), {
    maxItems: 3,
    noun: ["CIDR block", "CIDR blocks"],
    why: "an ALB rule condition matches at most 3 values (AWS's limit)",
    unique: true,
    lengthDecides: "whether a listener rule forwards /stress* to the targets",
  }),
  targetGroups: targetGroupsSpec(),
  listenerRules: listenerRulesSpec(),
  targetGroupNamePrefix: string({
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{0,5}$/,
    what: "1 to 6 letters, digits or hyphens, not starting with a hyphen (AWS's name_prefix rules)",
  }),
  deletionProtection: boolean(),
  idleTimeoutSeconds: integer({ min: 1, max: 4000, unit: "seconds" }),
  accessLogs: object(ACCESS_LOG_SHAPE),
  tags: tags(),
};
