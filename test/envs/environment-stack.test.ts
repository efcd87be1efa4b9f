import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { validationErrorOf } from "../support/findings";

function synthEnv(config = dev) {
  const stack = new EnvironmentStack(Testing.app(), config);
  const text = Testing.synth(stack, true);
  return { stack, text, json: JSON.parse(text) };
}

describe("EnvironmentStack", () => {
  it("names the stack after the environment", () => {
    expect(synthEnv(prod).stack.node.id).toBe("prod");
  });

  it("sets the provider region and default tags Project, Environment and ManagedBy", () => {
    expect(synthEnv(prod).text).toHaveProviderWithProperties(AwsProvider, {
      region: "us-east-1",
      defaultTags: [{ tags: { Project: "webtier", Environment: "prod", ManagedBy: "cdktf", CostCenter: "operations" } }],
    });
  });

  it("pins the AWS provider to the version the bindings were generated for, and Terraform >= 1.10", () => {
    const { terraform } = synthEnv().json;
    expect(terraform.required_providers.aws.version).toBe("5.100.0");
    expect(terraform.required_version).toBe(">= 1.10");
  });

  it("uses a local backend by default, with state at the project root and no machine-specific path", () => {
    expect(synthEnv().json.terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  it("throws before building anything when the config is invalid", () => {
    const app = Testing.app();
    const error = validationErrorOf(
      () => new EnvironmentStack(app, { ...dev, network: { ...dev.network, availabilityZones: ["us-east-1a"] } }),
    );
    expect([error.subject, ...error.findings.map((f) => f.path)]).toEqual(['Environment "dev"', "dev.network.availabilityZones"]);
    expect(app.node.children).toHaveLength(0);
  });

  it("protects prod's queues from destroy and leaves dev's destroyable: each configured queue and its dead-letter queue", () => {
    const lifecycles = (config: typeof dev) =>
      Object.values(synthEnv(config).json.resource.aws_sqs_queue as Record<string, { lifecycle?: unknown }>).map((q) => q.lifecycle);
    const queues = (config: typeof dev) => 2 * (config.messaging?.queues?.length ?? 0);
    expect(queues(prod)).toBeGreaterThan(0);
    expect(lifecycles(prod)).toEqual(Array(queues(prod)).fill({ prevent_destroy: true }));
    expect(queues(dev)).toBeGreaterThan(0);
    expect(lifecycles(dev)).toEqual(Array(queues(dev)).fill(undefined));
  });

  it("turns on the prod ALB's deletion protection", () => {
    const albs = (config: typeof dev) =>
      Object.values(synthEnv(config).json.resource.aws_lb as Record<string, { enable_deletion_protection: boolean }>);
    expect(albs(prod).map((a) => a.enable_deletion_protection)).toEqual([true]);
    expect(albs(dev).map((a) => a.enable_deletion_protection)).toEqual([false]);
  });

  it("synthesizes every committed environment", () => {
    for (const config of environments) expect(() => synthEnv(config), config.name).not.toThrow();
  });
});
