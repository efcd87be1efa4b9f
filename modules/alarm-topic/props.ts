import { emailAddresses, tags } from "../core/fields";
import { integer, required, string, type ShapeOf } from "../core/shape";

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

export const ALARM_TOPIC_DEFAULTS = {
  emailSubscriptions: [] as readonly string[],
  keyDeletionWindowDays: 30,
} as const;

/** Each prop's type and own limits, next to its documentation and default above. */
export const ALARM_TOPIC_SHAPE: ShapeOf<AlarmTopicProps> = {
  // `-alarms` is appended and SNS topic names stop at 256 characters.
  name: required(string({ pattern: /^[a-zA-Z0-9_-]+$/, what: "letters, digits, hyphens and underscores", maxLength: 200, limit: "so that <name>-alarms fits SNS's 256" })),
  emailSubscriptions: emailAddresses(),
  keyDeletionWindowDays: integer({ min: 7, max: 30, unit: "days" }),
  tags: tags(),
};
