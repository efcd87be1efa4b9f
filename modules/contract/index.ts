export { useBackend, type StateBackend } from "./backend";
export {
  hasMessagingOutputs,
  MESSAGING_OUTPUT_NAMES,
  WEB_TIER_OUTPUTS,
  type MessagingOutputName,
  type OutputKind,
  type WebTierCoreOutputs,
  type WebTierOutputName,
  type WebTierOutputs,
  type WebTierOutputsWithMessaging,
  type WebTierOutputsWithoutMessaging,
} from "./outputs";
export { readWebTierOutputs, remoteState, type ReadWebTierOutputsOptions } from "./remote-state";
export { publishWebTierOutputs } from "./stack-outputs";
