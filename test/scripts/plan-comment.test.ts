import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT } from "../../scripts/lib/render-summary";
import { mergeSummaries } from "../../scripts/plan-comment";
import { guard } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import type { PlanJson } from "../../scripts/lib/terraform";

const destroyQueue: PlanJson = {
  format_version: "1.2",
  terraform_version: "1.11.4",
  resource_changes: [
    {
      address: "aws_sqs_queue.q",
      mode: "managed",
      type: "aws_sqs_queue",
      name: "q",
      change: { actions: ["delete"], before: {}, after: null },
    },
  ],
};
const nothing: PlanJson = { format_version: "1.2", terraform_version: "1.11.4", resource_changes: [] };

function saved(root: string, env: string, plan: PlanJson, production: boolean): string {
  const dir = join(root, env);
  mkdirSync(dir);
  const summaries = [summarize(env, plan, { production })];
  writeFileSync(join(dir, "summary.json"), JSON.stringify({ verdict: guard(summaries, false), summaries }));
  return dir;
}

describe("one pull-request comment for every environment", () => {
  const root = mkdtempSync(join(tmpdir(), "comment-"));
  const dirs = [saved(root, "prod", destroyQueue, true), saved(root, "dev", nothing, false), join(root, "stage")];
  const comment = mergeSummaries(dirs);

  it("starts with the marker the workflow updates its comment by", () => {
    expect(comment.startsWith("<!-- webtier-plan-summary -->\n## Terraform plan")).toBe(true);
  });

  it("lists environments in promotion order, with the prod warning and block on top", () => {
    expect(comment.indexOf("| dev |")).toBeLessThan(comment.indexOf("| prod (protected) |"));
    expect(comment.indexOf("[!WARNING]")).toBeLessThan(comment.indexOf("### dev"));
    expect(comment).toContain("> - prod destroys aws_sqs_queue.q: the messages in the queue are lost");
    expect(comment).toContain("**Blocked:** prod (protected) would replace 0 and destroy 1 resource(s)");
  });

  it("says when an environment produced no plan", () => {
    expect(comment).toContain("_1 environment(s) produced no plan: see the workflow run._");
  });
});

describe("the raw plans in the comment", () => {
  const root = mkdtempSync(join(tmpdir(), "comment-raw-"));
  const prod = saved(root, "prod", destroyQueue, true);
  const dev = saved(root, "dev", nothing, false);
  mkdirSync(join(prod, "prod"));
  mkdirSync(join(dev, "dev"));
  writeFileSync(join(prod, "prod", "show.txt"), Array.from({ length: 5000 }, (_, i) => `  # aws_thing.r${i} will be destroyed`).join("\n"));
  writeFileSync(join(dev, "dev", "show.txt"), "No changes. Your infrastructure matches the configuration.\n");
  const comment = mergeSummaries([prod, dev, join(root, "stage")], {
    artifact: "the plan artifacts of [this workflow run](https://github.example/runs/1)",
  });

  it("holds each environment's terraform show text, collapsed, from <dir>/<env>/show.txt", () => {
    expect(comment).toContain(
      "<details><summary>terraform show (dev)</summary>\n\n```\nNo changes. Your infrastructure matches the configuration.\n```",
    );
    expect(comment).toContain("<details><summary>terraform show (prod)</summary>");
  });

  it("stays within GitHub's comment limit, the missing-plan note included, by cutting the raw text only", () => {
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toMatch(
      /The whole plan is `prod\/show\.txt` in the plan artifacts of \[this workflow run\]\(https:\/\/github\.example\/runs\/1\)\._/,
    );
    expect(comment).toContain("> - prod destroys aws_sqs_queue.q: the messages in the queue are lost");
    expect(comment.endsWith("_1 environment(s) produced no plan: see the workflow run._\n")).toBe(true);
  });
});
