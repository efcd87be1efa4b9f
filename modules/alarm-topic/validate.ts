import { checkShape, omit } from "../core/shape";
import { check, each, isToken, rule, when, type Finding, type Rule } from "../core/validation";
import { ALARM_TOPIC_SHAPE, type AlarmTopicProps, type AlarmTopicSettings } from "./props";

const SETTINGS_SHAPE = omit(ALARM_TOPIC_SHAPE, "name", "tags");
/** EventBridge rule names stop at 64 characters. */
const RULE_NAME_MAX = 64;

/** The EventBridge rule that forwards the alarms: `<name>-alarms-forward`. */
export const forwardRuleName = (name: string): string => `${name}-alarms-forward`;

type Named = AlarmTopicSettings & { readonly name?: string };

/** Rules across fields, for settings of the right shape; `region` and `name` (when known) let ARNs be judged whole. */
function settingsRules(region: string | undefined): readonly Rule<Named>[] {
  const forwardRules: readonly Rule<{ arn: string; name?: string }>[] = [
    rule(
      "",
      (f) => f.arn,
      (arn) => region !== undefined && arn.split(":")[3] !== region,
      (arn) => `(${JSON.stringify(arn)}) is in ${arn.split(":")[3]}, not ${region}: an EventBridge rule only reaches targets in its own region`,
    ),
    rule(
      "",
      (f) => f.arn,
      (arn, f) => f.name !== undefined && arn.endsWith(`:${f.name}-alarms`),
      (arn) => `(${JSON.stringify(arn)}) is this alarm topic itself: forwarding its alarms to it would only repeat them`,
    ),
  ];
  return [
    each(
      "forwardToTopicArns",
      // A token list (another stack's output) is judged by nobody; its items are not strings to split.
      (s) => (isToken(s.forwardToTopicArns) ? undefined : s.forwardToTopicArns?.map((arn) => ({ arn, name: s.name }))),
      forwardRules,
    ),
    when("forwardToTopicArns", (s) =>
      s.name !== undefined && (s.forwardToTopicArns?.length ?? 0) > 0 && forwardRuleName(s.name).length > RULE_NAME_MAX
        ? `need an EventBridge rule named ${JSON.stringify(forwardRuleName(s.name))} (${forwardRuleName(s.name).length} characters); EventBridge allows at most ${RULE_NAME_MAX}: shorten the name`
        : undefined,
    ),
  ];
}

/**
 * Every problem with the alarm topic's settings, paths relative to `at`: their shape, then the
 * rules across fields. `region` (when known) lets forwarded topics be checked against it.
 */
export function validateAlarmTopicSettings(settings: AlarmTopicSettings, at = "", region?: string, name?: string): Finding[] {
  const shape = checkShape(settings, SETTINGS_SHAPE, at);
  return shape.length > 0 ? shape : check({ ...settings, name }, settingsRules(region), at);
}

/** Every problem with the alarm topic's props, as the construct sees them. */
export function validateAlarmTopicProps(props: AlarmTopicProps, region?: string, at = ""): Finding[] {
  const shape = checkShape(props, ALARM_TOPIC_SHAPE, at);
  return shape.length > 0 ? shape : check(props, settingsRules(region), at);
}
