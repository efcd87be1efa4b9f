import { checkShape, omit, quote } from "../core/shape";
import { check, each, known, rule, when, type Finding, type Rule } from "../core/validation";
import { fullName } from "./names";
import { MESSAGING_DEFAULTS, MESSAGING_SHAPE, type MessagingProps, type QueueOptions } from "./props";

/** The messaging inputs that are plain data: what an environment's config holds. */
export type MessagingSettings = Omit<MessagingProps, "namePrefix" | "alarmTopicArn" | "tags">;

type Named = MessagingSettings & { readonly namePrefix?: string };

const SETTINGS_SHAPE = omit(MESSAGING_SHAPE, "namePrefix", "alarmTopicArn", "tags");
const QUEUE_NAME_MAX = 80;
const TOPIC_NAME_MAX = 256;

/** Rules across a queue's fields and the topic's, for settings of the right shape. */
function queueRules(settings: Named): readonly Rule<QueueOptions>[] {
  const topicFifo = settings.fifo ?? MESSAGING_DEFAULTS.fifo;
  return [
    rule(
      "name",
      (q) => q.name,
      // The dead-letter queue's name is the longest the module derives from it.
      (n, q) => known(settings.namePrefix ?? "") && fullName(settings.namePrefix, n, q.fifo ?? topicFifo, "-dlq").length > QUEUE_NAME_MAX,
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
    when("visibilityTimeoutSeconds", (q) => {
      const visibility = q.visibilityTimeoutSeconds ?? MESSAGING_DEFAULTS.visibilityTimeoutSeconds;
      const consumer = q.consumerTimeoutSeconds;
      return known(visibility, consumer) && visibility < consumer!
        ? `(${visibility}) is shorter than consumerTimeoutSeconds (${consumer}): messages would reappear while still being processed`
        : undefined;
    }),
  ];
}

function settingsRules(settings: Named): readonly Rule<Named>[] {
  return [
    rule(
      "topicName",
      (s) => s.topicName,
      (n, s) => known(s.namePrefix ?? "") && fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length > TOPIC_NAME_MAX,
      (n, s) => `gives a topic named ${fullName(s.namePrefix, n, s.fifo ?? MESSAGING_DEFAULTS.fifo).length} characters long; SNS allows at most ${TOPIC_NAME_MAX}`,
    ),
    rule(
      "contentBasedDeduplication",
      (s) => s.contentBasedDeduplication,
      (dedupe, s) => dedupe && !(s.fifo ?? MESSAGING_DEFAULTS.fifo),
      () => "applies to FIFO topics only; set fifo: true or drop it",
    ),
    // Names are the queues' identities: two queues of one name would be one set of resources.
    (s) =>
      s.queues.flatMap((q, i) => {
        const first = s.queues.findIndex((other) => other.name === q.name);
        return first < i ? [{ path: `queues[${i}].name`, message: `(${quote(q.name)}) is already the name of queues[${first}]; queue names must be unique` }] : [];
      }),
    each("queues", (s) => s.queues, queueRules(settings)),
    when("emailSubscriptions", (s) =>
      s.fifo === true && (s.emailSubscriptions?.length ?? 0) > 0 ? "cannot subscribe to a FIFO topic: SNS delivers FIFO topics to SQS queues only" : undefined,
    ),
  ];
}

/** Every problem with the messaging settings, paths relative to `at`; `namePrefix` (the tier's name) lets names be judged whole. */
export function validateMessagingSettings(settings: MessagingSettings, at = "", namePrefix?: string): Finding[] {
  const shape = checkShape(settings, SETTINGS_SHAPE, at);
  const named = { ...settings, namePrefix };
  return shape.length > 0 ? shape : check(named, settingsRules(named), at);
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
  const shape = checkShape(props, MESSAGING_SHAPE, at);
  if (shape.length > 0) return shape;
  return check(props, [...settingsRules(props), ...(props.alarmTopicArn === undefined ? [each("queues", (p: MessagingProps) => p.queues, heardRules)] : [])], at);
}
