import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CommandError, EXIT, UsageError } from "./cli";
import { deployedResources } from "./guard";
import { TERRAFORM_MISSING, TerraformError, type PlanJson } from "./terraform";

/**
 * The strict `--state <dir>` and `--empty-state` options. A folder that does not hold a
 * readable state for an environment is an error naming the path and what was expected, never
 * a silent plan from empty state; planning from empty state is asked for by name.
 */

/** Where the prior state of each environment comes from. */
export interface StateChoice {
  /** Offline: a folder holding `<env>.tfstate`, as the user typed it. @default - none */
  readonly stateDir?: string;
  /** Plan from empty state on purpose (a new environment). @default false */
  readonly emptyState: boolean;
  /** Offline preview (local backend) rather than the real backend. */
  readonly offline: boolean;
}

/** Refuses combinations that cannot mean anything. */
export function checkStateChoice(choice: StateChoice): void {
  if (choice.stateDir !== undefined && choice.emptyState) throw new UsageError("--state and --empty-state exclude each other");
  if (choice.stateDir !== undefined && !choice.offline)
    throw new UsageError("--state goes with --offline (a real plan reads the environment's backend)");
}

const expected = (env: string, dir: string) =>
  `expected the state of ${env} there as ${env}.tfstate (terraform state pull > ${join(dir, `${env}.tfstate`)}), or --empty-state to plan ${env} as a new environment`;

/**
 * The prior state for `env` (JSON text), or undefined to plan from empty state. With `--state`,
 * anything but a readable JSON state at `<dir>/<env>.tfstate` is a usage error (exit 2).
 */
export function readState(env: string, choice: StateChoice): { readonly state?: string; readonly file?: string } {
  const dir = choice.stateDir;
  if (dir === undefined) return {};
  const fail = (message: string): never => {
    throw new CommandError(message, EXIT.usage);
  };
  if (!existsSync(resolve(dir))) fail(`--state ${dir}: no such folder; ${expected(env, dir)}`);
  if (!statSync(resolve(dir)).isDirectory()) fail(`--state ${dir} is a file, not a folder; ${expected(env, dir)}`);
  const file = join(dir, `${env}.tfstate`);
  if (!existsSync(resolve(file))) fail(`--state ${dir} holds no ${env}.tfstate; ${expected(env, dir)}`);
  const state = readFileSync(resolve(file), "utf8");
  if (state.trim() === "")
    fail(`${file} is empty (${state.length} bytes); expected the state of ${env}, a JSON document from terraform state pull`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch (error) {
    fail(`${file} is not JSON (${(error as Error).message}); expected the state of ${env}, a JSON document from terraform state pull`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("version" in parsed)) {
    fail(`${file} is not a Terraform state (no "version" field); expected the state of ${env}, a JSON document from terraform state pull`);
  }
  return { state, file };
}

/**
 * A failed Terraform step, told for people: a state Terraform cannot read names the user's file
 * (exit 2), anything else names the environment, not the temporary folder, with Terraform's
 * own message below (exit 1).
 */
export function terraformFailure(error: unknown, env: string, file: string | undefined): unknown {
  if (!(error instanceof TerraformError)) return error;
  if (error.step === TERRAFORM_MISSING) return new CommandError(error.output, EXIT.failed);
  if (file && /reading local state|state file|state snapshot|Failed to load state/i.test(error.output)) {
    // Terraform's summary and the first line of its detail: "Unsupported state file format: The state file uses format version 99, …".
    const lines = error.output
      .split("\n")
      .map((l) =>
        l
          .replace(/^[│╷╵\s]*/, "")
          .replace(/^Error:\s*/, "")
          .trim(),
      )
      .filter((l) => l.length > 0);
    // A summary that explains itself ("Error reading local state: …") stands alone.
    const reason = lines[0]?.includes(": ") ? lines[0] : lines.slice(0, 2).join(": ") || undefined;
    return new CommandError(`${file}: Terraform cannot read it as the state of ${env}: ${reason ?? error.output.trim()}`, EXIT.usage);
  }
  return new CommandError(`terraform ${error.step} failed for ${env}:\n${error.output.trim()}`, EXIT.failed);
}

/**
 * A real plan of a protected environment whose backend holds no state is refused unless
 * `--empty-state` says the environment is new: wrong backend settings would otherwise look
 * like an empty environment, and the plan would create everything again.
 */
export function requireDeployedState(env: string, plan: PlanJson, isProtected: boolean, choice: StateChoice): void {
  if (choice.offline || choice.emptyState || !isProtected || deployedResources(plan).length > 0) return;
  throw new CommandError(
    `${env} is protected but its backend holds no state, so Terraform would create everything; if ${env} is new, plan it with --empty-state, otherwise check the backend settings (WEBTIER_BACKEND, WEBTIER_STATE_*, WEBTIER_HCP_*)`,
    EXIT.usage,
  );
}
