export { Messaging } from "./messaging";
export type { MessagingOutputs, QueueOutputs } from "./outputs";
export type { MessagingProps, QueueOptions } from "./props";
export type { MessagingSettings } from "./validate";
