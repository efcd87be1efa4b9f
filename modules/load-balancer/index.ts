export { LoadBalancer } from "./load-balancer";
export type { LoadBalancerOutputs } from "./outputs";
export type {
  AccessLogOptions,
  DomainOptions,
  HealthCheckOptions,
  LoadBalancerProps,
  LoadBalancerSettings,
  StickinessOptions,
  WebAclOptions,
} from "./props";
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
