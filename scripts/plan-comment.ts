import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { command, EXIT, runMain } from "./lib/cli";
import { joinVerdicts, type GuardVerdict } from "./lib/guard";
import type { PlanSummary } from "./lib/plan-summary";
import { artifactOf, COMMENT_LIMIT, renderMarkdown, type MarkdownOptions } from "./lib/render-summary";

interface SavedSummary {
  readonly verdict: GuardVerdict;
  readonly summaries: readonly PlanSummary[];
}

const ORDER = ["dev", "stage", "prod"];
const rank = (env: string) => (ORDER.includes(env) ? ORDER.indexOf(env) : ORDER.length);

/**
 * The comment for the plans saved in `dirs` (each holding the summary.json and `<env>/show.txt`
 * that `npm run plan` wrote); a folder without a summary is reported as missing.
 */
export function mergeSummaries(dirs: readonly string[], options: MarkdownOptions = {}): string {
  const saved = dirs
    .filter((dir) => existsSync(join(dir, "summary.json")))
    .map((dir) => ({ dir, ...(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as SavedSummary) }));
  const summaries = saved
    .flatMap((s) => s.summaries)
    .sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
  const showTexts: Record<string, string> = {};
  for (const { dir, summaries: own } of saved) {
    for (const { environment } of own) {
      const file = join(dir, environment, "show.txt");
      if (existsSync(file)) showTexts[environment] = readFileSync(file, "utf8");
    }
  }
  const missing = dirs.length - saved.length;
  const note = missing > 0 ? `\n_${missing} environment(s) produced no plan: see the workflow run._\n` : "";
  const limit = (options.limit ?? COMMENT_LIMIT) - note.length;
  return renderMarkdown(summaries, joinVerdicts(saved.map((s) => s.verdict)), { ...options, showTexts, limit }) + note;
}

export const planComment = command({
  name: "plan:comment",
  usage: "npm run plan:comment -- <dir> [<dir> …] [--out <file>]",
  help: `Joins the summaries that \`npm run plan\` wrote (one folder per environment, as the pull-request
workflow's matrix produces them: <dir>/summary.json and <dir>/<env>/show.txt) into one Markdown
comment with one guard verdict, no longer than GitHub's comment limit.

  --out <file>   write the comment there instead of printing it

Exit codes: 0 written · 1 a summary could not be read · 2 bad usage (no folder given).`,
  options: { out: { type: "string" } },
  positionals: { name: "folder holding a summary.json", min: 1, max: Number.POSITIVE_INFINITY },
  run({ values, positionals }) {
    const markdown = mergeSummaries(positionals, { artifact: artifactOf(process.env, "the folders given") });
    if (values.out) writeFileSync(values.out, markdown);
    else process.stdout.write(markdown);
    return EXIT.ok;
  },
});

if (require.main === module) runMain(planComment);
