import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { join } from "node:path";
import type { ProviderSchemas } from "./provider-schemas";
import { performance } from "node:perf_hooks";
import { Limiter } from "./limiter";
import { OFFLINE_OVERRIDE } from "./overrides";
import { sharedResult } from "./shared-results";
import { withProviderServer } from "./provider-server";

/**
 * Runs real Terraform against a synthesized stack without a cloud account: the stack is copied
 * to a temporary folder, an override file swaps its backend for `local` and gives the AWS
 * provider placeholder credentials with every check that would call AWS skipped, and the
 * provider comes from a filesystem mirror when one is present. The synthesized stack itself is
 * never touched.
 *
 * Every command pays a fixed CPU cost (Terraform and the provider each handle the AWS provider's
 * schema of 1,500 resource types) before any resource, so a run starts as few commands, and as
 * few provider processes, as it can:
 * - `plan` validates the configuration itself: a separate `validate` runs only when no plan is
 *   asked for, or when a plan fails before planning begins (to tell a configuration error from
 *   an unreadable state), which Terraform's log of the plan says;
 * - runs of stacks with the same provider requirements share one `terraform init` per process,
 *   or per test run with `WEBTIER_OFFLINE_CACHE` (its `.terraform` folder is linked into each run
 *   and its lock file copied), and read the providers' schemas once;
 * - when a stack pins hashicorp/aws to a version the mirror holds, and needs no other provider,
 *   Terraform runs that binary as a development override: the same provider, without hashing
 *   its hundreds of megabytes against the lock file on every command; and the commands
 *   attach to a warm process of that provider (provider-server.ts) instead of Terraform starting
 *   it two or three times per command;
 * - at most one command per core runs at a time (each is single-threaded); callers queue;
 * - Go's garbage collector waits for 1 GiB of heap (GOGC=off, GOMEMLIMIT=1GiB) unless the
 *   caller set either: less CPU for the same results.
 * `WEBTIER_TERRAFORM_TIMINGS=<file>` appends a JSON line per command (which, when it ended, how
 * long it waited for a slot, how long it ran) to profile a run.
 */

/** The oldest Terraform the stacks accept (their `required_version`), for the message when there is none. */
const TERRAFORM_MINIMUM = "1.10";

/** Where the AWS provider mirror lives on these machines; `TF_PLUGIN_MIRROR` overrides it. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";

/** The offline override lives beside the local one (overrides.ts); re-exported for callers of this module. */
export { OFFLINE_OVERRIDE };

export const OVERRIDE_FILE = "zz_offline_override.tf.json";
const PLAN_FILE = "offline.tfplan";
/** Terraform's log of a plan (its core's INFO lines only), read to tell where a failed plan stopped. */
const PLAN_LOG = "offline-plan.log";
/** The line Terraform logs once the configuration and the state are loaded and planning begins. */
const PLANNING_STARTED = "backend/local: plan calling Plan";
const INIT = ["init", "-input=false", "-no-color", "-backend=true"] as const;
const VALIDATE = ["validate", "-no-color"] as const;

/** Go runtime settings for offline runs: collect garbage only near 1 GiB of heap. */
const OFFLINE_GO_RUNTIME = { GOGC: "off", GOMEMLIMIT: "1GiB" } as const;

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

/** The parts of `terraform show -json <plan>` this project reads. */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, Change>>;
  readonly planned_values?: { readonly outputs?: Readonly<Record<string, { readonly value?: unknown; readonly sensitive: boolean }>> };
  readonly configuration?: unknown;
  /** The state the plan was made against (what is deployed), when there was one. */
  readonly prior_state?: { readonly values?: { readonly root_module?: StateModule } };
  /** Changes made outside Terraform that a refreshing plan found. */
  readonly resource_drift?: readonly ResourceChange[];
  /** The attributes of drifted resources that the planned changes depend on (Terraform shows only those). */
  readonly relevant_attributes?: readonly { readonly resource: string; readonly attribute: readonly (string | number)[] }[];
}

/** A module of a state as `terraform show -json` writes it. */
export interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

export interface StateResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly change: Change & { readonly replace_paths?: readonly (readonly (string | number)[])[] };
  readonly action_reason?: string;
}

export interface Change {
  readonly actions: readonly ("no-op" | "create" | "read" | "update" | "delete" | "forget")[];
  readonly before: unknown;
  readonly after: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
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
  /** Also read the plan as `terraform show` prints it, for reviewers. @default false */
  readonly showText?: boolean;
  /** Skip `show -json` when the plan changes no resource (read from `plan -json`): `plan` is then undefined. @default false */
  readonly showOnlyChanges?: boolean;
  /** Attach the commands to a warm provider process where the stack pins the mirror's provider; false starts the provider afresh for each, as Terraform does on its own. @default true */
  readonly warmProvider?: boolean;
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
  /** `terraform show` of the plan (plain text), when asked for. */
  readonly showText?: string;
}

/** The Terraform binary: `TERRAFORM_BINARY_NAME` (cdktf's own variable) or `terraform` on PATH. */
export function terraformBinary(): string {
  return process.env.TERRAFORM_BINARY_NAME || "terraform";
}

let cliConfig: string | undefined;

/**
 * A Terraform CLI config that installs hashicorp/aws from the filesystem mirror (symlinked,
 * so `init` costs no copy of the provider) and everything else from the registry.
 * Without a mirror, Terraform's own defaults apply and the registry is used.
 */
export function cliConfigFile(): string | undefined {
  if (cliConfig !== undefined) return cliConfig || undefined;
  const mirror = process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR;
  if (!existsSync(join(mirror, "registry.terraform.io", "hashicorp", "aws"))) {
    cliConfig = "";
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "tf-cli-"));
  cliConfig = join(dir, "terraform.rc");
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

/** The mirror's provider binary a stack runs as a development override, and the CLI config that says so. */
interface PinnedProvider {
  readonly config: string;
  readonly binary: string;
}

const pinnedProviders = new Map<string, PinnedProvider | undefined>();

/**
 * A Terraform CLI config that runs the mirror's hashicorp/aws binary for a stack whose only
 * provider requirement is that provider at exactly that version (`dev_overrides`), or undefined.
 * Terraform then checks neither the lock file nor the version, so both are checked here.
 */
function pinnedProvider(requirements: string): PinnedProvider | undefined {
  if (pinnedProviders.has(requirements)) return pinnedProviders.get(requirements);
  const { aws, ...others } = JSON.parse(requirements) as Record<string, { source?: string; version?: string } | undefined>;
  const version = /^=?\s*(\d+\.\d+\.\d+)$/.exec(aws?.version?.trim() ?? "")?.[1];
  const official = ["aws", "hashicorp/aws", "registry.terraform.io/hashicorp/aws"].includes(aws?.source ?? "aws");
  const binaries = join(process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR, "registry.terraform.io", "hashicorp", "aws", version ?? "", goPlatform());
  const binary = version && official && Object.keys(others).length === 0 && existsSync(binaries) ? readdirSync(binaries).find((f) => f.startsWith("terraform-provider-aws")) : undefined;
  let pinned: PinnedProvider | undefined;
  if (binary) {
    const config = join(mkdtempSync(join(sharedFolder(), "pinned-")), "terraform.rc");
    writeFileSync(config, `provider_installation {\n  dev_overrides {\n    "hashicorp/aws" = ${JSON.stringify(binaries)}\n  }\n  direct {}\n}\n`);
    pinned = { config, binary: join(binaries, binary) };
  }
  pinnedProviders.set(requirements, pinned);
  return pinned;
}

/** This machine as Go names platforms in provider folders (`linux_amd64`). */
function goPlatform(): string {
  const cpu = ({ x64: "amd64", ia32: "386" } as Record<string, string>)[arch()] ?? arch();
  return `${platform()}_${cpu}`;
}

/** What Terraform prints on every command under `dev_overrides`: noise in a failure's message. */
const OVERRIDE_WARNING = /^[│╷╵\s]*Warning: Provider development overrides are in effect[\s\S]*?releases\.\n(?:[│╷╵\s]*\n)*/m;

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

/** {@link terraformEnv} with the offline runs' Go runtime settings, where the caller set none. */
function offlineEnv(): NodeJS.ProcessEnv {
  return terraformEnv(Object.fromEntries(Object.entries(OFFLINE_GO_RUNTIME).filter(([name]) => process.env[name] === undefined)));
}

/** Every Terraform command of this process runs through here: one per core at a time. */
const slots = new Limiter();

interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: Error;
}

/**
 * Runs one Terraform command when a slot is free, and reports how it exited. With `provider`
 * (a provider binary), the command attaches to a warm process of it (see provider-server.ts).
 */
function exec(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, provider?: string): Promise<Exit> {
  const queued = performance.now();
  const run = (runEnv: NodeJS.ProcessEnv) =>
    new Promise<Exit>((resolve) => {
      const started = performance.now();
      execFile(terraformBinary(), [...args], { cwd, env: runEnv, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        logTiming(args[0] ?? "", started - queued, performance.now() - started, cwd);
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ...(error && code === -1 ? { error } : {}) });
      });
    });
  return slots.run(() => (provider ? withProviderServer(provider, env, (reattach) => run(reattach ? { ...env, TF_REATTACH_PROVIDERS: reattach } : env)) : run(env)));
}

function logTiming(command: string, waitedMs: number, ranMs: number, cwd: string): void {
  const file = process.env.WEBTIER_TERRAFORM_TIMINGS;
  if (file) appendFileSync(file, `${JSON.stringify({ endedAt: Date.now(), command, waitedMs: Math.round(waitedMs), ranMs: Math.round(ranMs), cwd })}\n`);
}

/** The step of a {@link TerraformError} raised because no Terraform could be run at all. */
export const TERRAFORM_MISSING = "missing";

/** Why Terraform could not install the AWS provider, when the mirror is missing: what to do about it. */
function providerInstallHint(output: string): string {
  if (!/Failed to query available provider packages|could not connect to registry|Failed to install provider/.test(output)) return "";
  const mirror = process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR;
  if (cliConfigFile()) return "";
  return (
    `\n\nTerraform could not install hashicorp/aws: there is no provider mirror at ${mirror} ` +
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
  const output = [exit.stderr, exit.stdout].map((s) => s.replace(OVERRIDE_WARNING, "")).filter((s) => s.trim()).join("\n");
  const hint = providerInstallHint(output);
  // Without a mirror, Terraform's pages of registry errors say less than the one paragraph that explains them.
  if (hint) return new TerraformError(step, cwd, `${hint.trim()} (Terraform: ${/Error: .*/.exec(output)?.[0] ?? "init failed"})`);
  return new TerraformError(step, cwd, output || exit.error?.message || `exit code ${exit.code}`);
}

/** Runs one Terraform command; rejects with a {@link TerraformError} carrying its output. */
export async function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = terraformEnv(), provider?: string): Promise<string> {
  const exit = await exec(args, cwd, env, provider);
  if (exit.code !== 0) throw failure(args[0] ?? "", cwd, exit);
  return exit.stdout;
}

/** Whether Terraform can be run here, and if not, why. Checked once per process. */
let availability: { available: boolean; reason: string } | undefined;
export function terraformAvailability(): { available: boolean; reason: string } {
  if (availability) return availability;
  try {
    const out = execFileSync(terraformBinary(), ["version", "-json"], { env: terraformEnv(), stdio: ["ignore", "pipe", "pipe"] });
    availability = { available: true, reason: `terraform ${(JSON.parse(out.toString()) as { terraform_version: string }).terraform_version}` };
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
    await terraform(["init", "-input=false", "-no-color"], workdir, terraformEnv(env));
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

let sharedRoot: string | undefined;

/** This process's folder for shared inits, removed when the process exits. */
function sharedFolder(): string {
  if (sharedRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), "tf-shared-"));
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
    sharedRoot = root;
  }
  return sharedRoot;
}

/** Shared inits (the folder holding `.terraform` and the lock file), by provider requirements. */
const inits = new Map<string, Promise<string>>();
/** The providers' schemas, by provider requirements. */
const schemaCache = new Map<string, Promise<ProviderSchemas>>();

/** Memoizes `make()` under `key`; a failure is forgotten, so the next caller tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/**
 * The provider requirements of a run folder holding one synthesized stack and the override, as
 * a key; undefined for anything else (hand-written configuration, modules, extra files), which
 * gets an init of its own. `cdk.tf.json` states them; for `cdk.tf` (`synth --hcl`), cdktf
 * writes them to `metadata.json`. Requirements that did not match would fail the run, as
 * Terraform checks them against the lock file.
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

/**
 * One `terraform init` for every run with these requirements: a folder with the same backend and
 * providers. With `WEBTIER_OFFLINE_CACHE`, one for every process of the run.
 */
function sharedInit(requirements: string): Promise<string> {
  return once(inits, requirements, async () => {
    const init = async (dir: string) => {
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: JSON.parse(requirements) as unknown } }));
      writeFileSync(join(dir, OVERRIDE_FILE), JSON.stringify(OFFLINE_OVERRIDE));
      await terraform(INIT, dir, offlineEnv());
    };
    const cache = process.env[CACHE_VARIABLE];
    // Keyed by what decides where providers come from: the requirements and the mirror, if any.
    if (cache) return sharedResult(cache, `init-${digest([requirements, cliConfigFile() ? process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR : "registry"])}`, init);
    const dir = mkdtempSync(join(sharedFolder(), "init-"));
    await init(dir);
    return dir;
  });
}

/** How a run's commands after init run: the pinned provider where it applies, warm unless `warm` is false. */
interface RunContext {
  readonly env: NodeJS.ProcessEnv;
  /** The provider binary to attach the commands to a warm process of. */
  readonly provider?: string;
}

function runContext(requirements: string | undefined, warm = true): RunContext {
  const pinned = requirements === undefined ? undefined : pinnedProvider(requirements);
  if (!pinned) return { env: offlineEnv() };
  return { env: { ...offlineEnv(), TF_CLI_CONFIG_FILE: pinned.config }, provider: warm ? pinned.binary : undefined };
}

/** Initializes a run folder: from the shared init where its requirements allow, else in place. */
async function initialize(workdir: string, requirements: string | undefined): Promise<void> {
  if (requirements === undefined) {
    await terraform(INIT, workdir, offlineEnv());
    return;
  }
  const shared = await sharedInit(requirements);
  symlinkSync(join(shared, ".terraform"), join(workdir, ".terraform"));
  copyFileSync(join(shared, ".terraform.lock.hcl"), join(workdir, ".terraform.lock.hcl"));
}

/**
 * The providers' schemas: for shared requirements read once per process (and, with
 * `WEBTIER_OFFLINE_CACHE`, once per run), else in the run folder.
 */
async function schemasOf(workdir: string, requirements: string | undefined): Promise<ProviderSchemas> {
  const read = async (dir: string) => {
    const { env, provider } = runContext(requirements);
    return terraform(["providers", "schema", "-json"], dir, env, provider);
  };
  if (requirements === undefined) {
    if (!existsSync(join(workdir, ".terraform"))) await initialize(workdir, undefined);
    return JSON.parse(await read(workdir)) as ProviderSchemas;
  }
  return once(schemaCache, requirements, async () => {
    const dir = await sharedInit(requirements);
    const cache = process.env[CACHE_VARIABLE];
    if (!cache) return JSON.parse(await read(dir)) as ProviderSchemas;
    const entry = await sharedResult(cache, `schemas-${digest([requirements])}`, async (into) => writeFileSync(join(into, "schemas.json"), await read(dir)));
    return JSON.parse(readFileSync(join(entry, "schemas.json"), "utf8")) as ProviderSchemas;
  });
}

function digest(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 32);
}

/** One line of `plan -json` output, as far as read here. */
interface PlanMessage {
  readonly type?: string;
  readonly "@level"?: string;
  readonly changes?: { readonly add: number; readonly change: number; readonly remove: number; readonly import?: number };
  readonly diagnostic?: { readonly summary?: string; readonly detail?: string };
}

function planMessages(stdout: string): PlanMessage[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as PlanMessage);
}

/** The resources a `plan -json` creates, updates, destroys or imports, from its change summary. */
function changeCount(stdout: string): number {
  const summary = planMessages(stdout).find((m) => m.type === "change_summary")?.changes;
  if (!summary) throw new Error("terraform plan -json printed no change summary");
  return summary.add + summary.change + summary.remove + (summary.import ?? 0);
}

/** `plan -json`'s error diagnostics as Terraform prints them without -json. */
function diagnosticsText(stdout: string): string {
  return planMessages(stdout)
    .filter((m) => m["@level"] === "error" && m.diagnostic)
    .map((m) => `Error: ${m.diagnostic!.summary ?? ""}\n\n${m.diagnostic!.detail ?? ""}`.trim())
    .join("\n\n");
}

/** What a run found: the plan's JSON text, and whether it changes any resource. */
interface Outcome {
  readonly planJson?: string;
  readonly changed?: boolean;
  /** `terraform show` of the plan as text, when asked for. */
  readonly showText?: string;
}

/** Initializes, validates or plans (and shows) in a prepared run folder; leaves the plan file there. */
async function execute(workdir: string, requirements: string | undefined, options: OfflineRunOptions): Promise<Outcome> {
  options.onStep?.("init");
  await initialize(workdir, requirements);
  const { env, provider } = runContext(requirements, options.warmProvider);
  if (options.validate || options.plan === false) await terraform(VALIDATE, workdir, env, provider);
  if (options.plan === false) return {};

  // `plan -json` reports what it counted, so a plan that changes nothing needs no `show`.
  const planArgs = ["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", `-out=${PLAN_FILE}`];
  options.onStep?.("plan");
  const log = join(workdir, PLAN_LOG);
  const watched = process.env.TF_LOG || process.env.TF_LOG_CORE || process.env.TF_LOG_PATH ? env : { ...env, TF_LOG_CORE: "INFO", TF_LOG_PATH: log };
  const planned = await exec(options.showOnlyChanges ? [...planArgs, "-json"] : planArgs, workdir, watched, provider);
  const reachedPlanning = existsSync(log) && readFileSync(log, "utf8").includes(PLANNING_STARTED);
  rmSync(log, { force: true });
  if (planned.code !== 0) {
    // A plan that failed before planning began (loading the configuration or the state) is
    // validated, to say whether the configuration is at fault; one that failed while planning
    // got past that, so validating would only repeat it.
    if (!options.validate && planned.code > 0 && !reachedPlanning) await terraform(VALIDATE, workdir, env, provider);
    throw failure("plan", workdir, options.showOnlyChanges ? { ...planned, stdout: diagnosticsText(planned.stdout) } : planned);
  }
  const counted = options.showOnlyChanges ? changeCount(planned.stdout) : undefined;
  if (counted === 0) return { changed: false };
  // The plan's own report is `terraform show`'s text of it: no second show for reviewers. Kept
  // whether asked for or not, so that runs with and without it share their results.
  const showText = options.showOnlyChanges ? undefined : planned.stdout.replace(OVERRIDE_WARNING, "");
  options.onStep?.("show");
  const planJson = await terraform(["show", "-json", "-no-color", PLAN_FILE], workdir, env, provider);
  const changes = (JSON.parse(planJson) as PlanJson).resource_changes ?? [];
  return { planJson, showText, changed: counted === undefined ? changes.some((rc) => !["no-op", "read"].includes(rc.change.actions.join())) : counted > 0 };
}

/** Set to a folder, runs of identical inputs share one result, across processes (see {@link runOffline}). */
export const CACHE_VARIABLE = "WEBTIER_OFFLINE_CACHE";

/**
 * {@link execute} through the shared results in `cache`, keyed by every input: the run folder's
 * files (stack, override, extra files, state) and the options that change the result.
 */
async function executeShared(cache: string, workdir: string, requirements: string | undefined, options: OfflineRunOptions): Promise<Outcome> {
  const files = readdirSync(workdir).sort();
  const key = digest([
    JSON.stringify({ plan: options.plan !== false, validate: options.validate === true, showOnlyChanges: options.showOnlyChanges === true, warmProvider: options.warmProvider !== false }),
    ...files.flatMap((file) => [file, readFileSync(join(workdir, file), "utf8")]),
  ]);
  const entry = await sharedResult(cache, key, async (into) => {
    const outcome = await execute(workdir, requirements, options);
    writeFileSync(join(into, "outcome.json"), JSON.stringify({ changed: outcome.changed }));
    if (outcome.planJson !== undefined) writeFileSync(join(into, "plan.json"), outcome.planJson);
    if (outcome.showText !== undefined) writeFileSync(join(into, "show.txt"), outcome.showText);
    if (existsSync(join(workdir, PLAN_FILE))) copyFileSync(join(workdir, PLAN_FILE), join(into, PLAN_FILE));
  });
  // A run served from another's result gets its plan file too, for callers that keep the folder.
  if (existsSync(join(entry, PLAN_FILE)) && !existsSync(join(workdir, PLAN_FILE))) copyFileSync(join(entry, PLAN_FILE), join(workdir, PLAN_FILE));
  const { changed } = JSON.parse(readFileSync(join(entry, "outcome.json"), "utf8")) as { changed?: boolean };
  const read = (file: string) => (existsSync(join(entry, file)) ? readFileSync(join(entry, file), "utf8") : undefined);
  return { changed, planJson: read("plan.json"), showText: read("show.txt") };
}

/**
 * `init` and `plan -refresh=false -out` then `show -json` (or only `validate`, with `plan:
 * false`) against a temporary copy of a synthesized stack folder (`cdktf.out/stacks/<name>`).
 * Fails with Terraform's own message at the first step that fails; a configuration that
 * Terraform rejects fails as step `validate`, whichever command found it.
 *
 * With `WEBTIER_OFFLINE_CACHE` set to a folder (the test suite sets one per run), a run whose
 * inputs another run already had (in this process or another) takes that run's result instead
 * of running Terraform again: a plan depends on nothing else. Failures are not shared. A kept
 * folder of such a run holds the plan file but no `.terraform`.
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
    const cache = process.env[CACHE_VARIABLE];
    const [outcome, schemas] = await Promise.all([
      cache ? executeShared(cache, workdir, requirements, options) : execute(workdir, requirements, options),
      // Read beside the plan where it is shared; a run folder's own init must come first.
      options.schemas && requirements !== undefined ? schemasOf(workdir, requirements) : undefined,
    ]);
    // A run served from another's result was never initialized here; its kept folder still gets
    // the lock file, which callers save beside a plan for the apply's init.
    if (options.keep && requirements !== undefined && !existsSync(join(workdir, ".terraform.lock.hcl"))) {
      copyFileSync(join(await sharedInit(requirements), ".terraform.lock.hcl"), join(workdir, ".terraform.lock.hcl"));
    }
    const run: OfflineRun = {
      workdir,
      plan: outcome.planJson === undefined ? undefined : (JSON.parse(outcome.planJson) as PlanJson),
      changed: outcome.changed,
      schemas: options.schemas ? (schemas ?? (await schemasOf(workdir, requirements))) : undefined,
      showText: options.showText ? outcome.showText : undefined,
    };
    succeeded = true;
    return run;
  } finally {
    // `keep` hands a successful run's folder to the caller; a failed one is always removed.
    if (!options.keep || !succeeded) rmSync(workdir, { recursive: true, force: true });
  }
}
