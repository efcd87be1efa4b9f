import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { describe, expect, it } from "vitest";
import { resolveValues, resourcesOf } from "../../support/synth";
import { build, CERT } from "./helpers";

const TARGET_GROUP_ARN = expect.stringMatching(/^\$\{aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\}$/);
const ALB_ARN = expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.arn\}$/);

describe("listeners", () => {
  describe("HTTP only (no certificate)", () => {
    const listeners = Object.values(resourcesOf(build().json, LbListener));

    it("creates one listener", () => {
      expect(listeners).toHaveLength(1);
    });

    it("listens on HTTP 80 and forwards to the target group", () => {
      expect(listeners[0]).toMatchObject({
        load_balancer_arn: ALB_ARN,
        port: 80,
        protocol: "HTTP",
        default_action: [{ type: "forward", target_group_arn: TARGET_GROUP_ARN }],
      });
    });
  });

  describe("HTTPS (with a certificate)", () => {
    const { json, loadBalancer, stack } = build({ certificateArn: CERT });
    const listeners = Object.values(resourcesOf(json, LbListener));
    const byProtocol = Object.fromEntries(listeners.map((l) => [l.protocol, l]));

    it("creates two listeners", () => {
      expect(listeners).toHaveLength(2);
    });

    it("listens on HTTPS 443 with a TLS 1.3 policy and the certificate, forwarding to the target group", () => {
      expect(byProtocol.HTTPS).toMatchObject({
        port: 443,
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn: CERT,
        default_action: [{ type: "forward", target_group_arn: TARGET_GROUP_ARN }],
      });
    });

    it("answers HTTP 80 with a permanent redirect to HTTPS instead of forwarding", () => {
      expect(byProtocol.HTTP).toMatchObject({
        port: 80,
        default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
      });
      expect((byProtocol.HTTP!.default_action as { target_group_arn?: string }[])[0]!.target_group_arn).toBeUndefined();
    });

    it("reports the HTTPS listener as the forwarding one", () => {
      const out = resolveValues(stack, { listener: loadBalancer.outputs.listenerArn, https: loadBalancer.outputs.httpsListenerArn });
      expect(out.listener).toMatch(/aws_lb_listener\.lb_https_/);
      expect(out.https).toBe(out.listener);
    });
  });

  it("uses custom ports and TLS policy", () => {
    const listeners = Object.values(
      resourcesOf(
        build({ certificateArn: CERT, httpPort: 8080, httpsPort: 8443, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }).json,
        LbListener,
      ),
    );
    expect(listeners.map((l) => [l.protocol, l.port])).toEqual(
      expect.arrayContaining([
        ["HTTP", 8080],
        ["HTTPS", 8443],
      ]),
    );
    expect(listeners.find((l) => l.protocol === "HTTPS")!.ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
    expect(listeners.find((l) => l.protocol === "HTTP")!.default_action).toEqual([
      expect.objectContaining({ redirect: expect.objectContaining({ port: "8443" }) }),
    ]);
  });
});
