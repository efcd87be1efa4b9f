import { checkShape, omit, quote } from "../core/shape";
import { each, isToken, joinPath, judge, known, rule, rules, when, within, type Finding, type Rule } from "../core/validation";
import { deliveryStatusRoleName, fullName } from "./names";
import { MESSAGING_DEFAULTS, MESSAGING_SHAPE, SQS_LIMITS, type MessagingProps, type QueueOptions } from "./props";

/** The messaging inputs that are plain data: what an environment's config holds. */
export type MessagingSettings = Omit<MessagingProps, "namePrefix" | "alarmTopicArn" | "tags">;

/** The settings with the names' prefix (the tier's name, or the props' namePrefix). */
export type Named = MessagingSettings & { readonly namePrefix?: string };

/** The shape of the messaging settings. */
export const MESSAGING_SETTINGS_SHAPE = omit(MESSAGING_SHAPE, "namePrefix", "alarmTopicArn", "tags");
const QUEUE_NAME_MAX = 80;
const TOPIC_NAME_MAX = 256;
const ROLE_NAME_MAX = 64;

/** A queue seen with what it inherits: the topic's FIFO setting and the names' prefix. */
type QueueView = QueueOptions & { readonly topicFifo: boolean; readonly namePrefix?: string };

/** Rules across a queue's fields and the topic's, each reading the fields it declares. */
const queueRules: readonly Rule<QueueView>[] = [
  rule(
    "name",
    (q) => q.name,
    // The dead-letter queue's name is the longest the module derives from it.
    (n, q) => known(q.namePrefix ?? "") && fullName(q.namePrefix, n, q.fifo ?? q.topicFifo, "-dlq").length > QUEUE_NAME_MAX,
    (n, q) => {
      const longest = fullName(q.namePrefix, n, q.fifo ?? q.topicFifo, "-dlq");
      return `gives a dead-letter queue named ${JSON.stringify(longest)} (${longest.length} characters); SQS allows at most ${QUEUE_NAME_MAX}`;
    },
    ["fifo", "topicFifo", "namePrefix"],
  ),
  rule(
    "fifo",
    (q) => q.fifo,
    (fifo, q) => fifo !== q.topicFifo,
    (fifo) =>
      fifo
        ? "(true) does not match the topic: a FIFO queue cannot subscribe to a standard topic"
        : "(false) does not match the topic: a FIFO topic delivers only to FIFO queues",
    ["topicFifo"],
  ),
  // SQS refuses these attributes on a standard queue.
  ...(["contentBasedDeduplication", "highThroughput"] as const).map((field) =>
    rule(
      field,
      (q: QueueView) => q[field],
      (on, q) => on && !(q.fifo ?? q.topicFifo),
      () => "applies to FIFO queues only; make the topic FIFO (fifo: true) or drop it",
      ["fifo", "topicFifo"],
    ),
  ),
  // A standard queue's dead letters keep their first enqueue time (AWS's guidance): a shorter
  // retention in the dead-letter queue deletes them before anyone can look. FIFO resets the clock.
  when("deadLetterRetentionSeconds", ["deadLetterRetentionSeconds", "messageRetentionSeconds", "fifo", "topicFifo"], (q) => {
    const dead = q.deadLetterRetentionSeconds ?? MESSAGING_DEFAULTS.deadLetterRetentionSeconds;
    const retention = q.messageRetentionSeconds ?? MESSAGING_DEFAULTS.messageRetentionSeconds;
    if (!known(dead, retention) || (q.fifo ?? q.topicFifo)) return undefined;
    const atMaximum = dead === SQS_LIMITS.messageRetentionSeconds[1];
    return dead < retention || (dead === retention && !atMaximum)
      ? `(${dead}) must be longer than messageRetentionSeconds (${retention}), or both ${SQS_LIMITS.messageRetentionSeconds[1]}: a standard queue's dead letters keep their first enqueue time, so they could expire as they arrive`
      : undefined;
  }),
  rule(
    "kmsDataKeyReusePeriodSeconds",
    (q) => q.kmsDataKeyReusePeriodSeconds,
    (_, q) => q.kmsKeyId === undefined,
    () => "applies to KMS encryption only: set kmsKeyId, or drop it (SQS-managed encryption has no data key to reuse)",
    ["kmsKeyId"],
  ),
  when("visibilityTimeoutSeconds", ["visibilityTimeoutSeconds", "consumerTimeoutSeconds"], (q) => {
    const visibility = q.visibilityTimeoutSeconds ?? MESSAGING_DEFAULTS.visibilityTimeoutSeconds;
    const consumer = q.consumerTimeoutSeconds;
    return known(visibility, consumer) && visibility < consumer!
      ? `(${visibility}) is shorter than consumerTimeoutSeconds (${consumer}): messages would reappear while still being processed`
      : undefined;
  }),
];

/** The written-out queues of settings, or none (a token list, or not a list: the shape says so). */
const queuesOf = (s: Named): readonly QueueOptions[] => (Array.isArray(s.queues) && !isToken(s.queues) ? s.queues : []);

/** Rules across the messaging settings' fields, each reading the fields it declares. */
export const messagingRules: readonly Rule<Named>[] = [
  rule(
    "topicName",
    (s) => s.topicName,
    (n, s) => known(s.namePrefix ?? "") && fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length > TOPIC_NAME_MAX,
    (n, s) =>
      `gives a topic named ${fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length} characters long; SNS allows at most ${TOPIC_NAME_MAX}`,
    ["namePrefix", "fifo"],
  ),
  rule(
    "contentBasedDeduplication",
    (s) => s.contentBasedDeduplication,
    (dedupe, s) => dedupe && !(s.fifo ?? MESSAGING_DEFAULTS.fifo),
    () => "applies to FIFO topics only; set fifo: true or drop it",
    ["fifo"],
  ),
  rule(
    "highThroughput",
    (s) => s.highThroughput,
    (on, s) => on && !(s.fifo ?? MESSAGING_DEFAULTS.fifo),
    () => "applies to FIFO topics only; set fifo: true or drop it",
    ["fifo"],
  ),
  rule(
    "deliveryStatusLogging",
    (s) => s.deliveryStatusLogging,
    (on, s) => on && known(s.namePrefix ?? "", s.topicName) && deliveryStatusRoleName(s.namePrefix, s.topicName).length > ROLE_NAME_MAX,
    (_, s) => {
      const role = deliveryStatusRoleName(s.namePrefix, s.topicName);
      return `gives its IAM role the name ${JSON.stringify(role)} (${role.length} characters); IAM allows at most ${ROLE_NAME_MAX}: shorten topicName`;
    },
    ["namePrefix", "topicName"],
  ),
  rule(
    "deliveryStatusSuccessSampleRate",
    (s) => s.deliveryStatusSuccessSampleRate,
    (_, s) => s.deliveryStatusLogging !== true,
    () => "needs deliveryStatusLogging: true; without the role nothing is logged",
    ["deliveryStatusLogging"],
  ),
  // Names are the queues' identities: two queues of one name would be one set of resources.
  {
    over: "queues",
    expand: (s) => [
      rules(
        queuesOf(s).map((_, i) => `queues[${i}].name`),
        () =>
          queuesOf(s).flatMap((q, i) => {
            const first = queuesOf(s).findIndex((other) => other.name === q.name);
            return first < i
              ? [
                  {
                    path: `queues[${i}].name`,
                    message: `(${quote(q.name)}) is already the name of queues[${first}]; queue names must be unique`,
                  },
                ]
              : [];
          }),
      ),
    ],
  },
  // Each queue with what it inherits from the topic, read where that lives.
  {
    over: "queues",
    expand: (s) =>
      queuesOf(s).flatMap((_, i) =>
        within(
          (path) => (path === "topicFifo" ? "fifo" : path === "namePrefix" ? "namePrefix" : joinPath(`queues[${i}]`, path)),
          (p: Named): QueueView => ({ ...queuesOf(p)[i]!, topicFifo: p.fifo ?? MESSAGING_DEFAULTS.fifo, namePrefix: p.namePrefix }),
          queueRules,
        ),
      ),
  },
  when("emailSubscriptions", ["fifo", "emailSubscriptions"], (s) =>
    s.fifo === true && (s.emailSubscriptions?.length ?? 0) > 0
      ? "cannot subscribe to a FIFO topic: SNS delivers FIFO topics to SQS queues only"
      : undefined,
  ),
];

/** Every problem with the messaging settings, paths relative to `at`; `namePrefix` (the tier's name) lets names be judged whole. */
export function validateMessagingSettings(settings: MessagingSettings, at = "", namePrefix?: string): Finding[] {
  return judge({ ...settings, namePrefix }, checkShape(settings, MESSAGING_SETTINGS_SHAPE), messagingRules, at);
}

/** An alarm with no action is heard by nobody: depth and age alarms need the topic to notify. */
const heardRules: readonly Rule<QueueOptions>[] = (["depthAlarmThreshold", "ageAlarmSeconds"] as const).map((field) =>
  rule(
    field,
    (q) => q[field],
    () => true,
    () => "needs alarmTopicArn: an alarm that notifies no topic is heard by nobody",
  ),
);

/** Every problem with the messaging props, as the construct sees them. */
export function validateMessagingProps(props: MessagingProps, at = ""): Finding[] {
  const unheard: Rule<MessagingProps> = {
    over: "alarmTopicArn",
    expand: (p) => (p.alarmTopicArn === undefined ? [each("queues", (q: MessagingProps) => q.queues, heardRules)] : []),
  };
  return judge(props, checkShape(props, MESSAGING_SHAPE), [...messagingRules, unheard], at);
}
