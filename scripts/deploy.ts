import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { applyPlan, confirm } from "./lib/apply";
import { command, CommandError, EXIT, runMain, UsageError } from "./lib/cli";
import { guard, protectedList, type SynthesizedStack } from "./lib/guard";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planSettings } from "./lib/plan-options";
import { summarize } from "./lib/plan-summary";
import { renderText } from "./lib/render-summary";
import { withEmulator } from "./lib/emulator";
import { checkStateChoice, readState, terraformFailure, type StateChoice } from "./lib/state-option";
import { OFFLINE_OVERRIDE, OVERRIDE_FILE, terraform, terraformEnv, type PlanJson } from "./lib/terraform";

const question = (env: string) => `Apply this plan to ${env}? [y/N]`;

/** Plans, guards, shows the summary, asks, then applies exactly the saved plan file; with `--local`, into the emulator. */
async function planAndApply(
  env: string,
  values: Parameters<typeof planSettings>[0] & { "plan-only"?: boolean; yes?: boolean },
): Promise<number> {
  const { states, override, out } = planSettings(values);
  // Placeholder credentials reach no AWS: an apply could only fail, after the summary said it would go ahead.
  if (states.offline && !values["plan-only"])
    throw new UsageError(
      "--offline plans with placeholder credentials and cannot apply: add --plan-only to stop after the guard, or apply into the local emulator with --local",
    );
  return withEmulator(values, (local) => planAndApplyTo(env, values, { states, override, out, local }));
}

async function planAndApplyTo(
  env: string,
  values: { "plan-only"?: boolean; yes?: boolean },
  settings: ReturnType<typeof planSettings> & { local?: string },
): Promise<number> {
  // Loaded here, not at the top: --apply-saved must not load the environments' code (plan-run synthesizes them).
  const { planEnvironments } = require("./lib/plan-run") as typeof import("./lib/plan-run");
  const run = await planEnvironments({ names: env, ...settings, keepWorkdirs: true });
  const { out } = settings;
  try {
    process.stdout.write(run.text);
    const [planned] = run.planned;
    if (run.verdict.blocked) {
      console.log(`\nNothing applied: the guard blocked the plan. The plan and its summary are in ${out}.`);
      return EXIT.guarded;
    }
    console.log(`\nSaved plan: ${planned!.planFile} (sha256 ${sha256Of(planned!.planFile)})`);
    if (values["plan-only"]) return EXIT.ok;
    const c = planned!.summary.counts;
    if (c.create + c.update + c.replace + c.destroy + c.move + c.forget === 0 && planned!.summary.outputs.length === 0) {
      console.log(`No changes: nothing to apply to ${env}.`);
      return EXIT.ok;
    }
    if (!values.yes && !(await confirm(question(env)))) {
      console.log("Not applied: nothing changed.");
      return EXIT.ok;
    }
    await applyPlan(env, planned!.planFile, planned!.workdir);
    // Terraform's apply has just printed the outputs: say only where they live.
    if (settings.local) console.log(`\nApplied ${env} in the emulator at ${settings.local}; its outputs are above.`);
    return EXIT.ok;
  } finally {
    run.discard();
  }
}

/** The SHA-256 of a file, as `sha256sum` prints it. */
export function sha256Of(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * An initialized copy of the configuration saved beside the plan (`<dir>/stack/`), and how to
 * clean it up. Nothing is synthesized: no project code runs with the apply's credentials.
 * Offline, the copy gets the offline override and the given state, as a plan does.
 */
async function initialized(env: string, stackDir: string, states: StateChoice): Promise<{ workdir: string; discard: () => void }> {
  const { state, file } = states.offline ? readState(env, states) : { state: undefined, file: undefined };
  const workdir = mkdtempSync(join(tmpdir(), "apply-saved-"));
  const discard = () => rmSync(workdir, { recursive: true, force: true });
  cpSync(stackDir, workdir, { recursive: true });
  if (states.offline) writeFileSync(join(workdir, OVERRIDE_FILE), JSON.stringify(OFFLINE_OVERRIDE));
  if (state !== undefined) writeFileSync(join(workdir, "terraform.tfstate"), state);
  const lockfile = existsSync(join(workdir, ".terraform.lock.hcl")) ? ["-lockfile=readonly"] : [];
  await terraform(["init", "-input=false", "-no-color", ...lockfile], workdir, terraformEnv()).catch((error: unknown) => {
    discard();
    throw terraformFailure(error, env, file);
  });
  return { workdir, discard };
}

interface ApplySavedValues {
  readonly digest?: string;
  readonly offline?: boolean;
  readonly state?: string;
  readonly "empty-state"?: boolean;
  readonly "allow-destroy"?: boolean;
  readonly "override-reason"?: string;
  readonly yes?: boolean;
}

/**
 * CI's apply job, for people: checks the plan file against the digest its plan job published,
 * inits the configuration saved with it, summarizes and guards what that very file will do
 * (`terraform show -json` of it, never a JSON file beside it), asks, and applies it. A missing or
 * different digest, or a stale plan, is exit 5; a blocked plan exit 3.
 */
async function applySaved(env: string, dir: string, values: ApplySavedValues): Promise<number> {
  const planFile = resolve(dir, "plan.tfplan");
  if (!existsSync(planFile))
    throw new CommandError(
      `--apply-saved ${dir} holds no plan.tfplan; expected the folder a plan saved for ${env} (<out>/${env}/)`,
      EXIT.usage,
    );
  const stackDir = resolve(dir, "stack");
  if (!existsSync(join(stackDir, "cdk.tf.json")) && !existsSync(join(stackDir, "cdk.tf"))) {
    throw new CommandError(
      `--apply-saved ${dir} holds no stack/ beside plan.tfplan; expected the folder a plan saved for ${env} (<out>/${env}/), with the configuration it was planned from`,
      EXIT.usage,
    );
  }
  if (values.digest === undefined) {
    throw new CommandError(
      `--apply-saved needs --digest <sha256>: the digest of plan.tfplan that its plan published. Nothing was applied.`,
      EXIT.stale,
    );
  }
  const actual = sha256Of(planFile);
  if (values.digest.trim().toLowerCase() !== actual) {
    throw new CommandError(
      `${planFile} is not the plan that was reviewed: its SHA-256 is ${actual}, not ${values.digest.trim()}. Nothing was applied.`,
      EXIT.stale,
    );
  }
  const states = { offline: values.offline === true, stateDir: values.state, emptyState: values["empty-state"] === true };
  checkStateChoice(states);
  const override = planSettings({ "allow-destroy": values["allow-destroy"], "override-reason": values["override-reason"] }).override;
  const list = protectedList(process.env);
  if (list.warning) process.stderr.write(`warning: ${list.warning}\n`);
  const { workdir, discard } = await initialized(env, stackDir, states);
  try {
    const shown = await terraform(["show", "-json", "-no-color", planFile], workdir, terraformEnv()).catch((error: unknown) => {
      throw terraformFailure(error, env, undefined);
    });
    const stack = JSON.parse(
      readFileSync(existsSync(join(stackDir, "cdk.tf.json")) ? join(stackDir, "cdk.tf.json") : join(stackDir, "metadata.json"), "utf8"),
    ) as SynthesizedStack;
    const summary = summarize(env, JSON.parse(shown) as PlanJson, { list, stack });
    const verdict = guard([summary], override);
    process.stdout.write(renderText([summary], verdict));
    if (verdict.blocked) {
      console.log(`\nNothing applied: the guard blocked the saved plan.`);
      return EXIT.guarded;
    }
    console.log(`\nSaved plan: ${planFile} (sha256 ${actual})`);
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
       npm run deploy -- <env> --apply-saved <dir> --digest <sha256> [--offline [--state <dir> | --empty-state]] [--allow-destroy] [--override-reason <text>] [--yes]`,
  help: `Deploys one environment from a plan that was summarized and guarded: synthesizes, plans to
<out>/<env>/plan.tfplan, summarizes, applies the guard (the same rules as npm run plan), prints
the summary, asks "Apply this plan to <env>? [y/N]" unless --yes, then runs
\`terraform apply <out>/<env>/plan.tfplan\`: exactly the plan that was shown. Answering anything
but y applies nothing and exits 0.

${PLAN_OPTIONS_HELP}
  --plan-only               stop after the guard (CI's plan job saves <out>/<env>/ as an artifact)
  --yes                     apply without asking
  --apply-saved <dir>       apply <dir>/plan.tfplan exactly: check its SHA-256 against --digest,
                            terraform init the configuration saved with it (<dir>/stack/; nothing
                            is synthesized, so no project code runs), summarize and guard what
                            that file will do, ask, apply (with --offline: --state or
                            --empty-state give the state, as for a plan)
  --digest <sha256>         the plan file's SHA-256 as its plan printed or published it; missing
                            or different: exit 5, nothing applied

--offline plans without a cloud account, so it goes with --plan-only (or --apply-saved, to test
that path); an offline deploy that would apply is refused. With --local the whole path, apply
included, runs against the emulator, and the apply ends with the environment's outputs.

Exit codes: 0 applied, not applied on request, or nothing to apply · 1 synth or Terraform failed ·
2 bad usage, invalid configuration or an unreadable state · 3 the guard blocked the plan (nothing
applied) · 5 the saved plan is stale, or not the one reviewed (nothing applied).`,
  options: {
    ...PLAN_OPTIONS,
    "plan-only": { type: "boolean" },
    yes: { type: "boolean" },
    "apply-saved": { type: "string" },
    digest: { type: "string" },
  },
  positionals: { name: "environment (dev, stage or prod)", min: 1, max: 1 },
  run({ values, positionals }) {
    const env = positionals[0]!;
    if (env === "all" || env.includes(",")) throw new UsageError("deploy takes one environment at a time");
    const dir = values["apply-saved"];
    if (dir === undefined) {
      if (values.digest !== undefined) throw new UsageError("--digest goes with --apply-saved");
      return planAndApply(env, values);
    }
    const planOnly = (["plan-only", "out", "local", "endpoint"] as const).filter((o) => values[o] !== undefined);
    if (planOnly.length > 0) throw new UsageError(`--apply-saved applies a saved plan: --${planOnly[0]} does not go with it`);
    return applySaved(env, dir, values);
  },
});

if (require.main === module) runMain(deploy);
