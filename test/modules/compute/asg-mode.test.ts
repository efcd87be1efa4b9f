import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { describe, expect, it } from "vitest";
import { GROUP_METRICS } from "../../../modules/compute/auto-scaling-group";
import { onlyResource, resourcesOf } from "../../support/synth";
import { buildAsg, WIRED } from "./helpers";

describe("asg mode", () => {
  const { json } = buildAsg();
  const group = onlyResource(json, AutoscalingGroup);

  it("creates one group across the subnets and no single instances", () => {
    expect(group).toMatchObject({ name: "demo", min_size: 2, max_size: 4, desired_capacity: 2, vpc_zone_identifier: [...WIRED.subnetIds] });
    expect(resourcesOf(json, Instance)).toEqual({});
    expect(resourcesOf(json, LbTargetGroupAttachment)).toEqual({});
  });

  it("starts at minSize when no desired capacity is given", () => {
    expect(onlyResource(buildAsg({ minSize: 3, maxSize: 5, desiredCapacity: undefined }).json, AutoscalingGroup).desired_capacity).toBe(3);
  });

  it("is attached to the target group and uses ELB health checks with a grace period", () => {
    expect(group).toMatchObject({
      target_group_arns: [WIRED.loadBalancer.targetGroupArn],
      health_check_type: "ELB",
      health_check_grace_period: 300,
    });
  });

  it("waits 300 s between simple scaling activities by default", () => {
    expect(group.default_cooldown).toBe(300);
  });

  it("publishes group metrics every minute", () => {
    expect(group).toMatchObject({ enabled_metrics: [...GROUP_METRICS], metrics_granularity: "1Minute" });
  });

  it("launches from the template's latest version, so a template change is a group change", () => {
    expect(group.launch_template).toEqual({
      id: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.id\}$/),
      version: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.latest_version\}$/),
    });
  });

  it("rolls instances by instance refresh, keeping 90% healthy and launching replacements first (up to 190%)", () => {
    expect(group.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: { min_healthy_percentage: 90, max_healthy_percentage: 190 },
    });
  });

  it("lets a single-instance group launch its replacement before stopping it", () => {
    const single = onlyResource(
      buildAsg({ minSize: 1, maxSize: 2, desiredCapacity: 1, minHealthyPercentage: 100, maxHealthyPercentage: 200 }).json,
      AutoscalingGroup,
    );
    expect(single.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200 },
    });
  });

  it("leaves the desired capacity to the scaling policies after creation", () => {
    expect(group.lifecycle).toEqual({ ignore_changes: ["desired_capacity"] });
  });

  it("takes grace period, cooldown and refresh threshold from props", () => {
    const custom = onlyResource(
      buildAsg({ healthCheckGracePeriodSeconds: 120, defaultCooldownSeconds: 60, minHealthyPercentage: 50 }).json,
      AutoscalingGroup,
    );
    expect(custom).toMatchObject({
      health_check_grace_period: 120,
      default_cooldown: 60,
      instance_refresh: { preferences: { min_healthy_percentage: 50, max_healthy_percentage: 150 } },
    });
  });
});
