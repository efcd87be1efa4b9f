import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Construct } from "constructs";
import { arnPart, policyDocument } from "../core/aws";
import { subscribeEmails } from "../core/email-subscriptions";
import { nameTags } from "../core/tags";
import { ownAccountTopicPolicy } from "../core/topic-policy";
import { assertValid, pathOf } from "../core/validation";
import type { AlarmTopicOutputs } from "./outputs";
import { ALARM_TOPIC_DEFAULTS, type AlarmTopicProps } from "./props";
import { validateAlarmTopicProps } from "./validate";

/**
 * The SNS topic alarms notify, encrypted with a customer managed KMS key whose policy lets
 * CloudWatch use it. CloudWatch cannot publish to a topic encrypted with the AWS managed
 * `alias/aws/sns` key (its policy cannot be changed to admit CloudWatch), so such a topic
 * would drop every alarm without a word. Consumed through {@link AlarmTopic.outputs}.
 */
export class AlarmTopic extends Construct {
  readonly outputs: AlarmTopicOutputs;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    assertValid(`AlarmTopic ${pathOf(scope, id)}`, props, validateAlarmTopicProps);
    super(scope, id);
    const d = ALARM_TOPIC_DEFAULTS;
    const topicName = `${props.name}-alarms`;

    const key = new KmsKey(this, "key", {
      description: `Encrypts ${topicName}; CloudWatch may use it to publish alarms`,
      enableKeyRotation: true,
      deletionWindowInDays: props.keyDeletionWindowDays ?? d.keyDeletionWindowDays,
      tags: nameTags(topicName, props.tags),
    });
    const account = arnPart(key.arn, "account");
    // Its own resource: inside the key it could not name the key's account without a data source.
    new KmsKeyPolicy(this, "key-policy", {
      keyId: key.id,
      policy: policyDocument(
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: `arn:${arnPart(key.arn, "partition")}:iam::${account}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          // No aws:SourceAccount condition: AWS documents this statement without one, and if
          // CloudWatch's KMS call lacked the key, every alarm would be dropped without a word.
          Sid: "CloudWatchPublishesAlarms",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
        },
        {
          // Auto Scaling publishes group notifications as its service-linked role, whose policy
          // covers no customer managed key. Named by condition: a key policy naming the role
          // itself is refused while the role does not exist yet (before the account's first group).
          Sid: "AutoScalingPublishesNotifications",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: {
            StringEquals: { "kms:CallerAccount": account, "kms:ViaService": `sns.${arnPart(key.arn, "region")}.amazonaws.com` },
            ArnLike: { "aws:PrincipalArn": `arn:${arnPart(key.arn, "partition")}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*` },
          },
        },
      ),
    });
    new KmsAlias(this, "key-alias", { name: `alias/${topicName}`, targetKeyId: key.keyId });

    const topic = new SnsTopic(this, "topic", {
      name: topicName,
      kmsMasterKeyId: key.arn,
      tags: nameTags(topicName, props.tags),
    });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: topic.arn,
      policy: ownAccountTopicPolicy(topic.arn, {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "SNS:Publish",
        Resource: topic.arn,
        Condition: { StringEquals: { "aws:SourceAccount": arnPart(topic.arn, "account") } },
      }),
    });
    subscribeEmails(this, topic.arn, props.emailSubscriptions ?? d.emailSubscriptions);

    this.outputs = { topicArn: topic.arn, topicName: topic.name, kmsKeyArn: key.arn };
  }
}
