import { check, emailAddresses, intRange, matches, maxLength, type Finding, type Rule } from "../core/validation";
import type { AlarmTopicProps, AlarmTopicSettings } from "./props";

const settingsRules: readonly Rule<AlarmTopicSettings>[] = [
  emailAddresses("emailSubscriptions", (s) => s.emailSubscriptions),
  intRange("keyDeletionWindowDays", (s) => s.keyDeletionWindowDays, 7, 30, "days"),
];

const propsRules: readonly Rule<AlarmTopicProps>[] = [
  matches("name", (p) => p.name, /^[a-zA-Z0-9_-]+$/, "letters, digits, hyphens and underscores"),
  // `-alarms` is appended and SNS topic names stop at 256 characters.
  maxLength("name", (p) => p.name, 200),
];

/** Every problem with the alarm topic's settings, paths relative to `at`. */
export function validateAlarmTopicSettings(settings: AlarmTopicSettings, at = ""): Finding[] {
  return check(settings, settingsRules, at);
}

/** Every problem with the alarm topic's props, as the construct sees them. */
export function validateAlarmTopicProps(props: AlarmTopicProps, at = ""): Finding[] {
  return [...check(props, propsRules, at), ...validateAlarmTopicSettings(props, at)];
}
