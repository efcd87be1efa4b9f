import { describe, expect, it } from "vitest";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import type { MessagingProps, QueueOptions } from "../../../modules/messaging";
import { build } from "./helpers";

function problems(overrides: Partial<MessagingProps>): string[] {
  return findingPathsOf(() => build(overrides));
}
const queue = (q: Partial<QueueOptions>) => problems({ queues: [{ name: "order-queue", ...q }] });

describe("messaging validation", () => {
  it("throws when the visibility timeout is outside 0 to 43200 s", () => {
    expect(queue({ visibilityTimeoutSeconds: 43201 })).toEqual(["queues[0].visibilityTimeoutSeconds"]);
    expect(queue({ visibilityTimeoutSeconds: -1 })).toEqual(["queues[0].visibilityTimeoutSeconds"]);
    expect([queue({ visibilityTimeoutSeconds: 0 }), queue({ visibilityTimeoutSeconds: 43200 })]).toEqual([[], []]);
  });

  it("throws when retention is outside 60 to 1209600 s", () => {
    expect(queue({ messageRetentionSeconds: 59 })).toEqual(["queues[0].messageRetentionSeconds"]);
    expect(queue({ messageRetentionSeconds: 1209601 })).toEqual(["queues[0].messageRetentionSeconds"]);
    expect([queue({ messageRetentionSeconds: 60 }), queue({ messageRetentionSeconds: 1209600 })]).toEqual([[], []]);
  });

  it("throws when maxReceiveCount is outside 1 to 1000", () => {
    expect(queue({ maxReceiveCount: 0 })).toEqual(["queues[0].maxReceiveCount"]);
    expect(queue({ maxReceiveCount: 1001 })).toEqual(["queues[0].maxReceiveCount"]);
    expect([queue({ maxReceiveCount: 1 }), queue({ maxReceiveCount: 1000 })]).toEqual([[], []]);
  });

  it("throws when a FIFO topic feeds a standard queue", () => {
    expect(problems({ fifo: true, queues: [{ name: "q", fifo: false }] })).toEqual(["queues[0].fifo"]);
  });

  it("throws when a FIFO queue subscribes to a standard topic", () => {
    expect(problems({ queues: [{ name: "q", fifo: true }] })).toEqual(["queues[0].fifo"]);
  });

  it("throws when a queue name would exceed 80 characters", () => {
    // "webtier-dev-" + name + "-dlq": 64 characters of name make exactly 80, 65 one too many.
    expect(queue({ name: "q".repeat(64) })).toEqual([]);
    expect(queue({ name: "q".repeat(65) })).toEqual(["queues[0].name"]);
  });

  it("throws when a queue name has characters SQS refuses", () => {
    expect(queue({ name: "order queue!" })).toEqual(["queues[0].name"]);
  });

  it("throws on a malformed email address, naming its index", () => {
    expect(problems({ emailSubscriptions: ["ops@example.com", "not-an-email"] })).toEqual(["emailSubscriptions[1]"]);
  });

  it("throws when the visibility timeout is shorter than the consumer's timeout", () => {
    expect(queue({ visibilityTimeoutSeconds: 30, consumerTimeoutSeconds: 90 })).toEqual(["queues[0].visibilityTimeoutSeconds"]);
    expect(queue({ visibilityTimeoutSeconds: 90, consumerTimeoutSeconds: 90 })).toEqual([]);
  });

  it("refuses the AWS managed SQS key, which SNS cannot deliver with", () => {
    expect(queue({ kmsKeyId: "alias/aws/sqs" })).toEqual(["queues[0].kmsKeyId"]);
  });

  it("throws when there is no queue, or two share a name", () => {
    expect(problems({ queues: [] })).toEqual(["queues"]);
    expect(problems({ queues: [{ name: "a" }, { name: "a" }] })).toEqual(["queues[1].name"]);
  });

  it("throws on email subscriptions to a FIFO topic, which SNS delivers to SQS only", () => {
    expect(problems({ fifo: true, emailSubscriptions: ["ops@example.com"] })).toEqual(["emailSubscriptions"]);
  });

  it("throws on a topic key that is empty or not a key, which would leave the topic unencrypted or broken", () => {
    expect(problems({ topicKmsKeyId: "" })).toEqual(["topicKmsKeyId"]);
    expect(problems({ topicKmsKeyId: "not a key" })).toEqual(["topicKmsKeyId"]);
    expect(problems({ topicKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" })).toEqual([]);
  });

  it("throws on content-based deduplication for a standard topic", () => {
    expect(problems({ contentBasedDeduplication: true })).toEqual(["contentBasedDeduplication"]);
  });

  it("throws on content-based deduplication or high throughput for a standard queue", () => {
    expect(queue({ contentBasedDeduplication: true })).toEqual(["queues[0].contentBasedDeduplication"]);
    expect(queue({ highThroughput: true })).toEqual(["queues[0].highThroughput"]);
    expect(problems({ fifo: true, queues: [{ name: "q", highThroughput: true, contentBasedDeduplication: true }] })).toEqual([]);
    // Off is off, whatever the topic.
    expect(queue({ highThroughput: false, contentBasedDeduplication: false })).toEqual([]);
  });

  it("throws on high throughput for a standard topic", () => {
    expect(problems({ highThroughput: true })).toEqual(["highThroughput"]);
    expect(problems({ fifo: true, highThroughput: true })).toEqual([]);
  });

  it("throws when the dead-letter retention is outside 60 to 1209600 s", () => {
    expect(queue({ deadLetterRetentionSeconds: 59 })).toEqual(["queues[0].deadLetterRetentionSeconds"]);
    expect(queue({ deadLetterRetentionSeconds: 1209601 })).toEqual(["queues[0].deadLetterRetentionSeconds"]);
  });

  it("throws when a standard queue's dead letters would expire before the queue's own messages", () => {
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 3600 })).toEqual(["queues[0].deadLetterRetentionSeconds"]);
    // Equal is not longer, except at the maximum where nothing is longer.
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 86400 })).toEqual(["queues[0].deadLetterRetentionSeconds"]);
    expect(queue({ messageRetentionSeconds: 1209600 })).toEqual([]);
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 86460 })).toEqual([]);
    // The default retention (4 days) against a shorter dead-letter retention.
    expect(queue({ deadLetterRetentionSeconds: 86400 })).toEqual(["queues[0].deadLetterRetentionSeconds"]);
    // A FIFO dead-letter queue restarts the clock: any retention will do.
    expect(problems({ fifo: true, queues: [{ name: "q", messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 3600 }] })).toEqual([]);
  });

  it("throws on a data key reuse period outside 60 to 86400 s, or without a KMS key", () => {
    expect(queue({ kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 59 })).toEqual(["queues[0].kmsDataKeyReusePeriodSeconds"]);
    expect(queue({ kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 86401 })).toEqual(["queues[0].kmsDataKeyReusePeriodSeconds"]);
    expect(queue({ kmsDataKeyReusePeriodSeconds: 600 })).toEqual(["queues[0].kmsDataKeyReusePeriodSeconds"]);
  });

  it("throws on a success sample rate outside 0 to 100, or without delivery-status logging", () => {
    expect(problems({ deliveryStatusLogging: true, deliveryStatusSuccessSampleRate: 101 })).toEqual(["deliveryStatusSuccessSampleRate"]);
    expect(problems({ deliveryStatusSuccessSampleRate: 10 })).toEqual(["deliveryStatusSuccessSampleRate"]);
    expect(problems({ deliveryStatusLogging: true, deliveryStatusSuccessSampleRate: 0 })).toEqual([]);
  });

  it("throws when the delivery-status role's name would exceed IAM's 64 characters", () => {
    // "webtier-dev-" + name + "-delivery-status": 36 characters of name make exactly 64.
    expect(problems({ deliveryStatusLogging: true, topicName: "t".repeat(36) })).toEqual([]);
    expect(problems({ deliveryStatusLogging: true, topicName: "t".repeat(37) })).toEqual(["deliveryStatusLogging"]);
    // Without the role, the topic name may be longer.
    expect(problems({ topicName: "t".repeat(37) })).toEqual([]);
  });

  it("counts .fifo in the 80 characters of a FIFO queue's name", () => {
    // "webtier-dev-" + name + "-dlq" + ".fifo": 59 characters of name make exactly 80.
    expect(problems({ fifo: true, queues: [{ name: "q".repeat(59) }] })).toEqual([]);
    expect(problems({ fifo: true, queues: [{ name: "q".repeat(60) }] })).toEqual(["queues[0].name"]);
  });

  it("lists every problem in one error naming the construct", () => {
    const error = validationErrorOf(() =>
      build({ emailSubscriptions: ["x"], queues: [{ name: "a", maxReceiveCount: 0, visibilityTimeoutSeconds: 50000 }] }),
    );
    expect(error.subject).toBe("Messaging test/messaging");
    expect(error.findings.map((f) => f.path)).toEqual([
      "queues[0].visibilityTimeoutSeconds",
      "queues[0].maxReceiveCount",
      "emailSubscriptions[0]",
    ]);
  });
});
