import { checkShape, omit } from "../core/shape";
import { judge, known, rule, when, type Finding, type Rule } from "../core/validation";
import { ADMIN_PORTS, LOAD_BALANCER_DEFAULTS, LOAD_BALANCER_SHAPE, type LoadBalancerProps } from "./props";

/** Keys a WebTier fills in: from the network, from the compute section, and the tier's own. */
type Wired = "name" | "vpcId" | "vpcCidr" | "subnetIds" | "tags" | "stressEndpoint" | "ipAddressType";

/** The load balancer's inputs that are plain data: what an environment's config holds. */
export type LoadBalancerSettings = Omit<LoadBalancerProps, Wired>;

/** The shape of the load balancer's settings. */
export const LOAD_BALANCER_SETTINGS_SHAPE = omit(LOAD_BALANCER_SHAPE, "name", "vpcId", "vpcCidr", "subnetIds", "tags", "stressEndpoint", "ipAddressType");

/** The region of an ARN (`arn:aws:<service>:<region>:…`). */
const regionOf = (arn: string) => arn.split(":")[3];

/** Rules across fields, each reading the fields it declares; `region` (when known) checks the certificate's and the web ACL's. */
export const loadBalancerRules = (region: string | undefined): readonly Rule<LoadBalancerSettings>[] => [
  rule(
    "targetPort",
    (s) => s.targetPort,
    (p) => p in ADMIN_PORTS,
    (p) => `(${p}) is the ${ADMIN_PORTS[p]} port: the load balancer never forwards to an administration port (instances are reached through Session Manager)`,
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
];

/** Rules on what a WebTier wires in, for props given directly. */
const wiredRules: readonly Rule<LoadBalancerProps>[] = [
  when("stressAllowedCidrs", ["stressAllowedCidrs", "stressEndpoint"], (p) =>
    (p.stressAllowedCidrs ?? []).length > 0 && !(p.stressEndpoint ?? LOAD_BALANCER_DEFAULTS.stressEndpoint)
      ? "lists sources for /stress, but stressEndpoint is off: nothing would serve it (turn stressEndpoint on, or leave the list out)"
      : undefined,
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
