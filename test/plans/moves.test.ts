import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { TerraformStack } from "cdktf";
import { beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { simulateDeploy } from "../support/simulated-deploy";
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
  (plan.resource_changes ?? []).map((rc) => ({
    address: rc.address,
    actions: rc.change.actions,
    from: (rc as { previous_address?: string }).previous_address,
  }));

describeTerraform("renaming a construct, with and without cdktf's move API", () => {
  let renamed: Promise<PlanJson>;
  let moved: Promise<PlanJson>;

  beforeAll(async () => {
    const app = queueStack("original");
    app.synth();
    const { state } = await simulateDeploy(join(app.outdir, "stacks", "moves"));
    // Both renames planned at once against the deployed queue.
    const planAgainst = (id: string, movedFrom?: string) =>
      planStack(queueStack(id, movedFrom), "moves", { state }).then((run) => run.plan!);
    renamed = planAgainst("renamed");
    moved = planAgainst("renamed", "aws_sqs_queue.original");
    renamed.catch(() => undefined);
    moved.catch(() => undefined);
  });

  it("without a move, Terraform destroys the queue and creates another (its messages are lost)", async () => {
    expect(changes(await renamed)).toEqual([
      { address: "aws_sqs_queue.original", actions: ["delete"], from: undefined },
      { address: "aws_sqs_queue.renamed", actions: ["create"], from: undefined },
    ]);
  });

  it("with moveFromId, Terraform moves the same queue to its new address and changes nothing", async () => {
    expect(changes(await moved)).toEqual([{ address: "aws_sqs_queue.renamed", actions: ["no-op"], from: "aws_sqs_queue.original" }]);
  });
});
