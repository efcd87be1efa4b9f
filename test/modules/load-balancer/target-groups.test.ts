import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { describe, expect, it } from "vitest";
import { resolveValues, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

const API = { name: "api", port: 8080, healthCheck: { path: "/api/health" } };
const routed = {
  listenerRules: [
    { name: "api", priority: 100, conditions: { pathPatterns: ["/api/*"] }, action: { type: "forward" as const, targetGroup: "api" } },
  ],
};

describe("target groups of other services", () => {
  it("creates none by default: only the instances' group", () => {
    expect(Object.keys(resourcesOf(build().json, LbTargetGroup))).toEqual([expect.stringMatching(/^lb_target-group_[0-9A-F]{8}$/)]);
  });

  it("creates each group keyed by its name, with its port, protocol and health check", () => {
    const { json } = build({
      targetGroups: [API, { name: "admin", port: 8443, protocol: "HTTPS", targetType: "ip", deregistrationDelaySeconds: 5 }],
      ...routed,
    });
    const groups = resourcesOf(json, LbTargetGroup);
    const api = Object.entries(groups).find(([address]) => /^lb_target-groups_api_[0-9A-F]{8}$/.test(address))?.[1];
    const admin = Object.entries(groups).find(([address]) => /^lb_target-groups_admin_[0-9A-F]{8}$/.test(address))?.[1];
    expect(api).toMatchObject({
      port: 8080,
      protocol: "HTTP",
      target_type: "instance",
      name_prefix: "tg-",
      health_check: { path: "/api/health", protocol: "HTTP", port: "traffic-port", matcher: "200", interval: 15, timeout: 5 },
      tags: { Name: "demo-api-targets" },
      lifecycle: { create_before_destroy: true },
    });
    expect(admin).toMatchObject({
      port: 8443,
      protocol: "HTTPS",
      target_type: "ip",
      deregistration_delay: "5",
      health_check: { protocol: "HTTPS", path: "/" },
    });
  });

  it("keeps each group's address when the list is reordered", () => {
    const other = { name: "admin", port: 8443 };
    const a = Object.keys(resourcesOf(build({ targetGroups: [API, other], ...routed }).json, LbTargetGroup)).sort();
    const b = Object.keys(resourcesOf(build({ targetGroups: [other, API], ...routed }).json, LbTargetGroup)).sort();
    expect(a).toEqual(b);
  });

  it("lets the load balancer reach each other port in the VPC, once per port, and no port twice", () => {
    const { json } = build({ targetGroups: [API, { name: "v2", port: 8080 }, { name: "same", port: 5000 }], ...routed });
    const egress = Object.values(resourcesOf(json, VpcSecurityGroupEgressRule)).map((r) => [r.from_port, r.cidr_ipv4]);
    expect(egress.sort()).toEqual([
      [5000, "10.0.0.0/16"],
      [8080, "10.0.0.0/16"],
    ]);
  });

  it("publishes every group's ARN by name, the instances' under default", () => {
    const { loadBalancer, stack } = build({ targetGroups: [API], ...routed });
    expect(resolveValues(stack, { ...loadBalancer.outputs.targetGroupArns })).toEqual({
      default: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/),
      api: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-groups_api_[0-9A-F]{8}\.arn\}$/),
    });
  });
});
