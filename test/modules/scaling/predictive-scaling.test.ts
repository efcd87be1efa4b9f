import { describe, expect, it } from "vitest";
import { build, EC2, policies } from "./helpers";
import { findingPathsOf } from "../../support/findings";

describe("predictive scaling", () => {
  it("forecasts the group's CPU only, at 50%, launching 300 s ahead, by default", () => {
    const policy = policies(build({ predictiveScaling: { enabled: true } }).json)["demo-predictive"]!;
    expect([policy.autoscaling_group_name, policy.policy_type]).toEqual(["demo", "PredictiveScaling"]);
    expect(policy.predictive_scaling_configuration).toEqual({
      mode: "ForecastOnly",
      scheduling_buffer_time: "300",
      max_capacity_breach_behavior: "HonorMaxCapacity",
      metric_specification: { target_value: 50, predefined_metric_pair_specification: { predefined_metric_type: "ASGCPUUtilization" } },
    });
  });

  it("forecasts and scales on requests per target, labelled with the ALB and target group", () => {
    const policy = policies(
      build({ predictiveScaling: { enabled: true, mode: "ForecastAndScale", metric: "requests", schedulingBufferSeconds: 600 } }).json,
    )["demo-predictive"]!;
    expect(policy.predictive_scaling_configuration).toEqual({
      mode: "ForecastAndScale",
      scheduling_buffer_time: "600",
      max_capacity_breach_behavior: "HonorMaxCapacity",
      metric_specification: {
        target_value: 1000,
        predefined_metric_pair_specification: {
          predefined_metric_type: "ALBRequestCount",
          resource_label: "app/demo/50dc6c495c0c9188/targetgroup/tg-demo/6d0ecf831eec9f09",
        },
      },
    });
  });

  it("is off by default", () => {
    const { scaling, json } = build();
    expect(policies(json)).not.toHaveProperty("demo-predictive");
    expect(scaling.outputs.predictiveScalingPolicyArn).toBeUndefined();
  });

  it("throws in ec2 mode, where there is no group", () => {
    expect(findingPathsOf(() => build({ compute: EC2, predictiveScaling: { enabled: true } }))).toEqual(["predictiveScaling.enabled"]);
    expect(findingPathsOf(() => build({ compute: EC2, predictiveScaling: { enabled: false } }))).toEqual([]);
  });
});
