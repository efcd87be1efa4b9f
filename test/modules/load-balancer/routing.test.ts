import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { ListenerRuleOptions, LoadBalancerProps } from "../../../modules/load-balancer";
import { findingPathsOf } from "../../support/findings";
import { build as buildTier } from "../web-tier/helpers";
import { build, CERT } from "./helpers";

const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));
const toDefault = { type: "forward", targetGroup: "default" } as const;
const byPath = (name: string, priority: number, extra: Partial<ListenerRuleOptions> = {}): ListenerRuleOptions => ({
  name,
  priority,
  conditions: { pathPatterns: [`/${name}/*`] },
  action: toDefault,
  ...extra,
});
const OTHER = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

describe("routing, refused values", () => {
  it("refuses two rules of one priority, or of one name", () => {
    expect(problems({ listenerRules: [byPath("a", 100), byPath("b", 100), byPath("a", 200)] })).toEqual([
      "listenerRules[2].name",
      "listenerRules[1].priority",
    ]);
  });

  it("refuses priorities outside 1 to 50000", () => {
    expect(problems({ listenerRules: [byPath("a", 0), byPath("b", 50001), byPath("c", 1.5)] })).toEqual([
      "listenerRules[0].priority",
      "listenerRules[1].priority",
      "listenerRules[2].priority",
    ]);
  });

  it("refuses a rule without conditions", () => {
    expect(problems({ listenerRules: [{ name: "all", priority: 1, conditions: {}, action: toDefault }] })).toEqual([
      "listenerRules[0].conditions",
    ]);
  });

  it("refuses more than 3 values in one condition", () => {
    expect(problems({ listenerRules: [byPath("a", 1, { conditions: { pathPatterns: ["/a", "/b", "/c", "/d"] } })] })).toEqual([
      "listenerRules[0].conditions.pathPatterns",
    ]);
  });

  it("refuses more than 5 values in one rule, each header's values counted", () => {
    const conditions = {
      pathPatterns: ["/a", "/b"],
      hostHeaders: ["a.example.com"],
      httpHeaders: [{ name: "X-A", values: ["1", "2"] }],
      sourceIps: ["10.0.0.0/8"],
    };
    expect(problems({ listenerRules: [byPath("a", 1, { conditions })] })).toEqual(["listenerRules[0].conditions"]);
  });

  it("refuses more than 5 wildcards in one rule", () => {
    expect(
      problems({
        listenerRules: [byPath("a", 1, { conditions: { pathPatterns: ["/*/*/*"], hostHeaders: ["*.ex?mple.com", "*.example.com"] } })],
      }),
    ).toEqual(["listenerRules[0].conditions"]);
  });

  it("refuses host names and path patterns outside AWS's characters", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { conditions: { hostHeaders: ["app_1.example.com", "localhost", "a.example.c0m"], pathPatterns: ["/api/<v>"] } }),
        ],
      }),
    ).toEqual([
      "listenerRules[0].conditions.hostHeaders[0]",
      "listenerRules[0].conditions.hostHeaders[1]",
      "listenerRules[0].conditions.hostHeaders[2]",
      "listenerRules[0].conditions.pathPatterns[0]",
    ]);
  });

  it("refuses values over 128 characters, header names over 40, the Host header, and non-canonical source CIDRs", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, {
            conditions: {
              pathPatterns: [`/${"p".repeat(128)}`],
              httpHeaders: [
                { name: `X-${"h".repeat(39)}`, values: ["v"] },
                { name: "Host", values: ["a.example.com"] },
              ],
              sourceIps: ["10.0.0.1/8"],
            },
          }),
        ],
      }),
    ).toEqual([
      "listenerRules[0].conditions.pathPatterns[0]",
      "listenerRules[0].conditions.httpHeaders[0].name",
      "listenerRules[0].conditions.httpHeaders[1].name",
      "listenerRules[0].conditions.sourceIps[0]",
    ]);
  });

  it("refuses a forward to a target group that does not exist", () => {
    expect(
      problems({
        targetGroups: [{ name: "api", port: 8080 }],
        listenerRules: [byPath("a", 1, { action: { type: "forward", targetGroup: "apu" } })],
      }),
    ).toEqual(["listenerRules[0].action.targetGroup"]);
  });

  it("refuses a redirect that changes nothing, and a fixed response of a code AWS does not send", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { action: { type: "redirect", statusCode: "HTTP_302" } }),
          byPath("b", 2, { action: { type: "fixed-response", statusCode: 302 } }),
        ],
      }),
    ).toEqual(["listenerRules[0].action", "listenerRules[1].action.statusCode"]);
  });

  it("refuses an unknown action type and a body over 1024 characters", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { action: { type: "drop" } as never }),
          byPath("b", 2, { action: { type: "fixed-response", statusCode: 200, messageBody: "x".repeat(1025) } }),
        ],
      }),
    ).toEqual(["listenerRules[0].action.type", "listenerRules[1].action.messageBody"]);
  });

  it("refuses a target group named default: that is the instances' group", () => {
    expect(problems({ targetGroups: [{ name: "default", port: 8082 }] })).toEqual(["targetGroups[0].name"]);
  });

  it("refuses target groups of one name, on an administration port, or with a timeout not below the interval", () => {
    expect(
      problems({
        targetGroups: [
          { name: "api", port: 8080 },
          { name: "api", port: 8081 },
          { name: "rdp", port: 3389 },
          { name: "ssh", port: 22 },
          { name: "slow", port: 8083, healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
        ],
      }),
    ).toEqual(["targetGroups[1].name", "targetGroups[2].port", "targetGroups[3].port", "targetGroups[4].healthCheck.timeoutSeconds"]);
  });

  it("refuses token names and token lists, which decide addresses and counts", () => {
    expect(
      problems({ targetGroups: [{ name: Token.asString(Token.asAny("x")), port: 8080 }], listenerRules: Token.asList("r") as never }),
    ).toEqual(["targetGroups[0].name", "listenerRules"]);
  });

  it("refuses extra certificates without an HTTPS listener, from another region, or repeating the default", () => {
    expect(problems({ additionalCertificateArns: [OTHER] })).toEqual(["additionalCertificateArns"]);
    expect(
      problems({ certificateArn: CERT, additionalCertificateArns: [CERT, OTHER.replace("us-east-1", "eu-west-1"), OTHER, OTHER] }),
    ).toEqual(["additionalCertificateArns"]);
    expect(problems({ certificateArn: CERT, additionalCertificateArns: [CERT, OTHER.replace("us-east-1", "eu-west-1")] })).toEqual([
      "additionalCertificateArns[0]",
      "additionalCertificateArns[1]",
    ]);
  });

  it("accepts token values inside conditions and a token priority, judging none of them", () => {
    expect(
      problems({
        listenerRules: [
          {
            name: "t",
            priority: Token.asNumber("p"),
            conditions: { hostHeaders: [Token.asString(Token.asAny("h"))], sourceIps: Token.asList("s") },
            action: toDefault,
          },
        ],
      }),
    ).toEqual([]);
  });
});

describe("routing beside the stress guard", () => {
  it("refuses a rule evaluated before the guard's while the targets serve /stress", () => {
    expect(problems({ stressEndpoint: true, listenerRules: [byPath("a", 20), byPath("b", 21)] })).toEqual(["listenerRules[0].priority"]);
    expect(problems({ listenerRules: [byPath("a", 1)] })).toEqual([]);
  });

  it("refuses it in a tier whose compute serves /stress, at the load balancer's path", () => {
    expect(
      findingPathsOf(() =>
        buildTier({ compute: { mode: "ec2", stressEndpoint: true }, loadBalancer: { listenerRules: [byPath("a", 5)] } }),
      ),
    ).toEqual(["loadBalancer.listenerRules[0].priority"]);
  });
});
