import { checkShape, omit } from "../core/shape";
import type { Finding } from "../core/validation";
import { ALARM_TOPIC_SHAPE, type AlarmTopicProps, type AlarmTopicSettings } from "./props";

const SETTINGS_SHAPE = omit(ALARM_TOPIC_SHAPE, "name", "tags");

/** Every problem with the alarm topic's settings, paths relative to `at`. Each field stands alone: its shape says it all. */
export function validateAlarmTopicSettings(settings: AlarmTopicSettings, at = ""): Finding[] {
  return checkShape(settings, SETTINGS_SHAPE, at);
}

/** Every problem with the alarm topic's props, as the construct sees them. */
export function validateAlarmTopicProps(props: AlarmTopicProps, at = ""): Finding[] {
  return checkShape(props, ALARM_TOPIC_SHAPE, at);
}
