import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LOCAL_OVERRIDE_FILE, localOverride, localStateSettings } from "../../scripts/lib/overrides";
import { copyStack, terraform, terraformEnv, type PlanJson } from "../../scripts/lib/terraform";
import { ROOT } from "../scripts/run-cli";

/**
 * The two consumers of an environment's outputs (examples/hcl-consumer, examples/cdktf-consumer),
 * pointed at its state in the emulator's S3 and planned there: each is prepared (copied or
 * synthesized, overridden, initialized) while the environment applies, and planned once it has.
 */

const run = promisify(execFile);

/** A consumer ready to plan: its folder, initialized against the emulator. */
export interface PreparedConsumer {
  readonly name: string;
  readonly workdir: string;
}

/** How a consumer's plan ended; with exit 0, the plan and what its `terraform_remote_state` read. */
export interface ConsumerPlan {
  readonly code: number;
  readonly output: string;
  readonly plan?: PlanJson;
  /** The outputs the remote state data source read, by name. */
  readonly read?: Record<string, unknown>;
}

/** A folder beside nothing else: the consumer's files, the local override, `terraform init`. */
async function initialize(name: string, files: string, endpoint: string, extra: Record<string, string>): Promise<PreparedConsumer> {
  const workdir = mkdtempSync(join(tmpdir(), `consumer-${name}-`));
  copyStack(files, workdir);
  // The consumer's own state is the emulator's too, under its own key; its provider points there.
  writeFileSync(join(workdir, LOCAL_OVERRIDE_FILE), JSON.stringify(localOverride(name, endpoint)));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(workdir, file), text);
  await terraform(["init", "-input=false", "-no-color"], workdir, terraformEnv());
  return { name, workdir };
}

/** examples/hcl-consumer reading `env`'s state from the emulator through its own variables (state_backend = "s3"). */
export function prepareHclConsumer(env: string, endpoint: string): Promise<PreparedConsumer> {
  const { bucket, ...options } = localStateSettings(env, endpoint);
  const vars = { environment: env, state_backend: "s3", state_bucket: bucket, state_s3_options: options };
  return initialize(`hcl-consumer-${env}`, join(ROOT, "examples", "hcl-consumer"), endpoint, {
    "zz_apply.auto.tfvars.json": JSON.stringify(vars),
  });
}

/**
 * examples/cdktf-consumer's `audit` stack, synthesized from its main.ts as written (the package
 * name resolved to this checkout's modules), its `readWebTierOutputs` data source pointed at
 * `env`'s state in the emulator by an override: the stack keeps the reader's configuration.
 */
export async function prepareCdktfConsumer(env: string, endpoint: string): Promise<PreparedConsumer> {
  const outdir = mkdtempSync(join(tmpdir(), "consumer-synth-"));
  const alias = `const M = require("node:module"); const resolve = M._resolveFilename;
M._resolveFilename = function (request, ...rest) { return resolve.call(this, request === "@elastic-web-tier/modules" ? ${JSON.stringify(join(ROOT, "modules", "index.ts"))} : request, ...rest); };
require(${JSON.stringify(join(ROOT, "examples", "cdktf-consumer", "main.ts"))});`;
  await run(process.execPath, ["--require", join(ROOT, "scripts", "register-ts.cjs"), "-e", alias], {
    cwd: outdir,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
  });
  const stackDir = join(outdir, "stacks", "audit");
  const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as {
    data?: { terraform_remote_state?: Record<string, unknown> };
  };
  const readers = Object.keys(stack.data?.terraform_remote_state ?? {});
  if (readers.length !== 1)
    throw new Error(
      `expected one terraform_remote_state in the audit stack, found ${readers.join(", ") || "none"} (${readdirSync(stackDir).join(", ")})`,
    );
  const repoint = { data: { terraform_remote_state: { [readers[0]!]: { config: localStateSettings(env, endpoint) } } } };
  return initialize(`cdktf-consumer-${env}`, stackDir, endpoint, { "zz_remote_state_override.tf.json": JSON.stringify(repoint) });
}

/** `terraform plan` of a prepared consumer against the emulator, and what it read. */
export async function planConsumer({ workdir }: PreparedConsumer): Promise<ConsumerPlan> {
  try {
    await terraform(["plan", "-input=false", "-no-color", "-out=plan"], workdir, terraformEnv());
  } catch (error) {
    return { code: 1, output: error instanceof Error ? error.message : String(error) };
  }
  const plan = JSON.parse(await terraform(["show", "-json", "plan"], workdir, terraformEnv())) as PlanJson;
  // The data source read during the plan is recorded in its prior state, with every output it read.
  const prior = (
    plan as {
      prior_state?: { values?: { root_module?: { resources?: { address: string; values?: { outputs?: Record<string, unknown> } }[] } } };
    }
  ).prior_state;
  const reader = prior?.values?.root_module?.resources?.find((r) => r.address.startsWith("data.terraform_remote_state."));
  return { code: 0, output: "", plan, read: reader?.values?.outputs };
}

/** The planned value of `attribute` on the resource at `address`. */
export function plannedAttribute(plan: PlanJson, address: string, attribute: string): unknown {
  const change = (plan.resource_changes ?? []).find((rc) => rc.address === address);
  return (change?.change.after as Record<string, unknown> | undefined)?.[attribute];
}

/** A consumer's planned outputs, by name. */
export function plannedOutputs(plan: PlanJson): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plan.planned_values?.outputs ?? {}).map(([k, v]) => [k, v.value]));
}
