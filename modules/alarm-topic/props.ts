import { emailAddresses, tags } from "../core/fields";
import { integer, list, omit, required, string, type ShapeOf } from "../core/shape";

export interface AlarmTopicProps {
  /** Prefix of the topic's and key alias's names: `<name>-alarms`; the tier's alarms are named `<name>-…`. */
  readonly name: string;
  /**
   * Email addresses told of every alarm and recovery. Each stays pending until its owner
   * confirms, and Terraform cannot delete a pending subscription.
   * @default - none
   */
  readonly emailSubscriptions?: readonly string[];
  /**
   * HTTPS endpoints (an incident tool's webhook) told of every alarm and recovery. SNS first
   * posts a confirmation request; each stays pending until the endpoint confirms it.
   * @default - none
   */
  readonly httpsEndpoints?: readonly string[];
  /**
   * Existing standard SNS topics of the same region that also hear every ALARM and OK of the
   * alarms named `<name>-…`, through an EventBridge rule (SNS cannot subscribe a topic to a
   * topic): an on-call topic, or one an Amazon Q Developer in chat applications (AWS Chatbot)
   * configuration already watches. Each topic's policy must let `events.amazonaws.com` publish,
   * and a customer managed key encrypting it must let EventBridge use it.
   * @default - none
   */
  readonly forwardToTopicArns?: readonly string[];
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

/** Props a WebTier fills in itself: an environment may not set them (its shape refuses them). */
export const ALARM_TOPIC_WIRED = ["name", "tags"] as const satisfies readonly (keyof AlarmTopicProps)[];
export type AlarmTopicWired = (typeof ALARM_TOPIC_WIRED)[number];

/** The alarm topic's inputs that are plain data: what an environment's config holds. */
export type AlarmTopicSettings = Omit<AlarmTopicProps, AlarmTopicWired>;

export const ALARM_TOPIC_DEFAULTS = {
  emailSubscriptions: [] as readonly string[],
  httpsEndpoints: [] as readonly string[],
  forwardToTopicArns: [] as readonly string[],
  keyDeletionWindowDays: 30,
} as const;

/** An HTTPS URL SNS can post to: `https://host/path`, no credentials in it. */
function httpsUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `(${JSON.stringify(value)}) is not a URL such as https://events.example.com/sns`;
  }
  if (url.protocol !== "https:")
    return `(${JSON.stringify(value)}) must use https: alarms leave AWS, and plain HTTP would carry them in clear text`;
  if (url.username || url.password)
    return `(${JSON.stringify(value)}) must not hold credentials: SNS shows endpoints to anyone who may list subscriptions`;
  return undefined;
}

/** A standard SNS topic ARN: EventBridge sends FIFO topics nothing without a message group. */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** Each prop's type and own limits, next to its documentation and default above. */
export const ALARM_TOPIC_SHAPE: ShapeOf<AlarmTopicProps> = {
  // `-alarms` is appended and SNS topic names stop at 256 characters.
  name: required(
    string({
      pattern: /^[a-zA-Z0-9_-]+$/,
      what: "letters, digits, hyphens and underscores",
      maxLength: 200,
      limit: "so that <name>-alarms fits SNS's 256",
    }),
  ),
  emailSubscriptions: emailAddresses(),
  httpsEndpoints: list(string({ what: "an HTTPS URL", maxLength: 2048, limit: "a URL's practical limit", refine: httpsUrl }), {
    noun: ["HTTPS endpoint", "HTTPS endpoints"],
    unique: true,
  }),
  forwardToTopicArns: list(
    string({ pattern: TOPIC_ARN, what: "a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>, not .fifo)" }),
    {
      maxItems: 5,
      noun: ["topic", "topics"],
      why: "EventBridge gives a rule at most 5 targets",
      unique: true,
    },
  ),
  keyDeletionWindowDays: integer({ min: 7, max: 30, unit: "days" }),
  tags: tags(),
};

/** The shape of the alarm topic's settings. */
export const ALARM_TOPIC_SETTINGS_SHAPE = omit(ALARM_TOPIC_SHAPE, ...ALARM_TOPIC_WIRED);
