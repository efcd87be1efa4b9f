import { describe, expect, it } from "vitest";
import { alarms, build, policies } from "./helpers";

describe("step scaling", () => {
  const { json } = build({ targetTracking: { enabled: false }, stepScaling: { enabled: true } });
  const all = alarms(json);
  const byName = policies(json);

  it("creates a scale-out and a scale-in policy and no target tracking", () => {
    expect(Object.keys(byName).sort()).toEqual(["demo-scale-in", "demo-scale-out"]);
  });

  it("scales out by 1 on any breach of the high-CPU alarm, warming up for the 300 s cooldown", () => {
    expect(byName["demo-scale-out"]).toMatchObject({
      autoscaling_group_name: "demo",
      policy_type: "StepScaling",
      adjustment_type: "ChangeInCapacity",
      metric_aggregation_type: "Average",
      estimated_instance_warmup: 300,
      step_adjustment: [{ metric_interval_lower_bound: "0", scaling_adjustment: 1 }],
    });
  });

  it("scales in by 1 on any breach of the low-CPU alarm", () => {
    expect(byName["demo-scale-in"]).toMatchObject({
      policy_type: "StepScaling",
      step_adjustment: [{ metric_interval_upper_bound: "0", scaling_adjustment: -1 }],
    });
  });

  it("alarms high when average CPU > 70% for 2 periods of 60 s, acting on the scale-out policy", () => {
    expect(all["demo-cpu-high"]).toEqual(
      expect.objectContaining({
        namespace: "AWS/EC2",
        metric_name: "CPUUtilization",
        dimensions: { AutoScalingGroupName: "demo" },
        statistic: "Average",
        comparison_operator: "GreaterThanThreshold",
        threshold: 70,
        period: 60,
        evaluation_periods: 2,
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_autoscaling_policy\.scaling_scale-out_[0-9A-F]{8}\.arn\}$/)],
      }),
    );
    expect(all["demo-cpu-high"]).not.toHaveProperty("ok_actions");
  });

  it("alarms low when average CPU < 30% for 5 periods of 60 s, acting on the scale-in policy", () => {
    expect(all["demo-cpu-low"]).toEqual(
      expect.objectContaining({
        metric_name: "CPUUtilization",
        dimensions: { AutoScalingGroupName: "demo" },
        statistic: "Average",
        comparison_operator: "LessThanThreshold",
        threshold: 30,
        period: 60,
        evaluation_periods: 5,
        alarm_actions: [expect.stringMatching(/^\$\{aws_autoscaling_policy\.scaling_scale-in_[0-9A-F]{8}\.arn\}$/)],
      }),
    );
  });

  it("takes thresholds, periods, adjustments and cooldown from props", () => {
    const custom = build({
      stepScaling: {
        enabled: true,
        scaleOut: { thresholdPercent: 80, evaluationPeriods: 3, periodSeconds: 120, adjustment: 2 },
        scaleIn: { thresholdPercent: 20, evaluationPeriods: 10, periodSeconds: 300, adjustment: -2 },
        cooldownSeconds: 600,
      },
    }).json;
    expect(alarms(custom)["demo-cpu-high"]).toMatchObject({ threshold: 80, evaluation_periods: 3, period: 120 });
    expect(alarms(custom)["demo-cpu-low"]).toMatchObject({ threshold: 20, evaluation_periods: 10, period: 300 });
    expect(policies(custom)["demo-scale-out"]).toMatchObject({
      estimated_instance_warmup: 600,
      step_adjustment: [{ scaling_adjustment: 2 }],
    });
    expect(policies(custom)["demo-scale-in"]).toMatchObject({ step_adjustment: [{ scaling_adjustment: -2 }] });
  });

  it("runs beside target tracking when both are on", () => {
    expect(Object.keys(policies(build({ stepScaling: { enabled: true } }).json)).sort()).toEqual([
      "demo-cpu-target",
      "demo-scale-in",
      "demo-scale-out",
    ]);
  });
});
