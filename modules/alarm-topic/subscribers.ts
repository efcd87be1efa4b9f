import { isToken } from "../core/validation";
import type { AlarmTopicSettings } from "./props";

/** The settings that reach people or other systems; a chat integration subscribes itself to the topic's ARN. */
const SUBSCRIBER_FIELDS = ["emailSubscriptions", "httpsEndpoints", "forwardToTopicArns"] as const;

/**
 * Whether anyone hears the topic: some subscriber list is non-empty, or a Terraform token
 * (another stack's output, judged by nobody at synth).
 */
export function hasSubscriber(settings: AlarmTopicSettings | undefined): boolean {
  return SUBSCRIBER_FIELDS.some((field) => {
    const list = settings?.[field];
    return list !== undefined && (isToken(list) || list.length > 0);
  });
}

/** The subscriber settings, for messages: `emailSubscriptions, httpsEndpoints or forwardToTopicArns`. */
export const SUBSCRIBER_CHOICES = `${SUBSCRIBER_FIELDS.slice(0, -1).join(", ")} or ${SUBSCRIBER_FIELDS.at(-1)}`;
