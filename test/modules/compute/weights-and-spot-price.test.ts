import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

/** The parts of the synthesized policy these tests read. */
interface Policy {
  readonly launch_template: { readonly override: unknown };
  readonly instances_distribution: Record<string, unknown>;
}

const policyOf = (mixedInstances: Record<string, unknown>) =>
  onlyResource(buildAsg({ mixedInstances: mixedInstances as never }).json, AutoscalingGroup).mixed_instances_policy as Policy;

describe("weights per instance type and the Spot max price", () => {
  it("writes each type's weight as its override's weighted capacity", () => {
    const policy = policyOf({ instanceTypes: ["m5.large", "m5.xlarge"], weights: { "m5.large": 1, "m5.xlarge": 2 } });
    expect(policy.launch_template.override).toEqual([
      { instance_type: "m5.large", weighted_capacity: "1" },
      { instance_type: "m5.xlarge", weighted_capacity: "2" },
    ]);
  });

  it("writes the Spot max price in the instances distribution, and none unless given", () => {
    expect(
      policyOf({ instanceTypes: ["m5.large"], onDemandPercentageAboveBaseCapacity: 0, spotMaxPrice: "0.05" }).instances_distribution
        .spot_max_price,
    ).toBe("0.05");
    expect(policyOf({ instanceTypes: ["m5.large"] }).instances_distribution).not.toHaveProperty("spot_max_price");
  });

  it("throws on weights for some types only, and for a type not listed", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["m5.large", "m5.xlarge"], weights: { "m5.large": 1 } } })).toEqual([
      "mixedInstances.weights",
    ]);
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["m5.large"], weights: { "m5.large": 1, "m5.2xlarge": 4 } } })).toEqual(
      ["mixedInstances.weights.m5.2xlarge"],
    );
  });

  it("throws on weights outside 1 to 999", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["m5.large"], weights: { "m5.large": 1000 } } })).toEqual([
      "mixedInstances.weights.m5.large",
    ]);
  });

  it("throws on a Spot max price where no Spot Instance launches", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["m5.large"], spotMaxPrice: "0.05" } })).toEqual([
      "mixedInstances.spotMaxPrice",
    ]);
  });

  it("throws on a Spot max price that is not a positive decimal string", () => {
    const price = (spotMaxPrice: unknown) =>
      problems({
        mode: "asg",
        mixedInstances: { instanceTypes: ["m5.large"], onDemandPercentageAboveBaseCapacity: 0, spotMaxPrice: spotMaxPrice as string },
      });
    expect(price("0")).toEqual(["mixedInstances.spotMaxPrice"]);
    expect(price("$0.05")).toEqual(["mixedInstances.spotMaxPrice"]);
    expect(price(0.05)).toEqual(["mixedInstances.spotMaxPrice"]);
  });
});
