import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { synthesize } from "../envs/app";
import { command, EXIT, runMain, UsageError } from "./lib/cli";
import { driftOf, planDetailed, renderDriftMarkdown, renderDriftText } from "./lib/drift";
import { hostedZonesOf, seedHostedZones, withEmulator } from "./lib/emulator";
import { initLocal } from "./lib/local-run";
import { LOCAL_OPTIONS_HELP, checkLocalChoice } from "./lib/plan-options";
import { settleAll } from "./lib/plan-run";
import { readState, terraformFailure } from "./lib/state-option";
import { runOffline, terraform, terraformEnv, type PlanJson } from "./lib/terraform";

/** The state file of a stack on the local backend, resolved; undefined where the state is remote. */
function localStateFile(stackDir: string): string | undefined {
  const { terraform: block } = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as {
    terraform?: { backend?: Record<string, { path?: string }> };
  };
  const backend = block?.backend ?? { local: {} };
  return "local" in backend ? resolve(stackDir, backend.local?.path ?? "terraform.tfstate") : undefined;
}

/** Whether a local state file exists and holds a resource (one Terraform cannot read is left to Terraform). */
function holdsResources(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return ((JSON.parse(readFileSync(file, "utf8")) as { resources?: unknown[] }).resources ?? []).length > 0;
  } catch {
    return true;
  }
}

/**
 * A refreshing plan of the synthesized stack against its real backend, read as JSON; undefined,
 * with no Terraform run, where the state is a local file holding nothing. Terraform runs in a
 * copy of the stack, so its working files (`.terraform/`) never land in cdktf.out.
 */
async function planReal(stackDir: string): Promise<PlanJson | undefined> {
  const local = localStateFile(stackDir);
  if (local !== undefined && !holdsResources(local)) return undefined;
  const work = mkdtempSync(join(tmpdir(), "drift-"));
  try {
    cpSync(stackDir, work, { recursive: true, filter: (path) => basename(path) !== ".terraform" });
    // The copy reads the same local state file, where the stack's relative path no longer reaches.
    if (local !== undefined)
      writeFileSync(
        join(work, "zz_drift_backend_override.tf.json"),
        JSON.stringify({ terraform: { backend: { local: { path: local } } } }),
      );
    await terraform(["init", "-input=false", "-no-color"], work, terraformEnv());
    await planDetailed(work, join(work, "drift.tfplan"));
    return JSON.parse(await terraform(["show", "-json", "-no-color", join(work, "drift.tfplan")], work, terraformEnv())) as PlanJson;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What drift reports for an environment whose state holds nothing: a plan of no change against no state. */
const NOTHING_DEPLOYED: PlanJson = { format_version: "1.2", terraform_version: "", resource_changes: [] };

/** A refreshing plan against the emulator's state (`--local`), in an initialized temporary copy. */
async function planLocal(stackDir: string, environment: string, endpoint: string): Promise<PlanJson> {
  await seedHostedZones(
    endpoint,
    hostedZonesOf(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Parameters<typeof hostedZonesOf>[0]),
  );
  const { workdir, discard } = await initLocal(stackDir, environment, endpoint);
  try {
    await planDetailed(workdir, join(workdir, "drift.tfplan"));
    return JSON.parse(await terraform(["show", "-json", "-no-color", "drift.tfplan"], workdir, terraformEnv())) as PlanJson;
  } finally {
    discard();
  }
}

/** Offline, the state given stands for what is deployed (nothing can be refreshed without AWS). */
async function planOffline(stackDir: string, state: string | undefined): Promise<PlanJson> {
  return (await runOffline(stackDir, { state, validate: false })).plan!;
}

export const drift = command({
  name: "drift",
  usage: "npm run drift -- <env|env,env|all> [--out <dir>] [--offline --state <dir> | --local [--endpoint <url>]]",
  help: `Plans each environment against its real state with refresh on and reports drift: resources
changed outside Terraform (a console edit) and what a deploy would change to match the
configuration. Writes <out>/drift.md (for $GITHUB_STEP_SUMMARY) and <out>/drift.json, and prints
the report. An environment whose state holds no resources is reported as not deployed, and
the command exits 2 (unless another drifted); Terraform runs in a temporary copy of each stack.

  --out <dir>      where the report goes (default .plans)
  --offline        plan in a temporary copy against --state <dir>/<env>.tfstate instead of the
                   backend (nothing is refreshed: the state stands for what is deployed)
  --state <dir>    the states for --offline; a folder without a readable state for an
                   environment is an error
${LOCAL_OPTIONS_HELP}

Exit codes: 0 no drift · 1 synth or Terraform failed · 2 bad usage, invalid configuration, an
unreadable state or an environment not deployed · 4 drift found.`,
  options: {
    out: { type: "string" },
    offline: { type: "boolean" },
    state: { type: "string" },
    local: { type: "boolean" },
    endpoint: { type: "string" },
  },
  positionals: { name: "environment (dev, dev,prod or all)", min: 1, max: 1 },
  async run({ values, positionals }) {
    const states = { offline: values.offline === true, stateDir: values.state, emptyState: false };
    checkLocalChoice(values);
    if (states.offline !== (states.stateDir !== undefined))
      throw new UsageError("--offline and --state go together: offline, the state given stands for what is deployed");
    const out = resolve(values.out ?? ".plans");
    const { app, configs } = synthesize({ names: positionals[0] === "all" ? "" : positionals[0]!, env: process.env });
    // Every state is checked before Terraform runs, so a bad path fails fast and by name.
    const given = configs.map((config) => readState(config.name, states));
    const reports = await withEmulator(values, (local) =>
      settleAll(
        configs.map(async (config, i) => {
          const stackDir = resolve(app.outdir, "stacks", config.name);
          const { state, file } = given[i]!;
          const planning = local
            ? planLocal(stackDir, config.name, local)
            : states.offline
              ? planOffline(stackDir, state)
              : planReal(stackDir);
          const plan = await planning.catch((error: unknown) => {
            throw terraformFailure(error, config.name, file);
          });
          return driftOf(config.name, plan ?? NOTHING_DEPLOYED);
        }),
      ),
    );
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "drift.md"), renderDriftMarkdown(reports));
    writeFileSync(
      join(out, "drift.json"),
      `${JSON.stringify({ offline: states.offline, ...(values.local ? { local: true } : {}), reports }, null, 2)}\n`,
    );
    process.stdout.write(renderDriftText(reports));
    console.log(`\nReport in ${join(out, "drift.md")}`);
    const missing = reports.filter((r) => !r.deployed).map((r) => r.environment);
    for (const env of missing) {
      console.error(
        `drift: ${env} is not deployed: its state holds no resources, so there is nothing to compare. Deploy it first (npm run deploy -- ${env}), or check where its state is (WEBTIER_BACKEND).`,
      );
    }
    if (reports.some((r) => r.drifted)) return EXIT.drift;
    return missing.length > 0 ? EXIT.usage : EXIT.ok;
  },
});

if (require.main === module) runMain(drift);
