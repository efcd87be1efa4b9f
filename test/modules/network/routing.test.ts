import { describe, expect, it } from "vitest";
import { associations, build, count, routes, ZONES_2, ZONES_3 } from "./helpers";

describe("routing and NAT strategies", () => {
  describe.each([
    { zones: ZONES_2, nat: "single", natGateways: 1 },
    { zones: ZONES_2, nat: "per-az", natGateways: 2 },
    { zones: ZONES_2, nat: "none", natGateways: 0 },
    { zones: ZONES_3, nat: "single", natGateways: 1 },
    { zones: ZONES_3, nat: "per-az", natGateways: 3 },
    { zones: ZONES_3, nat: "none", natGateways: 0 },
  ] as const)("$zones.length zones, natGateways $nat", ({ zones, nat, natGateways }) => {
    const { json } = build({ availabilityZones: zones, natGateways: nat });
    const n = zones.length;

    it("creates a public and a private subnet per zone", () => {
      expect(count(json, "aws_subnet")).toBe(2 * n);
    });

    it("creates one public route table and one private route table per zone", () => {
      expect(count(json, "aws_route_table")).toBe(1 + n);
      expect(count(json, "aws_route_table_association")).toBe(2 * n);
    });

    it(`creates ${natGateways} NAT gateway(s), each with its own Elastic IP`, () => {
      expect(count(json, "aws_nat_gateway")).toBe(natGateways);
      expect(count(json, "aws_eip")).toBe(natGateways);
    });

    it("creates a default route per routed table", () => {
      expect(count(json, "aws_route")).toBe(1 + (natGateways > 0 ? n : 0));
      expect(count(json, "aws_internet_gateway")).toBe(1);
    });

    it("associates each subnet with its tier's table, private ones with their zone's", () => {
      expect(associations(json)).toEqual(
        [...zones.map((z) => `demo-public-${z} -> demo-public`), ...zones.map((z) => `demo-private-${z} -> demo-private-${z}`)].sort(),
      );
    });
  });

  it("routes every private table to the single NAT gateway, in the first zone", () => {
    expect(routes(build({ availabilityZones: ZONES_3, natGateways: "single" }).json)).toEqual([
      "demo-private-us-east-1a: 0.0.0.0/0 -> demo-nat-us-east-1a",
      "demo-private-us-east-1b: 0.0.0.0/0 -> demo-nat-us-east-1a",
      "demo-private-us-east-1c: 0.0.0.0/0 -> demo-nat-us-east-1a",
      "demo-public: 0.0.0.0/0 -> demo-igw",
    ]);
  });

  it("routes each private table to the NAT gateway of its own zone with per-az", () => {
    expect(routes(build({ availabilityZones: ZONES_3, natGateways: "per-az" }).json)).toEqual([
      "demo-private-us-east-1a: 0.0.0.0/0 -> demo-nat-us-east-1a",
      "demo-private-us-east-1b: 0.0.0.0/0 -> demo-nat-us-east-1b",
      "demo-private-us-east-1c: 0.0.0.0/0 -> demo-nat-us-east-1c",
      "demo-public: 0.0.0.0/0 -> demo-igw",
    ]);
  });

  it("puts each NAT gateway in the public subnet of its zone", () => {
    const { json } = build({ availabilityZones: ZONES_3, natGateways: "per-az" });
    const subnets = json.resource!.aws_subnet!;
    for (const gateway of Object.values(json.resource!.aws_nat_gateway!)) {
      const subnetName = /aws_subnet\.([^.]+)\./.exec(String(gateway.subnet_id))![1]!;
      const zone = (gateway.tags as Record<string, string>).Name!.replace("demo-nat-", "");
      expect(subnets[subnetName]).toMatchObject({ availability_zone: zone, tags: { Tier: "public" } });
    }
  });

  it("gives the isolated tier one table with no route out", () => {
    const { json } = build({ subnetTiers: ["public", "private", "isolated"], natGateways: "per-az" });
    expect(associations(json)).toEqual(
      expect.arrayContaining(["demo-isolated-us-east-1a -> demo-isolated", "demo-isolated-us-east-1b -> demo-isolated"]),
    );
    expect(routes(json).filter((r) => r.startsWith("demo-isolated"))).toEqual([]);
    expect(count(json, "aws_route_table")).toBe(1 + 2 + 1);
  });

  it("builds a private-only network with no internet gateway and no NAT", () => {
    const { json } = build({ subnetTiers: ["private", "isolated"], natGateways: "none" });
    expect(count(json, "aws_internet_gateway")).toBe(0);
    expect(count(json, "aws_nat_gateway")).toBe(0);
    expect(count(json, "aws_route")).toBe(0);
  });

  it("attaches the S3 gateway endpoint to every private route table and no other", () => {
    const { json } = build({ availabilityZones: ZONES_3, s3GatewayEndpoint: true, subnetTiers: ["public", "private", "isolated"] });
    const endpoint = Object.values(json.resource!.aws_vpc_endpoint!)[0]!;
    expect(endpoint).toMatchObject({ service_name: "com.amazonaws.us-east-1.s3", vpc_endpoint_type: "Gateway" });
    const tables = (endpoint.route_table_ids as string[]).map((r) => /aws_route_table\.([^.]+)\./.exec(r)![1]!);
    expect(tables.map((t) => (json.resource!.aws_route_table![t]!.tags as Record<string, string>).Name)).toEqual([
      "demo-private-us-east-1a",
      "demo-private-us-east-1b",
      "demo-private-us-east-1c",
    ]);
  });

  it("creates no S3 endpoint by default", () => {
    expect(count(build().json, "aws_vpc_endpoint")).toBe(0);
  });
});
