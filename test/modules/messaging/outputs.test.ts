import { describe, expect, it } from "vitest";
import { resolveValues } from "../../support/synth";
import { build } from "./helpers";

describe("messaging outputs", () => {
  it("exposes the topic and, per configured queue name, the queue and its dead-letter queue", () => {
    const { messaging, stack } = build({ queues: [{ name: "order-queue" }, { name: "audit" }] });
    const q = messaging.outputs.queues;
    expect(Object.keys(q)).toEqual(["order-queue", "audit"]);
    const out = resolveValues(stack, {
      topicArn: messaging.outputs.topicArn,
      topicName: messaging.outputs.topicName,
      ...Object.fromEntries(Object.entries(q["order-queue"]!).map(([k, v]) => [`order-${k}`, v])),
    });
    const queueRef = (attr: string) =>
      expect.stringMatching(new RegExp(`^\\$\\{aws_sqs_queue\\.messaging_queue-order-queue_[0-9A-F]{8}\\.${attr}\\}$`));
    const dlqRef = (attr: string) =>
      expect.stringMatching(new RegExp(`^\\$\\{aws_sqs_queue\\.messaging_queue-order-queue_dead-letter-queue_[0-9A-F]{8}\\.${attr}\\}$`));
    expect(out).toEqual({
      topicArn: expect.stringMatching(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.arn\}$/),
      topicName: expect.stringMatching(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.name\}$/),
      "order-queueUrl": queueRef("url"),
      "order-queueArn": queueRef("arn"),
      "order-queueName": queueRef("name"),
      "order-dlqUrl": dlqRef("url"),
      "order-dlqArn": dlqRef("arn"),
      "order-dlqName": dlqRef("name"),
    });
  });
});
