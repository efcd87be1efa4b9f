import { execFile } from "node:child_process";
import { deployedResources } from "./guard";
import { changedAttributes, summarize, type AttributeChange, type PlanSummary } from "./plan-summary";
import { environmentMarkdown } from "./render-summary";
import { terraformBinary, terraformEnv, TerraformError, type PlanJson } from "./terraform";

/**
 * Drift: how a deployed environment differs from its configuration. A refreshing plan against
 * the real state finds changes made outside Terraform (a console edit: `resource_drift`) and
 * what Terraform would then change to match the configuration (`resource_changes`).
 */

export interface DriftReport {
  readonly environment: string;
  /** False when the state holds nothing: the environment is not deployed (not drift). */
  readonly deployed: boolean;
  /** Resources changed outside Terraform, with the attributes that changed. */
  readonly outside: readonly { readonly address: string; readonly changes: readonly AttributeChange[] }[];
  /** What a deploy of the configuration would change. */
  readonly pending: PlanSummary;
  readonly drifted: boolean;
}

/** The drift one environment's plan shows. Output-only changes are not drift: nothing deployed differs. */
export function driftOf(environment: string, plan: PlanJson): DriftReport {
  const deployed = deployedResources(plan).length > 0;
  // As Terraform's own "changed outside of Terraform" note: only drift that a planned change
  // depends on. A refresh also fills in what the provider left unset at create (an empty list
  // read back, rules of a group managed as separate resources): no change to act on.
  const changed = new Set(
    (plan.resource_changes ?? []).filter((rc) => !["no-op", "read"].includes(rc.change.actions.join())).map((rc) => rc.address),
  );
  const relevant = new Set((plan.relevant_attributes ?? []).map((r) => r.resource));
  const outside = (plan.resource_drift ?? [])
    .filter((rc) => rc.mode === "managed" && !rc.change.actions.includes("no-op") && (changed.has(rc.address) || relevant.has(rc.address)))
    .map((rc) => ({ address: rc.address, changes: changedAttributes(rc.change) }));
  const pending = summarize(environment, plan);
  const c = pending.counts;
  return {
    environment,
    deployed,
    outside,
    pending,
    drifted: deployed && outside.length + c.create + c.update + c.replace + c.destroy + c.move > 0,
  };
}

const statusOf = (r: DriftReport) => (!r.deployed ? "not deployed" : r.drifted ? "drifted" : "in sync");
const pendingOf = ({ counts: c }: PlanSummary) =>
  `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.destroy} to destroy`;

/** Markdown for the job summary: a table, then each drifted environment's details. */
export function renderDriftMarkdown(reports: readonly DriftReport[]): string {
  const lines = ["## Drift", "", "| environment | status | changed outside Terraform | a deploy would |", "| --- | --- | ---: | --- |"];
  for (const r of reports)
    lines.push(`| ${r.environment} | ${r.drifted ? "**drifted**" : statusOf(r)} | ${r.outside.length} | ${pendingOf(r.pending)} |`);
  for (const r of reports.filter((x) => x.drifted)) {
    if (r.outside.length > 0) {
      lines.push("", `### ${r.environment}: changed outside Terraform`, "");
      lines.push(...r.outside.map((o) => `- \`${o.address}\`: ${o.changes.map((ch) => `\`${ch.path}\``).join(", ")}`));
    }
    lines.push(
      ...environmentMarkdown(r.pending, true).map((l) =>
        l === `### ${r.environment}` ? `### ${r.environment}: what a deploy would change` : l,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Plain text for a terminal or a log. */
export function renderDriftText(reports: readonly DriftReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `${r.environment}: ${statusOf(r)}${r.deployed ? ` (${r.outside.length} changed outside Terraform; a deploy would: ${pendingOf(r.pending)})` : ""}`,
    );
    for (const o of r.outside) lines.push(`  ! changed outside Terraform: ${o.address} (${o.changes.map((ch) => ch.path).join(", ")})`);
    if (!r.drifted) continue;
    lines.push(...r.pending.destroys.map((a) => `  - destroy ${a}`), ...r.pending.replacements.map((x) => `  ± replace ${x.address}`));
    lines.push(
      ...r.pending.updates.map((u) => `  ~ update  ${u.address} (${u.changes.map((ch) => ch.path).join(", ")})`),
      ...r.pending.creates.map((a) => `  + create  ${a}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `terraform plan -refresh=true -detailed-exitcode -out=<planFile>` in an initialized folder:
 * exit 0 (no changes) and 2 (changes) are both a successful plan; anything else fails.
 */
export function planDetailed(workdir: string, planFile: string): Promise<void> {
  const args = ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=true", "-detailed-exitcode", `-out=${planFile}`];
  return new Promise((resolve, reject) => {
    execFile(terraformBinary(), args, { cwd: workdir, env: terraformEnv(), maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error || error.code === 2) resolve();
      else reject(new TerraformError("plan", workdir, [stderr, stdout].filter((s) => s.trim()).join("\n") || error.message));
    });
  });
}
