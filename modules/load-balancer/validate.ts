import { parseCidr } from "../core/cidr";
import { S3_BUCKET } from "../core/patterns";
import { check, each, intRange, isToken, matches, maxLength, nested, rule, when, type Finding, type Rule } from "../core/validation";
import { LOAD_BALANCER_DEFAULTS, type AccessLogOptions, type HealthCheckOptions, type LoadBalancerProps } from "./props";

/** The load balancer's inputs that are plain data: what an environment's config holds. */
export type LoadBalancerSettings = Omit<LoadBalancerProps, "name" | "vpcId" | "vpcCidr" | "subnetIds" | "tags">;

const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}|iam::\d{12}:server-certificate\/[\w+=,.@/-]+)$/;
/** HTTP codes an ALB health check may expect: 200 to 499. */
const MATCHER = /^[2-4]\d\d(-[2-4]\d\d)?(,[2-4]\d\d(-[2-4]\d\d)?)*$/;

const healthCheckRules: readonly Rule<HealthCheckOptions>[] = [
  matches("path", (h) => h.path, /^\//, "a path starting with /"),
  maxLength("path", (h) => h.path, 1024),
  matches("matcher", (h) => h.matcher, MATCHER, 'HTTP codes from 200 to 499, such as "200", "200-299" or "200,302"'),
  intRange("intervalSeconds", (h) => h.intervalSeconds, 5, 300, "seconds"),
  intRange("timeoutSeconds", (h) => h.timeoutSeconds, 2, 120, "seconds"),
  intRange("healthyThreshold", (h) => h.healthyThreshold, 2, 10),
  intRange("unhealthyThreshold", (h) => h.unhealthyThreshold, 2, 10),
  when("timeoutSeconds", (h) => {
    const timeout = h.timeoutSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.timeoutSeconds;
    const interval = h.intervalSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.intervalSeconds;
    return timeout >= interval ? `(${timeout}) must be shorter than intervalSeconds (${interval})` : undefined;
  }),
];

const accessLogRules: readonly Rule<AccessLogOptions>[] = [
  matches("bucket", (a) => a.bucket, S3_BUCKET, "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)"),
];

const settingsRules = (region: string | undefined): readonly Rule<LoadBalancerSettings>[] => [
  intRange("targetPort", (s) => s.targetPort, 1, 65535),
  intRange("httpPort", (s) => s.httpPort, 1, 65535),
  intRange("httpsPort", (s) => s.httpsPort, 1, 65535),
  when("httpsPort", (s) => {
    const http = s.httpPort ?? LOAD_BALANCER_DEFAULTS.httpPort;
    const https = s.httpsPort ?? LOAD_BALANCER_DEFAULTS.httpsPort;
    return s.certificateArn !== undefined && http === https ? `(${https}) must differ from httpPort (${http})` : undefined;
  }),
  matches("certificateArn", (s) => s.certificateArn, CERTIFICATE_ARN, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)"),
  rule(
    "certificateArn",
    (s) => s.certificateArn,
    (arn) => region !== undefined && arn.startsWith("arn:") && arn.split(":")[2] === "acm" && arn.split(":")[3] !== region,
    (arn) => `is in ${arn.split(":")[3]}; a load balancer in ${region} can only use an ACM certificate from its own region`,
  ),
  matches("sslPolicy", (s) => s.sslPolicy, /^ELBSecurityPolicy-[A-Za-z0-9-]+$/, "an ELB security policy name such as ELBSecurityPolicy-TLS13-1-2-2021-06"),
  each("ingressCidrs", (s) => s.ingressCidrs, [
    rule("", (c: string) => c, (c) => parseCidr(c) === undefined, (c) => `(${JSON.stringify(c)}) is not an IPv4 CIDR block`),
  ]),
  when("ingressCidrs", (s) => (s.ingressCidrs !== undefined && s.ingressCidrs.length === 0 ? "must allow at least one CIDR (or nothing reaches the load balancer)" : undefined)),
  intRange("deregistrationDelaySeconds", (s) => s.deregistrationDelaySeconds, 0, 3600, "seconds"),
  intRange("idleTimeoutSeconds", (s) => s.idleTimeoutSeconds, 1, 4000, "seconds"),
  matches("targetGroupNamePrefix", (s) => s.targetGroupNamePrefix, /^[a-zA-Z0-9-]{1,6}$/, "1 to 6 letters, digits or hyphens (AWS's name_prefix limit)"),
  nested("healthCheck", (s) => s.healthCheck, healthCheckRules),
  nested("accessLogs", (s) => s.accessLogs, accessLogRules),
];

const NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const propsRules: readonly Rule<LoadBalancerProps>[] = [
  matches("name", (p) => p.name, NAME, "letters, digits and hyphens, not starting or ending with a hyphen"),
  maxLength("name", (p) => p.name, 32),
  rule("name", (p) => p.name, (n) => n.startsWith("internal-"), () => 'must not start with "internal-" (reserved by AWS)'),
  when("subnetIds", (p) =>
    !isToken(p.subnetIds) && p.subnetIds.length < 2 ? `must list subnets in at least 2 availability zones (got ${p.subnetIds.length}); an ALB requires two` : undefined,
  ),
  rule("vpcCidr", (p) => p.vpcCidr, (c) => parseCidr(c) === undefined, (c) => `(${JSON.stringify(c)}) is not an IPv4 CIDR block`),
];

/** Every problem with the load balancer's settings, paths relative to `at`; `region` (when known) checks the certificate's. */
export function validateLoadBalancerSettings(settings: LoadBalancerSettings, at = "", region?: string): Finding[] {
  return check(settings, settingsRules(region), at);
}

/** Every problem with the load balancer's props, as the construct sees them. */
export function validateLoadBalancerProps(props: LoadBalancerProps, region?: string, at = ""): Finding[] {
  return [...check(props, propsRules, at), ...validateLoadBalancerSettings(props, at, region)];
}
