import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { build } from "./helpers";

describe("load balancer defaults", () => {
  const { json, text } = build();
  const alb = onlyResource(json, Lb);

  it("creates an internet-facing application load balancer in the given subnets", () => {
    expect(alb).toMatchObject({
      name: "demo",
      load_balancer_type: "application",
      internal: false,
      subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
      security_groups: [expect.stringMatching(/^\$\{aws_security_group\.lb_security-group_[0-9A-F]{8}\.id\}$/)],
    });
  });

  it("drops invalid header fields", () => {
    expect(alb.drop_invalid_header_fields).toBe(true);
  });

  it("has deletion protection off, a 60 s idle timeout and no access logs", () => {
    expect(alb).toMatchObject({ enable_deletion_protection: false, idle_timeout: 60 });
    expect(alb).not.toHaveProperty("access_logs");
  });

  it("creates an HTTP target group of instances on port 5000", () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      port: 5000,
      protocol: "HTTP",
      targetType: "instance",
      vpcId: "vpc-0123456789abcdef0",
    });
  });

  it("health-checks / for a 200 with AWS-valid timings", () => {
    expect(onlyResource(json, LbTargetGroup).health_check).toEqual({
      enabled: true,
      protocol: "HTTP",
      port: "traffic-port",
      path: "/",
      matcher: "200",
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
  });

  it("names the target group by prefix and creates its replacement before destroying it", () => {
    const tg = onlyResource(json, LbTargetGroup);
    expect(tg).toMatchObject({ name_prefix: "tg-", deregistration_delay: "30", lifecycle: { create_before_destroy: true } });
    expect(tg).not.toHaveProperty("name");
  });
});

describe("load balancer options", () => {
  it("can be internal", () => {
    expect(onlyResource(build({ internal: true }).json, Lb).internal).toBe(true);
  });

  it("turns on deletion protection and sets the idle timeout", () => {
    expect(onlyResource(build({ deletionProtection: true, idleTimeoutSeconds: 120 }).json, Lb)).toMatchObject({
      enable_deletion_protection: true,
      idle_timeout: 120,
    });
  });

  it("writes access logs to the given bucket, prefixed by the name unless told otherwise", () => {
    expect(onlyResource(build({ accessLogs: { bucket: "my-alb-logs" } }).json, Lb).access_logs).toEqual({
      bucket: "my-alb-logs",
      prefix: "demo",
      enabled: true,
    });
    expect(onlyResource(build({ accessLogs: { bucket: "my-alb-logs", prefix: "x/y" } }).json, Lb).access_logs).toMatchObject({
      prefix: "x/y",
    });
  });

  it("takes health check values and deregistration delay from props", () => {
    const tg = onlyResource(
      build({
        targetPort: 8080,
        deregistrationDelaySeconds: 0,
        healthCheck: {
          path: "/health",
          matcher: "200-299",
          intervalSeconds: 30,
          timeoutSeconds: 10,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
        },
      }).json,
      LbTargetGroup,
    );
    expect(tg).toMatchObject({
      port: 8080,
      deregistration_delay: "0",
      health_check: { path: "/health", matcher: "200-299", interval: 30, timeout: 10, healthy_threshold: 5, unhealthy_threshold: 2 },
    });
  });
});
