import { describe, expect, it } from "vitest";
import { CATALOG_DATE } from "../../../modules/core/aws-catalog";
import { problemsOf } from "../../support/synth";
import type { NetworkProps } from "../../../modules/network";
import { build, ZONES_2 } from "./helpers";

function problems(overrides: Partial<NetworkProps>, region = "us-east-1"): string[] {
  return problemsOf(() => build(overrides, region));
}

describe("network validation", () => {
  it("throws when the CIDR is malformed", () => {
    expect(problems({ cidr: "10.0.0/16" })).toEqual([
      'cidr ("10.0.0/16") is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)',
    ]);
    expect(problems({ cidr: "10.0.300.0/16" })).toHaveLength(1);
    expect(problems({ cidr: "10.0.1.0/16" })).toEqual([
      'cidr ("10.0.1.0/16") is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)',
    ]);
  });

  it("throws when the VPC prefix is outside /16 to /24", () => {
    expect(problems({ cidr: "10.0.0.0/8" })).toEqual([`cidr ("10.0.0.0/8") must have a prefix from /16 to /24 (AWS's VPC limits)`]);
    expect(problems({ cidr: "10.0.0.0/25", subnetPrefixLength: 28 })).toContain(
      `cidr ("10.0.0.0/25") must have a prefix from /16 to /24 (AWS's VPC limits)`,
    );
  });

  it("throws when the subnets do not fit in the VPC", () => {
    expect(problems({ cidr: "10.0.0.0/24", subnetPrefixLength: 27 })).toEqual([
      "subnetPrefixLength (/27): subnets do not fit: public, private across 2 zones need 10 /27 blocks (each tier reserves 8) but a /24 VPC holds 8; use a larger VPC or a longer prefix",
    ]);
  });

  it("throws when the subnet prefix is not longer than the VPC's", () => {
    expect(problems({ cidr: "10.0.0.0/20", subnetPrefixLength: 20 })).toEqual([
      "subnetPrefixLength (/20) must be longer than the VPC's /20",
    ]);
  });

  it("throws when the subnet prefix is outside /16 to /28", () => {
    expect(problems({ subnetPrefixLength: 29 })).toEqual(["subnetPrefixLength (29) must be a whole number from 16 to 28"]);
  });

  it("throws when fewer than two zones are given", () => {
    expect(problems({ availabilityZones: ["us-east-1a"] })).toEqual([
      "availabilityZones must list 2 to 6 availability zones (got 1); an ALB needs two",
    ]);
  });

  it("throws when more than six zones are given", () => {
    expect(problems({ availabilityZones: ["a", "b", "c", "d", "e", "f", "g"].map((z) => `us-east-1${z}`) })).toEqual([
      "availabilityZones must list 2 to 6 availability zones (got 7); an ALB needs two",
      `availabilityZones[6] ("us-east-1g") is not an availability zone of a known region (catalog of ${CATALOG_DATE})`,
    ]);
  });

  it("throws when a zone repeats", () => {
    expect(problems({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1a"] })).toEqual([
      'availabilityZones lists "us-east-1a" more than once',
    ]);
  });

  it("throws when a zone is outside the provider's region", () => {
    expect(problems({ availabilityZones: ["eu-west-1a", "eu-west-1b"] })).toEqual([
      'availabilityZones[0] ("eu-west-1a") is not a zone of region us-east-1',
      'availabilityZones[1] ("eu-west-1b") is not a zone of region us-east-1',
    ]);
  });

  it("accepts the zones of whatever region the provider is in", () => {
    expect(problems({ availabilityZones: ["eu-west-1a", "eu-west-1b"] }, "eu-west-1")).toEqual([]);
  });

  it("throws when a NAT strategy has no public tier to live in", () => {
    expect(problems({ subnetTiers: ["private"], natGateways: "single" })).toEqual([
      'natGateways ("single") needs a public tier to put NAT gateways in; add "public" to subnetTiers or use "none"',
    ]);
  });

  it("throws when a NAT strategy has no private tier to serve", () => {
    expect(problems({ subnetTiers: ["public"], natGateways: "per-az" })).toEqual([
      'natGateways ("per-az") serves the private tier, which is not in subnetTiers; use "none"',
    ]);
  });

  it("throws on an unknown NAT strategy or tier", () => {
    expect(problems({ natGateways: "two" as never, subnetTiers: ["public", "dmz" as never] })).toEqual([
      'subnetTiers[1] ("dmz") must be one of "public", "private", "isolated"',
      'natGateways ("two") must be one of "none", "single", "per-az"',
    ]);
  });

  it("throws on a flow log retention CloudWatch Logs does not offer", () => {
    expect(problems({ flowLogs: { retentionDays: 45 } })).toEqual([
      "flowLogs.retentionDays (45) must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ]);
  });

  it("throws on a name that cannot name AWS resources", () => {
    expect(problems({ name: "Web Tier" })).toEqual([
      'name ("Web Tier") must be lowercase letters, digits and hyphens, starting with a letter',
    ]);
    expect(problems({ name: "a".repeat(41) })).toEqual([
      `name ("${"a".repeat(41)}") is 41 characters; at most 40 (so that the role <name>-flow-logs fits IAM's 64)`,
    ]);
  });

  it("throws when an S3 endpoint has no private route tables to attach to", () => {
    expect(problems({ subnetTiers: ["public"], natGateways: "none", s3GatewayEndpoint: true })).toEqual([
      "s3GatewayEndpoint attaches to private route tables, and there is no private tier",
    ]);
  });

  it("lists every problem in one error, prefixed with the construct path", () => {
    expect(() => build({ cidr: "10.0.0.0/8", availabilityZones: ["us-east-1a"], natGateways: "bogus" as never })).toThrowError(
      /^Network test\/network is invalid \(3 problems\):\n {2}- cidr /,
    );
  });

  it("builds nothing when the props are invalid", () => {
    expect(problems({ cidr: "nope", availabilityZones: ZONES_2 })).toHaveLength(1);
  });
});
