import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformElement } from "cdktf";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { synth } from "../support/synth";
import { tokenStack } from "../support/token-stack";

describe("Terraform tokens in every prop that may come from another stack", () => {
  const stack = tokenStack();
  const { json } = synth(stack);

  it("builds every module without judging or breaking them", () => {
    // Every module of the stack synthesizes resources of its own (names start with its construct id).
    const modules = stack.node.children.filter((c) => c instanceof Construct && !(c instanceof TerraformElement)).map((c) => c.node.id);
    const names = Object.values(json.resource ?? {}).flatMap((byName) => Object.keys(byName));
    expect(modules.filter((id) => !names.some((name) => name.startsWith(`${id}_`)))).toEqual([]);
    expect(modules.length).toBeGreaterThan(0);
  });

  it("carries every upstream output it reads into the synthesized stack, neither dropped nor resolved", () => {
    // The outputs token-stack.ts reads (s("name"), n("min_size"), l("client_cidrs")), from its source.
    const read = [...readFileSync(join(__dirname, "..", "support", "token-stack.ts"), "utf8").matchAll(/\b[snl]\("([a-z_]+)"\)/g)].map(
      (m) => m[1]!,
    );
    const text = JSON.stringify(json.resource);
    // consumerTimeoutSeconds only bounds the visibility timeout at synth: nothing of it is synthesized.
    const checkOnly = new Set(["consumer_timeout"]);
    expect(new Set(read).size).toBeGreaterThan(0);
    expect(
      [...new Set(read)].filter(
        (output) => !checkOnly.has(output) && !text.includes(`data.terraform_remote_state.upstream.outputs.${output}`),
      ),
    ).toEqual([]);
  });

  it("iterates token lists with for_each, so no construct id is made of a value", () => {
    const forEach = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, r]) => r.for_each !== undefined)
        .map(([name, r]) => [`${type}.${name.replace(/_[0-9A-F]{8}$/, "")}`, r.for_each]),
    );
    expect(Object.fromEntries(forEach)).toEqual({
      "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-http":
        "${toset(data.terraform_remote_state.upstream.outputs.client_cidrs)}",
      "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-https":
        "${toset(data.terraform_remote_state.upstream.outputs.client_cidrs)}",
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
