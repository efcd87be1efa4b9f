import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { build, byName, logicalName } from "./helpers";

describe("queues", () => {
  const { json } = build();
  const queues = byName(json, "aws_sqs_queue");
  const queue = queues["webtier-dev-order-queue"]!;
  const dlq = queues["webtier-dev-order-queue-dlq"]!;
  const queueArn = `\${aws_sqs_queue.${logicalName(json, "aws_sqs_queue", "webtier-dev-order-queue")}.arn}`;
  const dlqRef = logicalName(json, "aws_sqs_queue", "webtier-dev-order-queue-dlq");

  it("creates the queue and its dead-letter queue, nothing else", () => {
    expect(Object.keys(queues).sort()).toEqual(["webtier-dev-order-queue", "webtier-dev-order-queue-dlq"]);
  });

  it("encrypts both with SQS-managed keys by default", () => {
    expect(queue.sqs_managed_sse_enabled).toBe(true);
    expect(dlq.sqs_managed_sse_enabled).toBe(true);
    expect(queue).not.toHaveProperty("kms_master_key_id");
  });

  it("long-polls for 20 s, hides received messages for 30 s and keeps them 4 days", () => {
    expect(queue).toMatchObject({ receive_wait_time_seconds: 20, visibility_timeout_seconds: 30, message_retention_seconds: 345600 });
  });

  it("keeps dead letters for the 14-day maximum", () => {
    expect(dlq.message_retention_seconds).toBe(1209600);
  });

  it("redrives to the dead-letter queue after 5 receives", () => {
    expect(parseJsonTemplate(queue.redrive_policy)).toEqual({ deadLetterTargetArn: `\${aws_sqs_queue.${dlqRef}.arn}`, maxReceiveCount: 5 });
  });

  it("lets only its source queue redrive into the dead-letter queue", () => {
    const allow = onlyResource(json, SqsQueueRedriveAllowPolicy);
    expect(allow.queue_url).toBe(`\${aws_sqs_queue.${dlqRef}.url}`);
    expect(parseJsonTemplate(allow.redrive_allow_policy)).toEqual({ redrivePermission: "byQueue", sourceQueueArns: [queueArn] });
  });

  it("lets sns.amazonaws.com send only when the source is the topic, and refuses anything without TLS", () => {
    const policy = Object.values(resourcesOf(json, SqsQueuePolicy)).find((p) => p.queue_url === queueArn.replace(".arn}", ".url}"))!;
    expect(policy.queue_url).toMatch(/^\$\{aws_sqs_queue\.messaging_queue-order-queue_[0-9A-F]{8}\.url\}$/);
    expect(parseJsonTemplate(policy.policy).Statement).toEqual([
      {
        Sid: "TopicSendsOnly",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": expect.stringMatching(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.arn\}$/) } },
      },
      {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("takes timings, receive count and a customer managed key from props", () => {
    const custom = byName(
      build({
        queues: [
          {
            name: "q",
            visibilityTimeoutSeconds: 120,
            messageRetentionSeconds: 86400,
            receiveWaitTimeSeconds: 5,
            maxReceiveCount: 3,
            kmsKeyId: "alias/orders",
          },
        ],
      }).json,
      "aws_sqs_queue",
    );
    expect(custom["webtier-dev-q"]).toMatchObject({
      visibility_timeout_seconds: 120,
      message_retention_seconds: 86400,
      receive_wait_time_seconds: 5,
      kms_master_key_id: "alias/orders",
    });
    expect(custom["webtier-dev-q-dlq"]).toMatchObject({ kms_master_key_id: "alias/orders" });
    expect(parseJsonTemplate(custom["webtier-dev-q"]!.redrive_policy).maxReceiveCount).toBe(3);
  });

  it("fans out to several queues, each with its own dead-letter queue and policies", () => {
    const { json: many } = build({ queues: [{ name: "orders" }, { name: "audit" }, { name: "billing" }] });
    expect(Object.keys(byName(many, "aws_sqs_queue")).sort()).toEqual([
      "webtier-dev-audit",
      "webtier-dev-audit-dlq",
      "webtier-dev-billing",
      "webtier-dev-billing-dlq",
      "webtier-dev-orders",
      "webtier-dev-orders-dlq",
    ]);
    // A policy for each queue and for each dead-letter queue.
    expect(Object.keys(resourcesOf(many, SqsQueuePolicy))).toHaveLength(6);
  });

  it("makes FIFO queues (and their dead-letter queues) for a FIFO topic", () => {
    const fifo = byName(build({ fifo: true }).json, "aws_sqs_queue");
    expect(fifo["webtier-dev-order-queue.fifo"]).toMatchObject({ fifo_queue: true });
    expect(fifo["webtier-dev-order-queue-dlq.fifo"]).toMatchObject({ fifo_queue: true });
  });
});

describe("queue lifecycle", () => {
  it("protects queues and dead-letter queues from destroy when asked (prod)", () => {
    for (const queue of Object.values(resourcesOf(build({ preventDestroy: true }).json, SqsQueue))) {
      expect(queue.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it("leaves them destroyable by default", () => {
    for (const queue of Object.values(resourcesOf(build().json, SqsQueue))) expect(queue).not.toHaveProperty("lifecycle");
  });
});

describe("queue retention and encryption options", () => {
  it("keeps dead letters as long as asked", () => {
    const queues = byName(
      build({ queues: [{ name: "q", messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 172800 }] }).json,
      "aws_sqs_queue",
    );
    expect(queues["webtier-dev-q-dlq"]!.message_retention_seconds).toBe(172800);
    expect(queues["webtier-dev-q"]!.message_retention_seconds).toBe(86400);
  });

  it("reuses KMS data keys for the period asked, on the queue and its dead-letter queue", () => {
    const queues = byName(
      build({ queues: [{ name: "q", kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 3600 }] }).json,
      "aws_sqs_queue",
    );
    for (const q of Object.values(queues))
      expect(q).toMatchObject({ kms_master_key_id: "alias/orders", kms_data_key_reuse_period_seconds: 3600 });
    for (const q of Object.values(queues)) expect(q).not.toHaveProperty("sqs_managed_sse_enabled");
  });

  it("leaves the reuse period to SQS (300 s) when not given", () => {
    const queues = byName(build({ queues: [{ name: "q", kmsKeyId: "alias/orders" }] }).json, "aws_sqs_queue");
    for (const q of Object.values(queues)) expect(q).not.toHaveProperty("kms_data_key_reuse_period_seconds");
  });
});
