import { check, duplicates, each, emailAddresses, intRange, matches, oneOf, rule, when, type Finding, type Rule } from "../core/validation";
import { fullName } from "./names";
import { AWS_MANAGED_SQS_KEY, MESSAGING_DEFAULTS, SQS_LIMITS, type MessagingProps, type QueueOptions } from "./props";

/** The messaging inputs that are plain data: what an environment's config holds. */
export type MessagingSettings = Omit<MessagingProps, "namePrefix" | "alarmTopicArn" | "tags">;

const NAME = /^[A-Za-z0-9_-]+$/;
const QUEUE_NAME_MAX = 80;
const TOPIC_NAME_MAX = 256;

function queueRules(settings: MessagingSettings & { readonly namePrefix?: string }): readonly Rule<QueueOptions>[] {
  const topicFifo = settings.fifo ?? MESSAGING_DEFAULTS.fifo;
  const [vMin, vMax] = SQS_LIMITS.visibilityTimeoutSeconds;
  const [rMin, rMax] = SQS_LIMITS.messageRetentionSeconds;
  const [wMin, wMax] = SQS_LIMITS.receiveWaitTimeSeconds;
  const [cMin, cMax] = SQS_LIMITS.maxReceiveCount;
  return [
    matches("name", (q) => q.name, NAME, "letters, digits, hyphens and underscores"),
    rule(
      "name",
      (q) => q.name,
      // The dead-letter queue's name is the longest the module derives from it.
      (n, q) => fullName(settings.namePrefix, n, q.fifo ?? topicFifo, "-dlq").length > QUEUE_NAME_MAX,
      (n, q) => {
        const longest = fullName(settings.namePrefix, n, q.fifo ?? topicFifo, "-dlq");
        return `gives a dead-letter queue named ${JSON.stringify(longest)} (${longest.length} characters); SQS allows at most ${QUEUE_NAME_MAX}`;
      },
    ),
    rule(
      "fifo",
      (q) => q.fifo,
      (fifo) => fifo !== topicFifo,
      (fifo) =>
        fifo
          ? "(true) does not match the topic: a FIFO queue cannot subscribe to a standard topic"
          : "(false) does not match the topic: a FIFO topic delivers only to FIFO queues",
    ),
    intRange("visibilityTimeoutSeconds", (q) => q.visibilityTimeoutSeconds, vMin, vMax, "seconds"),
    intRange("messageRetentionSeconds", (q) => q.messageRetentionSeconds, rMin, rMax, "seconds"),
    intRange("receiveWaitTimeSeconds", (q) => q.receiveWaitTimeSeconds, wMin, wMax, "seconds"),
    intRange("maxReceiveCount", (q) => q.maxReceiveCount, cMin, cMax),
    intRange("consumerTimeoutSeconds", (q) => q.consumerTimeoutSeconds, 1, vMax, "seconds"),
    when("visibilityTimeoutSeconds", (q) => {
      const visibility = q.visibilityTimeoutSeconds ?? MESSAGING_DEFAULTS.visibilityTimeoutSeconds;
      const consumer = q.consumerTimeoutSeconds;
      return consumer !== undefined && visibility < consumer
        ? `(${visibility}) is shorter than consumerTimeoutSeconds (${consumer}): messages would reappear while still being processed`
        : undefined;
    }),
    rule(
      "kmsKeyId",
      (q) => q.kmsKeyId,
      (k) => k === AWS_MANAGED_SQS_KEY || k.endsWith(":alias/aws/sqs"),
      () => `must not be the AWS managed key ${AWS_MANAGED_SQS_KEY}: SNS cannot encrypt with it, so deliveries would fail; use SQS-managed encryption (leave it unset) or a customer managed key`,
    ),
    oneOf("filterPolicyScope", (q) => q.filterPolicyScope, ["MessageAttributes", "MessageBody"]),
    when("filterPolicy", (q) =>
      q.filterPolicy !== undefined && Object.keys(q.filterPolicy).length === 0 ? "must not be empty (leave it unset to receive everything)" : undefined,
    ),
    intRange("depthAlarmThreshold", (q) => q.depthAlarmThreshold, 0, 1_000_000_000),
    intRange("ageAlarmSeconds", (q) => q.ageAlarmSeconds, 60, rMax, "seconds"),
  ];
}

function settingsRules(settings: MessagingSettings & { readonly namePrefix?: string }): readonly Rule<MessagingSettings & { readonly namePrefix?: string }>[] {
  return [
    matches("namePrefix", (s) => s.namePrefix, NAME, "letters, digits, hyphens and underscores"),
    matches("topicName", (s) => s.topicName, NAME, "letters, digits, hyphens and underscores"),
    rule(
      "topicName",
      (s) => s.topicName,
      (n, s) => fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length > TOPIC_NAME_MAX,
      (n, s) => `gives a topic named ${fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length} characters long; SNS allows at most ${TOPIC_NAME_MAX}`,
    ),
    rule(
      "contentBasedDeduplication",
      (s) => s.contentBasedDeduplication,
      (dedupe, s) => dedupe && !(s.fifo ?? MESSAGING_DEFAULTS.fifo),
      () => "applies to FIFO topics only; set fifo: true or drop it",
    ),
    when("queues", (s) => (s.queues.length === 0 ? "must list at least one queue to fan out to" : undefined)),
    when("queues", (s) => {
      const repeated = duplicates(s.queues.map((q) => q.name));
      return repeated.length > 0 ? `name ${repeated.join(", ")} more than once` : undefined;
    }),
    each("queues", (s) => s.queues, queueRules(settings)),
    emailAddresses("emailSubscriptions", (s) => s.emailSubscriptions),
    when("emailSubscriptions", (s) =>
      s.fifo === true && (s.emailSubscriptions?.length ?? 0) > 0 ? "cannot subscribe to a FIFO topic: SNS delivers FIFO topics to SQS queues only" : undefined,
    ),
    matches(
      "topicKmsKeyId",
      (s) => s.topicKmsKeyId,
      /^(alias\/[\w/.-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/.-]+)$/,
      "a KMS key id, alias or ARN; the topic is always encrypted",
    ),
  ];
}

/** Every problem with the messaging settings, paths relative to `at`; `namePrefix` lets names be judged whole. */
export function validateMessagingSettings(settings: MessagingSettings & { readonly namePrefix?: string }, at = ""): Finding[] {
  return check(settings, settingsRules(settings), at);
}

/** Every problem with the messaging props, as the construct sees them. */
export function validateMessagingProps(props: MessagingProps, at = ""): Finding[] {
  return validateMessagingSettings(props, at);
}
