export { Messaging } from "./messaging";
export type { MessagingOutputs, QueueOutputs } from "./outputs";
export type { MessagingProps, MessagingSettings, QueueOptions } from "./props";
