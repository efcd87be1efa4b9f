import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { Construct } from "constructs";
import { metricAlarm } from "../core/alarms";
import { jsonDocument, policyDocument, type PolicyStatement } from "../core/aws";
import { nameTags } from "../core/tags";
import { fullName } from "./names";
import type { QueueOutputs } from "./outputs";
import { MESSAGING_DEFAULTS, type QueueOptions } from "./props";

export interface FanOutQueueProps extends QueueOptions {
  readonly namePrefix?: string;
  readonly fifo: boolean;
  readonly topicArn: string;
  readonly alarmTopicArn?: string;
  readonly preventDestroy: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Refuses every request to the queue that does not come over TLS, whoever makes it. */
function tlsOnly(queueArn: string): PolicyStatement {
  return {
    Sid: "TlsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "sqs:*",
    Resource: queueArn,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * One queue subscribed to the topic: encrypted, long-polling, with a dead-letter queue that
 * only it may redrive into, a policy letting only that topic send, both refusing requests
 * without TLS, and alarms.
 */
export class FanOutQueue extends Construct {
  readonly outputs: QueueOutputs;
  /** The queue: an escape hatch for what the props do not cover. */
  readonly queue: SqsQueue;
  /** Its dead-letter queue. */
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: FanOutQueueProps) {
    super(scope, id);
    const d = MESSAGING_DEFAULTS;
    const name = fullName(props.namePrefix, props.name, props.fifo);
    const dlqName = fullName(props.namePrefix, props.name, props.fifo, "-dlq");
    const encryption = props.kmsKeyId
      ? { kmsMasterKeyId: props.kmsKeyId, kmsDataKeyReusePeriodSeconds: props.kmsDataKeyReusePeriodSeconds }
      : { sqsManagedSseEnabled: true };
    // High throughput sets both attributes together: SQS documents them as one mode.
    const throughput =
      props.fifo && props.highThroughput ? { deduplicationScope: "messageGroup", fifoThroughputLimit: "perMessageGroupId" } : {};
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    const dlq = new SqsQueue(this, "dead-letter-queue", {
      name: dlqName,
      fifoQueue: props.fifo || undefined,
      // By default the longest SQS allows: a failed message waits for a person as long as it can.
      messageRetentionSeconds: props.deadLetterRetentionSeconds ?? d.deadLetterRetentionSeconds,
      ...encryption,
      tags: nameTags(dlqName, props.tags),
      lifecycle,
    });

    const queue = new SqsQueue(this, "queue", {
      name,
      fifoQueue: props.fifo || undefined,
      contentBasedDeduplication: (props.fifo && props.contentBasedDeduplication) || undefined,
      ...throughput,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds ?? d.visibilityTimeoutSeconds,
      messageRetentionSeconds: props.messageRetentionSeconds ?? d.messageRetentionSeconds,
      receiveWaitTimeSeconds: props.receiveWaitTimeSeconds ?? d.receiveWaitTimeSeconds,
      redrivePolicy: jsonDocument({ deadLetterTargetArn: dlq.arn, maxReceiveCount: props.maxReceiveCount ?? d.maxReceiveCount }),
      ...encryption,
      tags: nameTags(name, props.tags),
      lifecycle,
    });
    this.queue = queue;
    this.deadLetterQueue = dlq;

    // A separate resource: inline on the DLQ it would reference the queue that references the DLQ.
    new SqsQueueRedriveAllowPolicy(this, "dead-letter-redrive-allow", {
      queueUrl: dlq.url,
      redriveAllowPolicy: jsonDocument({ redrivePermission: "byQueue", sourceQueueArns: [queue.arn] }),
    });

    new SqsQueuePolicy(this, "policy", {
      queueUrl: queue.url,
      policy: policyDocument(
        {
          Sid: "TopicSendsOnly",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
          Condition: { ArnEquals: { "aws:SourceArn": props.topicArn } },
        },
        tlsOnly(queue.arn),
      ),
    });
    // The dead-letter queue is written by SQS itself on redrive, which needs no policy: this one only refuses plain HTTP.
    new SqsQueuePolicy(this, "dead-letter-policy", { queueUrl: dlq.url, policy: policyDocument(tlsOnly(dlq.arn)) });

    new SnsTopicSubscription(this, "subscription", {
      topicArn: props.topicArn,
      protocol: "sqs",
      endpoint: queue.arn,
      rawMessageDelivery: props.rawMessageDelivery ?? d.rawMessageDelivery,
      filterPolicy: props.filterPolicy ? JSON.stringify(props.filterPolicy) : undefined,
      filterPolicyScope: props.filterPolicy ? (props.filterPolicyScope ?? d.filterPolicyScope) : undefined,
    });

    const notify = props.alarmTopicArn ? [props.alarmTopicArn] : undefined;
    if (notify) {
      metricAlarm(this, "dead-letter-alarm", {
        name: `${dlqName}-not-empty`,
        description: `Messages failed ${props.maxReceiveCount ?? d.maxReceiveCount} times and wait in ${dlqName}`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: dlq.name },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        // An idle queue reports no data: that is not a failure.
        treatMissingData: "notBreaching",
        alarmActions: notify,
        okActions: notify,
        tags: props.tags,
      });
    }
    if (props.depthAlarmThreshold !== undefined) {
      metricAlarm(this, "depth-alarm", {
        name: `${name}-depth`,
        description: `More than ${props.depthAlarmThreshold} messages wait in ${name} for 5 minutes: consumers are behind`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queue.name },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 5,
        comparison: "GreaterThanThreshold",
        threshold: props.depthAlarmThreshold,
        treatMissingData: "notBreaching",
        alarmActions: notify,
        okActions: notify,
        tags: props.tags,
      });
    }
    if (props.ageAlarmSeconds !== undefined) {
      metricAlarm(this, "age-alarm", {
        name: `${name}-oldest-message-age`,
        description: `The oldest message in ${name} has waited more than ${props.ageAlarmSeconds} s for 5 minutes`,
        namespace: "AWS/SQS",
        metricName: "ApproximateAgeOfOldestMessage",
        dimensions: { QueueName: queue.name },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 5,
        comparison: "GreaterThanThreshold",
        threshold: props.ageAlarmSeconds,
        treatMissingData: "notBreaching",
        alarmActions: notify,
        okActions: notify,
        tags: props.tags,
      });
    }

    this.outputs = { queueUrl: queue.url, queueArn: queue.arn, queueName: queue.name, dlqUrl: dlq.url, dlqArn: dlq.arn, dlqName: dlq.name };
  }
}
