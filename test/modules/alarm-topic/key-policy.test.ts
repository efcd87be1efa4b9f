import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { describe, expect, it } from "vitest";
import { AlarmTopic } from "../../../modules/alarm-topic";
import { onlyResource, parseJsonTemplate, synth, testStack } from "../../support/synth";

describe("alarm key policy", () => {
  const stack = testStack();
  new AlarmTopic(stack, "alarm-topic", { name: "demo", emailSubscriptions: ["oncall@example.com"] });
  const statements = parseJsonTemplate(onlyResource(synth(stack).json, KmsKeyPolicy).policy).Statement as Record<string, any>[];
  const cloudWatch = statements.find((s) => s.Sid === "CloudWatchPublishesAlarms")!;
  /** The key's own ARN part, as a Terraform expression: `element(split(":", aws_kms_key.<key>.arn), <index>)`. */
  const keyPart = (index: number) =>
    new RegExp(`^\\$\\{element\\(split\\(":", aws_kms_key\\.alarm-topic_key_[0-9A-F]{8}\\.arn\\), ${index}\\)\\}$`);

  it("lets CloudWatch generate data keys and decrypt, as the SNS documentation for AWS event sources states", () => {
    expect(cloudWatch).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
    });
  });

  it("only on behalf of the key's own account", () => {
    expect(cloudWatch.Condition.StringEquals).toEqual({ "aws:SourceAccount": expect.stringMatching(keyPart(4)) });
  });

  it("only for alarms of the key's account and region, whatever their names, so no alarm of the tier is dropped", () => {
    const m = /^arn:(\$\{[^}]*\}):cloudwatch:(\$\{[^}]*\}):(\$\{[^}]*\}):alarm:\*$/.exec(
      String(cloudWatch.Condition.ArnLike["aws:SourceArn"]),
    );
    expect(m).not.toBeNull();
    const [, partition, region, account] = m!;
    expect(partition).toMatch(/^\$\{element\(split\(":", aws_kms_key\.alarm-topic_key_[0-9A-F]{8}\.arn\), 1\)\}$/);
    expect(region).toMatch(keyPart(3));
    expect(account).toMatch(keyPart(4));
  });

  it("grants CloudWatch nothing else", () => {
    expect(statements.filter((s) => JSON.stringify(s.Principal).includes("cloudwatch"))).toEqual([cloudWatch]);
  });
});
