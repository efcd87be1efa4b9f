import { checkShape, omit } from "../core/shape";
import { check, rule, when, type Finding, type Rule } from "../core/validation";
import { ADMIN_PORTS, LOAD_BALANCER_DEFAULTS, LOAD_BALANCER_SHAPE, type LoadBalancerProps } from "./props";

/** The load balancer's inputs that are plain data: what an environment's config holds. */
export type LoadBalancerSettings = Omit<LoadBalancerProps, "name" | "vpcId" | "vpcCidr" | "subnetIds" | "tags">;

const SETTINGS_SHAPE = omit(LOAD_BALANCER_SHAPE, "name", "vpcId", "vpcCidr", "subnetIds", "tags");

/** Rules across fields, for settings of the right shape; `region` (when known) checks the certificate's. */
const settingsRules = (region: string | undefined): readonly Rule<LoadBalancerSettings>[] => [
  rule(
    "targetPort",
    (s) => s.targetPort,
    (p) => p in ADMIN_PORTS,
    (p) => `(${p}) is the ${ADMIN_PORTS[p]} port: the load balancer never forwards to an administration port (instances are reached through Session Manager)`,
  ),
  when("httpsPort", (s) => {
    const http = s.httpPort ?? LOAD_BALANCER_DEFAULTS.httpPort;
    const https = s.httpsPort ?? LOAD_BALANCER_DEFAULTS.httpsPort;
    return s.certificateArn !== undefined && http === https ? `(${https}) must differ from httpPort (${http})` : undefined;
  }),
  rule(
    "certificateArn",
    (s) => s.certificateArn,
    (arn) => region !== undefined && arn.split(":")[2] === "acm" && arn.split(":")[3] !== region,
    (arn) => `is in ${arn.split(":")[3]}; a load balancer in ${region} can only use an ACM certificate from its own region`,
  ),
  when("healthCheck.timeoutSeconds", (s) => {
    const timeout = s.healthCheck?.timeoutSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.timeoutSeconds;
    const interval = s.healthCheck?.intervalSeconds ?? LOAD_BALANCER_DEFAULTS.healthCheck.intervalSeconds;
    return timeout >= interval ? `(${timeout}) must be shorter than intervalSeconds (${interval})` : undefined;
  }),
];

/** Every problem with the load balancer's settings, paths relative to `at`: shape first, then rules across fields. */
export function validateLoadBalancerSettings(settings: LoadBalancerSettings, at = "", region?: string): Finding[] {
  const shape = checkShape(settings, SETTINGS_SHAPE, at);
  return shape.length > 0 ? shape : check(settings, settingsRules(region), at);
}

/** Every problem with the load balancer's props, as the construct sees them. */
export function validateLoadBalancerProps(props: LoadBalancerProps, region?: string, at = ""): Finding[] {
  const shape = checkShape(props, LOAD_BALANCER_SHAPE, at);
  return shape.length > 0 ? shape : check(props, settingsRules(region), at);
}
