import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { describe, expect, it } from "vitest";
import { instancesOf, onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { buildAsg, buildEc2, onPort } from "./helpers";

describe("instance security", () => {
  const { json } = buildAsg();

  it("admits only the load balancer's security group, only on the app port", () => {
    const ingress = Object.values(resourcesOf(json, VpcSecurityGroupIngressRule));
    expect(ingress).toEqual([
      expect.objectContaining({ referenced_security_group_id: "sg-0a1b2c3d4e5f60718", from_port: 5000, to_port: 5000, ip_protocol: "tcp" }),
    ]);
    expect(ingress[0]).not.toHaveProperty("cidr_ipv4");
  });

  it("admits nothing on port 22", () => {
    for (const rule of Object.values(resourcesOf(json, VpcSecurityGroupIngressRule))) expect(rule.from_port).not.toBe(22);
  });

  it("follows the app port", () => {
    expect(Object.values(resourcesOf(buildEc2(onPort(8080)).json, VpcSecurityGroupIngressRule))[0]).toMatchObject({
      from_port: 8080,
      to_port: 8080,
    });
  });

  it("lets only HTTPS out by default, everything when asked", () => {
    expect(Object.values(resourcesOf(json, VpcSecurityGroupEgressRule))).toEqual([
      expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443, ip_protocol: "tcp" }),
    ]);
    expect(Object.values(resourcesOf(buildAsg({ allowAllEgress: true }).json, VpcSecurityGroupEgressRule))).toEqual([
      expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1" }),
    ]);
  });

  it("gives instances a role EC2 assumes, carrying AmazonSSMManagedInstanceCore", () => {
    expect(parseJsonTemplate(onlyResource(json, IamRole).assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(Object.values(resourcesOf(json, IamRolePolicyAttachment))).toEqual([
      expect.objectContaining({ policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
    ]);
  });

  it("attaches extra managed policies beside SSM", () => {
    const attached = instancesOf(
      buildAsg({ managedPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"] }).json,
      IamRolePolicyAttachment,
    );
    expect(attached.map((a) => a.policy_arn).sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    ]);
  });
});
