import { describe, expect, it } from "vitest";
import { planSubnets } from "../../../modules/network/subnets";
import { build, subnetCidrs, ZONES_2, ZONES_3 } from "./helpers";

describe("subnet layout", () => {
  it("gives each tier its own block of 8 /24s in a /16, one subnet per zone", () => {
    expect(planSubnets("10.0.0.0/16", 24, ["public", "private", "isolated"], ZONES_2)).toEqual([
      { tier: "public", availabilityZone: "us-east-1a", cidr: "10.0.0.0/24", slot: 0 },
      { tier: "public", availabilityZone: "us-east-1b", cidr: "10.0.1.0/24", slot: 1 },
      { tier: "private", availabilityZone: "us-east-1a", cidr: "10.0.8.0/24", slot: 8 },
      { tier: "private", availabilityZone: "us-east-1b", cidr: "10.0.9.0/24", slot: 9 },
      { tier: "isolated", availabilityZone: "us-east-1a", cidr: "10.0.16.0/24", slot: 16 },
      { tier: "isolated", availabilityZone: "us-east-1b", cidr: "10.0.17.0/24", slot: 17 },
    ]);
  });

  it("keeps existing subnets' CIDRs when a zone is added", () => {
    const two = planSubnets("10.30.0.0/16", 24, ["public", "private"], ZONES_2);
    const three = planSubnets("10.30.0.0/16", 24, ["public", "private"], ZONES_3);
    expect(three).toEqual(expect.arrayContaining(two));
    expect(three.filter((s) => s.availabilityZone === "us-east-1c").map((s) => s.cidr)).toEqual(["10.30.2.0/24", "10.30.10.0/24"]);
  });

  it("keeps existing subnets' CIDRs when the isolated tier is added", () => {
    const without = planSubnets("10.0.0.0/16", 24, ["public", "private"], ZONES_3);
    const withIsolated = planSubnets("10.0.0.0/16", 24, ["public", "private", "isolated"], ZONES_3);
    expect(withIsolated.slice(0, without.length)).toEqual(without);
  });

  it("sizes subnets by the prefix length", () => {
    expect(planSubnets("172.16.0.0/20", 26, ["public", "private"], ZONES_2).map((s) => s.cidr)).toEqual([
      "172.16.0.0/26",
      "172.16.0.64/26",
      "172.16.2.0/26",
      "172.16.2.64/26",
    ]);
  });

  it("synthesizes exactly the planned CIDRs for 2 zones", () => {
    expect(subnetCidrs(build({ cidr: "10.10.0.0/16" }).json)).toEqual({
      "demo-public-us-east-1a": "10.10.0.0/24",
      "demo-public-us-east-1b": "10.10.1.0/24",
      "demo-private-us-east-1a": "10.10.8.0/24",
      "demo-private-us-east-1b": "10.10.9.0/24",
    });
  });

  it("synthesizes exactly the planned CIDRs for 3 zones with an isolated tier", () => {
    const json = build({ cidr: "10.30.0.0/16", availabilityZones: ZONES_3, subnetTiers: ["public", "private", "isolated"] }).json;
    expect(subnetCidrs(json)).toEqual({
      "demo-public-us-east-1a": "10.30.0.0/24",
      "demo-public-us-east-1b": "10.30.1.0/24",
      "demo-public-us-east-1c": "10.30.2.0/24",
      "demo-private-us-east-1a": "10.30.8.0/24",
      "demo-private-us-east-1b": "10.30.9.0/24",
      "demo-private-us-east-1c": "10.30.10.0/24",
      "demo-isolated-us-east-1a": "10.30.16.0/24",
      "demo-isolated-us-east-1b": "10.30.17.0/24",
      "demo-isolated-us-east-1c": "10.30.18.0/24",
    });
  });
});
