import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { arnPart, policyDocument } from "../core/aws";
import { nameTags } from "../core/tags";

export interface VpcFlowLogsProps {
  readonly name: string;
  readonly vpcId: string;
  /** ARN of the VPC; its account and region scope the role's trust policy. */
  readonly vpcArn: string;
  readonly retentionDays: number;
  readonly trafficType: "ALL" | "ACCEPT" | "REJECT";
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * VPC flow logs into a CloudWatch Logs group, written by a role that can write to that group
 * only and that only the flow logs service of this account can assume.
 */
export class VpcFlowLogs extends Construct {
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const account = arnPart(props.vpcArn, "account");

    const group = new CloudwatchLogGroup(this, "group", {
      name: `/vpc/${props.name}/flow-logs`,
      retentionInDays: props.retentionDays,
      tags: nameTags(`${props.name}-flow-logs`, props.tags),
    });

    const role = new IamRole(this, "role", {
      name: `${props.name}-flow-logs`,
      description: `Lets VPC flow logs write to /vpc/${props.name}/flow-logs`,
      assumeRolePolicy: policyDocument({
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        // Confused-deputy guard: only flow logs of this account may use the role.
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      }),
      tags: nameTags(`${props.name}-flow-logs`, props.tags),
    });

    new IamRolePolicy(this, "write", {
      name: "write-flow-log-group",
      role: role.id,
      policy: policyDocument({
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [group.arn, `${group.arn}:*`],
      }),
    });

    new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: props.trafficType,
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: nameTags(`${props.name}-flow-log`, props.tags),
    });

    this.logGroupName = group.name;
  }
}
