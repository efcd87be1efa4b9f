import { describe, expect, it } from "vitest";
import { synth } from "../support/synth";
import { tokenStack } from "../support/token-stack";

describe("Terraform tokens in every prop that may come from another stack", () => {
  const { json } = synth(tokenStack());

  it("builds every module without judging or breaking them", () => {
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(20);
  });

  it("iterates token lists with for_each, so no construct id is made of a value", () => {
    const forEach = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).filter(([, r]) => r.for_each !== undefined).map(([name, r]) => [`${type}.${name.replace(/_[0-9A-F]{8}$/, "")}`, r.for_each]),
    );
    expect(Object.fromEntries(forEach)).toEqual({
      "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-http": "${toset(data.terraform_remote_state.upstream.outputs.client_cidrs)}",
      "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-https": "${toset(data.terraform_remote_state.upstream.outputs.client_cidrs)}",
      "aws_iam_role_policy_attachment.compute_managed-policy": "${toset(data.terraform_remote_state.upstream.outputs.policy_arns)}",
      "aws_sns_topic_subscription.alarm-topic_email": "${toset(data.terraform_remote_state.upstream.outputs.oncall_emails)}",
      "aws_sns_topic_subscription.messaging_email": "${toset(data.terraform_remote_state.upstream.outputs.order_emails)}",
    });
    expect((json as { moved?: unknown }).moved).toBeUndefined();
  });

  it("spreads ec2-mode instances over a token list of subnets with element()", () => {
    const subnets = Object.values(json.resource?.aws_instance ?? {}).map((i) => i.subnet_id);
    expect(subnets).toEqual([
      "${element(data.terraform_remote_state.upstream.outputs.private_subnet_ids, 0)}",
      "${element(data.terraform_remote_state.upstream.outputs.private_subnet_ids, 1)}",
    ]);
  });
});
