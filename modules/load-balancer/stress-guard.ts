import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { nameTags } from "../core/tags";

/** The paths the guard covers: `POST /stress` and anything under it. */
export const STRESS_PATH_PATTERN = "/stress*";

/** Rule priorities: the allow rule is evaluated before the refusal. */
export const STRESS_RULE_PRIORITIES = { allow: 10, deny: 20 } as const;

export interface StressGuardProps {
  /** Name of the load balancer, for tags. */
  readonly name: string;
  /** The listener that forwards to the targets (HTTPS when there is one). */
  readonly listenerArn: string;
  readonly targetGroupArn: string;
  /** Sources whose `/stress*` requests reach the targets; empty for none. */
  readonly allowedCidrs: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Keeps the CPU-burning `/stress` endpoint off the internet: a rule forwards `/stress*` from the
 * allowed CIDRs (only when there are some), and the next one answers every other `/stress*`
 * request with a fixed 403, so the listener's default forward never sees one.
 */
export class StressGuard extends Construct {
  constructor(scope: Construct, id: string, props: StressGuardProps) {
    super(scope, id);
    const path = { pathPattern: { values: [STRESS_PATH_PATTERN] } };
    if (Token.isUnresolved(props.allowedCidrs) || props.allowedCidrs.length > 0) {
      new LbListenerRule(this, "allow", {
        listenerArn: props.listenerArn,
        priority: STRESS_RULE_PRIORITIES.allow,
        condition: [path, { sourceIp: { values: [...props.allowedCidrs] } }],
        action: [{ type: "forward", targetGroupArn: props.targetGroupArn }],
        tags: nameTags(`${props.name}-stress-allow`, props.tags),
      });
    }
    new LbListenerRule(this, "deny", {
      listenerArn: props.listenerArn,
      priority: STRESS_RULE_PRIORITIES.deny,
      condition: [path],
      action: [
        {
          type: "fixed-response",
          fixedResponse: {
            statusCode: "403",
            contentType: "text/plain",
            messageBody: "Forbidden: /stress is reachable only from allowed addresses\n",
          },
        },
      ],
      tags: nameTags(`${props.name}-stress-deny`, props.tags),
    });
  }
}
