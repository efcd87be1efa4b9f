/**
 * npm run plan -- <env|all> [--offline [--state <dir>]] [--allow-destroy] [--out <dir>]
 *
 * Synthesizes, then runs `terraform init` and `plan` for each environment and prints a summary.
 * Plans, their JSON and the summaries (Markdown, text, JSON) are saved under one folder
 * (default `.plans/`). With --offline, Terraform runs in a temporary copy with the override
 * that swaps the backend for a local one and the credentials for placeholders: a preview of
 * what the configuration creates, needing no cloud account. Without it, the real backend and
 * credentials are used. `--state <dir>` gives the offline preview a prior state per environment
 * (`<dir>/<env>.tfstate`, e.g. from `terraform state pull`), so it shows changes, not creations.
 *
 * Exit codes: 0 planned; 1 a synth or Terraform error; 2 bad usage or configuration;
 * 3 a production plan replaces or destroys something and --allow-destroy was not given.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesize } from "../envs/app";
import { ValidationError } from "../modules/core/validation";
import { guard, renderMarkdown, renderText, summarize, type PlanSummary } from "./lib/plan-summary";
import { runOffline, terraform, terraformEnv, TerraformError, type PlanJson } from "./lib/terraform";

export const EXIT = { ok: 0, failed: 1, usage: 2, guarded: 3 } as const;

interface Options {
  readonly environments: string;
  readonly offline: boolean;
  readonly allowDestroy: boolean;
  readonly out: string;
  readonly stateDir?: string;
}

function parse(argv: readonly string[]): Options {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return false;
    args.splice(i, 1);
    return true;
  };
  const value = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, v] = args.splice(i, 2);
    if (!v) throw new UsageError(`${name} needs a value`);
    return v;
  };
  const offline = flag("--offline");
  const allowDestroy = flag("--allow-destroy");
  const out = value("--out") ?? ".plans";
  const stateDir = value("--state");
  if (stateDir && !offline) throw new UsageError("--state goes with --offline (a real plan reads the real backend)");
  const unknown = args.filter((a) => a.startsWith("-"));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(", ")}`);
  if (args.length !== 1) throw new UsageError("name one environment, several (dev,prod) or all");
  return { environments: args[0] === "all" ? "" : args[0]!, offline, allowDestroy, out: resolve(out), stateDir: stateDir && resolve(stateDir) };
}

class UsageError extends Error {}

/** Plans one synthesized stack against its real backend, saving the plan in `dir`. */
async function planReal(stackDir: string, dir: string): Promise<PlanJson> {
  const env = terraformEnv();
  await terraform(["init", "-input=false", "-no-color"], stackDir, env);
  const planFile = join(dir, "plan.tfplan");
  await terraform(["plan", "-input=false", "-no-color", `-out=${planFile}`], stackDir, env);
  return JSON.parse(await terraform(["show", "-json", "-no-color", planFile], stackDir, env)) as PlanJson;
}

/** Plans one synthesized stack offline, copying the plan out of the temporary folder into `dir`. */
async function planOffline(stackDir: string, dir: string, stateFile: string | undefined): Promise<PlanJson> {
  const state = stateFile && existsSync(stateFile) ? readFileSync(stateFile, "utf8") : undefined;
  const run = await runOffline(stackDir, { keep: true, state });
  try {
    copyFileSync(join(run.workdir, "offline.tfplan"), join(dir, "plan.tfplan"));
    return run.plan!;
  } finally {
    rmSync(run.workdir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`plan: ${error.message}\nusage: npm run plan -- <env|all> [--offline [--state <dir>]] [--allow-destroy] [--out <dir>]`);
    return EXIT.usage;
  }

  let synthesized: ReturnType<typeof synthesize>;
  try {
    synthesized = synthesize({ names: options.environments, env: process.env });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return EXIT.usage;
  }

  mkdirSync(options.out, { recursive: true });
  let summaries: PlanSummary[];
  try {
    summaries = await Promise.all(
      synthesized.configs.map(async (config) => {
        const dir = join(options.out, config.name);
        mkdirSync(dir, { recursive: true });
        const stackDir = join(synthesized.app.outdir, "stacks", config.name);
        const stateFile = options.stateDir ? join(options.stateDir, `${config.name}.tfstate`) : undefined;
        const plan = await (options.offline ? planOffline(stackDir, dir, stateFile) : planReal(stackDir, dir));
        writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
        return summarize(config.name, plan, config.production === true);
      }),
    );
  } catch (error) {
    if (!(error instanceof TerraformError)) throw error;
    console.error(error.message);
    return EXIT.failed;
  }

  const verdict = guard(summaries, options.allowDestroy);
  writeFileSync(join(options.out, "summary.md"), renderMarkdown(summaries, verdict));
  writeFileSync(join(options.out, "summary.json"), JSON.stringify({ offline: options.offline, verdict, summaries }, null, 2));
  const text = renderText(summaries, verdict);
  writeFileSync(join(options.out, "summary.txt"), text);
  process.stdout.write(text);
  console.log(`\nPlans and summaries in ${options.out}${options.offline ? " (offline preview: local backend, placeholder credentials)" : ""}`);
  return verdict.blocked ? EXIT.guarded : EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT.failed;
    },
  );
}
