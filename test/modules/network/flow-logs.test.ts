import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attr}\\}$`);

describe("VPC flow logs", () => {
  const { json } = build();
  const group = onlyResource(json, CloudwatchLogGroup);
  const groupName = Object.keys(resourcesOf(json, CloudwatchLogGroup))[0]!;
  const groupArn = `\${aws_cloudwatch_log_group.${groupName}.arn}`;

  it("are on by default, recording ALL traffic of the VPC into the log group", () => {
    const flowLog = onlyResource(json, FlowLog);
    expect(flowLog).toMatchObject({
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: groupArn,
      max_aggregation_interval: 60,
    });
    expect(flowLog.vpc_id).toMatch(ref("aws_vpc", "id"));
    expect(flowLog.iam_role_arn).toMatch(ref("aws_iam_role", "arn"));
  });

  it("keep records for 90 days by default, in a group named after the network", () => {
    expect(group).toMatchObject({ name: "/vpc/demo/flow-logs", retention_in_days: 90 });
  });

  it("write through a role only the flow logs service of this account can assume", () => {
    const trust = parseJsonTemplate(onlyResource(json, IamRole).assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{element\(split\(":", aws_vpc\.[^.]+\.arn\), 4\)\}$/) },
        },
      },
    ]);
  });

  it("scope the role's policy to writing into that one log group", () => {
    const policy = parseJsonTemplate(onlyResource(json, IamRolePolicy).policy);
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [groupArn, `${groupArn}:*`],
      },
    ]);
  });

  it("take retention and traffic type from props", () => {
    const custom = build({ flowLogs: { retentionDays: 365, trafficType: "REJECT" } }).json;
    expect(onlyResource(custom, CloudwatchLogGroup).retention_in_days).toBe(365);
    expect(onlyResource(custom, FlowLog).traffic_type).toBe("REJECT");
  });

  it("can be turned off, leaving no log group, role or flow log", () => {
    const off = build({ flowLogs: { enabled: false } }).json;
    for (const type of [CloudwatchLogGroup, FlowLog, IamRole, IamRolePolicy]) expect(resourcesOf(off, type)).toEqual({});
  });
});
