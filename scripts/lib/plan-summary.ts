import { deployedResources, protectionOf, protectionsTurnedOff, type GuardContext, type Protection } from "./guard";
import { accessChanges, risksOf } from "./risks";
import type { Change, PlanJson, ResourceChange } from "./terraform";

/**
 * Reads `terraform show -json` plans the way a reviewer reads them: what is created, updated
 * (which attributes), replaced (forced by which attributes), destroyed and moved; which
 * outputs change; and, first of all, which of those lose data, disrupt service or turn a
 * protection off. Values are kept whole: the renderers decide how much of them to show.
 */

/** Resource types whose destruction loses something a new one does not bring back. */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  aws_sqs_queue: "the messages in the queue are lost",
  aws_sns_topic: "its subscriptions go with it; email subscribers must confirm again",
  aws_vpc: "everything in the VPC goes with it",
  aws_subnet: "instances and load balancer nodes in it are replaced",
  aws_lb: "its DNS name changes, and clients lose the endpoint",
  aws_eip: "the public IP address changes",
  aws_kms_key: "data encrypted with it becomes unreadable once the key is deleted",
  aws_cloudwatch_log_group: "its log records are deleted",
  aws_autoscaling_group: "every instance is replaced at once",
};

/** Resource types whose replacement interrupts service even though nothing is lost for good. */
export const DISRUPTIVE_TYPES: Readonly<Record<string, string>> = {
  aws_nat_gateway: "private subnets lose their route to the internet until the new gateway is up",
  aws_lb_target_group: "the listener forwards to a new, empty group: requests fail until targets register and pass health checks",
  aws_launch_template: "its id changes: the instances launched from it are replaced",
};

export interface AttributeChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface PlanSummary {
  readonly environment: string;
  /** Whether the guard protects this environment, and why (see guard.ts). */
  readonly protection: Protection;
  readonly counts: {
    readonly create: number;
    readonly update: number;
    readonly replace: number;
    readonly destroy: number;
    readonly move: number;
    readonly forget: number;
  };
  readonly creates: readonly string[];
  readonly updates: readonly { readonly address: string; readonly changes: readonly AttributeChange[] }[];
  readonly replacements: readonly { readonly address: string; readonly forcedBy: readonly string[] }[];
  readonly destroys: readonly string[];
  /** Resources a `removed` block takes out of the state while leaving them in AWS. */
  readonly forgets: readonly string[];
  readonly moves: readonly { readonly from: string; readonly to: string }[];
  readonly outputs: readonly {
    readonly name: string;
    readonly action: "added" | "changed" | "removed";
    readonly before: string;
    readonly after: string;
  }[];
  /** Protections the plan turns off (deletion protection, prevent_destroy, flow logs, production). */
  readonly protectionsOff: readonly string[];
  /** What a reviewer could miss: provisioners, forgotten resources, access opened, data or capacity lost in place (see risks.ts). */
  readonly risks: readonly string[];
  /** Rules, listener rules and policies created or changed, with what each lets through. */
  readonly access: readonly {
    readonly address: string;
    readonly action: "create" | "update" | "replace";
    readonly access: readonly string[];
  }[];
  /** The protections turned off, the risks, then destroys and replacements that lose data or disrupt service, as sentences. */
  readonly warnings: readonly string[];
}

const MASK = "(sensitive)";
const UNKNOWN = "(known after apply)";

type Flat = Map<string, unknown>;

/** `{a: {b: [1]}}` → `a.b[0] = 1`; empty containers are leaves, so adding to one is a change. */
function flatten(value: unknown, prefix = "", into: Flat = new Map()): Flat {
  if (Array.isArray(value) && value.length > 0) {
    for (const [i, v] of value.entries()) flatten(v, `${prefix}[${i}]`, into);
  } else if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else into.set(prefix, value);
  return into;
}

/** Paths flagged `true` in an after_unknown / *_sensitive mirror (a flag on a container covers what is under it). */
function flagged(mirror: unknown): (path: string) => boolean {
  const paths = [...flatten(mirror)].filter(([, v]) => v === true).map(([p]) => p);
  return (path) => paths.some((p) => p === "" || path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

/** A value as JSON, whole: never cut, so it always parses. */
function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

/** The attributes an update changes, with values shown unless sensitive. */
export function changedAttributes(change: Change): AttributeChange[] {
  const before = flatten(change.before ?? {});
  const after = flatten(change.after ?? {});
  const unknown = flagged(change.after_unknown);
  const sensitive = (path: string) => flagged(change.before_sensitive)(path) || flagged(change.after_sensitive)(path);
  const paths = [
    ...new Set([
      ...before.keys(),
      ...after.keys(),
      ...[...flatten(change.after_unknown ?? {})].filter(([, v]) => v === true).map(([p]) => p),
    ]),
  ].sort();
  const changes: AttributeChange[] = [];
  // An object left empty because its only attributes are unknown is not a change of its own.
  const hasChildren = (path: string) => paths.some((p) => p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  const isEmpty = (v: unknown) => typeof v === "object" && v !== null && Object.keys(v).length === 0;
  for (const path of paths) {
    if (path === "") continue;
    if ((isEmpty(before.get(path)) || isEmpty(after.get(path))) && hasChildren(path)) continue;
    const isUnknown = unknown(path);
    if (!isUnknown && JSON.stringify(before.get(path)) === JSON.stringify(after.get(path))) continue;
    // An attribute that only becomes "known after apply" and had no value is noise, not news.
    if (isUnknown && before.get(path) === undefined && !before.has(path)) continue;
    const masked = sensitive(path);
    changes.push({
      path,
      before: masked ? MASK : show(before.get(path)),
      after: masked ? MASK : isUnknown ? UNKNOWN : show(after.get(path)),
    });
  }
  return changes;
}

type Kind = "create" | "update" | "replace" | "destroy" | "forget" | "none";

function kindOf(rc: ResourceChange): Kind {
  const actions = rc.change.actions.join(",");
  if (actions === "create") return "create";
  if (actions === "update") return "update";
  if (actions === "delete") return "destroy";
  if (actions === "delete,create" || actions === "create,delete") return "replace";
  if (actions.includes("forget")) return "forget";
  return "none";
}

/** What is lost or disrupted when `rc` is destroyed or replaced, if anything. */
function lossOf(rc: ResourceChange): string | undefined {
  const before = rc.change.before as Record<string, unknown> | null;
  if (before?.enable_deletion_protection === true) return "it has deletion protection on";
  return STATEFUL_TYPES[rc.type] ?? DISRUPTIVE_TYPES[rc.type];
}

/**
 * One environment's plan, summarized. `context` tells the guard what it knows besides the
 * plan (the owner's list, the config's production flag, the synthesized stack).
 */
export function summarize(environment: string, plan: PlanJson, context: GuardContext = {}): PlanSummary {
  const managed = (plan.resource_changes ?? []).filter((rc) => rc.mode === "managed");
  const of = (kind: Kind) => managed.filter((rc) => kindOf(rc) === kind);
  const moves = managed
    .filter((rc) => (rc as { previous_address?: string }).previous_address)
    .map((rc) => ({ from: (rc as { previous_address?: string }).previous_address!, to: rc.address }));

  const protection = protectionOf(environment, plan, context);
  const protectionsOff = protectionsTurnedOff(environment, plan, protection, context);
  const risks = risksOf(environment, plan, deployedResources(plan).length);
  const losses = [...of("destroy"), ...of("replace")].flatMap((rc) => {
    const why = lossOf(rc);
    if (!why) return [];
    const verb = kindOf(rc) === "destroy" ? "destroys" : "replaces";
    return [`${environment} ${verb} ${rc.address}: ${why}`];
  });

  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, c]) => !c.actions.includes("no-op"))
    .map(([name, c]) => {
      const masked = c.before_sensitive === true || c.after_sensitive === true;
      const action =
        c.actions.includes("create") && !c.actions.includes("delete")
          ? "added"
          : c.actions.includes("delete") && !c.actions.includes("create")
            ? "removed"
            : "changed";
      return {
        name,
        action,
        before: masked ? MASK : show(c.before ?? undefined),
        after: masked ? MASK : c.after_unknown === true ? UNKNOWN : show(c.after ?? undefined),
      } as const;
    });

  return {
    environment,
    protection,
    counts: {
      create: of("create").length,
      update: of("update").length,
      replace: of("replace").length,
      destroy: of("destroy").length,
      move: moves.length,
      forget: of("forget").length,
    },
    creates: of("create").map((rc) => rc.address),
    updates: of("update").map((rc) => ({ address: rc.address, changes: changedAttributes(rc.change) })),
    replacements: of("replace").map((rc) => ({
      address: rc.address,
      forcedBy: (rc.change.replace_paths ?? []).map((p) =>
        p
          .map((step) => (typeof step === "number" ? `[${step}]` : step))
          .join(".")
          .replace(/\.\[/g, "["),
      ),
    })),
    destroys: of("destroy").map((rc) => rc.address),
    forgets: of("forget").map((rc) => rc.address),
    moves,
    outputs,
    protectionsOff,
    risks,
    access: accessChanges(plan),
    warnings: [...protectionsOff, ...risks, ...losses],
  };
}
