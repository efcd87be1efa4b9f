import { LbListenerRule, type LbListenerRuleAction, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Construct } from "constructs";
import { nameTags } from "../core/tags";
import type { ListenerRuleOptions, RuleAction, RuleConditions } from "./routing";

export interface ListenerRulesProps {
  /** Name of the load balancer: each rule's Name tag is `<name>-<rule>`. */
  readonly name: string;
  /** The forwarding listener (HTTPS when there is one). */
  readonly listenerArn: string;
  readonly rules: readonly ListenerRuleOptions[];
  /** ARN of each target group a forward may name, the instances' under "default". */
  readonly targetGroupArns: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The provider's conditions: one block per kind, and one per HTTP header. */
function conditionsOf(c: RuleConditions): LbListenerRuleCondition[] {
  return [
    ...(c.hostHeaders ? [{ hostHeader: { values: [...c.hostHeaders] } }] : []),
    ...(c.pathPatterns ? [{ pathPattern: { values: [...c.pathPatterns] } }] : []),
    ...(c.httpHeaders ?? []).map((h) => ({ httpHeader: { httpHeaderName: h.name, values: [...h.values] } })),
    ...(c.queryStrings ? [{ queryString: c.queryStrings.map((q) => ({ key: q.key, value: q.value })) }] : []),
    ...(c.sourceIps ? [{ sourceIp: { values: [...c.sourceIps] } }] : []),
  ];
}

function actionOf(a: RuleAction, targetGroupArns: Readonly<Record<string, string>>): LbListenerRuleAction {
  switch (a.type) {
    case "forward":
      return { type: "forward", targetGroupArn: targetGroupArns[a.targetGroup] };
    case "redirect":
      return {
        type: "redirect",
        redirect: {
          statusCode: a.statusCode ?? "HTTP_301",
          protocol: a.protocol,
          host: a.host,
          port: a.port === undefined ? undefined : String(a.port),
          path: a.path,
          query: a.query,
        },
      };
    case "fixed-response":
      return {
        type: "fixed-response",
        fixedResponse: { statusCode: String(a.statusCode), contentType: a.contentType ?? "text/plain", messageBody: a.messageBody },
      };
  }
}

/** The configured listener rules, one resource per rule keyed by its name (so reordering the list moves nothing). */
export class ListenerRules extends Construct {
  constructor(scope: Construct, id: string, props: ListenerRulesProps) {
    super(scope, id);
    for (const r of props.rules) {
      new LbListenerRule(this, r.name, {
        listenerArn: props.listenerArn,
        priority: r.priority,
        condition: conditionsOf(r.conditions),
        action: [actionOf(r.action, props.targetGroupArns)],
        tags: nameTags(`${props.name}-${r.name}`, props.tags),
      });
    }
  }
}
