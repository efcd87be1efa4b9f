import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { describe, expect, it } from "vitest";

import { AlarmTopic } from "../../../modules/alarm-topic";
import { findingPathsOf } from "../../support/findings";
import { instancesOf, onlyResource, parseJsonTemplate, synth, testStack } from "../../support/synth";

function buildTopic(emails?: string[]) {
  const stack = testStack();
  new AlarmTopic(stack, "alarm-topic", { name: "demo", emailSubscriptions: emails });
  return synth(stack).json;
}

describe("alarm topic", () => {
  const json = buildTopic(["oncall@example.com"]);

  it("is encrypted with a customer managed key that rotates, never the AWS managed alias/aws/sns", () => {
    const topic = onlyResource(json, SnsTopic);
    expect(topic.name).toBe("demo-alarms");
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alarm-topic_key_[0-9A-F]{8}\.arn\}$/);
    expect(topic.kms_master_key_id).not.toBe("alias/aws/sns");
    expect(onlyResource(json, KmsKey)).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it("has a key policy letting the account administer the key", () => {
    const statements = parseJsonTemplate(onlyResource(json, KmsKeyPolicy).policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Sid: "AccountAdministers", Action: "kms:*" }));
  });

  it("lets Auto Scaling's service-linked role of this account use the key through SNS alone, for group notifications", () => {
    const statements = parseJsonTemplate(onlyResource(json, KmsKeyPolicy).policy).Statement;
    const key = /^\$\{element\(split\(":", aws_kms_key\.alarm-topic_key_[0-9A-F]{8}\.arn\), (\d)\)\}$/;
    const statement = statements.find((s: { Sid?: string }) => s.Sid === "AutoScalingPublishesNotifications");
    expect(statement).toMatchObject({
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
    });
    expect(statement.Condition.StringEquals["kms:CallerAccount"]).toMatch(key);
    expect(statement.Condition.StringEquals["kms:ViaService"]).toMatch(
      /^sns\.\$\{element\(split\(":", aws_kms_key\..*\), 3\)\}\.amazonaws\.com$/,
    );
    expect(statement.Condition.ArnLike["aws:PrincipalArn"]).toMatch(
      /:role\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling\*$/,
    );
  });

  it("lets alarms of this account and region publish to the topic", () => {
    const statements = parseJsonTemplate(onlyResource(json, SnsTopicPolicy).policy).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: "CloudWatchAlarmsPublish",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "SNS:Publish",
        Condition: {
          StringEquals: { "aws:SourceAccount": expect.stringMatching(/split\(":", aws_sns_topic\./) },
          ArnLike: { "aws:SourceArn": expect.stringMatching(/^arn:\$\{.*\}:cloudwatch:\$\{.*\}:\$\{.*\}:alarm:\*$/) },
        },
      }),
    );
  });

  it("subscribes the configured emails", () => {
    expect(instancesOf(json, SnsTopicSubscription)).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: "oncall@example.com" }),
    ]);
  });

  it("throws on a malformed email", () => {
    expect(findingPathsOf(() => buildTopic(["oncall"]))).toEqual(["emailSubscriptions[0]"]);
    expect(findingPathsOf(() => buildTopic(["oncall@example.com"]))).toEqual([]);
  });
});
