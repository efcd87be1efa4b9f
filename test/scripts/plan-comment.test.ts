import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeSummaries } from "../../scripts/plan-comment";
import { guard } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import type { PlanJson } from "../../scripts/lib/terraform";

const destroyQueue: PlanJson = {
  format_version: "1.2",
  terraform_version: "1.11.4",
  resource_changes: [{ address: "aws_sqs_queue.q", mode: "managed", type: "aws_sqs_queue", name: "q", change: { actions: ["delete"], before: {}, after: null } }],
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
