export { Network } from "./network";
export type { NetworkOutputs } from "./outputs";
export type { FlowLogOptions, GatewayEndpointService, NatGatewayStrategy, NetworkProps, SubnetTier } from "./props";
export type { NetworkSettings } from "./validate";
