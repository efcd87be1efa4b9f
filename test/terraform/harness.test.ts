import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { expect, it } from "vitest";
import { describeTerraform, planStack, tempApp, TerraformError } from "../support/terraform";

describeTerraform("offline Terraform harness", () => {
  it("returns the parsed plan of a valid stack", async () => {
    const app = tempApp();
    const stack = new TerraformStack(app, "ok");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new Vpc(stack, "vpc", { cidrBlock: "10.9.0.0/16" });
    const { plan } = await planStack(app, "ok");
    expect(plan?.resource_changes?.map((rc) => [rc.address, rc.change.actions])).toEqual([
      ["aws_vpc.vpc", ["create"]],
    ]);
  });

  it("fails with Terraform's own message when the stack is broken", async () => {
    const app = tempApp();
    const stack = new TerraformStack(app, "broken");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    // An attribute the aws_vpc schema does not have: cdktf accepts it, Terraform does not.
    new Vpc(stack, "vpc", { cidrBlock: "10.9.0.0/16" }).addOverride("no_such_argument", true);
    const failure = await planStack(app, "broken").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).step).toBe("validate");
    expect((failure as TerraformError).message).toMatch(/Error: Extraneous JSON object property/);
    expect((failure as TerraformError).message).toMatch(/No argument or block type is named "no_such_argument"/);
  });

  it("fails with the provider's message when it rejects a value", async () => {
    const app = tempApp();
    const stack = new TerraformStack(app, "badcidr");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new Vpc(stack, "vpc", { cidrBlock: "not-a-cidr" });
    const failure = await planStack(app, "badcidr").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).message).toMatch(/not-a-cidr/);
  });
});
