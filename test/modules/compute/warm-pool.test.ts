import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

describe("warm pool", () => {
  it("keeps stopped instances ready, none at least, up to the group's maxSize, terminated on scale-in, by default", () => {
    expect(onlyResource(buildAsg({ warmPool: {} }).json, AutoscalingGroup).warm_pool).toEqual({
      pool_state: "Stopped",
      min_size: 0,
      instance_reuse_policy: { reuse_on_scale_in: false },
    });
  });

  it("takes the pool's state, sizes and reuse on scale-in", () => {
    const group = onlyResource(
      buildAsg({ warmPool: { poolState: "Running", minSize: 1, maxGroupPreparedCapacity: 6, reuseOnScaleIn: true } }).json,
      AutoscalingGroup,
    );
    expect(group.warm_pool).toEqual({
      pool_state: "Running",
      min_size: 1,
      max_group_prepared_capacity: 6,
      instance_reuse_policy: { reuse_on_scale_in: true },
    });
  });

  it("has none unless asked", () => {
    expect(onlyResource(buildAsg().json, AutoscalingGroup)).not.toHaveProperty("warm_pool");
  });

  it("throws with a mixed instances policy, which AWS refuses a warm pool", () => {
    expect(problems({ mode: "asg", warmPool: { minSize: 1 }, mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] } })).toEqual([
      "warmPool",
    ]);
  });

  it("keeps hibernated instances on a template configured for hibernation", () => {
    const { json } = buildAsg({ hibernation: true, warmPool: { poolState: "Hibernated" } });
    expect(onlyResource(json, AutoscalingGroup).warm_pool).toMatchObject({ pool_state: "Hibernated" });
    expect(onlyResource(json, LaunchTemplate).hibernation_options).toEqual({ configured: true });
  });

  it("throws on a hibernated pool of instances that cannot hibernate", () => {
    expect(problems({ mode: "asg", warmPool: { poolState: "Hibernated" } })).toEqual(["warmPool.poolState"]);
  });

  it("throws on a pool state AWS does not know and sizes out of range", () => {
    expect(problems({ mode: "asg", warmPool: { poolState: "Frozen" as never, minSize: -1, maxGroupPreparedCapacity: 1001 } })).toEqual([
      "warmPool.poolState",
      "warmPool.minSize",
      "warmPool.maxGroupPreparedCapacity",
    ]);
  });
});
