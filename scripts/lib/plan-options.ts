import { resolve } from "node:path";
import { UsageError } from "./cli";
import type { GuardOverride } from "./guard";
import { checkStateChoice, type StateChoice } from "./state-option";

/** The options `plan` and `deploy` share: where the state comes from, the override, the output folder. */
export const PLAN_OPTIONS = {
  offline: { type: "boolean" },
  state: { type: "string" },
  "empty-state": { type: "boolean" },
  "allow-destroy": { type: "boolean" },
  "override-reason": { type: "string" },
  out: { type: "string" },
  local: { type: "boolean" },
  endpoint: { type: "string" },
} as const;

/** The lines of `--local` and `--endpoint` in `--help` (plan, deploy, drift, destroy). */
export const LOCAL_OPTIONS_HELP = `  --local                   run against a local AWS emulator (moto_server) instead of AWS: started
                            on a free loopback port for this command (and gone with it), the
                            state in the emulator's S3 with Terraform's lock file; needs
                            pip install "moto[server]"
  --endpoint <url>          with --local, an emulator already running (npm run emulator), e.g.
                            http://127.0.0.1:5000: what one command applies, the next can plan`;

/** Their lines in `--help`. */
export const PLAN_OPTIONS_HELP = `  --offline                 plan in a temporary copy with a local backend and placeholder
                            credentials: no cloud account needed (from empty state unless --state)
  --state <dir>             offline, against <dir>/<env>.tfstate (terraform state pull); a folder
                            without a readable state for the environment is an error
  --empty-state             plan from empty state on purpose (a new environment)
  --allow-destroy           let a protected environment's plan destroy, replace or turn a
                            protection off; the summary records the override
  --override-reason <text>  where the override came from, recorded in the summary
                            (CI: "pull-request label allow-destroy")
  --out <dir>               where plans and summaries go (default .plans)
${LOCAL_OPTIONS_HELP}`;

interface PlanValues {
  readonly offline?: boolean;
  readonly state?: string;
  readonly "empty-state"?: boolean;
  readonly "allow-destroy"?: boolean;
  readonly "override-reason"?: string;
  readonly out?: string;
  readonly local?: boolean;
  readonly endpoint?: string;
}

/** `--local` reads the emulator's state: not with `--offline` or `--state`; `--endpoint` only with `--local`. */
export function checkLocalChoice(values: {
  readonly local?: boolean;
  readonly endpoint?: string;
  readonly offline?: boolean;
  readonly state?: string;
}): void {
  if (values.endpoint !== undefined && !values.local) throw new UsageError("--endpoint goes with --local");
  if (values.local && values.offline)
    throw new UsageError("--local and --offline exclude each other: --local plans against the emulator's real state");
  if (values.local && values.state !== undefined)
    throw new UsageError("--state goes with --offline; with --local the state is the emulator's");
}

/** The shared options, checked: `--state` only offline and not with `--empty-state`, a reason only with `--allow-destroy`. */
export function planSettings(values: PlanValues): { readonly states: StateChoice; readonly override: GuardOverride; readonly out: string } {
  const states = { offline: values.offline === true, stateDir: values.state, emptyState: values["empty-state"] === true };
  checkStateChoice(states);
  checkLocalChoice(values);
  if (values["override-reason"] !== undefined && !values["allow-destroy"])
    throw new UsageError("--override-reason goes with --allow-destroy");
  if (values["override-reason"] !== undefined && values["override-reason"].trim() === "")
    throw new UsageError("--override-reason needs a text");
  return {
    states,
    override: { allowDestroy: values["allow-destroy"] === true, reason: values["override-reason"] },
    out: resolve(values.out ?? ".plans"),
  };
}
