/**
 * npm run plan:comment -- <dir> [<dir> …] [--out <file>]
 *
 * Joins the summary.json files that `npm run plan` wrote (one folder per environment, as the
 * pull-request workflow's matrix produces them) into one Markdown comment with one guard
 * verdict, so a pull request carries a single comment for every environment.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderMarkdown, type GuardVerdict, type PlanSummary } from "./lib/plan-summary";

interface SavedSummary {
  readonly verdict: GuardVerdict;
  readonly summaries: readonly PlanSummary[];
}

/** The comment for the plans saved in `dirs`; a folder without a summary is reported as missing. */
export function mergeSummaries(dirs: readonly string[]): string {
  const saved = dirs
    .map((dir) => join(dir, "summary.json"))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as SavedSummary);
  const order = ["dev", "stage", "prod"];
  const rank = (env: string) => (order.includes(env) ? order.indexOf(env) : order.length);
  const summaries = saved.flatMap((s) => s.summaries).sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
  const verdict: GuardVerdict = { blocked: saved.some((s) => s.verdict.blocked), reasons: saved.flatMap((s) => s.verdict.reasons) };
  const missing = dirs.length - saved.length;
  return renderMarkdown(summaries, verdict) + (missing > 0 ? `\n_${missing} environment(s) produced no plan: see the workflow run._\n` : "");
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
  const markdown = mergeSummaries(args);
  if (out) writeFileSync(out, markdown);
  else process.stdout.write(markdown);
}
