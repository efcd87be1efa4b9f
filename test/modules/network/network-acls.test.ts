import { describe, expect, it } from "vitest";
import type { NetworkAclRules, NetworkProps } from "../../../modules/network";
import { problemsOf } from "../../support/synth";
import { build, count, ZONES_3 } from "./helpers";

function problems(overrides: Partial<NetworkProps>): string[] {
  return problemsOf(() => build(overrides));
}

const RULES: NetworkAclRules = {
  inbound: [
    { ruleNumber: 100, protocol: "tcp", cidr: "10.0.0.0/16", fromPort: 5000 },
    { ruleNumber: 110, protocol: "tcp", cidr: "0.0.0.0/0", fromPort: 1024, toPort: 65535 },
    { ruleNumber: 120, protocol: "icmp", cidr: "10.0.0.0/16" },
  ],
  outbound: [
    { ruleNumber: 100, protocol: "all", cidr: "10.0.0.0/16" },
    { ruleNumber: 200, protocol: "tcp", cidr: "192.0.2.0/24", fromPort: 22, action: "deny" },
  ],
};

const subnetName = (json: ReturnType<typeof build>["json"], reference: string) =>
  (json.resource!.aws_subnet![/aws_subnet\.([^.]+)\./.exec(reference)![1]!]!.tags as Record<string, string>).Name;

describe("network ACLs", () => {
  it("gives the tier its own ACL on all of its subnets, and the other tiers none", () => {
    const { json, network } = build({ availabilityZones: ZONES_3, networkAcls: { private: RULES } });
    const acls = Object.values(json.resource!.aws_network_acl!);
    expect(acls).toHaveLength(1);
    expect(acls[0]!.tags).toMatchObject({ Name: "demo-private" });
    expect((acls[0]!.subnet_ids as string[]).map((r) => subnetName(json, r))).toEqual(ZONES_3.map((z) => `demo-private-${z}`));
    expect(Object.keys(network.outputs.networkAclIds)).toEqual(["private"]);
  });

  it("writes each rule as the provider's block: ports for tcp, 0 and -1 for all and icmp, allow unless denied", () => {
    const [acl] = Object.values(build({ networkAcls: { private: RULES } }).json.resource!.aws_network_acl!);
    // Inline blocks carry every attribute; the ones a rule leaves out are null.
    const set = (entries: unknown) =>
      (entries as Record<string, unknown>[]).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null)));
    expect(set(acl!.ingress)).toEqual([
      { rule_no: 100, action: "allow", protocol: "tcp", cidr_block: "10.0.0.0/16", from_port: 5000, to_port: 5000 },
      { rule_no: 110, action: "allow", protocol: "tcp", cidr_block: "0.0.0.0/0", from_port: 1024, to_port: 65535 },
      {
        rule_no: 120,
        action: "allow",
        protocol: "icmp",
        cidr_block: "10.0.0.0/16",
        from_port: 0,
        to_port: 0,
        icmp_type: -1,
        icmp_code: -1,
      },
    ]);
    expect(set(acl!.egress)).toEqual([
      { rule_no: 100, action: "allow", protocol: "-1", cidr_block: "10.0.0.0/16", from_port: 0, to_port: 0 },
      { rule_no: 200, action: "deny", protocol: "tcp", cidr_block: "192.0.2.0/24", from_port: 22, to_port: 22 },
    ]);
  });

  it("creates one ACL per configured tier", () => {
    const { json } = build({
      subnetTiers: ["public", "private", "isolated"],
      networkAcls: { public: RULES, private: RULES, isolated: RULES },
    });
    expect(
      Object.values(json.resource!.aws_network_acl!)
        .map((a) => (a.tags as Record<string, string>).Name)
        .sort(),
    ).toEqual(["demo-isolated", "demo-private", "demo-public"]);
  });

  it("creates no ACL by default", () => {
    expect(count(build().json, "aws_network_acl")).toBe(0);
  });

  it("refuses rule numbers outside 1 to 32766", () => {
    expect(
      problems({
        networkAcls: {
          private: {
            ...RULES,
            inbound: [
              { ...RULES.inbound[0]!, ruleNumber: 0 },
              { ...RULES.inbound[1]!, ruleNumber: 32767 },
            ],
          },
        },
      }),
    ).toEqual([
      "networkAcls.private.inbound[0].ruleNumber (0) must be a whole number from 1 to 32766",
      "networkAcls.private.inbound[1].ruleNumber (32767) must be a whole number from 1 to 32766",
    ]);
  });

  it("refuses a rule number twice in one direction, and accepts it once in each", () => {
    expect(
      problems({
        networkAcls: {
          private: { ...RULES, inbound: [...RULES.inbound, { ruleNumber: 110, protocol: "udp", cidr: "0.0.0.0/0", fromPort: 53 }] },
        },
      }),
    ).toEqual([
      "networkAcls.private.inbound[3].ruleNumber (110) is already the number of inbound[1]; rule numbers must be unique per direction",
    ]);
    expect(problems({ networkAcls: { private: RULES } })).toEqual([]);
  });

  it("refuses an unknown protocol and a malformed CIDR", () => {
    expect(
      problems({ networkAcls: { private: { ...RULES, outbound: [{ ruleNumber: 1, protocol: "sctp" as never, cidr: "10.0.0.1/16" }] } } }),
    ).toEqual([
      'networkAcls.private.outbound[0].protocol ("sctp") must be one of "tcp", "udp", "icmp", "all"',
      'networkAcls.private.outbound[0].cidr ("10.0.0.1/16") is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)',
    ]);
  });

  it("refuses tcp without ports, ports out of order or out of range, and ports on all or icmp", () => {
    expect(
      problems({
        networkAcls: {
          private: {
            inbound: [
              { ruleNumber: 1, protocol: "tcp", cidr: "0.0.0.0/0" },
              { ruleNumber: 2, protocol: "udp", cidr: "0.0.0.0/0", fromPort: 2000, toPort: 1000 },
              { ruleNumber: 3, protocol: "tcp", cidr: "0.0.0.0/0", fromPort: 70000 },
            ],
            outbound: [
              { ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0", fromPort: 443 },
              { ruleNumber: 2, protocol: "icmp", cidr: "0.0.0.0/0", toPort: 8 },
            ],
          },
        },
      }),
    ).toEqual([
      "networkAcls.private.inbound[2].fromPort (70000) must be a whole number from 0 to 65535",
      'networkAcls.private.inbound[0].fromPort is required for protocol "tcp": the first port the rule matches',
      "networkAcls.private.inbound[1].toPort (1000) must be at least fromPort (2000)",
      'networkAcls.private.outbound[0].fromPort applies to tcp and udp only; protocol "all" matches every port',
      'networkAcls.private.outbound[1].toPort applies to tcp and udp only; protocol "icmp" matches every ICMP type',
    ]);
  });

  it("refuses an empty direction, which would deny everything", () => {
    expect(problems({ networkAcls: { private: { ...RULES, outbound: [] } } })).toEqual([
      "networkAcls.private.outbound must list 1 to 20 rules (got 0); an ACL without rules denies everything, and AWS allows 20 per direction by default",
    ]);
  });

  it("refuses an ACL for a tier the network does not have", () => {
    expect(problems({ networkAcls: { isolated: RULES } })).toEqual([
      'networkAcls.isolated has no subnets to apply to: "isolated" is not in subnetTiers',
    ]);
  });
});
