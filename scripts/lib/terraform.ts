import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Limiter } from "./limiter";
import { OFFLINE_OVERRIDE } from "./overrides";
import type { PlanJson } from "./plan-json";
import type { ProviderSchemas } from "./provider-schemas";

/**
 * Runs real Terraform against a synthesized stack without a cloud account, as a user would by
 * hand: the stack is copied to a temporary folder, an override file swaps its backend for
 * `local` and gives the AWS provider placeholder credentials with every check that would call
 * AWS skipped, a CLI config installs the provider from the filesystem mirror, then `init`,
 * `plan -refresh=false -out` and `show -json`. The synthesized stack itself is never touched.
 *
 * Stacks with the same provider requirements share one `init` per process (its `.terraform`
 * linked into each run): every `init` hashes the 700 MB provider. Nothing else is cached or
 * tuned, so nothing depends on Terraform's internals.
 */

/** The oldest Terraform the stacks accept (their `required_version`), for the message when there is none. */
const TERRAFORM_MINIMUM = "1.10";

/** Where the AWS provider mirror lives on these machines; `TF_PLUGIN_MIRROR` overrides it. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";

export { OFFLINE_OVERRIDE };
export type { Change, PlanJson, ResourceChange, StateModule, StateResource } from "./plan-json";

export const OVERRIDE_FILE = "zz_offline_override.tf.json";
const PLAN_FILE = "offline.tfplan";
const INIT = ["init", "-input=false", "-no-color"] as const;
const VALIDATE = ["validate", "-no-color"] as const;

/** A step of the offline run that failed, with Terraform's own output. */
export class TerraformError extends Error {
  constructor(
    readonly step: string,
    readonly workdir: string,
    readonly output: string,
  ) {
    super(`terraform ${step} failed in ${workdir}:\n${output.trim()}`);
    this.name = "TerraformError";
  }
}

export interface OfflineRunOptions {
  /** Run `terraform plan` and `show -json`; without, only `validate`. @default true */
  readonly plan?: boolean;
  /** Keep the temporary folder of a successful run (the caller removes it; its `.terraform` lasts as long as this process). @default false */
  readonly keep?: boolean;
  /** Extra files to write next to the stack (file name → content), e.g. a broken resource. */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** A prior state (JSON) to plan against, e.g. from `simulateDeploy`; otherwise empty. */
  readonly state?: string;
  /** Also read the providers' schemas (for `applyPlan`). @default false */
  readonly schemas?: boolean;
  /** Also run `terraform validate` before planning; plan validates anyway, and a failed plan is validated to name the step. @default false */
  readonly validate?: boolean;
  /** Also return the plan as `terraform plan` printed it, for reviewers. @default false */
  readonly showText?: boolean;
  /** Told of each step as it starts (`init`, `plan`, `show`), for progress lines. */
  readonly onStep?: (step: "init" | "plan" | "show") => void;
}

export interface OfflineRun {
  /** The temporary folder Terraform ran in (removed unless `keep`). */
  readonly workdir: string;
  /** The parsed plan, when planning was asked for. */
  readonly plan?: PlanJson;
  /** Whether the plan creates, updates or destroys any resource, when planning was asked for. */
  readonly changed?: boolean;
  /** `terraform providers schema -json`, when asked for. */
  readonly schemas?: ProviderSchemas;
  /** The plan as `terraform plan` printed it (plain text), when asked for. */
  readonly showText?: string;
}

/** The Terraform binary: `TERRAFORM_BINARY_NAME` (cdktf's own variable) or `terraform` on PATH. */
export function terraformBinary(): string {
  return process.env.TERRAFORM_BINARY_NAME || "terraform";
}

function pluginMirror(): string {
  return process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR;
}

let cliConfig: string | undefined;

/**
 * A Terraform CLI config that installs hashicorp/aws from the filesystem mirror (symlinked,
 * so `init` costs no copy of the 700 MB provider) and everything else from the registry.
 * Without a mirror, Terraform's own defaults apply and the registry is used.
 */
export function cliConfigFile(): string | undefined {
  if (cliConfig !== undefined) return cliConfig || undefined;
  const mirror = pluginMirror();
  if (!existsSync(join(mirror, "registry.terraform.io", "hashicorp", "aws"))) {
    cliConfig = "";
    return undefined;
  }
  cliConfig = join(mkdtempSync(join(tmpdir(), "tf-cli-")), "terraform.rc");
  writeFileSync(
    cliConfig,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
  );
  return cliConfig;
}

/** Environment for a Terraform child process: no prompts, no call home, the mirror config. */
export function terraformEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const config = cliConfigFile();
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    ...(config ? { TF_CLI_CONFIG_FILE: config } : {}),
    ...extra,
  };
}

/** Terraform commands of this process run at most one per core (each mostly uses one); callers queue. */
const slots = new Limiter();

interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: Error;
}

function exec(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Exit> {
  return slots.run(
    () =>
      new Promise<Exit>((resolve) => {
        execFile(terraformBinary(), [...args], { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr, ...(error && code === -1 ? { error } : {}) });
        });
      }),
  );
}

/** The step of a {@link TerraformError} raised because no Terraform could be run at all. */
export const TERRAFORM_MISSING = "missing";

/** Why Terraform could not install the AWS provider, when the mirror is missing: what to do about it. */
function providerInstallHint(output: string): string {
  if (!/Failed to query available provider packages|could not connect to registry|Failed to install provider/.test(output)) return "";
  if (cliConfigFile()) return "";
  const mirror = pluginMirror();
  return (
    `Terraform could not install hashicorp/aws: there is no provider mirror at ${mirror} ` +
    `(expected ${join(mirror, "registry.terraform.io", "hashicorp", "aws")}), so it asked the public registry, which this machine cannot reach. ` +
    "Point TF_PLUGIN_MIRROR at a filesystem mirror holding the provider (terraform providers mirror <dir> makes one), or give Terraform network access."
  );
}

function failure(step: string, cwd: string, exit: Exit): TerraformError {
  if ((exit.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    return new TerraformError(
      TERRAFORM_MISSING,
      cwd,
      `Terraform is not installed here: ${JSON.stringify(terraformBinary())} was not found on PATH. Install Terraform ${TERRAFORM_MINIMUM} or later ` +
        "(CI uses 1.11.4; https://developer.hashicorp.com/terraform/install), or set TERRAFORM_BINARY_NAME to the binary's path.",
    );
  }
  const output = [exit.stderr, exit.stdout].filter((s) => s.trim()).join("\n");
  const hint = providerInstallHint(output);
  // Without a mirror, Terraform's pages of registry errors say less than the one paragraph that explains them.
  if (hint) return new TerraformError(step, cwd, `${hint} (Terraform: ${/Error: .*/.exec(output)?.[0] ?? "init failed"})`);
  return new TerraformError(step, cwd, output || exit.error?.message || `exit code ${exit.code}`);
}

/** Runs one Terraform command; rejects with a {@link TerraformError} carrying its output. */
export async function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = terraformEnv()): Promise<string> {
  const exit = await exec(args, cwd, env);
  if (exit.code !== 0) throw failure(args[0] ?? "", cwd, exit);
  return exit.stdout;
}

/** Whether Terraform can be run here, and if not, why. Checked once per process. */
let availability: { available: boolean; reason: string } | undefined;
export function terraformAvailability(): { available: boolean; reason: string } {
  if (availability) return availability;
  try {
    const out = execFileSync(terraformBinary(), ["version", "-json"], { env: terraformEnv(), stdio: ["ignore", "pipe", "pipe"] });
    availability = {
      available: true,
      reason: `terraform ${(JSON.parse(out.toString()) as { terraform_version: string }).terraform_version}`,
    };
  } catch (error) {
    availability = { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return availability;
}

/** Copies a synthesized stack folder (the `*.tf.json` and any assets) into `dest`. */
export function copyStack(stackDir: string, dest: string): void {
  for (const entry of readdirSync(stackDir)) {
    if (entry === ".terraform" || entry.endsWith(".tfstate") || entry === "plan") continue;
    const from = join(stackDir, entry);
    if (statSync(from).isFile()) copyFileSync(from, join(dest, entry));
  }
}

/**
 * `terraform init` against a temporary copy of a stack with its real backend: no override. Used
 * to check a backend block, which Terraform validates before it first reaches the backend.
 */
export async function initWithRealBackend(stackDir: string, env: Readonly<Record<string, string>> = {}): Promise<void> {
  const workdir = mkdtempSync(join(tmpdir(), "tf-backend-"));
  try {
    copyStack(stackDir, workdir);
    await terraform(INIT, workdir, terraformEnv(env));
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

/**
 * The provider requirements of a run folder holding one synthesized stack and the override, as
 * a key; undefined for anything else (hand-written configuration, modules, extra files), which
 * gets an init of its own. `cdk.tf.json` states them; for `cdk.tf` (`synth --hcl`), cdktf
 * writes them to `metadata.json`.
 */
function requirementsOf(workdir: string): string | undefined {
  const configs = readdirSync(workdir)
    .filter((f) => f.endsWith(".tf") || f.endsWith(".tf.json"))
    .sort();
  const [stackFile] = configs.filter((f) => f !== OVERRIDE_FILE);
  if (configs.length !== 2 || (stackFile !== "cdk.tf.json" && stackFile !== "cdk.tf")) return undefined;
  const described = join(workdir, stackFile === "cdk.tf" ? "metadata.json" : stackFile);
  if (!existsSync(described)) return undefined;
  const stack = JSON.parse(readFileSync(described, "utf8")) as { module?: unknown; terraform?: { required_providers?: unknown } };
  if (stack.module !== undefined || /^\s*module\s/m.test(readFileSync(join(workdir, stackFile), "utf8"))) return undefined;
  return JSON.stringify(stack.terraform?.required_providers ?? {});
}

/** Memoizes `make()` under `key` for this process; a failure is forgotten, so the next caller tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/** Initialized folders (holding `.terraform` and the lock file), by provider requirements. */
const inits = new Map<string, Promise<string>>();
/** The providers' schemas, by provider requirements. */
const schemaCache = new Map<string, Promise<ProviderSchemas>>();

/** One `terraform init` per process for these provider requirements, in a folder removed at exit. */
function sharedInit(requirements: string): Promise<string> {
  return once(inits, requirements, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-init-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: JSON.parse(requirements) as unknown } }));
    writeFileSync(join(dir, OVERRIDE_FILE), JSON.stringify(OFFLINE_OVERRIDE));
    await terraform(INIT, dir);
    return dir;
  });
}

/** Initializes a run folder: from the shared init where its requirements allow, else in place. */
async function initialize(workdir: string, requirements: string | undefined): Promise<void> {
  if (requirements === undefined) {
    await terraform(INIT, workdir);
    return;
  }
  const shared = await sharedInit(requirements);
  symlinkSync(join(shared, ".terraform"), join(workdir, ".terraform"));
  copyFileSync(join(shared, ".terraform.lock.hcl"), join(workdir, ".terraform.lock.hcl"));
}

/** The providers' schemas, read once per process for shared requirements. */
function schemasOf(workdir: string, requirements: string | undefined): Promise<ProviderSchemas> {
  const read = async (dir: string) => JSON.parse(await terraform(["providers", "schema", "-json"], dir)) as ProviderSchemas;
  if (requirements === undefined) return read(workdir);
  return once(schemaCache, requirements, async () => read(await sharedInit(requirements)));
}

/** `plan -out` then `show -json` in an initialized run folder; the plan file stays there. */
async function plan(workdir: string, options: OfflineRunOptions): Promise<{ plan: PlanJson; showText: string }> {
  options.onStep?.("plan");
  const planned = await exec(
    ["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", `-out=${PLAN_FILE}`],
    workdir,
    terraformEnv(),
  );
  if (planned.code !== 0) {
    // Name the step that is at fault: a configuration Terraform rejects fails `validate` too.
    if (!options.validate && planned.code > 0) await terraform(VALIDATE, workdir);
    throw failure("plan", workdir, planned);
  }
  options.onStep?.("show");
  const json = await terraform(["show", "-json", "-no-color", PLAN_FILE], workdir);
  return { plan: JSON.parse(json) as PlanJson, showText: planned.stdout };
}

/**
 * `init` and `plan -refresh=false -out` then `show -json` (or only `validate`, with `plan:
 * false`) against a temporary copy of a synthesized stack folder (`cdktf.out/stacks/<name>`).
 * Fails with Terraform's own message at the first step that fails; a configuration that
 * Terraform rejects fails as step `validate`, whichever command found it.
 */
export async function runOffline(stackDir: string, options: OfflineRunOptions = {}): Promise<OfflineRun> {
  const workdir = mkdtempSync(join(tmpdir(), "tf-offline-"));
  let succeeded = false;
  try {
    copyStack(stackDir, workdir);
    writeFileSync(join(workdir, OVERRIDE_FILE), JSON.stringify(OFFLINE_OVERRIDE, null, 2));
    for (const [name, content] of Object.entries(options.extraFiles ?? {})) writeFileSync(join(workdir, name), content);
    if (options.state) writeFileSync(join(workdir, "terraform.tfstate"), options.state);

    const requirements = requirementsOf(workdir);
    options.onStep?.("init");
    await initialize(workdir, requirements);
    if (options.validate || options.plan === false) await terraform(VALIDATE, workdir);
    const planned = options.plan === false ? undefined : await plan(workdir, options);
    const run: OfflineRun = {
      workdir,
      plan: planned?.plan,
      changed: planned && (planned.plan.resource_changes ?? []).some((rc) => !["no-op", "read"].includes(rc.change.actions.join())),
      schemas: options.schemas ? await schemasOf(workdir, requirements) : undefined,
      showText: options.showText ? planned?.showText : undefined,
    };
    succeeded = true;
    return run;
  } finally {
    // `keep` hands a successful run's folder to the caller; a failed one is always removed.
    if (!options.keep || !succeeded) rmSync(workdir, { recursive: true, force: true });
  }
}
