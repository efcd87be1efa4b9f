import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

const groupOf = (overrides: Parameters<typeof buildAsg>[0]) => onlyResource(buildAsg(overrides).json, AutoscalingGroup);

describe("group options: lifetime, termination, suspended processes, scale-in protection, default warm-up", () => {
  it("writes none of them by default, so an existing group plans no change", () => {
    const group = groupOf({});
    for (const key of [
      "max_instance_lifetime",
      "termination_policies",
      "suspended_processes",
      "protect_from_scale_in",
      "default_instance_warmup",
    ]) {
      expect(group).not.toHaveProperty(key);
    }
  });

  it("writes each as given", () => {
    const group = groupOf({
      maxInstanceLifetimeSeconds: 604800,
      terminationPolicies: ["OldestLaunchTemplate", "OldestInstance", "Default"],
      suspendedProcesses: ["AZRebalance"],
      protectFromScaleIn: true,
      instanceRefresh: { scaleInProtectedInstances: "Refresh" },
      defaultInstanceWarmupSeconds: 120,
    });
    expect(group).toMatchObject({
      max_instance_lifetime: 604800,
      termination_policies: ["OldestLaunchTemplate", "OldestInstance", "Default"],
      suspended_processes: ["AZRebalance"],
      protect_from_scale_in: true,
      default_instance_warmup: 120,
    });
  });

  it("accepts a lifetime of 0 (no limit) and the bounds of AWS's range", () => {
    for (const s of [0, 86400, 31536000]) expect(problems({ mode: "asg", maxInstanceLifetimeSeconds: s })).toEqual([]);
  });

  it("throws on a lifetime under a day, which AWS refuses", () => {
    expect(problems({ mode: "asg", maxInstanceLifetimeSeconds: 3600 })).toEqual(["maxInstanceLifetimeSeconds"]);
    expect(problems({ mode: "asg", maxInstanceLifetimeSeconds: 31536001 })).toEqual(["maxInstanceLifetimeSeconds"]);
  });

  it("throws on a termination policy AWS does not know, and one listed twice", () => {
    expect(problems({ mode: "asg", terminationPolicies: ["Oldest" as never, "Default", "Default"] })).toEqual([
      "terminationPolicies[0]",
      "terminationPolicies",
    ]);
  });

  it("throws on a process AWS does not know, and one listed twice", () => {
    expect(problems({ mode: "asg", suspendedProcesses: ["Rebalance" as never, "Launch", "Launch"] })).toEqual([
      "suspendedProcesses[0]",
      "suspendedProcesses",
    ]);
  });

  it("throws on scale-in protection that an instance refresh would ignore, replacing nothing", () => {
    expect(problems({ mode: "asg", protectFromScaleIn: true })).toEqual(["protectFromScaleIn"]);
    expect(problems({ mode: "asg", protectFromScaleIn: true, instanceRefresh: { scaleInProtectedInstances: "Ignore" } })).toEqual([
      "protectFromScaleIn",
    ]);
    expect(problems({ mode: "asg", protectFromScaleIn: true, instanceRefresh: { scaleInProtectedInstances: "Wait" } })).toEqual([]);
  });

  it("throws on a default warm-up over AWS's 3600 seconds", () => {
    expect(problems({ mode: "asg", defaultInstanceWarmupSeconds: 3601 })).toEqual(["defaultInstanceWarmupSeconds"]);
  });

  it("refuses them in ec2 mode, which has no group", () => {
    expect(problems({ mode: "ec2", terminationPolicies: ["Default"] } as never)).toEqual(["terminationPolicies"]);
  });
});
