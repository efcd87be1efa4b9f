import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, copyFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs real Terraform against a synthesized stack without a cloud account: the stack is copied
 * to a temporary folder, an override file swaps its backend for `local` and gives the AWS
 * provider placeholder credentials with every check that would call AWS skipped, and the
 * provider comes from a filesystem mirror when one is present. The synthesized stack itself is
 * never touched.
 */

/** Where the AWS provider mirror lives on these machines; `TF_PLUGIN_MIRROR` overrides it. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";

/** The override that makes a stack plannable offline. Terraform merges it over the real config. */
export const OFFLINE_OVERRIDE = {
  terraform: { backend: { local: { path: "terraform.tfstate" } } },
  provider: {
    aws: {
      access_key: "AKIAOFFLINEPLACEHOLDER",
      secret_key: "offline-placeholder-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    },
  },
} as const;

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
  readonly actions: readonly ("no-op" | "create" | "read" | "update" | "delete")[];
  readonly before: unknown;
  readonly after: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
}

export interface OfflineRunOptions {
  /** Run `terraform plan` (and `show -json`) after `validate`. @default true */
  readonly plan?: boolean;
  /** Keep the temporary folder of a successful run (the caller removes it). @default false */
  readonly keep?: boolean;
  /** Extra files to write next to the stack (file name → content), e.g. a broken resource. */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** A prior state (JSON) to plan against, e.g. from `simulateDeploy`; otherwise empty. */
  readonly state?: string;
  /** Also read the providers' schemas (for `applyPlan`). @default false */
  readonly schemas?: boolean;
  /** Run `terraform validate` before planning (plan validates too, less verbosely). @default true */
  readonly validate?: boolean;
}

/** A cty type as `terraform providers schema -json` writes it. */
export type CtyType = string | readonly [string, unknown];

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: CtyType }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** The part of `terraform providers schema -json` used here: resource schemas by provider. */
export interface ProviderSchemas {
  readonly provider_schemas: Readonly<Record<string, { readonly resource_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>> }>>;
}

export interface OfflineRun {
  /** The temporary folder Terraform ran in (removed unless `keep`). */
  readonly workdir: string;
  /** The parsed plan, when planning was asked for. */
  readonly plan?: PlanJson;
  /** `terraform providers schema -json`, when asked for. */
  readonly schemas?: ProviderSchemas;
}

/** The Terraform binary: `TERRAFORM_BINARY_NAME` (cdktf's own variable) or `terraform` on PATH. */
export function terraformBinary(): string {
  return process.env.TERRAFORM_BINARY_NAME || "terraform";
}

let cliConfig: string | undefined;

/**
 * A Terraform CLI config that installs hashicorp/aws from the filesystem mirror (symlinked,
 * so `init` costs no copy of the 700 MB provider) and everything else from the registry.
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

/** Runs one Terraform command; rejects with a {@link TerraformError} carrying its output. */
export function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = terraformEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(terraformBinary(), [...args], { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const output = [stderr, stdout].filter((s) => s && s.trim()).join("\n") || error.message;
        reject(new TerraformError(args[0] ?? "", cwd, output));
      } else {
        resolve(stdout);
      }
    });
  });
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
function copyStack(stackDir: string, dest: string): void {
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

/**
 * `init`, `validate`, and unless told otherwise `plan -refresh=false -out` and `show -json`,
 * against a temporary copy of a synthesized stack folder (`cdktf.out/stacks/<name>`).
 * Fails with Terraform's own message at the first step that fails.
 */
export async function runOffline(stackDir: string, options: OfflineRunOptions = {}): Promise<OfflineRun> {
  const workdir = mkdtempSync(join(tmpdir(), "tf-offline-"));
  let succeeded = false;
  try {
    copyStack(stackDir, workdir);
    writeFileSync(join(workdir, "zz_offline_override.tf.json"), JSON.stringify(OFFLINE_OVERRIDE, null, 2));
    for (const [name, content] of Object.entries(options.extraFiles ?? {})) writeFileSync(join(workdir, name), content);
    if (options.state) writeFileSync(join(workdir, "terraform.tfstate"), options.state);

    await terraform(["init", "-input=false", "-no-color", "-backend=true"], workdir);
    if (options.validate !== false || options.plan === false) await terraform(["validate", "-no-color"], workdir);
    if (options.plan === false) {
      succeeded = true;
      return { workdir };
    }

    await terraform(["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", "-out=offline.tfplan"], workdir);
    const [json, schemas] = await Promise.all([
      terraform(["show", "-json", "-no-color", "offline.tfplan"], workdir),
      options.schemas ? terraform(["providers", "schema", "-json"], workdir) : undefined,
    ]);
    const run = { workdir, plan: JSON.parse(json) as PlanJson, schemas: schemas ? (JSON.parse(schemas) as ProviderSchemas) : undefined };
    succeeded = true;
    return run;
  } finally {
    // `keep` hands a successful run's folder to the caller; a failed one is always removed.
    if (!options.keep || !succeeded) rmSync(workdir, { recursive: true, force: true });
  }
}
