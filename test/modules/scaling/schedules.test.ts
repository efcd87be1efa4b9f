import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { describe, expect, it } from "vitest";
import type { ScheduleOptions } from "../../../modules/scaling";
import { findingPathsOf } from "../../support/findings";
import { onlyResource, resourcesOf } from "../../support/synth";
import { alarms, build, EC2 } from "./helpers";

const NIGHT: ScheduleOptions = {
  name: "evening-scale-down",
  recurrence: "0 20 * * 1-5",
  timeZone: "America/New_York",
  minSize: 0,
  maxSize: 0,
  desiredCapacity: 0,
};
const MORNING: ScheduleOptions = {
  name: "morning-scale-up",
  recurrence: "0 7 * * 1-5",
  timeZone: "America/New_York",
  minSize: 1,
  maxSize: 3,
  desiredCapacity: 1,
};

describe("scheduled actions", () => {
  const { json } = build({ schedules: [NIGHT, MORNING] });
  const schedule = onlyResource(json, AutoscalingSchedule);

  it("is one resource with an instance per action, keyed by the action's name", () => {
    expect(schedule.for_each).toEqual({
      "evening-scale-down": { recurrence: "0 20 * * 1-5", time_zone: "America/New_York", min_size: 0, max_size: 0, desired_capacity: 0 },
      "morning-scale-up": { recurrence: "0 7 * * 1-5", time_zone: "America/New_York", min_size: 1, max_size: 3, desired_capacity: 1 },
    });
  });

  it("names each action by its key and sets the group's sizes from its values", () => {
    expect(schedule).toMatchObject({
      autoscaling_group_name: "demo",
      scheduled_action_name: "${each.key}",
      recurrence: "${each.value.recurrence}",
      time_zone: "${each.value.time_zone}",
      min_size: "${each.value.min_size}",
      max_size: "${each.value.max_size}",
      desired_capacity: "${each.value.desired_capacity}",
    });
  });

  it("leaves sizes an action does not set as null (unchanged), and reads the recurrence in UTC by default", () => {
    const only = onlyResource(
      build({ schedules: [{ name: "lunch-peak", recurrence: "30 11 * * *", desiredCapacity: 2 }] }).json,
      AutoscalingSchedule,
    );
    expect(only.for_each).toEqual({
      "lunch-peak": { recurrence: "30 11 * * *", time_zone: "Etc/UTC", min_size: null, max_size: null, desired_capacity: 2 },
    });
  });

  it("creates none by default", () => {
    expect(resourcesOf(build().json, AutoscalingSchedule)).toEqual({});
  });

  it("makes the no-healthy-hosts alarm wait for capacity when an action may empty the group", () => {
    const alarm = alarms(json)["demo-no-healthy-hosts"]!;
    expect(alarm).not.toHaveProperty("metric_name");
    expect(alarm).toMatchObject({
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      evaluation_periods: 2,
      treat_missing_data: "breaching",
    });
    const queries = Object.fromEntries((alarm.metric_query as any[]).map((q) => [q.id, q]));
    expect(queries.serving).toMatchObject({ expression: "IF(FILL(desired, 0) > 0, FILL(healthy, 0), 1)", return_data: true });
    expect(queries.healthy.metric).toEqual(
      expect.objectContaining({
        namespace: "AWS/ApplicationELB",
        metric_name: "HealthyHostCount",
        stat: "Minimum",
        period: 60,
        dimensions: { TargetGroup: "targetgroup/tg-demo/6d0ecf831eec9f09", LoadBalancer: "app/demo/50dc6c495c0c9188" },
      }),
    );
    expect(queries.desired.metric).toEqual(
      expect.objectContaining({
        namespace: "AWS/AutoScaling",
        metric_name: "GroupDesiredCapacity",
        stat: "Maximum",
        period: 60,
        dimensions: { AutoScalingGroupName: "demo" },
      }),
    );
    expect(alarm).toMatchObject({
      alarm_actions: [expect.stringContaining("demo-alarms")],
      ok_actions: [expect.stringContaining("demo-alarms")],
    });
  });

  it("keeps the plain no-healthy-hosts alarm when no action empties the group", () => {
    expect(alarms(build({ schedules: [MORNING] }).json)["demo-no-healthy-hosts"]).toMatchObject({
      metric_name: "HealthyHostCount",
      statistic: "Minimum",
    });
  });

  it("throws in ec2 mode, where there are no group sizes to schedule", () => {
    expect(findingPathsOf(() => build({ compute: EC2, schedules: [MORNING] }))).toEqual(["schedules"]);
    expect(findingPathsOf(() => build({ compute: EC2, schedules: [] }))).toEqual([]);
  });
});
