export { Network } from "./network";
export type { NetworkOutputs } from "./outputs";
export { LOG_RETENTION_DAYS, NETWORK_DEFAULTS, type FlowLogOptions, type NatGatewayStrategy, type NetworkProps, type SubnetTier } from "./props";
export { planSubnets, SLOTS_PER_TIER, type PlannedSubnet } from "./subnets";
export { validateNetworkProps, validateNetworkSettings, zoneInRegion, type NetworkSettings } from "./validate";
