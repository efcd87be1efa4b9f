export { Network } from "./network";
export type { NetworkOutputs } from "./outputs";
export type {
  FlowLogOptions,
  GatewayEndpointService,
  NatGatewayStrategy,
  NetworkAclProtocol,
  NetworkAclRule,
  NetworkAclRules,
  NetworkProps,
  SubnetTier,
} from "./props";
export type { NetworkSettings } from "./validate";
