import type { AlarmTopicSettings } from "./props";

/** The settings that reach people or other systems; a chat integration subscribes itself to the topic's ARN. */
const SUBSCRIBER_FIELDS = ["emailSubscriptions", "httpsEndpoints", "forwardToTopicArns"] as const;

/**
 * Whether anyone hears the topic: some subscriber list is non-empty (a Terraform token list,
 * another stack's output, counts: nobody judges it at synth). A value that is not a list at all
 * counts too: its shape is reported on its own, not again as a missing subscriber.
 */
export function hasSubscriber(settings: AlarmTopicSettings | undefined): boolean {
  return SUBSCRIBER_FIELDS.some((field) => {
    const list: unknown = settings?.[field];
    return list !== undefined && (!Array.isArray(list) || list.length > 0);
  });
}

/** The subscriber settings, for messages: `emailSubscriptions, httpsEndpoints or forwardToTopicArns`. */
export const SUBSCRIBER_CHOICES = `${SUBSCRIBER_FIELDS.slice(0, -1).join(", ")} or ${SUBSCRIBER_FIELDS.at(-1)}`;
