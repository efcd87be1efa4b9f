import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate } from "../../support/synth";
import { build, byName, logicalName } from "./helpers";

describe("FIFO end to end", () => {
  const { json } = build({
    fifo: true,
    highThroughput: true,
    queues: [{ name: "orders", highThroughput: true, contentBasedDeduplication: true }],
  });
  const queues = byName(json, "aws_sqs_queue");
  const queue = queues["webtier-dev-orders.fifo"]!;
  const dlq = queues["webtier-dev-orders-dlq.fifo"]!;

  it("names the topic, the queue and its dead-letter queue .fifo, all FIFO", () => {
    expect(onlyResource(json, SnsTopic)).toMatchObject({
      name: "webtier-dev-order-alerts.fifo",
      fifo_topic: true,
      content_based_deduplication: true,
    });
    expect(Object.keys(queues).sort()).toEqual(["webtier-dev-orders-dlq.fifo", "webtier-dev-orders.fifo"]);
    expect(queue.fifo_queue).toBe(true);
    expect(dlq.fifo_queue).toBe(true);
  });

  it("redrives the FIFO queue into its FIFO dead-letter queue", () => {
    expect(parseJsonTemplate(queue.redrive_policy).deadLetterTargetArn).toBe(
      `\${aws_sqs_queue.${logicalName(json, "aws_sqs_queue", "webtier-dev-orders-dlq.fifo")}.arn}`,
    );
  });

  it("puts the topic in high-throughput mode: ordering and quota per message group", () => {
    expect(onlyResource(json, SnsTopic).fifo_throughput_scope).toBe("MessageGroup");
  });

  it("puts the queue in high-throughput mode: deduplication and quota per message group", () => {
    expect(queue).toMatchObject({
      deduplication_scope: "messageGroup",
      fifo_throughput_limit: "perMessageGroupId",
      content_based_deduplication: true,
    });
    // The dead-letter queue keeps SQS's defaults: only redrives write to it.
    expect(dlq).not.toHaveProperty("deduplication_scope");
    expect(dlq).not.toHaveProperty("fifo_throughput_limit");
  });

  it("leaves FIFO queues and topics in SQS's and SNS's default modes unless asked", () => {
    const { json: plain } = build({ fifo: true });
    expect(onlyResource(plain, SnsTopic)).not.toHaveProperty("fifo_throughput_scope");
    const q = byName(plain, "aws_sqs_queue")["webtier-dev-order-queue.fifo"]!;
    for (const attribute of ["deduplication_scope", "fifo_throughput_limit", "content_based_deduplication"])
      expect(q).not.toHaveProperty(attribute);
  });

  it("sets none of it on standard topics and queues", () => {
    const { json: standard } = build();
    const topic = onlyResource(standard, SnsTopic);
    for (const attribute of ["fifo_topic", "fifo_throughput_scope", "content_based_deduplication"])
      expect(topic).not.toHaveProperty(attribute);
    for (const q of Object.values(byName(standard, "aws_sqs_queue"))) {
      for (const attribute of ["fifo_queue", "deduplication_scope", "fifo_throughput_limit", "content_based_deduplication"])
        expect(q).not.toHaveProperty(attribute);
    }
  });
});
