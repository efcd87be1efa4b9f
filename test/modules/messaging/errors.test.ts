import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import type { MessagingProps, QueueOptions } from "../../../modules/messaging";
import { build } from "./helpers";

function problems(overrides: Partial<MessagingProps>): string[] {
  return problemsOf(() => build(overrides));
}
const queue = (q: Partial<QueueOptions>) => problems({ queues: [{ name: "order-queue", ...q }] });

describe("messaging validation", () => {
  it("throws when the visibility timeout is outside 0 to 43200 s", () => {
    expect(queue({ visibilityTimeoutSeconds: 43201 })).toEqual([
      "queues[0].visibilityTimeoutSeconds (43201) must be a whole number from 0 to 43200 seconds",
    ]);
    expect(queue({ visibilityTimeoutSeconds: -1 })).toHaveLength(1);
  });

  it("throws when retention is outside 60 to 1209600 s", () => {
    expect(queue({ messageRetentionSeconds: 59 })).toEqual([
      "queues[0].messageRetentionSeconds (59) must be a whole number from 60 to 1209600 seconds",
    ]);
    expect(queue({ messageRetentionSeconds: 1209601 })).toHaveLength(1);
  });

  it("throws when maxReceiveCount is outside 1 to 1000", () => {
    expect(queue({ maxReceiveCount: 0 })).toEqual(["queues[0].maxReceiveCount (0) must be a whole number from 1 to 1000"]);
    expect(queue({ maxReceiveCount: 1001 })).toHaveLength(1);
  });

  it("throws when a FIFO topic feeds a standard queue", () => {
    expect(problems({ fifo: true, queues: [{ name: "q", fifo: false }] })).toEqual([
      "queues[0].fifo (false) does not match the topic: a FIFO topic delivers only to FIFO queues",
    ]);
  });

  it("throws when a FIFO queue subscribes to a standard topic", () => {
    expect(problems({ queues: [{ name: "q", fifo: true }] })).toEqual([
      "queues[0].fifo (true) does not match the topic: a FIFO queue cannot subscribe to a standard topic",
    ]);
  });

  it("throws when a queue name would exceed 80 characters", () => {
    // "webtier-dev-" + name + "-dlq": 64 characters of name make exactly 80, 65 one too many.
    expect(queue({ name: "q".repeat(64) })).toEqual([]);
    expect(queue({ name: "q".repeat(65) })).toEqual([
      `queues[0].name gives a dead-letter queue named "webtier-dev-${"q".repeat(65)}-dlq" (81 characters); SQS allows at most 80`,
    ]);
  });

  it("throws when a queue name has characters SQS refuses", () => {
    expect(queue({ name: "order queue!" })).toEqual(['queues[0].name ("order queue!") must be letters, digits, hyphens and underscores']);
  });

  it("throws on a malformed email address, naming its index", () => {
    expect(problems({ emailSubscriptions: ["ops@example.com", "not-an-email"] })).toEqual([
      'emailSubscriptions[1] ("not-an-email") must be an email address',
    ]);
  });

  it("throws when the visibility timeout is shorter than the consumer's timeout", () => {
    expect(queue({ visibilityTimeoutSeconds: 30, consumerTimeoutSeconds: 90 })).toEqual([
      "queues[0].visibilityTimeoutSeconds (30) is shorter than consumerTimeoutSeconds (90): messages would reappear while still being processed",
    ]);
    expect(queue({ visibilityTimeoutSeconds: 90, consumerTimeoutSeconds: 90 })).toEqual([]);
  });

  it("refuses the AWS managed SQS key, which SNS cannot deliver with", () => {
    expect(queue({ kmsKeyId: "alias/aws/sqs" })).toEqual([
      "queues[0].kmsKeyId must not be the AWS managed key alias/aws/sqs: SNS cannot encrypt with it, so deliveries would fail; use SQS-managed encryption (leave it unset) or a customer managed key",
    ]);
  });

  it("throws when there is no queue, or two share a name", () => {
    expect(problems({ queues: [] })).toEqual(["queues must list at least 1 queue (got 0); the topic fans out to them"]);
    expect(problems({ queues: [{ name: "a" }, { name: "a" }] })).toEqual([
      'queues[1].name ("a") is already the name of queues[0]; queue names must be unique',
    ]);
  });

  it("throws on email subscriptions to a FIFO topic, which SNS delivers to SQS only", () => {
    expect(problems({ fifo: true, emailSubscriptions: ["ops@example.com"] })).toEqual([
      "emailSubscriptions cannot subscribe to a FIFO topic: SNS delivers FIFO topics to SQS queues only",
    ]);
  });

  it("throws on a topic key that is empty or not a key, which would leave the topic unencrypted or broken", () => {
    expect(problems({ topicKmsKeyId: "" })).toEqual(["topicKmsKeyId must not be empty"]);
    expect(problems({ topicKmsKeyId: "not a key" })).toHaveLength(1);
    expect(problems({ topicKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" })).toEqual([]);
  });

  it("throws on content-based deduplication for a standard topic", () => {
    expect(problems({ contentBasedDeduplication: true })).toEqual([
      "contentBasedDeduplication applies to FIFO topics only; set fifo: true or drop it",
    ]);
  });

  it("throws on content-based deduplication or high throughput for a standard queue", () => {
    const why = "applies to FIFO queues only; make the topic FIFO (fifo: true) or drop it";
    expect(queue({ contentBasedDeduplication: true })).toEqual([`queues[0].contentBasedDeduplication ${why}`]);
    expect(queue({ highThroughput: true })).toEqual([`queues[0].highThroughput ${why}`]);
    expect(problems({ fifo: true, queues: [{ name: "q", highThroughput: true, contentBasedDeduplication: true }] })).toEqual([]);
    // Off is off, whatever the topic.
    expect(queue({ highThroughput: false, contentBasedDeduplication: false })).toEqual([]);
  });

  it("throws on high throughput for a standard topic", () => {
    expect(problems({ highThroughput: true })).toEqual(["highThroughput applies to FIFO topics only; set fifo: true or drop it"]);
    expect(problems({ fifo: true, highThroughput: true })).toEqual([]);
  });

  it("throws when the dead-letter retention is outside 60 to 1209600 s", () => {
    expect(queue({ deadLetterRetentionSeconds: 59 })).toEqual([
      "queues[0].deadLetterRetentionSeconds (59) must be a whole number from 60 to 1209600 seconds",
    ]);
    expect(queue({ deadLetterRetentionSeconds: 1209601 })).toHaveLength(1);
  });

  it("throws when a standard queue's dead letters would expire before the queue's own messages", () => {
    const why = "a standard queue's dead letters keep their first enqueue time, so they could expire as they arrive";
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 3600 })).toEqual([
      `queues[0].deadLetterRetentionSeconds (3600) must be longer than messageRetentionSeconds (86400), or both 1209600: ${why}`,
    ]);
    // Equal is not longer, except at the maximum where nothing is longer.
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 86400 })).toHaveLength(1);
    expect(queue({ messageRetentionSeconds: 1209600 })).toEqual([]);
    expect(queue({ messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 86460 })).toEqual([]);
    // The default retention (4 days) against a shorter dead-letter retention.
    expect(queue({ deadLetterRetentionSeconds: 86400 })).toHaveLength(1);
    // A FIFO dead-letter queue restarts the clock: any retention will do.
    expect(problems({ fifo: true, queues: [{ name: "q", messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 3600 }] })).toEqual([]);
  });

  it("throws on a data key reuse period outside 60 to 86400 s, or without a KMS key", () => {
    expect(queue({ kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 59 })).toEqual([
      "queues[0].kmsDataKeyReusePeriodSeconds (59) must be a whole number from 60 to 86400 seconds",
    ]);
    expect(queue({ kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 86401 })).toHaveLength(1);
    expect(queue({ kmsDataKeyReusePeriodSeconds: 600 })).toEqual([
      "queues[0].kmsDataKeyReusePeriodSeconds applies to KMS encryption only: set kmsKeyId, or drop it (SQS-managed encryption has no data key to reuse)",
    ]);
  });

  it("throws on a success sample rate outside 0 to 100, or without delivery-status logging", () => {
    expect(problems({ deliveryStatusLogging: true, deliveryStatusSuccessSampleRate: 101 })).toEqual([
      "deliveryStatusSuccessSampleRate (101) must be a whole number from 0 to 100 percent",
    ]);
    expect(problems({ deliveryStatusSuccessSampleRate: 10 })).toEqual([
      "deliveryStatusSuccessSampleRate needs deliveryStatusLogging: true; without the role nothing is logged",
    ]);
    expect(problems({ deliveryStatusLogging: true, deliveryStatusSuccessSampleRate: 0 })).toEqual([]);
  });

  it("throws when the delivery-status role's name would exceed IAM's 64 characters", () => {
    // "webtier-dev-" + name + "-delivery-status": 36 characters of name make exactly 64.
    expect(problems({ deliveryStatusLogging: true, topicName: "t".repeat(36) })).toEqual([]);
    expect(problems({ deliveryStatusLogging: true, topicName: "t".repeat(37) })).toEqual([
      `deliveryStatusLogging gives its IAM role the name "webtier-dev-${"t".repeat(37)}-delivery-status" (65 characters); IAM allows at most 64: shorten topicName`,
    ]);
    // Without the role, the topic name may be longer.
    expect(problems({ topicName: "t".repeat(37) })).toEqual([]);
  });

  it("counts .fifo in the 80 characters of a FIFO queue's name", () => {
    // "webtier-dev-" + name + "-dlq" + ".fifo": 59 characters of name make exactly 80.
    expect(problems({ fifo: true, queues: [{ name: "q".repeat(59) }] })).toEqual([]);
    expect(problems({ fifo: true, queues: [{ name: "q".repeat(60) }] })).toEqual([
      `queues[0].name gives a dead-letter queue named "webtier-dev-${"q".repeat(60)}-dlq.fifo" (81 characters); SQS allows at most 80`,
    ]);
  });

  it("lists every problem in one error naming the construct", () => {
    expect(() =>
      build({ emailSubscriptions: ["x"], queues: [{ name: "a", maxReceiveCount: 0, visibilityTimeoutSeconds: 50000 }] }),
    ).toThrowError(/^Messaging test\/messaging is invalid \(3 problems\):/);
  });
});
