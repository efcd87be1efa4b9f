import { describe, expect, it } from "vitest";
import { alarms, build, EC2, LB, TOPIC } from "./helpers";

const targets = { TargetGroup: LB.targetGroupArnSuffix, LoadBalancer: LB.albArnSuffix };
const notify = { alarm_actions: [TOPIC], ok_actions: [TOPIC] };

describe("operational alarms", () => {
  const all = alarms(build().json);

  it("alarms on more than 10 target 5XX a minute for 5 minutes; no traffic is no alarm", () => {
    expect(all["demo-target-5xx"]).toEqual(
      expect.objectContaining({
        namespace: "AWS/ApplicationELB",
        metric_name: "HTTPCode_Target_5XX_Count",
        dimensions: targets,
        statistic: "Sum",
        period: 60,
        evaluation_periods: 5,
        comparison_operator: "GreaterThanThreshold",
        threshold: 10,
        treat_missing_data: "notBreaching",
        ...notify,
      }),
    );
  });

  it("alarms on any unhealthy target for 2 minutes, with target group and load balancer dimensions", () => {
    expect(all["demo-unhealthy-hosts"]).toEqual(
      expect.objectContaining({
        metric_name: "UnHealthyHostCount",
        dimensions: targets,
        statistic: "Maximum",
        period: 60,
        evaluation_periods: 2,
        comparison_operator: "GreaterThanThreshold",
        threshold: 0,
        treat_missing_data: "notBreaching",
        ...notify,
      }),
    );
  });

  it("alarms when no target is healthy, and treats silence from the load balancer as a fault", () => {
    expect(all["demo-no-healthy-hosts"]).toEqual(
      expect.objectContaining({
        metric_name: "HealthyHostCount",
        dimensions: targets,
        statistic: "Minimum",
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        evaluation_periods: 2,
        treat_missing_data: "breaching",
        ...notify,
      }),
    );
  });

  it("alarms on p90 target response time over 1 s for 5 minutes", () => {
    expect(all["demo-target-response-time"]).toEqual(
      expect.objectContaining({
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: LB.albArnSuffix },
        extended_statistic: "p90",
        period: 60,
        evaluation_periods: 5,
        comparison_operator: "GreaterThanThreshold",
        threshold: 1,
        treat_missing_data: "notBreaching",
        ...notify,
      }),
    );
    expect(all["demo-target-response-time"]).not.toHaveProperty("statistic");
  });

  it("adds a CPU alarm per instance in ec2 mode", () => {
    const ec2 = alarms(build({ compute: EC2, alarms: { instanceCpuPercent: 90 } }).json);
    expect(Object.keys(ec2).sort()).toEqual([
      "demo-1-cpu-high",
      "demo-2-cpu-high",
      "demo-no-healthy-hosts",
      "demo-target-5xx",
      "demo-target-response-time",
      "demo-unhealthy-hosts",
    ]);
    expect(ec2["demo-2-cpu-high"]).toEqual(
      expect.objectContaining({
        namespace: "AWS/EC2",
        metric_name: "CPUUtilization",
        dimensions: { InstanceId: "i-0aaaaaaaaaaaaaaa2" },
        statistic: "Average",
        threshold: 90,
        evaluation_periods: 5,
        treat_missing_data: "notBreaching",
        ...notify,
      }),
    );
  });

  it("watches instance CPU over 5-minute periods without detailed monitoring", () => {
    const coarse = alarms(build({ compute: { ...EC2, detailedMonitoring: false } }).json);
    expect(coarse["demo-1-cpu-high"]).toMatchObject({ period: 300, evaluation_periods: 1 });
  });

  it.each([
    [
      "asg mode with step scaling and a schedule to zero",
      {
        stepScaling: { enabled: true },
        schedules: [{ name: "night", recurrence: "0 20 * * *", minSize: 0, maxSize: 0, desiredCapacity: 0 }],
      },
    ],
    ["ec2 mode", { compute: EC2 }],
  ] as const)(
    "tells the alarm topic of every alarm on ALARM and OK, in %s; only the step-scaling triggers act on their policies instead",
    (_, overrides) => {
      const all = Object.values(alarms(build(overrides).json));
      const toTopic = all.filter((a) => JSON.stringify(a.alarm_actions) === JSON.stringify([TOPIC]));
      for (const alarm of toTopic) expect(alarm.ok_actions).toEqual([TOPIC]);
      const others = all.filter((a) => !toTopic.includes(a));
      expect(others.map((a) => a.alarm_name).sort()).toEqual("stepScaling" in overrides ? ["demo-cpu-high", "demo-cpu-low"] : []);
      for (const alarm of others)
        expect(alarm.alarm_actions).toEqual([
          expect.stringMatching(/^\$\{aws_autoscaling_policy\.scaling_scale-(out|in)_[0-9A-F]{8}\.arn\}$/),
        ]);
    },
  );

  it("takes the 5XX and response-time thresholds from props", () => {
    const custom = alarms(build({ alarms: { target5xxPerMinute: 50, responseTimeSeconds: 0.5 } }).json);
    expect(custom["demo-target-5xx"]).toMatchObject({ threshold: 50 });
    expect(custom["demo-target-response-time"]).toMatchObject({ threshold: 0.5 });
  });
});
