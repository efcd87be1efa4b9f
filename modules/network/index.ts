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
  NetworkSettings,
  SubnetTier,
} from "./props";
