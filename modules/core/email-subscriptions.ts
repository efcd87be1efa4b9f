import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { Construct } from "constructs";
import { forEachValue } from "./for-each";

/**
 * Subscribes each email address (a written-out list or a token) to the topic, keyed by the
 * address. Each subscription stays pending until its owner confirms. Earlier releases named a
 * resource after each address: their state moves to the instances.
 */
export function subscribeEmails(scope: Construct, topicArn: string, emails: readonly string[]): void {
  forEachValue(
    scope,
    "email",
    emails,
    (s, id, endpoint, forEach) => new SnsTopicSubscription(s, id, { forEach, topicArn, protocol: "email", endpoint }),
    (email) => `email-${email}`,
  );
}
