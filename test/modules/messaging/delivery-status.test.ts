import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

describe("delivery-status logging", () => {
  const { json } = build({ fifo: true, deliveryStatusLogging: true, deliveryStatusSuccessSampleRate: 25 });
  const topic = onlyResource(json, SnsTopic);
  const role = onlyResource(json, IamRole);
  const roleArn = expect.stringMatching(/^\$\{aws_iam_role\.messaging_delivery-status_role_[0-9A-F]{8}\.arn\}$/);

  it("gives the topic a role for successful and failed deliveries to queues, and a sample rate", () => {
    expect(topic).toMatchObject({
      sqs_success_feedback_role_arn: roleArn,
      sqs_failure_feedback_role_arn: roleArn,
      sqs_success_feedback_sample_rate: 25,
    });
  });

  it("makes a role only SNS can assume, named after the topic", () => {
    expect(role.name).toBe("webtier-dev-order-alerts-delivery-status");
    expect(parseJsonTemplate(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("lets the role write only this topic's two log groups", () => {
    const policy = parseJsonTemplate(onlyResource(json, IamRolePolicy).policy);
    const [statement] = policy.Statement;
    expect(statement.Action).toEqual(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]);
    const part = (i: number) => `\${element(split(":", aws_sns_topic.${Object.keys(resourcesOf(json, SnsTopic))[0]}.arn), ${i})}`;
    const group = `arn:${part(1)}:logs:${part(3)}:${part(4)}:log-group:sns/${part(3)}/${part(4)}/webtier-dev-order-alerts.fifo`;
    expect(statement.Resource).toEqual([group, `${group}:*`, `${group}/Failure`, `${group}/Failure:*`]);
  });

  it("logs every success by default", () => {
    expect(onlyResource(build({ deliveryStatusLogging: true }).json, SnsTopic).sqs_success_feedback_sample_rate).toBe(100);
  });

  it("is off by default: no role, no feedback attributes", () => {
    const { json: plain } = build();
    expect(resourcesOf(plain, IamRole)).toEqual({});
    for (const attribute of ["sqs_success_feedback_role_arn", "sqs_failure_feedback_role_arn", "sqs_success_feedback_sample_rate"]) {
      expect(onlyResource(plain, SnsTopic)).not.toHaveProperty(attribute);
    }
  });
});
