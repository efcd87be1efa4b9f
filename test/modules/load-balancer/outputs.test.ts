import { describe, expect, it } from "vitest";
import { resolveValues } from "../../support/synth";
import { build, CERT } from "./helpers";

describe("load balancer outputs", () => {
  it("exposes the ALB, its security group, target group and forwarding listener", () => {
    const { loadBalancer, stack } = build();
    expect(resolveValues(stack, { ...loadBalancer.outputs })).toEqual({
      albArn: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.arn\}$/),
      albDnsName: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.dns_name\}$/),
      albZoneId: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.zone_id\}$/),
      albArnSuffix: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.arn_suffix\}$/),
      securityGroupId: expect.stringMatching(/^\$\{aws_security_group\.lb_security-group_[0-9A-F]{8}\.id\}$/),
      targetGroupArn: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/),
      targetGroupArnSuffix: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn_suffix\}$/),
      targetGroupArns: { default: expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/) },
      listenerArn: expect.stringMatching(/^\$\{aws_lb_listener\.lb_http_[0-9A-F]{8}\.arn\}$/),
      httpsListenerArn: undefined,
      targetPort: 5000,
      certificateArn: undefined,
      webAclArn: undefined,
      accessLogsBucket: undefined,
    });
    expect(Object.keys(loadBalancer.outputs).sort()).toEqual([
      "accessLogsBucket",
      "albArn",
      "albArnSuffix",
      "albDnsName",
      "albZoneId",
      "certificateArn",
      "httpsListenerArn",
      "listenerArn",
      "securityGroupId",
      "targetGroupArn",
      "targetGroupArnSuffix",
      "targetGroupArns",
      "targetPort",
      "webAclArn",
    ]);
  });

  it("points listenerArn at the HTTPS listener when there is a certificate", () => {
    const { loadBalancer, stack } = build({ certificateArn: CERT });
    const out = resolveValues(stack, {
      listenerArn: loadBalancer.outputs.listenerArn,
      httpsListenerArn: loadBalancer.outputs.httpsListenerArn,
    });
    expect(out.listenerArn).toMatch(/^\$\{aws_lb_listener\.lb_https_[0-9A-F]{8}\.arn\}$/);
    expect(out.httpsListenerArn).toBe(out.listenerArn);
  });
});
