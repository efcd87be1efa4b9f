import { checkShape } from "../core/shape";
import { isToken, joinPath, judge, known, rule, when, within, type Finding, type Rule } from "../core/validation";
import { ALARM_TOPIC_SETTINGS_SHAPE, ALARM_TOPIC_SHAPE, type AlarmTopicProps, type AlarmTopicSettings } from "./props";

/** EventBridge rule names stop at 64 characters. */
const RULE_NAME_MAX = 64;

/** The EventBridge rule that forwards the alarms: `<name>-alarms-forward`. */
export const forwardRuleName = (name: string): string => `${name}-alarms-forward`;

/** The settings with the topic's name (the tier's name, or the props' name), when known. */
type Named = AlarmTopicSettings & { readonly name?: string };

/** A forwarded topic's ARN, seen with this topic's name. */
type Forward = { readonly arn: string; readonly name?: string };

/**
 * Rules across the alarm topic's fields, each reading the fields it declares; `region` (when
 * known) lets ARNs be judged whole.
 */
export function alarmTopicRules(region: string | undefined): readonly Rule<Named>[] {
  const forwardRules: readonly Rule<Forward>[] = [
    rule(
      "",
      (f) => f.arn,
      (arn) => region !== undefined && arn.split(":")[3] !== region,
      (arn) =>
        `(${JSON.stringify(arn)}) is in ${arn.split(":")[3]}, not ${region}: an EventBridge rule only reaches targets in its own region`,
    ),
    rule(
      "",
      (f) => f.arn,
      (arn, f) => f.name !== undefined && arn.endsWith(`:${f.name}-alarms`),
      (arn) => `(${JSON.stringify(arn)}) is this alarm topic itself: forwarding its alarms to it would only repeat them`,
      ["name"],
    ),
  ];
  const forwards = (s: Named): readonly string[] =>
    Array.isArray(s.forwardToTopicArns) && !isToken(s.forwardToTopicArns) ? s.forwardToTopicArns : [];
  return [
    // Each forwarded ARN with this topic's name, read where that lives.
    {
      over: "forwardToTopicArns",
      expand: (s) =>
        forwards(s).flatMap((_, i) =>
          within(
            (path) => (path === "name" ? "name" : joinPath(`forwardToTopicArns[${i}]`, path)),
            (p: Named): Forward => ({ arn: forwards(p)[i]!, name: p.name }),
            forwardRules,
          ),
        ),
    },
    when("forwardToTopicArns", ["name", "forwardToTopicArns"], (s) =>
      s.name !== undefined && known(s.name) && (s.forwardToTopicArns?.length ?? 0) > 0 && forwardRuleName(s.name).length > RULE_NAME_MAX
        ? `need an EventBridge rule named ${JSON.stringify(forwardRuleName(s.name))} (${forwardRuleName(s.name).length} characters); EventBridge allows at most ${RULE_NAME_MAX}: shorten the name`
        : undefined,
    ),
  ];
}

/**
 * Every problem with the alarm topic's settings, paths relative to `at`: their shape, and each
 * rule whose fields are sound. `region` (when known) lets forwarded topics be checked against it.
 */
export function validateAlarmTopicSettings(settings: AlarmTopicSettings, at = "", region?: string, name?: string): Finding[] {
  return judge({ ...settings, name }, checkShape(settings, ALARM_TOPIC_SETTINGS_SHAPE), alarmTopicRules(region), at);
}

/** Every problem with the alarm topic's props, as the construct sees them. */
export function validateAlarmTopicProps(props: AlarmTopicProps, region?: string, at = ""): Finding[] {
  return judge(props, checkShape(props, ALARM_TOPIC_SHAPE), alarmTopicRules(region), at);
}
