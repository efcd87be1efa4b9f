import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesize } from "../../envs/app";
import type { EnvironmentConfig } from "../../envs/config";
import { guard, protectedList, type GuardOverride, type GuardVerdict, type SynthesizedStack } from "./guard";
import { summarize, type PlanSummary } from "./plan-summary";
import { artifactOf, renderMarkdown, renderText } from "./render-summary";
import { hostedZonesOf, seedHostedZones } from "./emulator";
import { initLocal } from "./local-run";
import { Progress } from "./progress";
import { readState, requireDeployedState, terraformFailure, type StateChoice } from "./state-option";
import { runOffline, terraform, terraformEnv, type PlanJson } from "./terraform";

/**
 * What `npm run plan` and `npm run deploy` share: synthesize, plan each environment to a file
 * (offline in a temporary copy, or against the real backend), summarize, guard, and write the
 * plans and summaries under one folder.
 */

export interface PlanRunOptions {
  /** Environment names, comma-separated; empty for all. */
  readonly names: string;
  readonly states: StateChoice;
  /** The folder plans and summaries go to (absolute). */
  readonly out: string;
  readonly override: GuardOverride;
  /** Plan against the local emulator at this endpoint (`--local`), in a temporary copy. @default - the backend or offline */
  readonly local?: string;
  /** Keep each offline working folder for an apply (the caller calls `discard`). @default false */
  readonly keepWorkdirs?: boolean;
}

/** One environment, planned: where its plan file is and where Terraform can apply it. */
export interface PlannedEnvironment {
  readonly config: EnvironmentConfig;
  readonly summary: PlanSummary;
  /** `<out>/<env>/plan.tfplan`. */
  readonly planFile: string;
  /** The initialized folder an apply of the plan runs in. */
  readonly workdir: string;
}

export interface PlanRun {
  readonly planned: readonly PlannedEnvironment[];
  readonly verdict: GuardVerdict;
  /** The summary as printed (also `<out>/summary.txt`). */
  readonly text: string;
  /** Removes the temporary working folders of an offline run. */
  discard(): void;
}

interface Planned {
  readonly plan: PlanJson;
  readonly showText: string;
  readonly workdir: string;
  readonly temporary: boolean;
}

/** Like Promise.all, but fails only once every promise has settled, so no Terraform run is left behind. */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Plans against the real backend in the synthesized stack's folder. */
async function planReal(stackDir: string, planFile: string, onStep: (step: string) => void): Promise<Planned> {
  const env = terraformEnv();
  onStep("init");
  await terraform(["init", "-input=false", "-no-color"], stackDir, env);
  onStep("plan");
  // The plan's own report is `terraform show`'s text of it: no second show for reviewers.
  const showText = await terraform(["plan", "-input=false", "-no-color", `-out=${planFile}`], stackDir, env);
  onStep("show");
  const json = await terraform(["show", "-json", "-no-color", planFile], stackDir, env);
  return { plan: JSON.parse(json) as PlanJson, showText, workdir: stackDir, temporary: false };
}

/** Plans offline in a temporary copy, then copies the plan file out to `planFile`. */
async function planOffline(
  stackDir: string,
  planFile: string,
  state: string | undefined,
  onStep: (step: string) => void,
): Promise<Planned> {
  const run = await runOffline(stackDir, { keep: true, state, validate: false, showText: true, onStep });
  copyFileSync(join(run.workdir, "offline.tfplan"), planFile);
  return { plan: run.plan!, showText: run.showText ?? "", workdir: run.workdir, temporary: true };
}

/**
 * Saves the configuration a plan was made from beside it (`<dir>/stack/`): the synthesized files
 * and the provider lock file of the init. An apply of the plan inits this folder and runs no
 * project code: nothing is synthesized again with the apply's credentials.
 */
export function saveConfiguration(stackDir: string, workdir: string, dir: string): void {
  const target = join(dir, "stack");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(stackDir)) {
    if (name.startsWith(".") || name.includes(".tfstate") || !statSync(join(stackDir, name)).isFile()) continue;
    copyFileSync(join(stackDir, name), join(target, name));
  }
  const lock = join(workdir, ".terraform.lock.hcl");
  if (existsSync(lock)) copyFileSync(lock, join(target, ".terraform.lock.hcl"));
}

/** Plans against the local emulator in an initialized temporary copy (local-run.ts). */
async function planLocal(
  stackDir: string,
  environment: string,
  endpoint: string,
  planFile: string,
  onStep: (step: string) => void,
): Promise<Planned> {
  await seedHostedZones(
    endpoint,
    hostedZonesOf(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Parameters<typeof hostedZonesOf>[0]),
  );
  onStep("init");
  const { workdir, discard } = await initLocal(stackDir, environment, endpoint);
  try {
    onStep("plan");
    const showText = await terraform(["plan", "-input=false", "-no-color", `-out=${planFile}`], workdir, terraformEnv());
    onStep("show");
    const json = await terraform(["show", "-json", "-no-color", planFile], workdir, terraformEnv());
    return { plan: JSON.parse(json) as PlanJson, showText, workdir, temporary: true };
  } catch (error) {
    discard();
    throw error;
  }
}

/** Synthesizes, plans, summarizes and guards; writes `<out>/<env>/plan.*`, `show.txt`, `stack/` and `<out>/summary.*`. */
export async function planEnvironments(options: PlanRunOptions): Promise<PlanRun> {
  const { app, configs } = synthesize({ names: options.names, env: process.env });
  // Every state is checked before Terraform runs, so a bad path fails fast and by name.
  const states = configs.map((config) => readState(config.name, options.states));
  const list = protectedList(process.env);
  if (list.warning) process.stderr.write(`warning: ${list.warning}\n`);
  const temporary: string[] = [];
  const discard = () => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  const progress = new Progress(configs.map((c) => c.name));

  try {
    const planned = await settleAll(
      configs.map(async (config, i) => {
        const dir = join(options.out, config.name);
        mkdirSync(dir, { recursive: true });
        const stackDir = resolve(app.outdir, "stacks", config.name);
        const planFile = join(dir, "plan.tfplan");
        const { state, file } = states[i]!;
        const onStep = (step: string) => progress.step(config.name, step);
        const planning = options.local
          ? planLocal(stackDir, config.name, options.local, planFile, onStep)
          : options.states.offline
            ? planOffline(stackDir, planFile, state, onStep)
            : planReal(stackDir, planFile, onStep);
        const run = await planning.catch((error: unknown) => {
          progress.step(config.name, "failed");
          throw terraformFailure(error, config.name, file);
        });
        if (run.temporary) temporary.push(run.workdir);
        saveConfiguration(stackDir, run.workdir, dir);
        writeFileSync(join(dir, "plan.json"), JSON.stringify(run.plan));
        writeFileSync(join(dir, "show.txt"), run.showText);
        const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as SynthesizedStack;
        const summary = summarize(config.name, run.plan, { list, production: config.production === true, stack });
        requireDeployedState(config.name, run.plan, summary.protection.protected, options.states);
        progress.step(config.name, "summarized");
        return { config, summary, planFile, workdir: run.workdir, showText: run.showText };
      }),
    );
    if (!options.keepWorkdirs) discard();

    const summaries = planned.map((p) => p.summary);
    const verdict = guard(summaries, options.override);
    const showTexts = Object.fromEntries(planned.map((p) => [p.config.name, p.showText]));
    const text = renderText(summaries, verdict);
    writeFileSync(
      join(options.out, "summary.md"),
      renderMarkdown(summaries, verdict, { showTexts, artifact: artifactOf(process.env, options.out) }),
    );
    writeFileSync(
      join(options.out, "summary.json"),
      `${JSON.stringify({ offline: options.states.offline, ...(options.local ? { local: options.local } : {}), verdict, summaries }, null, 2)}\n`,
    );
    writeFileSync(join(options.out, "summary.txt"), text);
    return { planned: planned.map(({ showText: _, ...p }) => p), verdict, text, discard };
  } catch (error) {
    discard();
    throw error;
  }
}
