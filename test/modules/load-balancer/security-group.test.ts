import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { describe, expect, it } from "vitest";
import { instancesOf, onlyResource } from "../../support/synth";
import { build, CERT } from "./helpers";

const GROUP = expect.stringMatching(/^\$\{aws_security_group\.lb_security-group_[0-9A-F]{8}\.id\}$/);

function rules(json: ReturnType<typeof build>["json"], type: typeof VpcSecurityGroupIngressRule | typeof VpcSecurityGroupEgressRule) {
  return instancesOf(json, type).map((r) => ({
    port: r.from_port,
    to: r.to_port,
    cidr: r.cidr_ipv4,
    protocol: r.ip_protocol,
    group: r.security_group_id,
  }));
}

describe("load balancer security group", () => {
  it("is its own group in the VPC, with no inline rules, replaced create-before-destroy", () => {
    const sg = onlyResource(build().json, SecurityGroup);
    expect(sg).toMatchObject({ name_prefix: "demo-alb-", vpc_id: "vpc-0123456789abcdef0", lifecycle: { create_before_destroy: true } });
    expect(sg).not.toHaveProperty("ingress");
    expect(sg).not.toHaveProperty("egress");
  });

  it("lets HTTP in from anywhere by default", () => {
    expect(rules(build().json, VpcSecurityGroupIngressRule)).toEqual([
      { port: 80, to: 80, cidr: "0.0.0.0/0", protocol: "tcp", group: GROUP },
    ]);
  });

  it("lets HTTP and HTTPS in with a certificate", () => {
    expect(
      rules(build({ certificateArn: CERT }).json, VpcSecurityGroupIngressRule)
        .map((r) => r.port)
        .sort(),
    ).toEqual([443, 80]);
  });

  it("lets the listener ports in from the configured CIDRs only", () => {
    const ingress = rules(
      build({ ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"], certificateArn: CERT }).json,
      VpcSecurityGroupIngressRule,
    );
    expect(ingress.map((r) => `${r.cidr}:${r.port}`).sort()).toEqual([
      "198.51.100.0/24:443",
      "198.51.100.0/24:80",
      "203.0.113.0/24:443",
      "203.0.113.0/24:80",
    ]);
  });

  it("lets traffic out only to the VPC, on the target port", () => {
    expect(rules(build({ targetPort: 5000 }).json, VpcSecurityGroupEgressRule)).toEqual([
      { port: 5000, to: 5000, cidr: "10.0.0.0/16", protocol: "tcp", group: GROUP },
    ]);
  });
});
