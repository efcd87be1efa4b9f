import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { ListenerRuleOptions, LoadBalancerProps } from "../../../modules/load-balancer";
import { problemsOf } from "../../support/synth";
import { build as buildTier } from "../web-tier/helpers";
import { build, CERT } from "./helpers";

const problems = (overrides: Partial<LoadBalancerProps>) => problemsOf(() => build(overrides));
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
      'listenerRules[2].name ("a") is already the name of listenerRules[0]; each must be unique',
      "listenerRules[1].priority (100) is already the priority of listenerRules[0]; each must be unique",
    ]);
  });

  it("refuses priorities outside 1 to 50000", () => {
    expect(problems({ listenerRules: [byPath("a", 0), byPath("b", 50001), byPath("c", 1.5)] })).toEqual([
      "listenerRules[0].priority (0) must be a whole number from 1 to 50000",
      "listenerRules[1].priority (50001) must be a whole number from 1 to 50000",
      "listenerRules[2].priority (1.5) must be a whole number from 1 to 50000",
    ]);
  });

  it("refuses a rule without conditions", () => {
    expect(problems({ listenerRules: [{ name: "all", priority: 1, conditions: {}, action: toDefault }] })).toEqual([
      "listenerRules[0].conditions must set at least one of hostHeaders, pathPatterns, httpHeaders, queryStrings, sourceIps: AWS refuses a rule without conditions (the listener's default action covers every other request)",
    ]);
  });

  it("refuses more than 3 values in one condition", () => {
    expect(problems({ listenerRules: [byPath("a", 1, { conditions: { pathPatterns: ["/a", "/b", "/c", "/d"] } })] })).toEqual([
      "listenerRules[0].conditions.pathPatterns must list 1 to 3 path patterns (got 4); an ALB rule condition matches at most 3 values (AWS's limit)",
    ]);
  });

  it("refuses more than 5 values in one rule, each header's values counted", () => {
    const conditions = {
      pathPatterns: ["/a", "/b"],
      hostHeaders: ["a.example.com"],
      httpHeaders: [{ name: "X-A", values: ["1", "2"] }],
      sourceIps: ["10.0.0.0/8"],
    };
    expect(problems({ listenerRules: [byPath("a", 1, { conditions })] })).toEqual([
      "listenerRules[0].conditions match 6 values in all; AWS allows at most 5 per rule (split the rule in two)",
    ]);
  });

  it("refuses more than 5 wildcards in one rule", () => {
    expect(
      problems({
        listenerRules: [byPath("a", 1, { conditions: { pathPatterns: ["/*/*/*"], hostHeaders: ["*.ex?mple.com", "*.example.com"] } })],
      }),
    ).toEqual(["listenerRules[0].conditions use 6 wildcards (* and ?) in all; AWS allows at most 5 per rule"]);
  });

  it("refuses host names and path patterns outside AWS's characters", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { conditions: { hostHeaders: ["app_1.example.com", "localhost", "a.example.c0m"], pathPatterns: ["/api/<v>"] } }),
        ],
      }),
    ).toEqual([
      'listenerRules[0].conditions.hostHeaders[0] ("app_1.example.com") must be a host name of letters, digits, hyphens, dots and the wildcards * and ?',
      'listenerRules[0].conditions.hostHeaders[1] ("localhost") must contain a dot and only letters after the last one (AWS\'s rule for host conditions)',
      'listenerRules[0].conditions.hostHeaders[2] ("a.example.c0m") must contain a dot and only letters after the last one (AWS\'s rule for host conditions)',
      'listenerRules[0].conditions.pathPatterns[0] ("/api/<v>") must be a path pattern of letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * and ? (AWS\'s characters for path conditions)',
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
      `listenerRules[0].conditions.pathPatterns[0] ("/${"p".repeat(56)}…") is 129 characters; at most 128 (AWS's limit for path conditions)`,
      `listenerRules[0].conditions.httpHeaders[0].name ("X-${"h".repeat(39)}") is 41 characters; at most 40 (AWS's limit for header names in rule conditions)`,
      "listenerRules[0].conditions.httpHeaders[1].name is the Host header: match it with conditions.hostHeaders",
      'listenerRules[0].conditions.sourceIps[0] ("10.0.0.1/8") is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)',
    ]);
  });

  it("refuses a forward to a target group that does not exist", () => {
    expect(
      problems({
        targetGroups: [{ name: "api", port: 8080 }],
        listenerRules: [byPath("a", 1, { action: { type: "forward", targetGroup: "apu" } })],
      }),
    ).toEqual(['listenerRules[0].action.targetGroup ("apu") is not a target group: name one of targetGroups ("api") or "default"']);
  });

  it("refuses a redirect that changes nothing, and a fixed response of a code AWS does not send", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { action: { type: "redirect", statusCode: "HTTP_302" } }),
          byPath("b", 2, { action: { type: "fixed-response", statusCode: 302 } }),
        ],
      }),
    ).toEqual([
      "listenerRules[0].action changes nothing of the request (set protocol, host, port, path or query): AWS refuses a redirect to the same URL, a loop",
      "listenerRules[1].action.statusCode (302) must be a 2XX, 4XX or 5XX code (AWS's rule for fixed responses)",
    ]);
  });

  it("refuses an unknown action type and a body over 1024 characters", () => {
    expect(
      problems({
        listenerRules: [
          byPath("a", 1, { action: { type: "drop" } as never }),
          byPath("b", 2, { action: { type: "fixed-response", statusCode: 200, messageBody: "x".repeat(1025) } }),
        ],
      }),
    ).toEqual([
      'listenerRules[0].action.type ("drop") must be one of "forward", "redirect", "fixed-response"',
      `listenerRules[1].action.messageBody ("${"x".repeat(57)}…") is 1025 characters; at most 1024 (AWS's limit for fixed-response bodies)`,
    ]);
  });

  it("refuses a target group named default: that is the instances' group", () => {
    expect(problems({ targetGroups: [{ name: "default", port: 8082 }] })).toEqual([
      'targetGroups[0].name ("default") names the instances\' target group already; choose another name',
    ]);
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
    ).toEqual([
      'targetGroups[1].name ("api") is already the name of targetGroups[0]; each must be unique',
      "targetGroups[2].port (3389) is the RDP port: the load balancer never forwards to an administration port (instances are reached through Session Manager)",
      "targetGroups[3].port (22) is the SSH port: the load balancer never forwards to an administration port (instances are reached through Session Manager)",
      "targetGroups[4].healthCheck.timeoutSeconds (10) must be shorter than intervalSeconds (10)",
    ]);
  });

  it("refuses token names and token lists, which decide addresses and counts", () => {
    expect(
      problems({ targetGroups: [{ name: Token.asString(Token.asAny("x")), port: 8080 }], listenerRules: Token.asList("r") as never }),
    ).toEqual([
      "targetGroups[0].name must be written out, not a Terraform token: it decides the address of the group's resource",
      "listenerRules must be a list written out, not a Terraform token: its length decides how many listener rules are created (its items may be tokens)",
    ]);
  });

  it("refuses extra certificates without an HTTPS listener, from another region, or repeating the default", () => {
    expect(problems({ additionalCertificateArns: [OTHER] })).toEqual([
      "additionalCertificateArns needs an HTTPS listener to hold them: set certificateArn or domain as well",
    ]);
    expect(
      problems({ certificateArn: CERT, additionalCertificateArns: [CERT, OTHER.replace("us-east-1", "eu-west-1"), OTHER, OTHER] }),
    ).toEqual([`additionalCertificateArns lists "${OTHER}" more than once`]);
    expect(problems({ certificateArn: CERT, additionalCertificateArns: [CERT, OTHER.replace("us-east-1", "eu-west-1")] })).toEqual([
      "additionalCertificateArns[0] is certificateArn already, the listener's default certificate",
      "additionalCertificateArns[1] is in eu-west-1; a load balancer in us-east-1 can only use an ACM certificate from its own region",
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
    expect(problems({ stressEndpoint: true, listenerRules: [byPath("a", 20), byPath("b", 21)] })).toEqual([
      "listenerRules[0].priority (20) must be 21 or more while the targets serve /stress: the guard's rules (10, 20) come first, so no other rule forwards /stress* from anywhere",
    ]);
    expect(problems({ listenerRules: [byPath("a", 1)] })).toEqual([]);
  });

  it("refuses it in a tier whose compute serves /stress, at the load balancer's path", () => {
    expect(
      problemsOf(() => buildTier({ compute: { mode: "ec2", stressEndpoint: true }, loadBalancer: { listenerRules: [byPath("a", 5)] } })),
    ).toEqual([
      "loadBalancer.listenerRules[0].priority (5) must be 21 or more while the targets serve /stress: the guard's rules (10, 20) come first, so no other rule forwards /stress* from anywhere",
    ]);
  });
});
