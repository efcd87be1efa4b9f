export { Network } from "./network";
export type { NetworkOutputs } from "./outputs";
export type { FlowLogOptions, NatGatewayStrategy, NetworkProps, NetworkSettings, SubnetTier } from "./props";
