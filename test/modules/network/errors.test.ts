import { describe, expect, it } from "vitest";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import { Network, type NetworkProps } from "../../../modules/network";
import { testStack } from "../../support/synth";
import { build, ZONES_2 } from "./helpers";

function problems(overrides: Partial<NetworkProps>, region = "us-east-1"): string[] {
  return findingPathsOf(() => build(overrides, region));
}

describe("network validation", () => {
  it("throws when the CIDR is malformed", () => {
    expect(problems({ cidr: "10.0.0/16" })).toEqual(["cidr"]);
    expect(problems({ cidr: "10.0.300.0/16" })).toEqual(["cidr"]);
    expect(problems({ cidr: "10.0.1.0/16" })).toEqual(["cidr"]);
  });

  it("throws when the VPC prefix is outside /16 to /24", () => {
    expect(problems({ cidr: "10.0.0.0/8" })).toEqual(["cidr"]);
    expect(problems({ cidr: "10.0.0.0/25", subnetPrefixLength: 28 })).toContain("cidr");
  });

  it("throws when the subnets do not fit in the VPC", () => {
    expect(problems({ cidr: "10.0.0.0/24", subnetPrefixLength: 27 })).toEqual(["subnetPrefixLength"]);
  });

  it("throws when the subnet prefix is not longer than the VPC's", () => {
    expect(problems({ cidr: "10.0.0.0/20", subnetPrefixLength: 20 })).toEqual(["subnetPrefixLength"]);
  });

  it("throws when the subnet prefix is outside /16 to /28", () => {
    expect(problems({ subnetPrefixLength: 29 })).toEqual(["subnetPrefixLength"]);
    expect(problems({ subnetPrefixLength: 28 })).toEqual([]);
    expect(problems({ subnetPrefixLength: 28 })).toEqual([]);
  });

  it("throws when fewer than two zones are given", () => {
    expect(problems({ availabilityZones: ["us-east-1a"] })).toEqual(["availabilityZones"]);
  });

  it("throws when more than six zones are given", () => {
    expect(problems({ availabilityZones: ["a", "b", "c", "d", "e", "f", "g"].map((z) => `us-east-1${z}`) })).toEqual([
      "availabilityZones",
      "availabilityZones[6]",
    ]);
  });

  it("throws when a zone repeats", () => {
    expect(problems({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1a"] })).toEqual(["availabilityZones"]);
  });

  it("throws when a zone is outside the provider's region", () => {
    expect(problems({ availabilityZones: ["eu-west-1a", "eu-west-1b"] })).toEqual(["availabilityZones[0]", "availabilityZones[1]"]);
  });

  it("accepts the zones of whatever region the provider is in", () => {
    expect(problems({ availabilityZones: ["eu-west-1a", "eu-west-1b"] }, "eu-west-1")).toEqual([]);
  });

  it("throws when a NAT strategy has no public tier to live in", () => {
    expect(problems({ subnetTiers: ["private"], natGateways: "single" })).toEqual(["natGateways"]);
  });

  it("throws when a NAT strategy has no private tier to serve", () => {
    expect(problems({ subnetTiers: ["public"], natGateways: "per-az" })).toEqual(["natGateways"]);
  });

  it("throws on an unknown NAT strategy or tier", () => {
    expect(problems({ natGateways: "two" as never, subnetTiers: ["public", "dmz" as never] })).toEqual(["subnetTiers[1]", "natGateways"]);
  });

  it("throws on a flow log retention CloudWatch Logs does not offer", () => {
    expect(problems({ flowLogs: { retentionDays: 45 } })).toEqual(["flowLogs.retentionDays"]);
  });

  it("throws on a name that cannot name AWS resources", () => {
    expect(problems({ name: "Web Tier" })).toEqual(["name"]);
    expect(problems({ name: "a".repeat(41) })).toEqual(["name"]);
  });

  it("throws when an S3 endpoint has no private route tables to attach to", () => {
    expect(problems({ subnetTiers: ["public"], natGateways: "none", s3GatewayEndpoint: true })).toEqual(["s3GatewayEndpoint"]);
  });

  it("lists every problem in one error, prefixed with the construct path", () => {
    const error = validationErrorOf(() => build({ cidr: "10.0.0.0/8", availabilityZones: ["us-east-1a"], natGateways: "bogus" as never }));
    expect(error.subject).toBe("Network test/network");
    expect(error.findings.map((f) => f.path)).toEqual(["cidr", "availabilityZones", "natGateways"]);
  });

  it("builds nothing when the props are invalid", () => {
    const stack = testStack();
    expect(findingPathsOf(() => new Network(stack, "network", { name: "demo", cidr: "nope", availabilityZones: ZONES_2 }))).toEqual([
      "cidr",
    ]);
    expect(stack.node.tryFindChild("network")).toBeUndefined();
  });
});
