export { Messaging } from "./messaging";
export type { MessagingOutputs, QueueOutputs } from "./outputs";
export { AWS_MANAGED_SQS_KEY, MESSAGING_DEFAULTS, SQS_LIMITS, type MessagingProps, type QueueOptions } from "./props";
export { validateMessagingProps, validateMessagingSettings, type MessagingSettings } from "./validate";
