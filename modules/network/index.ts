export { Network } from "./network";
export type { NetworkOutputs } from "./outputs";
export type { FlowLogOptions, NatGatewayStrategy, NetworkProps, SubnetTier } from "./props";
export type { NetworkSettings } from "./validate";
