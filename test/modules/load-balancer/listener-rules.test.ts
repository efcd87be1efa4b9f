import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { describe, expect, it } from "vitest";
import type { ListenerRuleOptions } from "../../../modules/load-balancer";
import { resourcesOf } from "../../support/synth";
import { build, CERT } from "./helpers";

/** The configured rules by name (the stress guard's are not among them). */
function rulesOf(json: ReturnType<typeof build>["json"]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resourcesOf(json, LbListenerRule))
      .filter(([address]) => address.includes("listener-rules"))
      .map(([address, rule]) => [address.replace(/^lb_listener-rules_(.+)_[0-9A-F]{8}$/, "$1"), rule as Record<string, unknown>]),
  );
}

const API_GROUP = { name: "api", port: 8080 };
const forwardTo = (targetGroup: string) => ({ type: "forward" as const, targetGroup });

describe("listener rules", () => {
  it("adds none by default", () => {
    expect(rulesOf(build().json)).toEqual({});
  });

  it("forwards by path to another service's group, on the forwarding listener", () => {
    const rules = rulesOf(
      build({
        targetGroups: [API_GROUP],
        listenerRules: [{ name: "api", priority: 100, conditions: { pathPatterns: ["/api/*"] }, action: forwardTo("api") }],
      }).json,
    );
    expect(rules.api).toMatchObject({
      listener_arn: expect.stringMatching(/^\$\{aws_lb_listener\.lb_http_[0-9A-F]{8}\.arn\}$/),
      priority: 100,
      condition: [{ path_pattern: { values: ["/api/*"] } }],
      action: [
        { type: "forward", target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-groups_api_[0-9A-F]{8}\.arn\}$/) },
      ],
      tags: { Name: "demo-api" },
    });
  });

  it("attaches to the HTTPS listener when there is one (HTTP only redirects)", () => {
    const rules = rulesOf(
      build({
        certificateArn: CERT,
        listenerRules: [{ name: "www", priority: 5, conditions: { hostHeaders: ["www.example.com"] }, action: forwardTo("default") }],
      }).json,
    );
    expect(rules.www!.listener_arn).toMatch(/^\$\{aws_lb_listener\.lb_https_[0-9A-F]{8}\.arn\}$/);
    expect(rules.www!.action).toEqual([
      { type: "forward", target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/) },
    ]);
  });

  it("matches host, path, each header, query pairs and source IPs, all in one rule", () => {
    const rule: ListenerRuleOptions = {
      name: "beta",
      priority: 7,
      conditions: {
        hostHeaders: ["beta.example.com"],
        httpHeaders: [{ name: "X-Canary", values: ["on"] }],
        queryStrings: [{ key: "beta", value: "1" }],
        sourceIps: ["203.0.113.0/24"],
      },
      action: forwardTo("default"),
    };
    expect(rulesOf(build({ listenerRules: [rule] }).json).beta!.condition).toEqual([
      { host_header: { values: ["beta.example.com"] } },
      { http_header: { http_header_name: "X-Canary", values: ["on"] } },
      { query_string: [{ key: "beta", value: "1" }] },
      { source_ip: { values: ["203.0.113.0/24"] } },
    ]);
  });

  it("redirects, keeping what is not set (the request's own), 301 unless told", () => {
    const rules = rulesOf(
      build({
        listenerRules: [
          {
            name: "old-docs",
            priority: 1,
            conditions: { pathPatterns: ["/docs/*"] },
            action: { type: "redirect", host: "docs.example.com", path: "/", protocol: "HTTPS" },
          },
          {
            name: "moved",
            priority: 2,
            conditions: { pathPatterns: ["/old"] },
            action: { type: "redirect", statusCode: "HTTP_302", path: "/new", port: 8443, query: "from=old" },
          },
        ],
      }).json,
    );
    expect(rules["old-docs"]!.action).toEqual([
      { type: "redirect", redirect: { status_code: "HTTP_301", host: "docs.example.com", path: "/", protocol: "HTTPS" } },
    ]);
    expect(rules.moved!.action).toEqual([
      { type: "redirect", redirect: { status_code: "HTTP_302", path: "/new", port: "8443", query: "from=old" } },
    ]);
  });

  it("answers with a fixed response, text/plain unless told", () => {
    const rules = rulesOf(
      build({
        listenerRules: [
          {
            name: "maintenance",
            priority: 3,
            conditions: { pathPatterns: ["/shop/*"] },
            action: { type: "fixed-response", statusCode: 503, messageBody: "Back soon" },
          },
          {
            name: "robots",
            priority: 4,
            conditions: { pathPatterns: ["/robots.txt"] },
            action: { type: "fixed-response", statusCode: 200, contentType: "text/html", messageBody: "" },
          },
        ],
      }).json,
    );
    expect(rules.maintenance!.action).toEqual([
      { type: "fixed-response", fixed_response: { status_code: "503", content_type: "text/plain", message_body: "Back soon" } },
    ]);
    expect(rules.robots!.action).toEqual([
      { type: "fixed-response", fixed_response: { status_code: "200", content_type: "text/html", message_body: "" } },
    ]);
  });

  it("keeps each rule's address when the list is reordered", () => {
    const a = { name: "a", priority: 1, conditions: { pathPatterns: ["/a"] }, action: forwardTo("default") };
    const b = { name: "b", priority: 2, conditions: { pathPatterns: ["/b"] }, action: forwardTo("default") };
    const first = Object.keys(resourcesOf(build({ listenerRules: [a, b] }).json, LbListenerRule)).sort();
    expect(Object.keys(resourcesOf(build({ listenerRules: [b, a] }).json, LbListenerRule)).sort()).toEqual(first);
  });
});
