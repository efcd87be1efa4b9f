import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { expect, it } from "vitest";
import { describeTerraform, planStack, tempApp, TerraformError, type OfflineRun } from "../support/terraform";

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

  it("returns the parsed plan of a valid stack", async () => {
    const { plan } = (await ok) as OfflineRun;
    expect(plan?.resource_changes?.map((rc) => [rc.address, rc.change.actions])).toEqual([["aws_vpc.vpc", ["create"]]]);
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
});
