import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { arnPart, policyDocument, providerRegion } from "../core/aws";
import { subscribeEmails } from "../core/email-subscriptions";
import { forEachValue } from "../core/for-each";
import { nameTags } from "../core/tags";
import { ownAccountTopicPolicy } from "../core/topic-policy";
import { assertValid, isToken, pathOf } from "../core/validation";
import { AlarmForward } from "./alarm-forward";
import type { AlarmTopicOutputs } from "./outputs";
import { ALARM_TOPIC_DEFAULTS, type AlarmTopicProps } from "./props";
import { hasSubscriber, SUBSCRIBER_CHOICES } from "./subscribers";
import { validateAlarmTopicProps } from "./validate";

/**
 * The SNS topic alarms notify, encrypted with a customer managed KMS key whose policy lets
 * CloudWatch use it. CloudWatch cannot publish to a topic encrypted with the AWS managed
 * `alias/aws/sns` key (its policy cannot be changed to admit CloudWatch), so such a topic
 * would drop every alarm without a word. People hear it by email or HTTPS subscription, other
 * topics through an EventBridge forward; a topic nobody hears is a synth warning. Consumed
 * through {@link AlarmTopic.outputs}.
 */
export class AlarmTopic extends Construct {
  readonly outputs: AlarmTopicOutputs;
  /** The topic: an escape hatch for what the props do not cover. */
  readonly topic: SnsTopic;
  /** The customer managed key the topic is encrypted with. */
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    assertValid(`AlarmTopic ${pathOf(scope, id)}`, props, (p) => validateAlarmTopicProps(p, providerRegion(scope)));
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
    const partition = arnPart(key.arn, "partition");
    // Every alarm of this account and region, whatever its name: the key, the topic and the
    // alarms that notify it live together, so no alarm of the tier falls outside the scope.
    const ownAlarms = `arn:${partition}:cloudwatch:${arnPart(key.arn, "region")}:${account}:alarm:*`;
    // Its own resource: inside the key it could not name the key's account without a data source.
    new KmsKeyPolicy(this, "key-policy", {
      keyId: key.id,
      policy: policyDocument(
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: `arn:${partition}:iam::${account}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          // The statement AWS documents for services publishing to encrypted topics ("Enable
          // compatibility between event sources from AWS services and encrypted topics",
          // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services;
          // for CloudWatch: https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns),
          // scoped against the confused deputy with the global keys aws:SourceAccount and
          // aws:SourceArn (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn),
          // whose value for CloudWatch is the alarm's ARN, arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>.
          Sid: "CloudWatchPublishesAlarms",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": ownAlarms } },
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
            ArnLike: {
              "aws:PrincipalArn": `arn:${arnPart(key.arn, "partition")}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*`,
            },
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
        Condition: { StringEquals: { "aws:SourceAccount": arnPart(topic.arn, "account") }, ArnLike: { "aws:SourceArn": ownAlarms } },
      }),
    });

    subscribeEmails(this, topic.arn, props.emailSubscriptions ?? d.emailSubscriptions);
    // Keyed by URL. Pending until the endpoint confirms; Terraform does not wait for it.
    forEachValue(
      this,
      "https",
      props.httpsEndpoints ?? d.httpsEndpoints,
      (s, subscriptionId, endpoint, forEach) =>
        new SnsTopicSubscription(s, subscriptionId, { forEach, topicArn: topic.arn, protocol: "https", endpoint }),
    );
    const forward = props.forwardToTopicArns ?? d.forwardToTopicArns;
    if (isToken(forward) || forward.length > 0)
      new AlarmForward(this, "forward", { name: props.name, topicArns: forward, tags: props.tags });

    if (!hasSubscriber(props)) {
      Annotations.of(this).addWarning(
        `${topicName} has no subscriber: its alarms reach nobody. Set ${SUBSCRIBER_CHOICES}, or subscribe a chat integration to the topic's ARN`,
      );
    }

    this.topic = topic;
    this.key = key;
    this.outputs = { topicArn: topic.arn, topicName: topic.name, kmsKeyArn: key.arn };
  }
}
