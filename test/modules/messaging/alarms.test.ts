import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { describe, expect, it } from "vitest";
import { findingPathsOf } from "../../support/findings";
import { resourcesOf } from "../../support/synth";
import { ALARM_TOPIC, build } from "./helpers";

function alarms(json: ReturnType<typeof build>["json"]) {
  return Object.fromEntries(Object.values(resourcesOf(json, CloudwatchMetricAlarm)).map((a) => [String(a.alarm_name), a]));
}

describe("queue alarms", () => {
  it("alarms on any visible message in a dead-letter queue, telling the alarm topic on ALARM and OK", () => {
    expect(alarms(build({ alarmTopicArn: ALARM_TOPIC }).json)).toEqual({
      "webtier-dev-order-queue-dlq-not-empty": expect.objectContaining({
        namespace: "AWS/SQS",
        metric_name: "ApproximateNumberOfMessagesVisible",
        dimensions: {
          QueueName: expect.stringMatching(/^\$\{aws_sqs_queue\.messaging_queue-order-queue_dead-letter-queue_[0-9A-F]{8}\.name\}$/),
        },
        statistic: "Maximum",
        period: 60,
        evaluation_periods: 1,
        comparison_operator: "GreaterThanThreshold",
        threshold: 0,
        treat_missing_data: "notBreaching",
        alarm_actions: [ALARM_TOPIC],
        ok_actions: [ALARM_TOPIC],
      }),
    });
  });

  it("creates no dead-letter alarm without an alarm topic", () => {
    expect(alarms(build().json)).toEqual({});
  });

  it("adds depth and age alarms when thresholds are set", () => {
    const all = alarms(
      build({ alarmTopicArn: ALARM_TOPIC, queues: [{ name: "order-queue", depthAlarmThreshold: 100, ageAlarmSeconds: 600 }] }).json,
    );
    expect(all["webtier-dev-order-queue-depth"]).toMatchObject({
      metric_name: "ApproximateNumberOfMessagesVisible",
      threshold: 100,
      evaluation_periods: 5,
      comparison_operator: "GreaterThanThreshold",
      alarm_actions: [ALARM_TOPIC],
    });
    expect(all["webtier-dev-order-queue-oldest-message-age"]).toMatchObject({
      metric_name: "ApproximateAgeOfOldestMessage",
      threshold: 600,
      statistic: "Maximum",
      treat_missing_data: "notBreaching",
    });
  });

  it("tells the alarm topic of every alarm it creates, on ALARM and on OK", () => {
    const all = Object.values(
      alarms(build({ alarmTopicArn: ALARM_TOPIC, queues: [{ name: "order-queue", depthAlarmThreshold: 100, ageAlarmSeconds: 600 }] }).json),
    );
    expect(all).toHaveLength(3);
    for (const alarm of all) expect(alarm).toMatchObject({ alarm_actions: [ALARM_TOPIC], ok_actions: [ALARM_TOPIC] });
  });

  it("throws when depth or age alarms have no topic to tell", () => {
    expect(findingPathsOf(() => build({ queues: [{ name: "order-queue", depthAlarmThreshold: 100, ageAlarmSeconds: 600 }] }))).toEqual([
      "queues[0].depthAlarmThreshold",
      "queues[0].ageAlarmSeconds",
    ]);
  });
});
