import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Construct } from "constructs";
import { nameTags } from "../core/tags";
import { BASELINE_MANAGED_RULE_GROUPS, LOAD_BALANCER_DEFAULTS, type WebAclOptions } from "./props";

export interface LoadBalancerWebAclProps extends WebAclOptions {
  /** Name of the load balancer: the created web ACL and its metrics are named after it. */
  readonly name: string;
  /** The load balancer to protect. */
  readonly albArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** CloudWatch metrics and sampled requests on, under `metricName`. */
const visible = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * AWS WAF in front of the load balancer: the given web ACL, or a REGIONAL one created here that
 * allows by default, blocks an IP address over its rate limit (evaluated first, so a flood costs
 * the managed rules nothing), and runs AWS's common rule set, known bad inputs and any further
 * managed groups, every rule with metrics and sampled requests.
 */
export class LoadBalancerWebAcl extends Construct {
  /** ARN of the web ACL in front of the load balancer. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: LoadBalancerWebAclProps) {
    super(scope, id);
    this.webAclArn = props.arn ?? this.create(props).arn;
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.albArn, webAclArn: this.webAclArn });
  }

  private create(props: LoadBalancerWebAclProps): Wafv2WebAcl {
    const d = LOAD_BALANCER_DEFAULTS.webAcl;
    const groups = [...BASELINE_MANAGED_RULE_GROUPS, ...(props.additionalManagedRuleGroups ?? d.additionalManagedRuleGroups)];
    const rateLimit: Wafv2WebAclRule = {
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      // `statement` is untyped in the binding: it is written as Terraform's own block names.
      statement: {
        rate_based_statement: {
          limit: props.rateLimit ?? d.rateLimit,
          evaluation_window_sec: props.rateLimitWindowSeconds ?? d.rateLimitWindowSeconds,
          aggregate_key_type: "IP",
        },
      },
      visibilityConfig: visible(`${props.name}-rate-limit-per-ip`),
    };
    const managed = groups.map(
      (group, i): Wafv2WebAclRule => ({
        name: group,
        priority: i + 1,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
        visibilityConfig: visible(`${props.name}-${group}`),
      }),
    );
    return new Wafv2WebAcl(this, "web-acl", {
      name: `${props.name}-web-acl`,
      description: `Managed rules and a per-IP rate limit in front of ${props.name}`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [rateLimit, ...managed],
      visibilityConfig: visible(`${props.name}-web-acl`),
      tags: nameTags(`${props.name}-web-acl`, props.tags),
    });
  }
}
