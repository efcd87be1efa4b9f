import { describe, expect, it } from "vitest";
import { EnvironmentStack, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { diffTrees, differingPaths, renderDiff } from "../../scripts/lib/synth-diff";
import { tempApp } from "../support/terraform";

function tree(...configs: EnvironmentConfig[]): string {
  const app = tempApp();
  for (const config of configs) new EnvironmentStack(app, config);
  app.synth();
  return app.outdir;
}

describe("synth diff", () => {
  const base = tree(dev);
  const head = tree(
    {
      ...dev,
      compute: { ...dev.compute, instanceType: "t3.small" },
      loadBalancer: { ...dev.loadBalancer, healthCheck: { path: "/ready" } },
      messaging: { ...dev.messaging, queues: [...dev.messaging.queues, { name: "audit" }] },
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
    // The queue, its dead-letter queue, policy, redrive-allow policy, subscription and DLQ alarm.
    expect(devDiff!.resources.added).toHaveLength(6);
    expect(devDiff!.resources.added).toContainEqual(expect.stringMatching(/^aws_sqs_queue\.messaging_queue-audit_/));
    expect(devDiff!.resources.removed).toEqual([]);
    expect(devDiff!.resources.changed.map((c) => c.address)).not.toContainEqual(expect.stringMatching(/^aws_vpc\./));
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
