import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import type { ScalingProps, StepScalingOptions } from "../../../modules/scaling";
import { ASG, build, EC2 } from "./helpers";

function problems(overrides: Partial<ScalingProps>): string[] {
  return problemsOf(() => build(overrides));
}
const step = (stepScaling: StepScalingOptions) => problems({ stepScaling: { enabled: true, ...stepScaling } });

describe("scaling validation", () => {
  it("throws when the scale-in threshold is not below the scale-out threshold", () => {
    expect(step({ scaleOut: { thresholdPercent: 60 }, scaleIn: { thresholdPercent: 60 } })).toEqual([
      "stepScaling.scaleIn.thresholdPercent (60) must be below scaleOut.thresholdPercent (60), or the group would scale in and out on the same load",
    ]);
  });

  it("throws when a threshold is outside 0 to 100", () => {
    expect(step({ scaleOut: { thresholdPercent: 120 }, scaleIn: { thresholdPercent: -5 } })).toEqual([
      "stepScaling.scaleOut.thresholdPercent (120) must be a number between 0 and 100 percent",
      "stepScaling.scaleIn.thresholdPercent (-5) must be a number between 0 and 100 percent",
    ]);
  });

  it("throws when a period is not a multiple of 60 (EC2 CPU comes once a minute at best)", () => {
    expect(step({ scaleOut: { periodSeconds: 45 } })).toEqual(["stepScaling.scaleOut.periodSeconds (45) must be a multiple of 60 seconds"]);
    expect(step({ scaleOut: { periodSeconds: 120 }, scaleIn: { periodSeconds: 300 } })).toEqual([]);
  });

  it("throws on a high-resolution period, which CPU alarms would never fill", () => {
    expect(step({ scaleOut: { periodSeconds: 10 } })).toEqual([
      "stepScaling.scaleOut.periodSeconds (10) is a high-resolution period; EC2 publishes CPUUtilization at most once a minute, so use a multiple of 60",
    ]);
  });

  it("throws when periods are finer than five minutes without detailed monitoring", () => {
    expect(problems({ compute: { ...ASG, detailedMonitoring: false }, stepScaling: { enabled: true } })).toEqual([
      "stepScaling.scaleOut.periodSeconds (60) must be a multiple of 300 seconds (without detailed monitoring EC2 publishes CPU every 5 minutes)",
      "stepScaling.scaleIn.periodSeconds (60) must be a multiple of 300 seconds (without detailed monitoring EC2 publishes CPU every 5 minutes)",
    ]);
  });

  it("throws when evaluation periods are below 1", () => {
    expect(step({ scaleIn: { evaluationPeriods: 0 } })).toEqual(["stepScaling.scaleIn.evaluationPeriods (0) must be a whole number from 1 to 100"]);
  });

  it("throws on a negative cooldown", () => {
    expect(step({ cooldownSeconds: -1 })).toEqual(["stepScaling.cooldownSeconds (-1) must be a whole number from 0 to 86400 seconds"]);
  });

  it("throws when an adjustment points the wrong way", () => {
    expect(step({ scaleOut: { adjustment: -1 }, scaleIn: { adjustment: 1 } })).toEqual([
      "stepScaling.scaleOut.adjustment (-1) must add at least 1 instance",
      "stepScaling.scaleIn.adjustment (1) must remove at least 1 instance (a negative number)",
    ]);
  });

  it("throws when an alarm would evaluate more than a day", () => {
    expect(step({ scaleIn: { periodSeconds: 3600, evaluationPeriods: 25 } })).toEqual([
      "stepScaling.scaleIn.periodSeconds × evaluationPeriods spans 90000 s; CloudWatch evaluates at most one day (86400 s)",
    ]);
  });

  it("throws when target tracking is asked of an ec2-mode compute", () => {
    expect(problems({ compute: EC2, targetTracking: { enabled: true } })).toEqual([
      "targetTracking.enabled cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg",
    ]);
  });

  it("throws when step scaling is asked of an ec2-mode compute", () => {
    expect(problems({ compute: EC2, stepScaling: { enabled: true } })).toEqual([
      "stepScaling.enabled cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg",
    ]);
  });

  it("throws when the target CPU is not above 0", () => {
    expect(problems({ targetTracking: { targetCpuPercent: 0 } })).toEqual(["targetTracking.targetCpuPercent (0) must be above 0 percent: a target of 0 would scale out forever"]);
  });

  it("throws on a recurrence that is not Unix cron's five fields, or a field out of its range", () => {
    const recurrences = ["0 20 * * ? *", "0 7 * * MON-FRI", "0 24 * * *", "30-10 * * * *", "0 0 0 * *"];
    expect(problems({ schedules: recurrences.map((recurrence, i) => ({ name: `s${i}`, recurrence, desiredCapacity: 1 })) })).toEqual([
      'schedules[0].recurrence ("0 20 * * ? *") has 6 fields; Auto Scaling reads Unix cron\'s five (minute hour day-of-month month day-of-week), such as "0 20 * * 1-5", not EventBridge\'s six',
      'schedules[1].recurrence ("0 7 * * MON-FRI") is not a Unix cron recurrence: day of week "MON-FRI" must be *, a number, a range a-b or a step */n (numbers 0-6 (0 is Sunday); names such as MON are not read)',
      'schedules[2].recurrence ("0 24 * * *") is not a Unix cron recurrence: hour 24 is outside 0-23',
      'schedules[3].recurrence ("30-10 * * * *") is not a Unix cron recurrence: minute range 30-10 runs backwards',
      'schedules[4].recurrence ("0 0 0 * *") is not a Unix cron recurrence: day of month 0 is outside 1-31',
    ]);
  });

  it("throws on a time zone that is not an IANA name", () => {
    const zones = ["EST+5", "+01:00", "Mars/Olympus_Mons", "america/new_york"];
    expect(problems({ schedules: zones.map((timeZone, i) => ({ name: `s${i}`, recurrence: "0 7 * * 1-5", timeZone, desiredCapacity: 1 })) })).toEqual([
      'schedules[0].timeZone ("EST+5") is not a time zone of the IANA database; use an IANA time zone name such as America/New_York or Etc/UTC',
      'schedules[1].timeZone ("+01:00") must be an IANA time zone name such as America/New_York or Etc/UTC (offsets such as +01:00 are not time zones)',
      'schedules[2].timeZone ("Mars/Olympus_Mons") is not a time zone of the IANA database; use an IANA time zone name such as America/New_York or Etc/UTC',
      'schedules[3].timeZone ("america/new_york") must be written America/New_York',
    ]);
  });

  it("throws when a scheduled action sets nothing, or sizes that do not fit together", () => {
    expect(
      problems({
        schedules: [
          { name: "nothing", recurrence: "0 7 * * *" },
          { name: "inverted", recurrence: "0 7 * * *", minSize: 3, maxSize: 1 },
          { name: "too-many", recurrence: "0 7 * * *", maxSize: 2, desiredCapacity: 3 },
          { name: "too-few", recurrence: "0 7 * * *", minSize: 2, desiredCapacity: 1 },
        ],
      }),
    ).toEqual([
      "schedules[0] sets no size: give minSize, maxSize or desiredCapacity (Auto Scaling refuses an action that changes nothing)",
      "schedules[1].maxSize (1) must be >= minSize (3)",
      "schedules[2].desiredCapacity (3) must be <= maxSize (2)",
      "schedules[3].desiredCapacity (1) must be >= minSize (2)",
    ]);
    expect(problems({ schedules: [{ name: "negative", recurrence: "0 7 * * *", minSize: -1 }] })).toEqual(["schedules[0].minSize (-1) must be a whole number from 0 to 1000"]);
  });

  it("throws when two scheduled actions share a name, or a name Auto Scaling refuses", () => {
    expect(problems({ schedules: [{ name: "night", recurrence: "0 20 * * *", desiredCapacity: 0, minSize: 0 }, { name: "night", recurrence: "0 7 * * *", desiredCapacity: 1 }, { name: "lunch peak", recurrence: "0 12 * * *", desiredCapacity: 2 }] })).toEqual([
      'schedules[2].name ("lunch peak") must be letters, digits, dots, hyphens and underscores',
    ]);
    expect(problems({ schedules: [{ name: "night", recurrence: "0 20 * * *", desiredCapacity: 0, minSize: 0 }, { name: "night", recurrence: "0 7 * * *", desiredCapacity: 1 }] })).toEqual([
      'schedules[1].name ("night") is already the name of schedules[0]; schedule names must be unique',
    ]);
  });

  it("throws when a predictive CPU target is above 100 percent", () => {
    expect(problems({ predictiveScaling: { enabled: true, targetValue: 400 } })).toEqual(['predictiveScaling.targetValue (400) is a CPU percent here (metric "cpu") and must be at most 100']);
    expect(problems({ predictiveScaling: { enabled: true, metric: "requests", targetValue: 400 } })).toEqual([]);
  });

  it("throws when a predictive buffer is beyond Auto Scaling's hour", () => {
    expect(problems({ predictiveScaling: { enabled: true, schedulingBufferSeconds: 3601 } })).toEqual(["predictiveScaling.schedulingBufferSeconds (3601) must be a whole number from 0 to 3600 seconds"]);
  });

  it("lists every problem in one error naming the construct", () => {
    expect(() => build({ compute: EC2, targetTracking: { enabled: true }, stepScaling: { enabled: true, scaleIn: { adjustment: 1 } } })).toThrowError(
      /^Scaling test\/scaling is invalid \(3 problems\):/,
    );
  });
});
