import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Fn } from "cdktf";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

const LATEST = /^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.latest_version\}$/;

describe("mixed instances policy", () => {
  const { json } = buildAsg({ mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] } });
  const group = onlyResource(json, AutoscalingGroup);

  it("launches several instance types from the one template, On-Demand by default, Spot choosing price-capacity-optimized", () => {
    expect(group.mixed_instances_policy).toEqual({
      instances_distribution: {
        on_demand_base_capacity: 0,
        on_demand_percentage_above_base_capacity: 100,
        on_demand_allocation_strategy: "prioritized",
        spot_allocation_strategy: "price-capacity-optimized",
      },
      launch_template: {
        launch_template_specification: {
          launch_template_id: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.id\}$/),
          version: expect.stringMatching(LATEST),
        },
        override: [{ instance_type: "t3.small" }, { instance_type: "t3a.small" }],
      },
    });
    expect(group).not.toHaveProperty("launch_template");
  });

  it("gives the template the first type, and rebalances no capacity without Spot", () => {
    expect(onlyResource(json, LaunchTemplate).instance_type).toBe("t3.small");
    expect(group.capacity_rebalance).toBe(false);
  });

  it("takes the On-Demand base and percentage, the strategies, and rebalances capacity with Spot", () => {
    const spot = onlyResource(
      buildAsg({
        mixedInstances: {
          instanceTypes: ["m7g.large", "m6g.large", "c7g.xlarge"],
          onDemandBaseCapacity: 1,
          onDemandPercentageAboveBaseCapacity: 25,
          onDemandAllocationStrategy: "lowest-price",
          spotAllocationStrategy: "capacity-optimized",
        },
      }).json,
      AutoscalingGroup,
    );
    expect(spot.mixed_instances_policy).toMatchObject({
      instances_distribution: {
        on_demand_base_capacity: 1,
        on_demand_percentage_above_base_capacity: 25,
        on_demand_allocation_strategy: "lowest-price",
        spot_allocation_strategy: "capacity-optimized",
      },
    });
    expect(spot.capacity_rebalance).toBe(true);
    const noRebalance = buildAsg({
      mixedInstances: { instanceTypes: ["m7g.large"], onDemandPercentageAboveBaseCapacity: 0, capacityRebalance: false },
    }).json;
    expect(onlyResource(noRebalance, AutoscalingGroup).capacity_rebalance).toBe(false);
  });

  it("launches the image of the types' architecture", () => {
    expect(onlyResource(buildAsg({ mixedInstances: { instanceTypes: ["m7g.large", "m6g.large"] } }).json, LaunchTemplate).image_id).toMatch(
      /-arm64$/,
    );
  });

  it("throws when the types run different architectures", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["m7i.large", "m7g.large"] } })).toEqual([
      "mixedInstances.instanceTypes",
    ]);
  });

  it("throws when burstable types are mixed with others", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["t3.large", "m5.large"] } })).toEqual([
      "mixedInstances.instanceTypes",
    ]);
  });

  it("throws when instanceType is given as well", () => {
    expect(problems({ mode: "asg", instanceType: "t3.small", mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] } })).toEqual([
      "instanceType",
    ]);
  });

  it("throws on ranges AWS refuses: no types, over 40, a type twice, percentages and bases out of range, unknown strategies", () => {
    const many = Array.from({ length: 41 }, (_, i) => `m${i + 1}.large`);
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: [] } })).toEqual(["mixedInstances.instanceTypes"]);
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: many } })).toEqual(["mixedInstances.instanceTypes"]);
    expect(
      problems({
        mode: "asg",
        mixedInstances: {
          instanceTypes: ["t3.small", "t3.small"],
          onDemandBaseCapacity: -1,
          onDemandPercentageAboveBaseCapacity: 101,
          onDemandAllocationStrategy: "cheapest" as never,
          spotAllocationStrategy: "diversified" as never,
        },
      }),
    ).toEqual([
      "mixedInstances.instanceTypes",
      "mixedInstances.onDemandBaseCapacity",
      "mixedInstances.onDemandPercentageAboveBaseCapacity",
      "mixedInstances.onDemandAllocationStrategy",
      "mixedInstances.spotAllocationStrategy",
    ]);
  });

  it("throws when the list of types is a token: its length decides the overrides", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: Fn.split(",", "a,b") } })).toEqual(["mixedInstances.instanceTypes"]);
  });
});
