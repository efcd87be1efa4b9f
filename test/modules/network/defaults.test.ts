import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { describe, expect, it } from "vitest";
import { onlyResource, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

describe("network defaults", () => {
  const { text, json } = build();

  it("creates a /16 VPC with DNS support and hostnames", () => {
    expect(text).toHaveResourceWithProperties(Vpc, {
      cidrBlock: "10.0.0.0/16",
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: "demo" },
    });
  });

  it("adopts the default security group with no rules at all", () => {
    const sg = onlyResource(json, DefaultSecurityGroup);
    expect(sg.vpc_id).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]+\.id\}$/);
    expect(sg).not.toHaveProperty("ingress");
    expect(sg).not.toHaveProperty("egress");
  });

  it("does not give instances in public subnets a public IP", () => {
    const subnets = Object.values(resourcesOf(json, Subnet));
    expect(subnets).toHaveLength(4);
    for (const s of subnets) expect(s.map_public_ip_on_launch).toBe(false);
  });

  it("maps public IPs in public subnets only when asked", () => {
    const subnets = Object.values(resourcesOf(build({ mapPublicIpOnLaunch: true }).json, Subnet));
    expect(subnets.map((s) => [(s.tags as Record<string, string>).Name, s.map_public_ip_on_launch])).toEqual([
      ["demo-private-us-east-1a", false],
      ["demo-private-us-east-1b", false],
      ["demo-public-us-east-1a", true],
      ["demo-public-us-east-1b", true],
    ]);
  });

  it("uses one NAT gateway by default", () => {
    expect(Object.keys(json.resource!.aws_nat_gateway!)).toHaveLength(1);
  });

  it("tags every taggable resource with its Name and the module's extra tags", () => {
    const tagged = build({ tags: { Team: "web" } }).json;
    for (const [type, resources] of Object.entries(tagged.resource!)) {
      for (const [name, config] of Object.entries(resources)) {
        if (["aws_route", "aws_route_table_association", "aws_iam_role_policy"].includes(type)) continue;
        expect(config.tags, `${type}.${name}`).toMatchObject({ Team: "web", Name: expect.stringMatching(/^demo/) });
      }
    }
  });

  it("names subnet resources by zone, not index, so removing a zone renames nothing else", () => {
    expect(Object.keys(resourcesOf(json, Subnet)).map((n) => n.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "network_private-subnet-us-east-1a",
      "network_private-subnet-us-east-1b",
      "network_public-subnet-us-east-1a",
      "network_public-subnet-us-east-1b",
    ]);
  });
});
