import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { findingPathsOf } from "../../support/findings";
import { onlyResource, resourcesOf } from "../../support/synth";
import { build as buildTier } from "../web-tier/helpers";
import { build, CERT } from "./helpers";

const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));
const TARGET_GROUP_ARN = expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/);
const DENY = {
  type: "fixed-response",
  fixed_response: {
    status_code: "403",
    content_type: "text/plain",
    message_body: "Forbidden: /stress is reachable only from allowed addresses\n",
  },
};

/** Listener rules by their construct id (allow, deny). */
function rulesOf(json: ReturnType<typeof build>["json"]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resourcesOf(json, LbListenerRule)).map(([address, rule]) => [
      address.replace(/^.*stress-guard_(\w+)_[0-9A-F]{8}$/, "$1"),
      rule,
    ]),
  );
}

describe("stress guard on the load balancer", () => {
  it("adds no rule when the targets do not serve /stress (the default)", () => {
    expect(resourcesOf(build().json, LbListenerRule)).toEqual({});
  });

  it("answers /stress* with a fixed 403 from everyone by default, so the default forward never reaches it", () => {
    expect(rulesOf(build({ stressEndpoint: true }).json)).toEqual({
      deny: expect.objectContaining({
        listener_arn: expect.stringMatching(/^\$\{aws_lb_listener\.lb_http_[0-9A-F]{8}\.arn\}$/),
        priority: 20,
        condition: [{ path_pattern: { values: ["/stress*"] } }],
        action: [DENY],
      }),
    });
  });

  it("forwards /stress* from the allowed CIDRs only, in a rule evaluated before the 403", () => {
    const rules = rulesOf(build({ stressEndpoint: true, stressAllowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"] }).json);
    expect(rules.allow).toMatchObject({
      priority: 10,
      condition: [{ path_pattern: { values: ["/stress*"] } }, { source_ip: { values: ["203.0.113.0/24", "198.51.100.7/32"] } }],
      action: [{ type: "forward", target_group_arn: TARGET_GROUP_ARN }],
    });
    expect(rules.deny).toMatchObject({ priority: 20, action: [DENY] });
    expect(rules.allow!.priority as number).toBeLessThan(rules.deny!.priority as number);
  });

  it("guards the HTTPS listener when there is one (HTTP only redirects)", () => {
    const rules = rulesOf(build({ stressEndpoint: true, certificateArn: CERT }).json);
    expect(rules.deny!.listener_arn).toMatch(/^\$\{aws_lb_listener\.lb_https_[0-9A-F]{8}\.arn\}$/);
  });
});

describe("stress guard, refused values", () => {
  it("throws on allowed sources that are not canonical IPv4 CIDRs, naming each index", () => {
    expect(problems({ stressEndpoint: true, stressAllowedCidrs: ["203.0.113.7/24", "198.51.100.07/32"] })).toEqual([
      "stressAllowedCidrs[0]",
      "stressAllowedCidrs[1]",
    ]);
  });

  it("throws on a source as wide as the internet", () => {
    expect(problems({ stressEndpoint: true, stressAllowedCidrs: ["0.0.0.0/0"] })).toEqual(["stressAllowedCidrs[0]"]);
  });

  it("throws on more sources than one rule condition matches, or one listed twice", () => {
    expect(problems({ stressEndpoint: true, stressAllowedCidrs: ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"] })).toEqual([
      "stressAllowedCidrs",
    ]);
    expect(problems({ stressEndpoint: true, stressAllowedCidrs: ["10.0.0.0/8", "10.0.0.0/8"] })).toEqual(["stressAllowedCidrs"]);
  });

  it("throws when the sources are a token list: whether a forward rule exists depends on it", () => {
    expect(problems({ stressEndpoint: true, stressAllowedCidrs: Token.asList("cidrs") })).toEqual(["stressAllowedCidrs"]);
  });

  it("throws when sources are listed but the targets do not serve /stress", () => {
    expect(problems({ stressAllowedCidrs: ["203.0.113.0/24"] })).toEqual(["stressAllowedCidrs"]);
  });
});

describe("stress guard through a WebTier", () => {
  const userData = (json: ReturnType<typeof buildTier>["json"]) =>
    Buffer.from(String(onlyResource(json, LaunchTemplate).user_data), "base64").toString("utf8");

  it("leaves the endpoint off and adds no rule by default", () => {
    const { json } = buildTier();
    expect(userData(json)).toContain("Environment=STRESS_ENABLED=0");
    expect(resourcesOf(json, LbListenerRule)).toEqual({});
  });

  it("guards /stress on the load balancer wherever the compute section turns the endpoint on", () => {
    const { json } = buildTier({
      compute: { mode: "ec2", stressEndpoint: true },
      loadBalancer: { stressAllowedCidrs: ["203.0.113.0/24"] },
    });
    expect(userData(json)).toContain("Environment=STRESS_ENABLED=1");
    expect(Object.values(resourcesOf(json, LbListenerRule)).map((r) => [r.priority, (r.action as { type: string }[])[0]!.type])).toEqual([
      [10, "forward"],
      [20, "fixed-response"],
    ]);
  });

  it("throws when the load balancer lists sources for an endpoint the compute section leaves off", () => {
    expect(findingPathsOf(() => buildTier({ loadBalancer: { stressAllowedCidrs: ["203.0.113.0/24"] } }))).toEqual([
      "loadBalancer.stressAllowedCidrs",
    ]);
  });
});
