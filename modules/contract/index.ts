export { useBackend, type StateBackend } from "./backend";
export { WEB_TIER_OUTPUTS, type WebTierOutputName, type WebTierOutputs } from "./outputs";
export { readWebTierOutputs, remoteState } from "./remote-state";
export { publishWebTierOutputs } from "./stack-outputs";
