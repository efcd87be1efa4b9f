import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Fn, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { findingPathsOf } from "../../support/findings";
import { onlyResource, resolveValues, resourcesOf } from "../../support/synth";
import { readJsonDocument } from "../../support/json-document";
import { build } from "./helpers";

const ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const ALB_ARN = expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.arn\}$/);
const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));
const visibility = (metricName: string) => ({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: metricName });
const ruleVisibility = (metricName: string) => ({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: metricName });

/** The rules as the WAF API reads them (`rule_json`). */
type Rule = {
  Name: string;
  Priority: number;
  Statement: Record<string, Record<string, unknown>>;
  VisibilityConfig: unknown;
  Action?: unknown;
  OverrideAction?: unknown;
};
const rulesOf = (json: ReturnType<typeof build>["json"]) => readJsonDocument(onlyResource(json, Wafv2WebAcl).rule_json) as Rule[];

describe("web ACL the module creates (webAcl: {})", () => {
  const { json, loadBalancer, stack } = build({ webAcl: {} });
  const acl = onlyResource(json, Wafv2WebAcl);

  it("is a REGIONAL web ACL that allows by default, with metrics and sampled requests on", () => {
    expect(acl).toMatchObject({
      name: "demo-web-acl",
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: visibility("demo-web-acl"),
    });
  });

  it("blocks an IP address over 2000 requests in 5 minutes, before any other rule", () => {
    expect(rulesOf(json)[0]).toEqual({
      Name: "rate-limit-per-ip",
      Priority: 0,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: "IP" } },
      VisibilityConfig: ruleVisibility("demo-rate-limit-per-ip"),
    });
  });

  it("runs AWS's common rule set and known bad inputs with their own actions, each with metrics and sampled requests", () => {
    expect(rulesOf(json).slice(1)).toEqual(
      ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"].map((group, i) => ({
        Name: group,
        Priority: i + 1,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { Name: group, VendorName: "AWS" } },
        VisibilityConfig: ruleVisibility(`demo-${group}`),
      })),
    );
  });

  it("is associated with the load balancer", () => {
    expect(onlyResource(json, Wafv2WebAclAssociation)).toEqual({
      resource_arn: ALB_ARN,
      web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.lb_waf_web-acl_[0-9A-F]{8}\.arn\}$/),
    });
  });

  it("reports the web ACL's ARN", () => {
    expect(resolveValues(stack, { acl: loadBalancer.outputs.webAclArn }).acl).toMatch(
      /^\$\{aws_wafv2_web_acl\.lb_waf_web-acl_[0-9A-F]{8}\.arn\}$/,
    );
  });
});

describe("web ACL options", () => {
  it("creates none by default", () => {
    const { json, loadBalancer } = build();
    expect(resourcesOf(json, Wafv2WebAcl)).toEqual({});
    expect(resourcesOf(json, Wafv2WebAclAssociation)).toEqual({});
    expect(loadBalancer.outputs.webAclArn).toBeUndefined();
  });

  it("takes the rate limit and its window, and adds further managed rule groups after the baseline", () => {
    const { json } = build({
      webAcl: { rateLimit: 100, rateLimitWindowSeconds: 60, additionalManagedRuleGroups: ["AWSManagedRulesAmazonIpReputationList"] },
    });
    const rules = rulesOf(json);
    expect(rules[0]!.Statement.RateBasedStatement).toEqual({ Limit: 100, EvaluationWindowSec: 60, AggregateKeyType: "IP" });
    expect(rules.map((r) => [r.Priority, r.Name])).toEqual([
      [0, "rate-limit-per-ip"],
      [1, "AWSManagedRulesCommonRuleSet"],
      [2, "AWSManagedRulesKnownBadInputsRuleSet"],
      [3, "AWSManagedRulesAmazonIpReputationList"],
    ]);
  });

  it("associates an existing web ACL instead of creating one", () => {
    const { json, loadBalancer } = build({ webAcl: { arn: ACL_ARN } });
    expect(resourcesOf(json, Wafv2WebAcl)).toEqual({});
    expect(onlyResource(json, Wafv2WebAclAssociation)).toEqual({ resource_arn: ALB_ARN, web_acl_arn: ACL_ARN });
    expect(loadBalancer.outputs.webAclArn).toBe(ACL_ARN);
  });

  it("accepts a rate limit and an ARN from another stack", () => {
    expect(problems({ webAcl: { rateLimit: Token.asNumber("limit") } })).toEqual([]);
    expect(problems({ webAcl: { arn: Fn.lower("arn") } })).toEqual([]);
  });
});

describe("web ACL, refused values", () => {
  it("throws when the rate limit is outside AWS WAF's 10 to 2,000,000,000", () => {
    expect(problems({ webAcl: { rateLimit: 9 } })).toEqual(["webAcl.rateLimit"]);
    expect(problems({ webAcl: { rateLimit: 2_000_000_001 } })).toEqual(["webAcl.rateLimit"]);
    expect(problems({ webAcl: { rateLimit: 10 } })).toEqual([]);
    expect(problems({ webAcl: { rateLimit: 2_000_000_000 } })).toEqual([]);
  });

  it("throws on an evaluation window AWS WAF does not offer", () => {
    expect(problems({ webAcl: { rateLimitWindowSeconds: 30 as 60 } })).toEqual(["webAcl.rateLimitWindowSeconds"]);
  });

  it("throws on a rule group that is not an AWS managed one, or one listed twice", () => {
    expect(
      problems({ webAcl: { additionalManagedRuleGroups: ["MyRules", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesSQLiRuleSet"] } }),
    ).toEqual(["webAcl.additionalManagedRuleGroups[0]", "webAcl.additionalManagedRuleGroups"]);
  });

  it("throws when the rule groups are a token list: their number decides the web ACL's rules", () => {
    expect(problems({ webAcl: { additionalManagedRuleGroups: Token.asList("groups") } })).toEqual(["webAcl.additionalManagedRuleGroups"]);
  });

  it("throws when an existing web ACL comes with options for a created one: choose one", () => {
    expect(problems({ webAcl: { arn: ACL_ARN, rateLimit: 100, rateLimitWindowSeconds: 60 } })).toEqual(["webAcl.arn"]);
  });

  it("throws on a CloudFront (global) web ACL, and on one from another region", () => {
    expect(problems({ webAcl: { arn: ACL_ARN.replace("regional", "global") } })).toEqual(["webAcl.arn"]);
    expect(problems({ webAcl: { arn: ACL_ARN.replace("us-east-1", "eu-west-1") } })).toEqual(["webAcl.arn"]);
  });
});
