import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { arnPart, policyDocument } from "../core/aws";
import { nameTags } from "../core/tags";
import { ownAccountTopicPolicy } from "../core/topic-policy";
import { check, emailAddresses, intRange, matches, maxLength, throwIfInvalid, type Finding, type Rule } from "../core/validation";

export interface AlarmTopicProps {
  /** Prefix of the topic's and key alias's names: `<name>-alarms`. */
  readonly name: string;
  /**
   * Email addresses told of every alarm and recovery. Each stays pending until its owner
   * confirms, and Terraform cannot delete a pending subscription.
   * @default - none
   */
  readonly emailSubscriptions?: readonly string[];
  /**
   * Days KMS waits before deleting the key once it is scheduled for deletion, 7 to 30.
   * @default 30
   */
  readonly keyDeletionWindowDays?: number;
  /**
   * Extra tags for every resource of the construct.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The alarm topic's inputs that are plain data: what an environment's config holds. */
export type AlarmTopicSettings = Omit<AlarmTopicProps, "name" | "tags">;

export interface AlarmTopicOutputs {
  readonly topicArn: string;
  readonly topicName: string;
  /** The customer managed key encrypting the topic. */
  readonly kmsKeyArn: string;
}

const settingsRules: readonly Rule<AlarmTopicSettings>[] = [
  emailAddresses("emailSubscriptions", (s) => s.emailSubscriptions),
  intRange("keyDeletionWindowDays", (s) => s.keyDeletionWindowDays, 7, 30, "days"),
];
const propsRules: readonly Rule<AlarmTopicProps>[] = [
  matches("name", (p) => p.name, /^[a-zA-Z0-9_-]+$/, "letters, digits, hyphens and underscores"),
  maxLength("name", (p) => p.name, 200),
];

/** Every problem with the alarm topic's settings, paths relative to `at`. */
export function validateAlarmTopicSettings(settings: AlarmTopicSettings, at = ""): Finding[] {
  return check(settings, settingsRules, at);
}

/**
 * The SNS topic alarms notify, encrypted with a customer managed KMS key whose policy lets
 * CloudWatch use it. CloudWatch cannot publish to a topic encrypted with the AWS managed
 * `alias/aws/sns` key (its policy cannot be changed to admit CloudWatch), so such a topic
 * would drop every alarm without a word.
 */
export class AlarmTopic extends Construct {
  readonly outputs: AlarmTopicOutputs;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    throwIfInvalid(`AlarmTopic ${this.node.path}`, [...check(props, propsRules), ...validateAlarmTopicSettings(props)]);
    const topicName = `${props.name}-alarms`;

    const key = new KmsKey(this, "key", {
      description: `Encrypts ${topicName}; CloudWatch may use it to publish alarms`,
      enableKeyRotation: true,
      deletionWindowInDays: props.keyDeletionWindowDays ?? 30,
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
    for (const email of props.emailSubscriptions ?? []) {
      new SnsTopicSubscription(this, `email-${email}`, { topicArn: topic.arn, protocol: "email", endpoint: email });
    }

    this.outputs = { topicArn: topic.arn, topicName: topic.name, kmsKeyArn: key.arn };
  }
}
