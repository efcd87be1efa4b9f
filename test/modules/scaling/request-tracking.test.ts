import { type TerraformStack, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { build, EC2, LB, policies } from "./helpers";
import { findingPathsOf } from "../../support/findings";
import { resolveValues } from "../../support/synth";

describe("request-count target tracking", () => {
  it("keeps requests per target at 1000 a minute by default, labelled with the ALB and target-group ARN suffixes", () => {
    expect(policies(build({ requestTracking: { enabled: true } }).json)["demo-requests-target"]).toEqual(
      expect.objectContaining({
        autoscaling_group_name: "demo",
        policy_type: "TargetTrackingScaling",
        estimated_instance_warmup: 300,
        target_tracking_configuration: {
          predefined_metric_specification: {
            predefined_metric_type: "ALBRequestCountPerTarget",
            resource_label: "app/demo/50dc6c495c0c9188/targetgroup/tg-demo/6d0ecf831eec9f09",
          },
          target_value: 1000,
          disable_scale_in: false,
        },
      }),
    );
  });

  it("builds the label from token suffixes (a load balancer of the same stack) as one interpolated string", () => {
    const { scaling, json } = build({
      requestTracking: { enabled: true },
      loadBalancer: {
        ...LB,
        albArnSuffix: Token.asString("${aws_lb.web.arn_suffix}"),
        targetGroupArnSuffix: Token.asString("${aws_lb_target_group.web.arn_suffix}"),
      },
    });
    const label = (policies(json)["demo-requests-target"]!.target_tracking_configuration as any).predefined_metric_specification
      .resource_label;
    expect(label).toBe("${aws_lb.web.arn_suffix}/${aws_lb_target_group.web.arn_suffix}");
    expect(resolveValues(scaling.node.scope as TerraformStack, { arn: scaling.outputs.requestTrackingPolicyArn }).arn).toMatch(
      /^\$\{aws_autoscaling_policy\.scaling_request-tracking_[0-9A-F]{8}\.arn\}$/,
    );
  });

  it("runs next to CPU target tracking, each its own policy", () => {
    expect(Object.keys(policies(build({ requestTracking: { enabled: true } }).json)).sort()).toEqual([
      "demo-cpu-target",
      "demo-requests-target",
    ]);
  });

  it("takes the target and warmup from props", () => {
    expect(
      policies(build({ requestTracking: { enabled: true, targetRequestsPerTarget: 250, estimatedInstanceWarmupSeconds: 90 } }).json)[
        "demo-requests-target"
      ],
    ).toMatchObject({
      estimated_instance_warmup: 90,
      target_tracking_configuration: { target_value: 250 },
    });
  });

  it("is off by default, and gives no policy ARN then", () => {
    const { scaling, json } = build();
    expect(policies(json)).not.toHaveProperty("demo-requests-target");
    expect(scaling.outputs.requestTrackingPolicyArn).toBeUndefined();
  });

  it("throws in ec2 mode, where there is no group", () => {
    expect(findingPathsOf(() => build({ compute: EC2, requestTracking: { enabled: true } }))).toEqual(["requestTracking.enabled"]);
    expect(findingPathsOf(() => build({ compute: EC2, requestTracking: { enabled: false } }))).toEqual([]);
  });
});
