import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Construct } from "constructs";
import { jsonDocument } from "../core/aws";
import { nameTags } from "../core/tags";
import { BASELINE_MANAGED_RULE_GROUPS, LOAD_BALANCER_DEFAULTS, type WebAclOptions } from "./props";

export interface LoadBalancerWebAclProps extends WebAclOptions {
  /** Name of the load balancer: the created web ACL and its metrics are named after it. */
  readonly name: string;
  /** The load balancer to protect. */
  readonly albArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** CloudWatch metrics and sampled requests on, under `metricName`: the API's VisibilityConfig. */
const visible = (metricName: string) => ({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: metricName });

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
    // The rules as the WAF API's JSON (`rule_json`): the binding leaves `statement` untyped, which
    // `cdktf synth --hcl` would write as an attribute Terraform refuses.
    const rules = [
      {
        Name: "rate-limit-per-ip",
        Priority: 0,
        Action: { Block: {} },
        Statement: {
          RateBasedStatement: {
            Limit: props.rateLimit ?? d.rateLimit,
            EvaluationWindowSec: props.rateLimitWindowSeconds ?? d.rateLimitWindowSeconds,
            AggregateKeyType: "IP",
          },
        },
        VisibilityConfig: visible(`${props.name}-rate-limit-per-ip`),
      },
      ...groups.map((group, i) => ({
        Name: group,
        Priority: i + 1,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { Name: group, VendorName: "AWS" } },
        VisibilityConfig: visible(`${props.name}-${group}`),
      })),
    ];
    return new Wafv2WebAcl(this, "web-acl", {
      name: `${props.name}-web-acl`,
      description: `Managed rules and a per-IP rate limit in front of ${props.name}`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      ruleJson: jsonDocument(rules),
      visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.name}-web-acl` },
      tags: nameTags(`${props.name}-web-acl`, props.tags),
    });
  }
}
