import { describe, expect, it } from "vitest";
import { Network, type NetworkProps } from "../../../modules/network";
import { problemsOf, resolveValues, testStack } from "../../support/synth";
import { build as buildTier } from "../web-tier/helpers";
import { build, count, routes, subnetCidrs, ZONES_3 } from "./helpers";

function problems(overrides: Partial<NetworkProps>): string[] {
  return problemsOf(() => build(overrides));
}

const WITH_DATABASES: Partial<NetworkProps> = {
  availabilityZones: ZONES_3,
  subnetTiers: ["public", "private", "isolated"],
  databaseSubnetGroup: true,
};

describe("database subnets", () => {
  it("groups the isolated subnets, in zone order, into a DB subnet group named after the network", () => {
    const { json } = build(WITH_DATABASES);
    const groups = Object.values(json.resource!.aws_db_subnet_group!);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: "demo-database", tags: { Name: "demo-database" } });
    const members = (groups[0]!.subnet_ids as string[]).map((r) => /aws_subnet\.([^.]+)\./.exec(r)![1]!);
    expect(members.map((m) => (json.resource!.aws_subnet![m]!.tags as Record<string, string>).Name)).toEqual(
      ZONES_3.map((z) => `demo-isolated-${z}`),
    );
  });

  it("gives the database subnets no route out of the VPC", () => {
    expect(routes(build(WITH_DATABASES).json).filter((r) => r.startsWith("demo-isolated"))).toEqual([]);
  });

  it("adds the database subnets without moving a public or private subnet's CIDR", () => {
    const before = subnetCidrs(build({ availabilityZones: ZONES_3 }).json);
    const after = subnetCidrs(build(WITH_DATABASES).json);
    expect(after).toMatchObject(before);
    expect(Object.entries(after).filter(([name]) => name.startsWith("demo-isolated"))).toEqual([
      ["demo-isolated-us-east-1a", "10.0.16.0/24"],
      ["demo-isolated-us-east-1b", "10.0.17.0/24"],
      ["demo-isolated-us-east-1c", "10.0.18.0/24"],
    ]);
  });

  it("publishes the group's name, and nothing without one", () => {
    const stack = testStack();
    const network = new Network(stack, "network", { name: "demo", ...WITH_DATABASES } as NetworkProps);
    expect(resolveValues(stack, { name: network.outputs.databaseSubnetGroupName }).name).toMatch(
      /^\$\{aws_db_subnet_group\.network_database-subnet-group_[0-9A-F]{8}\.name\}$/,
    );
    const plain = build({ subnetTiers: ["public", "private", "isolated"] });
    expect(plain.network.outputs.databaseSubnetGroupName).toBeUndefined();
    expect(count(plain.json, "aws_db_subnet_group")).toBe(0);
  });

  it("refuses a DB subnet group without the isolated tier", () => {
    expect(problems({ databaseSubnetGroup: true })).toEqual([
      'databaseSubnetGroup spans the isolated subnets, and there is no isolated tier; add "isolated" to subnetTiers',
    ]);
  });

  it("refuses a DB subnet group that is not true or false", () => {
    expect(problems({ subnetTiers: ["public", "private", "isolated"], databaseSubnetGroup: "yes" as never })).toEqual([
      'databaseSubnetGroup ("yes") must be true or false, not a string',
    ]);
  });

  it("reaches the web tier's contract: isolated subnet ids and the group's name, empty without them", () => {
    const tier = buildTier({
      network: {
        cidr: "10.40.0.0/16",
        availabilityZones: ["us-east-1a", "us-east-1b"],
        subnetTiers: ["public", "private", "isolated"],
        databaseSubnetGroup: true,
      },
    });
    const out = resolveValues(tier.stack, { ...tier.tier.outputs });
    expect(out.isolated_subnet_ids).toEqual([
      expect.stringMatching(/^\$\{aws_subnet\.tier_network_isolated-subnet-us-east-1a_/),
      expect.stringMatching(/^\$\{aws_subnet\.tier_network_isolated-subnet-us-east-1b_/),
    ]);
    expect(out.database_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\.tier_network_database-subnet-group_[0-9A-F]{8}\.name\}$/);
    const plain = buildTier();
    expect(resolveValues(plain.stack, { ...plain.tier.outputs })).toMatchObject({
      isolated_subnet_ids: [],
      database_subnet_group_name: "",
    });
  });
});
