import { emailAddresses, tags } from "../core/fields";
import { boolean, integer, jsonObject, list, literal, object, oneOf, required, string, type ShapeOf } from "../core/shape";

/** SQS limits on queue attributes, as AWS documents them: [min, max]. */
export const SQS_LIMITS: Readonly<
  Record<
    "visibilityTimeoutSeconds" | "messageRetentionSeconds" | "receiveWaitTimeSeconds" | "maxReceiveCount" | "kmsDataKeyReusePeriodSeconds",
    readonly [number, number]
  >
> = {
  visibilityTimeoutSeconds: [0, 43200],
  messageRetentionSeconds: [60, 1209600],
  receiveWaitTimeSeconds: [0, 20],
  maxReceiveCount: [1, 1000],
  kmsDataKeyReusePeriodSeconds: [60, 86400],
};

/** The AWS managed SQS key: SNS cannot use it to deliver into a queue, so it is refused. */
export const AWS_MANAGED_SQS_KEY = "alias/aws/sqs";

export interface QueueOptions {
  /** Queue name before the prefix (`order-queue`); `.fifo` is added for FIFO queues. */
  readonly name: string;
  /**
   * FIFO queue; must match the topic.
   * @default - the topic's type
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: SQS deduplicates by a hash of the body when a sender gives no deduplication id
   * (SNS always gives one, so this matters only to other senders).
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * FIFO only: high-throughput mode, deduplication and the throughput quota per message group
   * (`deduplication_scope` "messageGroup", `fifo_throughput_limit` "perMessageGroupId").
   * @default false (per queue, as SQS creates FIFO queues)
   */
  readonly highThroughput?: boolean;
  /**
   * Seconds a received message stays hidden from other consumers, 0 to 43200. Match it to
   * processing time (seed 000: messages reappeared until it was).
   * @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * How long the consumer takes at most; the visibility timeout may not be shorter.
   * @default - not checked
   */
  readonly consumerTimeoutSeconds?: number;
  /**
   * Seconds a message is kept, 60 to 1209600 (14 days).
   * @default 345600 (4 days)
   */
  readonly messageRetentionSeconds?: number;
  /**
   * Long polling: seconds a receive waits for messages, 0 to 20.
   * @default 20
   */
  readonly receiveWaitTimeSeconds?: number;
  /**
   * Receives before a message moves to the dead-letter queue, 1 to 1000.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Seconds the dead-letter queue keeps a message, 60 to 1209600. A standard queue's dead letters
   * keep their first enqueue time, so it must be longer than messageRetentionSeconds (or both the
   * 14-day maximum); a FIFO dead-letter queue restarts the clock.
   * @default 1209600 (14 days)
   */
  readonly deadLetterRetentionSeconds?: number;
  /**
   * Customer managed KMS key (id, ARN or alias) for server-side encryption. Its key policy must
   * let `sns.amazonaws.com` use it. `alias/aws/sqs` is refused: SNS cannot deliver with it.
   * @default - SQS-managed encryption (SSE-SQS)
   */
  readonly kmsKeyId?: string;
  /**
   * With kmsKeyId: seconds SQS reuses a data key before calling KMS again, 60 to 86400. Longer
   * means fewer KMS requests (cost, throttling), shorter a smaller blast radius per key.
   * @default 300 (the SQS default)
   */
  readonly kmsDataKeyReusePeriodSeconds?: number;
  /**
   * Deliver the raw message instead of SNS's JSON envelope.
   * @default false
   */
  readonly rawMessageDelivery?: boolean;
  /**
   * SNS filter policy: only matching messages reach this queue.
   * @default - every message
   */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  /**
   * What the filter policy looks at.
   * @default "MessageAttributes"
   */
  readonly filterPolicyScope?: "MessageAttributes" | "MessageBody";
  /**
   * Alarm when more than this many messages wait (ApproximateNumberOfMessagesVisible) for 5 minutes.
   * @default - no depth alarm
   */
  readonly depthAlarmThreshold?: number;
  /**
   * Alarm when the oldest message is older than this many seconds for 5 minutes.
   * @default - no age alarm
   */
  readonly ageAlarmSeconds?: number;
}

export interface MessagingProps {
  /**
   * Prefix of the topic's and queues' names (`webtier-prod` gives `webtier-prod-order-alerts`).
   * @default - none
   */
  readonly namePrefix?: string;
  /** Topic name before the prefix (`order-alerts`); `.fifo` is added for a FIFO topic. */
  readonly topicName: string;
  /**
   * FIFO topic (ordered, deduplicated); its queues must be FIFO too.
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: deduplicate by a hash of the body instead of a deduplication id.
   * @default true for FIFO topics
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * FIFO only: high-throughput mode, ordering and the throughput quota per message group
   * (`fifo_throughput_scope` "MessageGroup") instead of across the whole topic.
   * @default false ("Topic" scope, as SNS creates FIFO topics)
   */
  readonly highThroughput?: boolean;
  /**
   * KMS key encrypting the topic at rest.
   * @default "alias/aws/sns" (the AWS managed key)
   */
  readonly topicKmsKeyId?: string;
  /** Queues subscribed to the topic (fan-out), each with its dead-letter queue. At least one. */
  readonly queues: readonly QueueOptions[];
  /**
   * Log each delivery to the queues in CloudWatch Logs (`sns/<region>/<account>/<topic>`, and
   * `/Failure`) through an IAM role SNS assumes, allowed to write those log groups only.
   * @default false
   */
  readonly deliveryStatusLogging?: boolean;
  /**
   * With deliveryStatusLogging: percentage of successful deliveries logged, 0 to 100 (failures are
   * always logged).
   * @default 100
   */
  readonly deliveryStatusSuccessSampleRate?: number;
  /**
   * Email addresses subscribed to the topic. Each stays pending until its owner confirms, and
   * Terraform cannot delete a pending subscription: AWS removes it after three days.
   * @default - none
   */
  readonly emailSubscriptions?: readonly string[];
  /**
   * Topic that hears the queue alarms on ALARM and OK (a dead-letter queue holding anything, and
   * the depth and age alarms when set). Depth and age alarms are refused without it.
   * @default - no alarms
   */
  readonly alarmTopicArn?: string;
  /**
   * Add `prevent_destroy` to the queues and dead-letter queues: a plan that would delete one
   * fails instead of losing messages.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const MESSAGING_DEFAULTS = {
  fifo: false,
  contentBasedDeduplication: true,
  highThroughput: false,
  deliveryStatusLogging: false,
  deliveryStatusSuccessSampleRate: 100,
  emailSubscriptions: [] as readonly string[],
  topicKmsKeyId: "alias/aws/sns",
  visibilityTimeoutSeconds: 30,
  messageRetentionSeconds: 345600,
  deadLetterRetentionSeconds: 1209600,
  receiveWaitTimeSeconds: 20,
  maxReceiveCount: 5,
  rawMessageDelivery: false,
  filterPolicyScope: "MessageAttributes",
  preventDestroy: false,
} as const;

const NAME = /^[A-Za-z0-9_-]+$/;
const KMS_KEY =
  /^(alias\/[\w/.-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/.-]+)$/;
const seconds = ([min, max]: readonly [number, number]) => integer({ min, max, unit: "seconds" });

const QUEUE_SHAPE: ShapeOf<QueueOptions> = {
  // A queue's name is its identity: it names the queue's resources, so it is written out.
  name: required(
    literal(string({ pattern: NAME, what: "letters, digits, hyphens and underscores" }), "the names of the queue's resources"),
  ),
  fifo: boolean(),
  contentBasedDeduplication: boolean(),
  highThroughput: boolean(),
  visibilityTimeoutSeconds: seconds(SQS_LIMITS.visibilityTimeoutSeconds),
  consumerTimeoutSeconds: integer({ min: 1, max: SQS_LIMITS.visibilityTimeoutSeconds[1], unit: "seconds" }),
  messageRetentionSeconds: seconds(SQS_LIMITS.messageRetentionSeconds),
  receiveWaitTimeSeconds: seconds(SQS_LIMITS.receiveWaitTimeSeconds),
  maxReceiveCount: integer({ min: SQS_LIMITS.maxReceiveCount[0], max: SQS_LIMITS.maxReceiveCount[1] }),
  deadLetterRetentionSeconds: seconds(SQS_LIMITS.messageRetentionSeconds),
  kmsKeyId: string({
    pattern: KMS_KEY,
    what: "a KMS key id, alias or ARN",
    refine: (k) =>
      k === AWS_MANAGED_SQS_KEY || k.endsWith(":alias/aws/sqs")
        ? `must not be the AWS managed key ${AWS_MANAGED_SQS_KEY}: SNS cannot encrypt with it, so deliveries would fail; use SQS-managed encryption (leave it unset) or a customer managed key`
        : undefined,
  }),
  kmsDataKeyReusePeriodSeconds: seconds(SQS_LIMITS.kmsDataKeyReusePeriodSeconds),
  rawMessageDelivery: boolean(),
  filterPolicy: jsonObject(),
  filterPolicyScope: oneOf(["MessageAttributes", "MessageBody"]),
  depthAlarmThreshold: integer({ min: 0, max: 1_000_000_000 }),
  ageAlarmSeconds: integer({ min: 60, max: SQS_LIMITS.messageRetentionSeconds[1], unit: "seconds" }),
};

/** Each prop's type and own limits, next to their documentation and defaults above. */
export const MESSAGING_SHAPE: ShapeOf<MessagingProps> = {
  namePrefix: string({ pattern: NAME, what: "letters, digits, hyphens and underscores" }),
  topicName: required(string({ pattern: NAME, what: "letters, digits, hyphens and underscores" })),
  fifo: boolean(),
  contentBasedDeduplication: boolean(),
  highThroughput: boolean(),
  topicKmsKeyId: string({ pattern: KMS_KEY, what: "a KMS key id, alias or ARN; the topic is always encrypted" }),
  queues: required(
    list(object(QUEUE_SHAPE), {
      minItems: 1,
      noun: ["queue", "queues"],
      why: "the topic fans out to them",
      lengthDecides: "how many queues are created",
    }),
  ),
  deliveryStatusLogging: boolean(),
  deliveryStatusSuccessSampleRate: integer({ min: 0, max: 100, unit: "percent" }),
  emailSubscriptions: emailAddresses(),
  alarmTopicArn: string({ pattern: /^arn:aws[a-z-]*:sns:/, what: "an SNS topic ARN" }),
  preventDestroy: boolean(),
  tags: tags(),
};
