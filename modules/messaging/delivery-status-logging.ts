import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { arnPart, policyDocument } from "../core/aws";
import { nameTags } from "../core/tags";

export interface DeliveryStatusLoggingProps {
  /** Name of the role. */
  readonly roleName: string;
  /** Full name of the topic (with `.fifo`): SNS names its log groups after it. */
  readonly topicName: string;
  /** ARN of the topic; its partition, region and account scope the log groups. */
  readonly topicArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The IAM role SNS assumes to log deliveries of one topic to CloudWatch Logs, allowed to write
 * only that topic's two log groups (`sns/<region>/<account>/<topic>` and its `/Failure`).
 */
export class DeliveryStatusLogging extends Construct {
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: DeliveryStatusLoggingProps) {
    super(scope, id);
    const partition = arnPart(props.topicArn, "partition");
    const region = arnPart(props.topicArn, "region");
    const account = arnPart(props.topicArn, "account");
    // The topic names the role, so the trust policy cannot name the topic (a cycle): the
    // permissions below are what keep the role to this topic's logs.
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Lets SNS log deliveries of ${props.topicName} to CloudWatch Logs`,
      assumeRolePolicy: policyDocument({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sts:AssumeRole" }),
      tags: nameTags(props.roleName, props.tags),
    });

    const group = `arn:${partition}:logs:${region}:${account}:log-group:sns/${region}/${account}/${props.topicName}`;
    new IamRolePolicy(this, "write", {
      name: "write-delivery-status-logs",
      role: role.id,
      policy: policyDocument({
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [group, `${group}:*`, `${group}/Failure`, `${group}/Failure:*`],
      }),
    });

    this.roleArn = role.arn;
  }
}
