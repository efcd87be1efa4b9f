import type { PlanJson, StateModule, StateResource } from "./terraform";

/**
 * The guard: which environments are protected, what a plan does to their protections, and
 * whether the plan may go ahead. Whether an environment is protected is decided from sources
 * the change under review cannot edit: what is deployed (the prior state inside the plan) and a
 * list the repository owner keeps outside the code (WEBTIER_PROTECTED_ENVIRONMENTS). The
 * config's `production` flag can add protection, never remove it.
 */

/** The repository variable (or shell variable) listing protected environments. */
export const PROTECTED_ENVIRONMENTS_VARIABLE = "WEBTIER_PROTECTED_ENVIRONMENTS";

/** Protected when the variable is unset or empty: the safe default. */
export const DEFAULT_PROTECTED_ENVIRONMENTS: readonly string[] = ["prod"];

/** The environments the owner protects, and a sentence saying where the list came from. */
export interface ProtectedList {
  readonly names: readonly string[];
  /** `WEBTIER_PROTECTED_ENVIRONMENTS ("prod,stage")`, or the default. */
  readonly source: string;
  /** Set when the variable was given but named no environment, so the default stands in: say so. */
  readonly warning?: string;
}

/**
 * Reads WEBTIER_PROTECTED_ENVIRONMENTS (comma-separated). Unset, blank, or a value that names no
 * environment (",") means `prod`: a list that parses to nothing must never protect nothing.
 */
export function protectedList(env: Readonly<Record<string, string | undefined>>): ProtectedList {
  const raw = env[PROTECTED_ENVIRONMENTS_VARIABLE]?.trim();
  const fallback = { names: DEFAULT_PROTECTED_ENVIRONMENTS, source: `${PROTECTED_ENVIRONMENTS_VARIABLE} (unset: the default, "prod")` };
  if (!raw) return fallback;
  const names = raw
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) {
    return {
      names: DEFAULT_PROTECTED_ENVIRONMENTS,
      source: `${PROTECTED_ENVIRONMENTS_VARIABLE} (${JSON.stringify(raw)} names no environment: the default, "prod")`,
      warning: `${PROTECTED_ENVIRONMENTS_VARIABLE} is ${JSON.stringify(raw)}, which names no environment; protecting the default, prod, instead`,
    };
  }
  return { names, source: `${PROTECTED_ENVIRONMENTS_VARIABLE} (${JSON.stringify(raw)})` };
}

/** The synthesized stack (`cdk.tf.json`), as far as the guard reads it: lifecycle settings. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, { readonly lifecycle?: { readonly prevent_destroy?: boolean } }>>>>;
}

/** What the guard knows about an environment besides its plan. */
export interface GuardContext {
  /** The owner's list of protected environments. @default - none listed */
  readonly list?: ProtectedList;
  /** The config's `production` flag (adds protection; false on a protected environment is a finding). @default - not known: not judged */
  readonly production?: boolean;
  /** The synthesized stack, where `prevent_destroy` is visible (it is not in the state). @default - not known: not judged */
  readonly stack?: SynthesizedStack;
}

/** Whether an environment is protected, and every reason it is. */
export interface Protection {
  readonly protected: boolean;
  /** Sentences naming each source: the list, the deployed state, the config. */
  readonly sources: readonly string[];
}

/** Every managed resource of the state the plan was made against. */
export function deployedResources(plan: PlanJson): StateResource[] {
  const walk = (m: StateModule | undefined): StateResource[] => [...(m?.resources ?? []), ...(m?.child_modules ?? []).flatMap(walk)];
  return walk(plan.prior_state?.values?.root_module).filter((r) => r.mode === "managed");
}

const DELETION_PROTECTION_KEYS = ["enable_deletion_protection", "deletion_protection"] as const;

const hasDeletionProtection = (values: unknown) =>
  typeof values === "object" && values !== null && DELETION_PROTECTION_KEYS.some((k) => (values as Record<string, unknown>)[k] === true);

/** `Environment=prod`, `Production=true` and the like: a tag saying the resource is production. */
function productionTag(values: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const tags = (values?.tags_all ?? values?.tags) as Record<string, unknown> | null | undefined;
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (typeof value !== "string") continue;
    if (/^(env|environment|stage)$/i.test(key) && /^(prod|production)$/i.test(value)) return `${key}=${value}`;
    if (/^production$/i.test(key) && /^(true|yes)$/i.test(value)) return `${key}=${value}`;
  }
  return undefined;
}

/** Why `environment` is protected, from the owner's list, its deployed state and its config. */
export function protectionOf(environment: string, plan: PlanJson, context: GuardContext = {}): Protection {
  const sources: string[] = [];
  if (context.list?.names.includes(environment)) sources.push(`listed in ${context.list.source}`);
  const deployed = deployedResources(plan);
  sources.push(
    ...deployed.filter((r) => hasDeletionProtection(r.values)).map((r) => `the deployed ${r.address} has deletion protection on`),
  );
  const tagged = deployed.map((r) => productionTag(r.values)).filter((t): t is string => t !== undefined);
  if (tagged.length > 0) sources.push(`${tagged.length} deployed resource(s) are tagged ${[...new Set(tagged)].join(", ")}`);
  if (context.production === true) sources.push("its config says production: true");
  return { protected: sources.length > 0, sources };
}

/**
 * What the plan does to the protections of an environment: ALB (or any) deletion protection
 * switched off, a deployed queue without `prevent_destroy`, the flow log destroyed, and on a
 * protected environment a config saying `production: false`. Listed as warnings everywhere;
 * they block a protected environment.
 */
export function protectionsTurnedOff(environment: string, plan: PlanJson, protection: Protection, context: GuardContext = {}): string[] {
  const found: string[] = [];
  if (protection.protected && context.production === false) {
    found.push(
      `${environment} turns production off (its config does not say production: true), but it is protected: ${protection.sources.join("; ")}`,
    );
  }
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions.join(",");
    if (actions === "update" && hasDeletionProtection(rc.change.before) && !hasDeletionProtection(rc.change.after)) {
      found.push(`${environment} turns deletion protection off on ${rc.address}`);
    }
    if (rc.type === "aws_flow_log" && actions === "delete") found.push(`${environment} turns VPC flow logs off: it destroys ${rc.address}`);
  }
  // prevent_destroy lives in the configuration, not the state: only a protected environment's
  // deployed queues are expected to carry it, so others never hear of it.
  if (context.stack && protection.protected) {
    for (const queue of deployedResources(plan).filter((r) => r.type === "aws_sqs_queue")) {
      const config = context.stack.resource?.[queue.type]?.[queue.name];
      if (config && config.lifecycle?.prevent_destroy !== true)
        found.push(`${environment} drops prevent_destroy from the deployed queue ${queue.address}`);
    }
  }
  return found;
}

/** What the guard reads of a summarized plan. */
export interface Guarded {
  readonly environment: string;
  readonly protection: Protection;
  readonly counts: { readonly replace: number; readonly destroy: number };
  readonly protectionsOff: readonly string[];
  /** What a reviewer could miss (risks.ts): blocks a protected environment like a destroy. */
  readonly risks: readonly string[];
}

/** A deliberate override: `--allow-destroy`, and where it came from (`--override-reason`). */
export interface GuardOverride {
  readonly allowDestroy: boolean;
  /** Recorded in the summary: "guard overridden by <reason>". @default "--allow-destroy" */
  readonly reason?: string;
}

export interface GuardVerdict {
  readonly blocked: boolean;
  /** What the guard objects to, whether it blocks or was overridden. */
  readonly reasons: readonly string[];
  /** Set when there was something to block and the guard was overridden: by what. */
  readonly overriddenBy?: string;
}

/**
 * Blocks the plans of protected environments that replace or destroy anything, turn a
 * protection off, or carry a risk a reviewer could miss, unless overridden (`true` is `--allow-destroy` without a reason).
 */
export function guard(summaries: readonly Guarded[], override: GuardOverride | boolean = false): GuardVerdict {
  const reasons = summaries
    .filter((s) => s.protection.protected)
    .flatMap((s) => [
      ...(s.counts.replace + s.counts.destroy > 0
        ? [`${s.environment} (protected) would replace ${s.counts.replace} and destroy ${s.counts.destroy} resource(s)`]
        : []),
      ...(s.protectionsOff.length > 0 ? [`${s.environment} (protected) turns ${s.protectionsOff.length} protection(s) off`] : []),
      ...(s.risks.length > 0
        ? [
            `${s.environment} (protected) has ${s.risks.length} change(s) that run commands, leave the state, open access, lose data or take capacity away`,
          ]
        : []),
    ]);
  const allowed = typeof override === "boolean" ? { allowDestroy: override } : override;
  if (reasons.length > 0 && allowed.allowDestroy) return { blocked: false, reasons, overriddenBy: allowed.reason || "--allow-destroy" };
  return { blocked: reasons.length > 0, reasons };
}

/** One verdict for several saved ones (the pull-request comment joins every environment's). */
export function joinVerdicts(verdicts: readonly GuardVerdict[]): GuardVerdict {
  const by = [...new Set(verdicts.map((v) => v.overriddenBy).filter((b): b is string => b !== undefined))];
  return {
    blocked: verdicts.some((v) => v.blocked),
    reasons: verdicts.flatMap((v) => v.reasons),
    ...(by.length ? { overriddenBy: by.join(", ") } : {}),
  };
}
