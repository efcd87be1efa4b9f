import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { describe, expect, it } from "vitest";
import { resourcesOf } from "../../support/synth";
import { buildEc2, WIRED } from "./helpers";

describe("ec2 mode", () => {
  const { json } = buildEc2({ instanceCount: 4 });
  const instances = Object.entries(resourcesOf(json, Instance));

  it("creates instanceCount instances and no Auto Scaling Group", () => {
    expect(instances).toHaveLength(4);
    expect(resourcesOf(json, AutoscalingGroup)).toEqual({});
  });

  it("creates one instance by default", () => {
    expect(Object.keys(resourcesOf(buildEc2().json, Instance))).toHaveLength(1);
  });

  it("spreads instances round-robin over the subnets", () => {
    expect(instances.map(([, i]) => i.subnet_id)).toEqual([
      "subnet-0aaaaaaaaaaaaaaa1",
      "subnet-0bbbbbbbbbbbbbbb2",
      "subnet-0ccccccccccccccc3",
      "subnet-0aaaaaaaaaaaaaaa1",
    ]);
  });

  it("launches each from the template's latest version", () => {
    for (const [, i] of instances) {
      expect(i.launch_template).toEqual({
        id: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.id\}$/),
        version: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.latest_version\}$/),
      });
    }
  });

  it("registers every instance in the target group on the app port", () => {
    const attachments = Object.values(resourcesOf(json, LbTargetGroupAttachment));
    expect(attachments.map((a) => a.target_id)).toEqual(instances.map(([name]) => `\${aws_instance.${name}.id}`));
    for (const a of attachments) expect(a).toMatchObject({ target_group_arn: WIRED.loadBalancer.targetGroupArn, port: 5000 });
  });

  it("gives every instance a system status-check alarm whose action is EC2 recover", () => {
    const alarms = Object.values(resourcesOf(json, CloudwatchMetricAlarm)).filter((a) => a.metric_name === "StatusCheckFailed_System");
    expect(alarms.map((a) => (a.dimensions as { InstanceId: string }).InstanceId)).toEqual(
      instances.map(([name]) => `\${aws_instance.${name}.id}`),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: "AWS/EC2",
        statistic: "Maximum",
        period: 60,
        evaluation_periods: 2,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treat_missing_data: "notBreaching",
        alarm_actions: ["arn:aws:automate:us-east-1:ec2:recover"],
      });
    }
  });

  it("gives every instance an instance status-check alarm that reboots it", () => {
    const alarms = Object.values(resourcesOf(json, CloudwatchMetricAlarm)).filter((a) => a.metric_name === "StatusCheckFailed_Instance");
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual(["arn:aws:automate:us-east-1:ec2:reboot"]);
  });
});
