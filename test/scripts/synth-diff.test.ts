import { describe, expect, it } from "vitest";
import { EnvironmentStack, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffStacks, diffTrees, differingPaths, renderDiff } from "../../scripts/lib/synth-diff";
import { tempApp } from "../support/terraform";

function tree(...configs: EnvironmentConfig[]): string {
  const app = tempApp();
  for (const config of configs) new EnvironmentStack(app, config);
  app.synth();
  return app.outdir;
}

/** The full address of the resource in `outdir`'s dev stack whose address starts with `prefix`. */
function readAddress(outdir: string, prefix: string): string {
  const stack = JSON.parse(readFileSync(join(outdir, "stacks", "dev", "cdk.tf.json"), "utf8")) as {
    resource: Record<string, Record<string, unknown>>;
  };
  const [type] = prefix.split(".");
  const name = Object.keys(stack.resource[type!]!).find((n) => `${type}.${n}`.startsWith(prefix));
  return `${type}.${name}`;
}

describe("synth diff", () => {
  const base = tree(dev);
  const head = tree(
    {
      ...dev,
      compute: { ...dev.compute, instanceType: "t3.small" },
      loadBalancer: { ...dev.loadBalancer, healthCheck: { path: "/ready" } },
      messaging: { ...dev.messaging!, queues: [...dev.messaging!.queues, { name: "audit" }] },
    },
    { ...dev, name: "qa", network: { ...dev.network, cidr: "10.40.0.0/16" } },
  );
  const [devDiff, qaDiff] = diffTrees(base, head);

  it("names changed resources with the attribute paths that differ", () => {
    expect(devDiff!.resources.changed).toEqual(
      expect.arrayContaining([
        { address: expect.stringMatching(/^aws_launch_template\.compute_launch-template_/), paths: ["instance_type"] },
        { address: expect.stringMatching(/^aws_lb_target_group\.load-balancer_target-group_/), paths: ["health_check.path"] },
      ]),
    );
  });

  it("lists added resources and leaves unchanged ones out", () => {
    // The queue, its dead-letter queue, their two policies, redrive-allow policy, subscription and DLQ alarm.
    expect(devDiff!.resources.added).toHaveLength(7);
    expect(devDiff!.resources.added).toContainEqual(expect.stringMatching(/^aws_sqs_queue\.messaging_queue-audit_/));
    expect(devDiff!.resources.removed).toEqual([]);
    expect(devDiff!.resources.changed.map((c) => c.address)).not.toContainEqual(expect.stringMatching(/^aws_vpc\./));
  });

  it("reports provider settings that change every resource, such as default tags", () => {
    const [tagged] = diffTrees(base, tree({ ...dev, tags: { CostCenter: "finance" } }));
    expect(tagged).toMatchObject({ stack: "changed", settings: ["provider.aws[0].default_tags[0].tags.CostCenter"] });
    expect(renderDiff([tagged!], "main")).toContain("  ~ provider.aws[0].default_tags[0].tags.CostCenter");
  });

  it("shows a renamed resource with a moved block as a move, not a destroy and a create", () => {
    const stack = JSON.parse(readFileSync(join(base, "stacks", "dev", "cdk.tf.json"), "utf8"));
    const original = readAddress(base, "aws_sqs_queue.messaging_queue-order-queue_");
    const queues = stack.resource.aws_sqs_queue;
    const renamed = {
      ...stack,
      resource: { ...stack.resource, aws_sqs_queue: { ...queues, orders: queues[original.split(".")[1]!] } },
      moved: [{ from: original, to: "aws_sqs_queue.orders" }],
    };
    delete renamed.resource.aws_sqs_queue[original.split(".")[1]!];
    const d = diffStacks("dev", stack, renamed);
    expect(d.resources.moved).toEqual([{ from: original, to: "aws_sqs_queue.orders" }]);
    expect(d.resources.removed).toEqual([]);
    expect(d.resources.added).toEqual([]);
    expect(renderDiff([d], "main")).toContain(`  > ${original} -> aws_sqs_queue.orders (moved, not replaced)`);
  });

  it("reports a stack that exists on one side only", () => {
    expect(qaDiff).toMatchObject({ environment: "qa", stack: "added" });
  });

  it("reports no changes for identical trees", () => {
    expect(diffTrees(base, tree(dev))).toEqual([expect.objectContaining({ environment: "dev", stack: "unchanged" })]);
  });

  it("renders each environment with + - ~ lines", () => {
    const text = renderDiff([devDiff!], "main");
    expect(text).toMatch(/^Synthesized changes against main:\n\ndev: changed\n/);
    expect(text).toMatch(/~ aws_launch_template\.compute_launch-template_[0-9A-F]{8}: instance_type/);
  });

  it("finds the paths at which two values differ", () => {
    expect(differingPaths({ a: { b: [1, 2] }, c: 1 }, { a: { b: [1, 3] }, c: 1, d: 2 })).toEqual(["a.b[1]", "d"]);
  });
});
