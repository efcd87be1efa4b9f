export { LoadBalancer } from "./load-balancer";
export type { LoadBalancerOutputs } from "./outputs";
export type { AccessLogOptions, HealthCheckOptions, LoadBalancerProps } from "./props";
export type { LoadBalancerSettings } from "./validate";
