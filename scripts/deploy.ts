import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesize } from "../envs/app";
import { applyPlan, confirm } from "./lib/apply";
import { command, CommandError, EXIT, runMain, UsageError } from "./lib/cli";
import { protectedList } from "./lib/guard";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planSettings } from "./lib/plan-options";
import { planEnvironments } from "./lib/plan-run";
import { summarize } from "./lib/plan-summary";
import { renderText } from "./lib/render-summary";
import { withEmulator } from "./lib/emulator";
import { checkStateChoice, readState, terraformFailure, type StateChoice } from "./lib/state-option";
import { runOffline, terraform, terraformEnv, type PlanJson } from "./lib/terraform";

const question = (env: string) => `Apply this plan to ${env}? [y/N]`;

/** Plans, guards, shows the summary, asks, then applies exactly the saved plan file; with `--local`, into the emulator. */
async function planAndApply(env: string, values: Parameters<typeof planSettings>[0] & { "plan-only"?: boolean; yes?: boolean }): Promise<number> {
  const { states, override, out } = planSettings(values);
  return withEmulator(values, (local) => planAndApplyTo(env, values, { states, override, out, local }));
}

async function planAndApplyTo(env: string, values: { "plan-only"?: boolean; yes?: boolean }, settings: ReturnType<typeof planSettings> & { local?: string }): Promise<number> {
  const run = await planEnvironments({ names: env, ...settings, keepWorkdirs: true });
  const { out } = settings;
  try {
    process.stdout.write(run.text);
    const [planned] = run.planned;
    if (run.verdict.blocked) {
      console.log(`\nNothing applied: the guard blocked the plan. The plan and its summary are in ${out}.`);
      return EXIT.guarded;
    }
    console.log(`\nSaved plan: ${planned!.planFile}`);
    if (values["plan-only"]) return EXIT.ok;
    const c = planned!.summary.counts;
    if (c.create + c.update + c.replace + c.destroy + c.move === 0 && planned!.summary.outputs.length === 0) {
      console.log(`No changes: nothing to apply to ${env}.`);
      return EXIT.ok;
    }
    if (!values.yes && !(await confirm(question(env)))) {
      console.log("Not applied: nothing changed.");
      return EXIT.ok;
    }
    await applyPlan(env, planned!.planFile, planned!.workdir);
    if (settings.local) process.stdout.write(`\nOutputs of ${env} (in the emulator at ${settings.local}):\n${await outputsText(planned!.workdir)}`);
    return EXIT.ok;
  } finally {
    run.discard();
  }
}

/** `terraform output` of an applied folder, as Terraform prints it. */
function outputsText(workdir: string): Promise<string> {
  return terraform(["output", "-no-color"], workdir, terraformEnv());
}

/** An initialized folder of `env`'s configuration as synthesized from this commit, and how to clean it up. */
async function initialized(env: string, states: StateChoice): Promise<{ workdir: string; discard: () => void }> {
  const { app } = synthesize({ names: env, env: process.env });
  const stackDir = resolve(app.outdir, "stacks", env);
  if (!states.offline) {
    await terraform(["init", "-input=false", "-no-color"], stackDir, terraformEnv()).catch((error: unknown) => {
      throw terraformFailure(error, env, undefined);
    });
    return { workdir: stackDir, discard: () => undefined };
  }
  const { state, file } = readState(env, states);
  const run = await runOffline(stackDir, { plan: false, keep: true, state }).catch((error: unknown) => {
    throw terraformFailure(error, env, file);
  });
  return { workdir: run.workdir, discard: () => rmSync(run.workdir, { recursive: true, force: true }) };
}

/** CI's apply job: applies the plan file the plan job saved, exactly; a stale plan is exit 5. */
async function applySaved(env: string, dir: string, values: { offline?: boolean; state?: string; "empty-state"?: boolean; yes?: boolean }): Promise<number> {
  const planFile = resolve(dir, "plan.tfplan");
  if (!existsSync(planFile)) throw new CommandError(`--apply-saved ${dir} holds no plan.tfplan; expected the folder a plan saved for ${env} (<out>/${env}/)`, EXIT.usage);
  const states = { offline: values.offline === true, stateDir: values.state, emptyState: values["empty-state"] === true };
  checkStateChoice(states);
  const { workdir, discard } = await initialized(env, states);
  try {
    const saved = join(dir, "plan.json");
    if (existsSync(saved)) {
      const summary = summarize(env, JSON.parse(readFileSync(saved, "utf8")) as PlanJson, { list: protectedList(process.env) });
      process.stdout.write(renderText([summary]));
    }
    console.log(`\nSaved plan: ${planFile}`);
    if (!values.yes && !(await confirm(question(env)))) {
      console.log("Not applied: nothing changed.");
      return EXIT.ok;
    }
    await applyPlan(env, planFile, workdir);
    return EXIT.ok;
  } finally {
    discard();
  }
}

export const deploy = command({
  name: "deploy",
  usage: `npm run deploy -- <env> [--offline] [--state <dir> | --empty-state] [--allow-destroy] [--override-reason <text>] [--out <dir>] [--plan-only] [--yes]
       npm run deploy -- <env> --local [--endpoint <url>] [--empty-state] [--yes]
       npm run deploy -- <env> --apply-saved <dir> [--yes]`,
  help: `Deploys one environment from a plan that was summarized and guarded: synthesizes, plans to
<out>/<env>/plan.tfplan, summarizes, applies the guard (the same rules as npm run plan), prints
the summary, asks "Apply this plan to <env>? [y/N]" unless --yes, then runs
\`terraform apply <out>/<env>/plan.tfplan\`: exactly the plan that was shown. Answering anything
but y applies nothing and exits 0.

${PLAN_OPTIONS_HELP}
  --plan-only               stop after the guard (CI's plan job saves <out>/<env>/ as an artifact)
  --yes                     apply without asking
  --apply-saved <dir>       CI's apply job: synthesize this commit again, terraform init, and apply
                            <dir>/plan.tfplan exactly (with --offline: --state or --empty-state
                            give the state, as for a plan)

Offline, everything up to the apply step runs without a cloud account; the apply itself needs AWS.
With --local the whole path, apply included, runs against the emulator, and the environment's
outputs are printed at the end.

Exit codes: 0 applied, not applied on request, or nothing to apply · 1 synth or Terraform failed ·
2 bad usage, invalid configuration or an unreadable state · 3 the guard blocked the plan (nothing
applied) · 5 the saved plan is stale (nothing applied).`,
  options: { ...PLAN_OPTIONS, "plan-only": { type: "boolean" }, yes: { type: "boolean" }, "apply-saved": { type: "string" } },
  positionals: { name: "environment (dev, stage or prod)", min: 1, max: 1 },
  run({ values, positionals }) {
    const env = positionals[0]!;
    if (env === "all" || env.includes(",")) throw new UsageError("deploy takes one environment at a time");
    const dir = values["apply-saved"];
    if (dir === undefined) return planAndApply(env, values);
    const planOnly = (["plan-only", "allow-destroy", "override-reason", "out", "local", "endpoint"] as const).filter((o) => values[o] !== undefined);
    if (planOnly.length > 0) throw new UsageError(`--apply-saved applies a saved plan: --${planOnly[0]} does not go with it`);
    return applySaved(env, dir, values);
  },
});

if (require.main === module) runMain(deploy);
