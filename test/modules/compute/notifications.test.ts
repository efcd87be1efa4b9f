import { AutoscalingNotification } from "@cdktf/provider-aws/lib/autoscaling-notification";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { describe, expect, it } from "vitest";
import { onlyResource, resourcesOf } from "../../support/synth";
import { ALARM_TOPIC, buildAsg, buildEc2, problems } from "./helpers";

describe("every alarm and group event heard", () => {
  it("has the status-check alarms notify the alarm topic on ALARM, beside their EC2 action, and on OK", () => {
    const alarms = Object.values(resourcesOf(buildEc2({ instanceCount: 2, alarmTopicArn: ALARM_TOPIC }).json, CloudwatchMetricAlarm));
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      const action = alarm.metric_name === "StatusCheckFailed_System" ? "recover" : "reboot";
      expect(alarm.alarm_actions).toEqual([`arn:aws:automate:us-east-1:ec2:${action}`, ALARM_TOPIC]);
      expect(alarm.ok_actions).toEqual([ALARM_TOPIC]);
    }
  });

  it("has the status-check alarms act on the instance alone without a topic", () => {
    for (const alarm of Object.values(resourcesOf(buildEc2().json, CloudwatchMetricAlarm))) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^arn:aws:automate:us-east-1:ec2:(recover|reboot)$/)]);
      expect(alarm).not.toHaveProperty("ok_actions");
    }
  });

  it("sends the group's launches, terminations and their failures to the alarm topic", () => {
    expect(onlyResource(buildAsg({ alarmTopicArn: ALARM_TOPIC }).json, AutoscalingNotification)).toEqual({
      group_names: [expect.stringMatching(/^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.name\}$/)],
      notifications: [
        "autoscaling:EC2_INSTANCE_LAUNCH",
        "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
        "autoscaling:EC2_INSTANCE_TERMINATE",
        "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
      ],
      topic_arn: ALARM_TOPIC,
    });
  });

  it("creates no notification without a topic, and none in ec2 mode", () => {
    expect(resourcesOf(buildAsg().json, AutoscalingNotification)).toEqual({});
    expect(resourcesOf(buildEc2({ alarmTopicArn: ALARM_TOPIC }).json, AutoscalingNotification)).toEqual({});
  });

  it("throws when the alarm topic is not an SNS topic ARN", () => {
    expect(problems({ mode: "asg", alarmTopicArn: "arn:aws:sqs:us-east-1:123456789012:alarms" })).toEqual(["alarmTopicArn"]);
  });
});
