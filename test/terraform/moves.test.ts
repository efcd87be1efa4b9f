import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { TerraformStack } from "cdktf";
import { beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { simulateDeploy } from "../../scripts/lib/state";
import { describeTerraform, planStack, tempApp, type PlanJson } from "../support/terraform";

/** A queue under construct id `id`, optionally declaring where it came from. */
function queueStack(id: string, movedFrom?: string) {
  const app = tempApp();
  const stack = new TerraformStack(app, "moves");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const queue = new SqsQueue(stack, id, { name: "orders" });
  if (movedFrom) queue.moveFromId(movedFrom);
  return app;
}

const changes = (plan: PlanJson) =>
  (plan.resource_changes ?? []).map((rc) => ({ address: rc.address, actions: rc.change.actions, from: (rc as { previous_address?: string }).previous_address }));

describeTerraform("renaming a construct, with and without cdktf's move API", () => {
  let deployed: string;

  beforeAll(async () => {
    const app = queueStack("original");
    app.synth();
    deployed = (await simulateDeploy(join(app.outdir, "stacks", "moves"))).state;
  });

  it("without a move, Terraform destroys the queue and creates another (its messages are lost)", async () => {
    const { plan } = await planStack(queueStack("renamed"), "moves", { state: deployed });
    expect(changes(plan!)).toEqual([
      { address: "aws_sqs_queue.original", actions: ["delete"], from: undefined },
      { address: "aws_sqs_queue.renamed", actions: ["create"], from: undefined },
    ]);
  });

  it("with moveFromId, Terraform moves the same queue to its new address and changes nothing", async () => {
    const { plan } = await planStack(queueStack("renamed", "aws_sqs_queue.original"), "moves", { state: deployed });
    expect(changes(plan!)).toEqual([{ address: "aws_sqs_queue.renamed", actions: ["no-op"], from: "aws_sqs_queue.original" }]);
  });
});
