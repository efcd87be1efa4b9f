import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import { describe, expect, it } from "vitest";
import { onlyResource, resourcesOf } from "../../support/synth";
import { buildAsg, buildEc2, problems } from "./helpers";

describe.each([
  ["ec2", buildEc2],
  ["asg", buildAsg],
] as const)("placement group (%s mode)", (_mode, build) => {
  it("creates a group with the strategy and places the launch template's instances in it", () => {
    const { json } = build({ instanceType: "m5.large", placementGroup: { strategy: "partition", partitionCount: 3 } });
    expect(onlyResource(json, PlacementGroup)).toMatchObject({ name: "demo", strategy: "partition", partition_count: 3 });
    expect(onlyResource(json, LaunchTemplate).placement).toEqual({
      group_name: expect.stringMatching(/^\$\{aws_placement_group\.compute_placement-group_[0-9A-F]{8}\.name\}$/),
    });
  });

  it("spreads across racks", () => {
    expect(onlyResource(build({ placementGroup: { strategy: "spread" } }).json, PlacementGroup)).toMatchObject({
      strategy: "spread",
      spread_level: "rack",
    });
  });

  it("launches into an existing group by name, creating none", () => {
    const { json } = build({ placementGroup: { name: "shared-cluster" } });
    expect(resourcesOf(json, PlacementGroup)).toEqual({});
    expect(onlyResource(json, LaunchTemplate).placement).toEqual({ group_name: "shared-cluster" });
  });

  it("has none unless asked", () => {
    const { json } = build();
    expect(resourcesOf(json, PlacementGroup)).toEqual({});
    expect(onlyResource(json, LaunchTemplate)).not.toHaveProperty("placement");
  });
});

describe("placement group rules", () => {
  it("throws with both a name and a strategy, or neither", () => {
    expect(problems({ mode: "ec2", placementGroup: { name: "x", strategy: "spread" } })).toEqual(["placementGroup"]);
    expect(problems({ mode: "ec2", placementGroup: {} })).toEqual(["placementGroup"]);
  });

  it("throws on a partition count without the partition strategy, and one over 7", () => {
    expect(problems({ mode: "ec2", placementGroup: { strategy: "spread", partitionCount: 2 } })).toEqual(["placementGroup.partitionCount"]);
    expect(problems({ mode: "ec2", placementGroup: { strategy: "partition", partitionCount: 8 } })).toEqual([
      "placementGroup.partitionCount",
    ]);
  });

  it("throws on a cluster group of burstable types, which AWS refuses", () => {
    expect(problems({ mode: "asg", placementGroup: { strategy: "cluster" } })).toEqual(["placementGroup.strategy"]);
    expect(problems({ mode: "asg", instanceType: "c5.large", placementGroup: { strategy: "cluster" } })).toEqual([]);
  });

  it("throws on a spread group asked to hold more than 7 running instances per zone", () => {
    // Three subnets: at most 21.
    expect(problems({ mode: "asg", minSize: 2, maxSize: 22, placementGroup: { strategy: "spread" } })).toEqual(["placementGroup.strategy"]);
    expect(problems({ mode: "asg", minSize: 2, maxSize: 21, placementGroup: { strategy: "spread" } })).toEqual([]);
  });
});
