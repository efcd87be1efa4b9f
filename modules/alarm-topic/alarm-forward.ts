import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";
import { forEachValue } from "../core/for-each";
import { nameTags } from "../core/tags";
import { forwardRuleName } from "./validate";

export interface AlarmForwardProps {
  /** The alarm topic's name prefix: alarms named `<name>-…` are forwarded. */
  readonly name: string;
  /** Existing SNS topics (a written-out list or a token) that receive the state changes. */
  readonly topicArns: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Forwards every ALARM and OK of the alarms named `<name>-…` to existing SNS topics, through
 * an EventBridge rule on CloudWatch's state-change events: SNS has no protocol that subscribes a
 * topic to another. One target per topic, keyed by its ARN. The event bus only carries this
 * account's and region's events, so the name prefix is the whole filter.
 */
export class AlarmForward extends Construct {
  constructor(scope: Construct, id: string, props: AlarmForwardProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, "rule", {
      name: forwardRuleName(props.name),
      description: `Forwards ALARM and OK of the alarms named ${props.name}-* to other SNS topics`,
      eventPattern: JSON.stringify({
        source: ["aws.cloudwatch"],
        "detail-type": ["CloudWatch Alarm State Change"],
        detail: { alarmName: [{ prefix: `${props.name}-` }], state: { value: ["ALARM", "OK"] } },
      }),
      tags: nameTags(forwardRuleName(props.name), props.tags),
    });
    // No role: EventBridge publishes to SNS under the topic's own policy, as AWS advises for SNS targets.
    forEachValue(
      this,
      "target",
      props.topicArns,
      (s, targetId, arn, forEach) => new CloudwatchEventTarget(s, targetId, { forEach, rule: rule.name, arn }),
    );
  }
}
