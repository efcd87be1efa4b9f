import { describe, expect, it } from "vitest";
import { build, EC2, policies } from "./helpers";

describe("target tracking", () => {
  it("keeps the group's average CPU at 50% by default in asg mode", () => {
    expect(policies(build().json)).toEqual({
      "demo-cpu-target": expect.objectContaining({
        autoscaling_group_name: "demo",
        policy_type: "TargetTrackingScaling",
        estimated_instance_warmup: 300,
        target_tracking_configuration: {
          predefined_metric_specification: { predefined_metric_type: "ASGAverageCPUUtilization" },
          target_value: 50,
          disable_scale_in: false,
        },
      }),
    });
  });

  it("takes the target and warmup from props", () => {
    const policy = policies(build({ targetTracking: { targetCpuPercent: 65, estimatedInstanceWarmupSeconds: 120 } }).json)[
      "demo-cpu-target"
    ]!;
    expect(policy).toMatchObject({ estimated_instance_warmup: 120, target_tracking_configuration: { target_value: 65 } });
  });

  it("can be turned off", () => {
    expect(policies(build({ targetTracking: { enabled: false } }).json)).toEqual({});
  });

  it("is off in ec2 mode, where there is no group", () => {
    expect(policies(build({ compute: EC2 }).json)).toEqual({});
  });
});
