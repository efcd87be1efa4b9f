import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { synthesize } from "../envs/app";
import { command, EXIT, runMain, UsageError } from "./lib/cli";
import { driftOf, planDetailed, renderDriftMarkdown, renderDriftText } from "./lib/drift";
import { settleAll } from "./lib/plan-run";
import { readState, terraformFailure } from "./lib/state-option";
import { runOffline, terraform, terraformEnv, type PlanJson } from "./lib/terraform";

/** A refreshing plan of the synthesized stack against its real backend, read as JSON. */
async function planReal(stackDir: string): Promise<PlanJson> {
  const scratch = mkdtempSync(join(tmpdir(), "drift-"));
  try {
    await terraform(["init", "-input=false", "-no-color"], stackDir, terraformEnv());
    await planDetailed(stackDir, join(scratch, "drift.tfplan"));
    return JSON.parse(await terraform(["show", "-json", "-no-color", join(scratch, "drift.tfplan")], stackDir, terraformEnv())) as PlanJson;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Offline, the state given stands for what is deployed (nothing can be refreshed without AWS). */
async function planOffline(stackDir: string, state: string | undefined): Promise<PlanJson> {
  return (await runOffline(stackDir, { state, validate: false })).plan!;
}

export const drift = command({
  name: "drift",
  usage: "npm run drift -- <env|env,env|all> [--out <dir>] [--offline --state <dir>]",
  help: `Plans each environment against its real state with refresh on and reports drift: resources
changed outside Terraform (a console edit) and what a deploy would change to match the
configuration. Writes <out>/drift.md (for $GITHUB_STEP_SUMMARY) and <out>/drift.json, and prints
the report. An environment whose backend holds no state is reported as not deployed.

  --out <dir>      where the report goes (default .plans)
  --offline        plan in a temporary copy against --state <dir>/<env>.tfstate instead of the
                   backend (nothing is refreshed: the state stands for what is deployed)
  --state <dir>    the states for --offline; a folder without a readable state for an
                   environment is an error

Exit codes: 0 no drift · 1 synth or Terraform failed · 2 bad usage, invalid configuration or an
unreadable state · 4 drift found.`,
  options: { out: { type: "string" }, offline: { type: "boolean" }, state: { type: "string" } },
  positionals: { name: "environment (dev, dev,prod or all)", min: 1, max: 1 },
  async run({ values, positionals }) {
    const states = { offline: values.offline === true, stateDir: values.state, emptyState: false };
    if (states.offline !== (states.stateDir !== undefined)) throw new UsageError("--offline and --state go together: offline, the state given stands for what is deployed");
    const out = resolve(values.out ?? ".plans");
    const { app, configs } = synthesize({ names: positionals[0] === "all" ? "" : positionals[0]!, env: process.env });
    // Every state is checked before Terraform runs, so a bad path fails fast and by name.
    const given = configs.map((config) => readState(config.name, states));
    const reports = await settleAll(
      configs.map(async (config, i) => {
        const stackDir = resolve(app.outdir, "stacks", config.name);
        const { state, file } = given[i]!;
        const plan = await (states.offline ? planOffline(stackDir, state) : planReal(stackDir)).catch((error: unknown) => {
          throw terraformFailure(error, config.name, file);
        });
        return driftOf(config.name, plan);
      }),
    );
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "drift.md"), renderDriftMarkdown(reports));
    writeFileSync(join(out, "drift.json"), `${JSON.stringify({ offline: states.offline, reports }, null, 2)}\n`);
    process.stdout.write(renderDriftText(reports));
    console.log(`\nReport in ${join(out, "drift.md")}`);
    return reports.some((r) => r.drifted) ? EXIT.drift : EXIT.ok;
  },
});

if (require.main === module) runMain(drift);
