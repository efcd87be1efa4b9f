import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { describe, expect, it } from "vitest";
import type { AsgModeProps } from "../../../modules/compute";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems as pathsOf } from "./helpers";

const group = (extra: Partial<Omit<AsgModeProps, "mode">> = {}) => onlyResource(buildAsg(extra).json, AutoscalingGroup);

describe("the group's health check and instance refresh", () => {
  it("defaults to ELB health checks and a rolling refresh with only the healthy percentages", () => {
    const g = group();
    expect(g.health_check_type).toBe("ELB");
    expect(g.instance_refresh).toEqual({ strategy: "Rolling", preferences: { min_healthy_percentage: 90, max_healthy_percentage: 190 } });
  });

  it("takes EC2 status checks only, on request", () => {
    expect(group({ healthCheckType: "EC2" }).health_check_type).toBe("EC2");
  });

  it("writes the refresh options that are set, and only those", () => {
    const g = group({
      instanceRefresh: {
        skipMatching: true,
        autoRollback: true,
        instanceWarmupSeconds: 120,
        checkpointPercentages: [25, 50, 100],
        checkpointDelaySeconds: 600,
        scaleInProtectedInstances: "Wait",
        standbyInstances: "Terminate",
      },
    });
    expect(g.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: {
        min_healthy_percentage: 90,
        max_healthy_percentage: 190,
        skip_matching: true,
        auto_rollback: true,
        instance_warmup: "120",
        checkpoint_percentages: [25, 50, 100],
        checkpoint_delay: "600",
        scale_in_protected_instances: "Wait",
        standby_instances: "Terminate",
      },
    });
  });
});

describe("errors", () => {
  const problems = (extra: object) => pathsOf({ mode: "asg", ...extra });

  it("throws on a health check type AWS does not know", () => {
    expect(problems({ healthCheckType: "HTTP" })).toEqual(["healthCheckType"]);
  });

  it("throws when checkpoints do not rise", () => {
    expect(problems({ instanceRefresh: { checkpointPercentages: [50, 50, 100] } })).toEqual(["instanceRefresh.checkpointPercentages"]);
  });

  it("throws on a checkpoint delay without checkpoints, and on values out of AWS's ranges, all at once", () => {
    expect(problems({ instanceRefresh: { checkpointDelaySeconds: 60, instanceWarmupSeconds: -1, standbyInstances: "Keep" } })).toEqual([
      "instanceRefresh.instanceWarmupSeconds",
      "instanceRefresh.standbyInstances",
      "instanceRefresh.checkpointDelaySeconds",
    ]);
  });
});
