import { describe, expect, it } from "vitest";
import { Network, type NetworkProps } from "../../../modules/network";
import { problemsOf, resolveValues, testStack } from "../../support/synth";
import { build as buildTier } from "../web-tier/helpers";
import { build, count, subnetCidrs, ZONES_3 } from "./helpers";

const DUAL: Partial<NetworkProps> = {
  availabilityZones: ZONES_3,
  subnetTiers: ["public", "private", "isolated"],
  natGateways: "per-az",
  ipv6: true,
};

const nameOf = (json: ReturnType<typeof build>["json"], type: string, reference: unknown) =>
  (json.resource![type]![new RegExp(`${type}\\.([^.]+)\\.`).exec(String(reference))![1]!]!.tags as Record<string, string>).Name;

describe("IPv6 dual-stack", () => {
  it("asks AWS for a /56 on the VPC", () => {
    const [vpc] = Object.values(build(DUAL).json.resource!.aws_vpc!);
    expect(vpc).toMatchObject({ assign_generated_ipv6_cidr_block: true });
  });

  it("cuts each subnet's /64 from the /56 at the subnet's own slot, and assigns addresses on launch", () => {
    const { json } = build(DUAL);
    const bySlot = Object.values(json.resource!.aws_subnet!).map((s) => [
      (s.tags as Record<string, string>).Name,
      s.ipv6_cidr_block,
      s.assign_ipv6_address_on_creation,
    ]);
    expect(bySlot.sort()).toEqual(
      [
        ...ZONES_3.map((z, i) => [`demo-public-${z}`, i]),
        ...ZONES_3.map((z, i) => [`demo-private-${z}`, 8 + i]),
        ...ZONES_3.map((z, i) => [`demo-isolated-${z}`, 16 + i]),
      ]
        .map(([name, slot]) => [
          name,
          expect.stringMatching(new RegExp(`^\\$\\{cidrsubnet\\(aws_vpc\\.network_vpc_[0-9A-F]{8}\\.ipv6_cidr_block, 8, ${slot}\\)\\}$`)),
          true,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it("routes ::/0 from the public table to the internet gateway and from each private table to one egress-only gateway; the isolated table gets none", () => {
    const { json } = build(DUAL);
    const ipv6 = Object.values(json.resource!.aws_route!).filter((r) => r.destination_ipv6_cidr_block === "::/0");
    expect(
      ipv6
        .map(
          (r) =>
            `${nameOf(json, "aws_route_table", r.route_table_id)} -> ${r.gateway_id ? nameOf(json, "aws_internet_gateway", r.gateway_id) : nameOf(json, "aws_egress_only_internet_gateway", r.egress_only_gateway_id)}`,
        )
        .sort(),
    ).toEqual([
      "demo-private-us-east-1a -> demo-eigw",
      "demo-private-us-east-1b -> demo-eigw",
      "demo-private-us-east-1c -> demo-eigw",
      "demo-public -> demo-igw",
    ]);
    expect(count(json, "aws_egress_only_internet_gateway")).toBe(1);
  });

  it("changes nothing when off: no IPv6 attribute, route or gateway, and the same subnets", () => {
    const { json } = build({ availabilityZones: ZONES_3 });
    expect(Object.values(json.resource!.aws_vpc!)[0]).not.toHaveProperty("assign_generated_ipv6_cidr_block");
    for (const s of Object.values(json.resource!.aws_subnet!)) expect(s).not.toHaveProperty("ipv6_cidr_block");
    expect(count(json, "aws_egress_only_internet_gateway")).toBe(0);
    expect(subnetCidrs(build({ availabilityZones: ZONES_3, ipv6: true }).json)).toEqual(subnetCidrs(json));
  });

  it("publishes the VPC's IPv6 block, and none when IPv4 only", () => {
    const stack = testStack();
    const network = new Network(stack, "network", { name: "demo", ...DUAL } as NetworkProps);
    expect(resolveValues(stack, { cidr: network.outputs.vpcIpv6Cidr }).cidr).toMatch(
      /^\$\{aws_vpc\.network_vpc_[0-9A-F]{8}\.ipv6_cidr_block\}$/,
    );
    expect(build().network.outputs.vpcIpv6Cidr).toBeUndefined();
  });

  it("refuses IPv6 beside network ACLs, whose IPv4 rules would drop it", () => {
    const rules = {
      inbound: [{ ruleNumber: 100, protocol: "all" as const, cidr: "0.0.0.0/0" }],
      outbound: [{ ruleNumber: 100, protocol: "all" as const, cidr: "0.0.0.0/0" }],
    };
    expect(problemsOf(() => build({ ipv6: true, networkAcls: { private: rules } }))).toEqual([
      "ipv6 cannot be combined with networkAcls (private), whose rules are IPv4 only and would deny every IPv6 packet",
    ]);
  });

  it("refuses IPv6 that is not true or false", () => {
    expect(problemsOf(() => build({ ipv6: "dual" as never }))).toEqual(['ipv6 ("dual") must be true or false, not a string']);
  });

  it("puts a web tier's load balancer on both stacks and publishes vpc_ipv6_cidr, empty when IPv4 only", () => {
    const tier = buildTier({ network: { cidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"], ipv6: true } });
    expect(Object.values(tier.json.resource!.aws_lb!)[0]).toMatchObject({ ip_address_type: "dualstack" });
    expect(resolveValues(tier.stack, { ...tier.tier.outputs }).vpc_ipv6_cidr).toMatch(
      /^\$\{aws_vpc\.tier_network_vpc_[0-9A-F]{8}\.ipv6_cidr_block\}$/,
    );
    const plain = buildTier();
    expect(Object.values(plain.json.resource!.aws_lb!)[0]).not.toHaveProperty("ip_address_type");
    expect(resolveValues(plain.stack, { ...plain.tier.outputs }).vpc_ipv6_cidr).toBe("");
  });
});
