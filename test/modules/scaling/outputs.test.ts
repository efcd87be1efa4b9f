import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { describe, expect, it } from "vitest";
import { resolveValues, resourcesOf } from "../../support/synth";
import { build, EC2, TOPIC } from "./helpers";

const arn = (type: string, id: string) => expect.stringMatching(new RegExp(`^\\$\\{${type}\\.scaling_${id}_[0-9A-F]{8}\\.arn\\}$`));

describe("scaling outputs", () => {
  it("gives policy ARNs, every alarm's name and ARN, the topic and the dashboard", () => {
    const { scaling, stack } = build({
      stepScaling: { enabled: true },
      requestTracking: { enabled: true },
      predictiveScaling: { enabled: true },
    });
    const { alarms, ...rest } = scaling.outputs;
    expect(resolveValues(stack, rest)).toEqual({
      targetTrackingPolicyArn: arn("aws_autoscaling_policy", "target-tracking"),
      requestTrackingPolicyArn: arn("aws_autoscaling_policy", "request-tracking"),
      predictiveScalingPolicyArn: arn("aws_autoscaling_policy", "predictive-scaling"),
      scaleOutPolicyArn: arn("aws_autoscaling_policy", "scale-out"),
      scaleInPolicyArn: arn("aws_autoscaling_policy", "scale-in"),
      alarmTopicArn: TOPIC,
      dashboardName: expect.stringMatching(/^\$\{aws_cloudwatch_dashboard\.scaling_dashboard_[0-9A-F]{8}\.dashboard_name\}$/),
    });
    expect(Object.fromEntries(Object.entries(alarms).map(([k, a]) => [k, a.name]))).toEqual({
      cpuHigh: "demo-cpu-high",
      cpuLow: "demo-cpu-low",
      target5xx: "demo-target-5xx",
      unhealthyHosts: "demo-unhealthy-hosts",
      noHealthyHosts: "demo-no-healthy-hosts",
      responseTime: "demo-target-response-time",
    });
    expect(resolveValues(stack, { a: alarms.cpuHigh!.arn }).a).toEqual(arn("aws_cloudwatch_metric_alarm", "cpuHigh"));
  });

  it("gives the schedule-aware no-healthy-hosts alarm under the same role and name", () => {
    const { scaling, stack } = build({
      schedules: [{ name: "night", recurrence: "0 20 * * *", minSize: 0, maxSize: 0, desiredCapacity: 0 }],
    });
    expect(scaling.outputs.alarms.noHealthyHosts!.name).toBe("demo-no-healthy-hosts");
    expect(resolveValues(stack, { a: scaling.outputs.alarms.noHealthyHosts!.arn }).a).toEqual(
      arn("aws_cloudwatch_metric_alarm", "noHealthyHosts"),
    );
  });

  it("leaves policies undefined in ec2 mode and lists the instance CPU alarms", () => {
    const { scaling } = build({ compute: EC2, dashboard: false });
    expect(scaling.outputs.targetTrackingPolicyArn).toBeUndefined();
    expect(scaling.outputs.scaleOutPolicyArn).toBeUndefined();
    expect(scaling.outputs.requestTrackingPolicyArn).toBeUndefined();
    expect(scaling.outputs.predictiveScalingPolicyArn).toBeUndefined();
    expect(scaling.outputs.dashboardName).toBeUndefined();
    expect(Object.keys(scaling.outputs.alarms)).toEqual([
      "target5xx",
      "unhealthyHosts",
      "noHealthyHosts",
      "responseTime",
      "instance1Cpu",
      "instance2Cpu",
    ]);
  });

  it("creates no topic of its own: its alarms notify the alarm topic it is given", () => {
    const { json } = build();
    expect(resourcesOf(json, SnsTopic)).toEqual({});
    for (const alarm of Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {})) expect(alarm.alarm_actions).toEqual([TOPIC]);
  });
});
