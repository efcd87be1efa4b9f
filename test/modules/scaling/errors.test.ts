import { describe, expect, it } from "vitest";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import type { ScalingProps, StepScalingOptions } from "../../../modules/scaling";
import { ASG, build, EC2 } from "./helpers";

function problems(overrides: Partial<ScalingProps>): string[] {
  return findingPathsOf(() => build(overrides));
}
const step = (stepScaling: StepScalingOptions) => problems({ stepScaling: { enabled: true, ...stepScaling } });

describe("scaling validation", () => {
  it("throws when the scale-in threshold is not below the scale-out threshold", () => {
    expect(step({ scaleOut: { thresholdPercent: 60 }, scaleIn: { thresholdPercent: 60 } })).toEqual([
      "stepScaling.scaleIn.thresholdPercent",
    ]);
  });

  it("throws when a threshold is outside 0 to 100", () => {
    expect(step({ scaleOut: { thresholdPercent: 120 }, scaleIn: { thresholdPercent: -5 } })).toEqual([
      "stepScaling.scaleOut.thresholdPercent",
      "stepScaling.scaleIn.thresholdPercent",
    ]);
    expect(step({ scaleOut: { thresholdPercent: 100 }, scaleIn: { thresholdPercent: 0 } })).toEqual([]);
  });

  it("throws when a period is not a multiple of 60 (EC2 CPU comes once a minute at best)", () => {
    expect(step({ scaleOut: { periodSeconds: 45 } })).toEqual(["stepScaling.scaleOut.periodSeconds"]);
    expect(step({ scaleOut: { periodSeconds: 120 }, scaleIn: { periodSeconds: 300 } })).toEqual([]);
  });

  it("throws on a high-resolution period, which CPU alarms would never fill", () => {
    expect(step({ scaleOut: { periodSeconds: 10 } })).toEqual(["stepScaling.scaleOut.periodSeconds"]);
  });

  it("throws when periods are finer than five minutes without detailed monitoring", () => {
    expect(problems({ compute: { ...ASG, detailedMonitoring: false }, stepScaling: { enabled: true } })).toEqual([
      "stepScaling.scaleOut.periodSeconds",
      "stepScaling.scaleIn.periodSeconds",
    ]);
  });

  it("throws when evaluation periods are below 1", () => {
    expect(step({ scaleIn: { evaluationPeriods: 0 } })).toEqual(["stepScaling.scaleIn.evaluationPeriods"]);
    expect(step({ scaleIn: { evaluationPeriods: 1 } })).toEqual([]);
  });

  it("throws on a negative cooldown", () => {
    expect(step({ cooldownSeconds: -1 })).toEqual(["stepScaling.cooldownSeconds"]);
    expect(step({ cooldownSeconds: 0 })).toEqual([]);
  });

  it("throws when an adjustment points the wrong way", () => {
    expect(step({ scaleOut: { adjustment: -1 }, scaleIn: { adjustment: 1 } })).toEqual([
      "stepScaling.scaleOut.adjustment",
      "stepScaling.scaleIn.adjustment",
    ]);
  });

  it("throws when an alarm would evaluate more than a day", () => {
    expect(step({ scaleIn: { periodSeconds: 3600, evaluationPeriods: 25 } })).toEqual(["stepScaling.scaleIn.periodSeconds"]);
    expect(step({ scaleIn: { periodSeconds: 3600, evaluationPeriods: 24 } })).toEqual([]);
  });

  it("throws when target tracking is asked of an ec2-mode compute", () => {
    expect(problems({ compute: EC2, targetTracking: { enabled: true } })).toEqual(["targetTracking.enabled"]);
  });

  it("throws when step scaling is asked of an ec2-mode compute", () => {
    expect(problems({ compute: EC2, stepScaling: { enabled: true } })).toEqual(["stepScaling.enabled"]);
  });

  it("throws when the target CPU is not above 0", () => {
    expect(problems({ targetTracking: { targetCpuPercent: 0 } })).toEqual(["targetTracking.targetCpuPercent"]);
    expect(problems({ targetTracking: { targetCpuPercent: 1 } })).toEqual([]);
  });

  it("throws on a recurrence that is not Unix cron's five fields, or a field out of its range", () => {
    const recurrences = ["0 20 * * ? *", "0 7 * * MON-FRI", "0 24 * * *", "30-10 * * * *", "0 0 0 * *"];
    expect(problems({ schedules: recurrences.map((recurrence, i) => ({ name: `s${i}`, recurrence, desiredCapacity: 1 })) })).toEqual([
      "schedules[0].recurrence",
      "schedules[1].recurrence",
      "schedules[2].recurrence",
      "schedules[3].recurrence",
      "schedules[4].recurrence",
    ]);
  });

  it("throws on a time zone that is not an IANA name", () => {
    const zones = ["EST+5", "+01:00", "Mars/Olympus_Mons", "america/new_york"];
    expect(
      problems({ schedules: zones.map((timeZone, i) => ({ name: `s${i}`, recurrence: "0 7 * * 1-5", timeZone, desiredCapacity: 1 })) }),
    ).toEqual(["schedules[0].timeZone", "schedules[1].timeZone", "schedules[2].timeZone", "schedules[3].timeZone"]);
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
    ).toEqual(["schedules[0]", "schedules[1].maxSize", "schedules[2].desiredCapacity", "schedules[3].desiredCapacity"]);
    expect(problems({ schedules: [{ name: "negative", recurrence: "0 7 * * *", minSize: -1 }] })).toEqual(["schedules[0].minSize"]);
  });

  it("throws when two scheduled actions share a name, or a name Auto Scaling refuses", () => {
    expect(
      problems({
        schedules: [
          { name: "night", recurrence: "0 20 * * *", desiredCapacity: 0, minSize: 0 },
          { name: "night", recurrence: "0 7 * * *", desiredCapacity: 1 },
          { name: "lunch peak", recurrence: "0 12 * * *", desiredCapacity: 2 },
        ],
      }),
    ).toEqual(["schedules[2].name"]);
    expect(
      problems({
        schedules: [
          { name: "night", recurrence: "0 20 * * *", desiredCapacity: 0, minSize: 0 },
          { name: "night", recurrence: "0 7 * * *", desiredCapacity: 1 },
        ],
      }),
    ).toEqual(["schedules[1].name"]);
  });

  it("throws when a predictive CPU target is above 100 percent", () => {
    expect(problems({ predictiveScaling: { enabled: true, targetValue: 400 } })).toEqual(["predictiveScaling.targetValue"]);
    expect(problems({ predictiveScaling: { enabled: true, metric: "requests", targetValue: 400 } })).toEqual([]);
  });

  it("throws when a predictive buffer is beyond Auto Scaling's hour", () => {
    expect(problems({ predictiveScaling: { enabled: true, schedulingBufferSeconds: 3601 } })).toEqual([
      "predictiveScaling.schedulingBufferSeconds",
    ]);
    expect(problems({ predictiveScaling: { enabled: true, schedulingBufferSeconds: 3600 } })).toEqual([]);
  });

  it("lists every problem in one error naming the construct", () => {
    const error = validationErrorOf(() =>
      build({ compute: EC2, targetTracking: { enabled: true }, stepScaling: { enabled: true, scaleIn: { adjustment: 1 } } }),
    );
    expect(error.subject).toBe("Scaling test/scaling");
    expect(error.findings.map((f) => f.path)).toEqual(["targetTracking.enabled", "stepScaling.enabled", "stepScaling.scaleIn.adjustment"]);
  });
});
