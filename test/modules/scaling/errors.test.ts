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

  it("lists every problem in one error naming the construct", () => {
    expect(() => build({ compute: EC2, targetTracking: { enabled: true }, stepScaling: { enabled: true, scaleIn: { adjustment: 1 } } })).toThrowError(
      /^Scaling test\/scaling is invalid \(3 problems\):/,
    );
  });
});
