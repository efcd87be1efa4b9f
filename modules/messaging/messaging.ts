import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Construct } from "constructs";
import { subscribeEmails } from "../core/email-subscriptions";
import { nameTags } from "../core/tags";
import { ownAccountTopicPolicy } from "../core/topic-policy";
import { assertValid, pathOf } from "../core/validation";
import { DeliveryStatusLogging } from "./delivery-status-logging";
import { deliveryStatusRoleName, fullName } from "./names";
import type { MessagingOutputs } from "./outputs";
import { MESSAGING_DEFAULTS, type MessagingProps } from "./props";
import { FanOutQueue } from "./queue";
import { validateMessagingProps } from "./validate";

/**
 * An SNS topic, encrypted at rest and open only to its own account, fanned out to SQS queues,
 * each with a dead-letter queue; optional email subscriptions. Consumed through
 * {@link Messaging.outputs}.
 */
export class Messaging extends Construct {
  readonly outputs: MessagingOutputs;
  /** The topic every queue subscribes to: an escape hatch for what the props do not cover. */
  readonly topic: SnsTopic;
  /** Each queue (with its dead-letter queue) by its name in the props. */
  readonly queues: Readonly<Record<string, FanOutQueue>>;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    assertValid(`Messaging ${pathOf(scope, id)}`, props, validateMessagingProps);
    super(scope, id);
    const d = MESSAGING_DEFAULTS;
    const fifo = props.fifo ?? d.fifo;
    const topicName = fullName(props.namePrefix, props.topicName, fifo);

    const topic = new SnsTopic(this, "topic", {
      name: topicName,
      kmsMasterKeyId: props.topicKmsKeyId ?? d.topicKmsKeyId,
      fifoTopic: fifo || undefined,
      contentBasedDeduplication: fifo ? (props.contentBasedDeduplication ?? d.contentBasedDeduplication) : undefined,
      fifoThroughputScope: fifo && props.highThroughput ? "MessageGroup" : undefined,
      tags: nameTags(topicName, props.tags),
    });
    if (props.deliveryStatusLogging ?? d.deliveryStatusLogging) {
      const logging = new DeliveryStatusLogging(this, "delivery-status", {
        roleName: deliveryStatusRoleName(props.namePrefix, props.topicName),
        topicName,
        topicArn: topic.arn,
        tags: props.tags,
      });
      topic.sqsSuccessFeedbackRoleArn = logging.roleArn;
      topic.sqsFailureFeedbackRoleArn = logging.roleArn;
      topic.sqsSuccessFeedbackSampleRate = props.deliveryStatusSuccessSampleRate ?? d.deliveryStatusSuccessSampleRate;
    }

    new SnsTopicPolicy(this, "topic-policy", { arn: topic.arn, policy: ownAccountTopicPolicy(topic.arn) });

    const queues: Record<string, FanOutQueue["outputs"]> = {};
    const constructs: Record<string, FanOutQueue> = {};
    for (const options of props.queues) {
      const queue = new FanOutQueue(this, `queue-${options.name}`, {
        ...options,
        namePrefix: props.namePrefix,
        fifo: options.fifo ?? fifo,
        topicArn: topic.arn,
        alarmTopicArn: props.alarmTopicArn,
        preventDestroy: props.preventDestroy ?? d.preventDestroy,
        tags: props.tags,
      });
      queues[options.name] = queue.outputs;
      constructs[options.name] = queue;
    }

    subscribeEmails(this, topic.arn, props.emailSubscriptions ?? d.emailSubscriptions);

    this.topic = topic;
    this.queues = constructs;
    this.outputs = { topicArn: topic.arn, topicName: topic.name, queues };
  }
}
