import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate } from "../../support/synth";
import { build } from "./helpers";

describe("topic", () => {
  const { json } = build();
  const topic = onlyResource(json, SnsTopic);
  const topicArn = expect.stringMatching(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.arn\}$/);

  it("is named with the prefix and encrypted with the AWS managed SNS key by default", () => {
    expect(topic).toMatchObject({ name: "webtier-dev-order-alerts", kms_master_key_id: "alias/aws/sns" });
    expect(topic).not.toHaveProperty("fifo_topic");
  });

  it("has a policy that admits only its own account and refuses publishing without TLS", () => {
    const policy = parseJsonTemplate(onlyResource(json, SnsTopicPolicy).policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "OwnAccountOnly",
        Effect: "Allow",
        Principal: {
          AWS: expect.stringMatching(
            /^arn:\$\{element\(split\(":", aws_sns_topic\.[^)]+\.arn\), 1\)\}:iam::\$\{element\(split\(":", aws_sns_topic\.[^)]+\.arn\), 4\)\}:root$/,
          ),
        },
        Action: expect.arrayContaining(["SNS:Publish", "SNS:Subscribe"]),
        Resource: topicArn,
      },
      {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("takes a customer managed key when given", () => {
    expect(onlyResource(build({ topicKmsKeyId: "alias/orders" }).json, SnsTopic).kms_master_key_id).toBe("alias/orders");
  });

  it("can be FIFO with content-based deduplication, named .fifo", () => {
    const fifo = onlyResource(build({ fifo: true }).json, SnsTopic);
    expect(fifo).toMatchObject({ name: "webtier-dev-order-alerts.fifo", fifo_topic: true, content_based_deduplication: true });
  });
});
