export { LoadBalancer } from "./load-balancer";
export type { LoadBalancerOutputs } from "./outputs";
export { LOAD_BALANCER_DEFAULTS, type AccessLogOptions, type HealthCheckOptions, type LoadBalancerProps } from "./props";
export { validateLoadBalancerProps, validateLoadBalancerSettings, type LoadBalancerSettings } from "./validate";
