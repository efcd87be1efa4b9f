import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { expect, it } from "vitest";
import { describeTerraform, planStack, runOffline, synthesizedEnvironment, tempApp, TerraformError, type OfflineRun, type PlanJson } from "../support/terraform";
import { dev } from "../../envs/dev";

/** A one-VPC stack named `name`, with an optional raw override on the VPC. */
function vpcStack(name: string, cidrBlock: string, override?: readonly [string, unknown]) {
  const app = tempApp();
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock });
  if (override) vpc.addOverride(...override);
  return app;
}

/** Settles with the run or the error it failed with. */
const outcome = (run: Promise<OfflineRun>) => run.catch((e: unknown) => e);

describeTerraform("offline Terraform harness", () => {
  // Started together: the three stacks plan side by side.
  const ok = outcome(planStack(vpcStack("ok", "10.9.0.0/16"), "ok"));
  // An attribute the aws_vpc schema does not have: cdktf accepts it, Terraform does not.
  const broken = outcome(planStack(vpcStack("broken", "10.9.0.0/16", ["no_such_argument", true]), "broken"));
  const badCidr = outcome(planStack(vpcStack("badcidr", "not-a-cidr"), "badcidr"));
  // Dev planned on a warm provider (one that other stacks configured before) and on a fresh one.
  const warm = runOffline(synthesizedEnvironment(dev));
  const fresh = runOffline(synthesizedEnvironment(dev), { warmProvider: false });

  it("returns the parsed plan of a valid stack", async () => {
    const { plan } = (await ok) as OfflineRun;
    expect(plan?.resource_changes?.map((rc) => [rc.address, rc.change.actions])).toEqual([
      ["aws_vpc.vpc", ["create"]],
    ]);
  });

  it("fails with Terraform's own message when the stack is broken", async () => {
    const failure = await broken;
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).step).toBe("validate");
    expect((failure as TerraformError).message).toMatch(/Error: Extraneous JSON object property/);
    expect((failure as TerraformError).message).toMatch(/No argument or block type is named "no_such_argument"/);
  });

  it("fails with the provider's message when it rejects a value", async () => {
    const failure = await badCidr;
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).message).toMatch(/not-a-cidr/);
  });

  it("plans on a warm provider exactly what a provider started for the plan plans", async () => {
    // Only the plan's time and the order of a list Terraform builds from a map differ between runs.
    const comparable = ({ plan }: OfflineRun) => {
      const { timestamp: _, relevant_attributes, ...rest } = plan as PlanJson & { timestamp?: string; relevant_attributes?: unknown[] };
      return { ...rest, relevant_attributes: (relevant_attributes ?? []).map((a) => JSON.stringify(a)).sort() };
    };
    const [onWarm, onFresh] = await Promise.all([warm, fresh]);
    expect(onWarm.plan?.resource_changes?.length).toBeGreaterThan(50);
    expect(comparable(onWarm)).toEqual(comparable(onFresh));
  });
});
