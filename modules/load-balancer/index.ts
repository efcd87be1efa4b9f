export { LoadBalancer } from "./load-balancer";
export type { LoadBalancerOutputs } from "./outputs";
export type { AccessLogOptions, DomainOptions, HealthCheckOptions, LoadBalancerProps, StickinessOptions, WebAclOptions } from "./props";
export type { LoadBalancerSettings } from "./validate";
export type {
  FixedResponseAction,
  ForwardAction,
  HttpHeaderCondition,
  ListenerRuleOptions,
  QueryStringMatch,
  RedirectAction,
  RuleAction,
  RuleConditions,
  TargetGroupOptions,
} from "./routing";
