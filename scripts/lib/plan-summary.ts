import type { Change, PlanJson, ResourceChange } from "./terraform";

/**
 * Reads `terraform show -json` plans the way a reviewer reads them: what is created, updated
 * (which attributes), replaced (forced by which attributes), destroyed and moved; which
 * outputs change; and, first of all, which of those touch something that holds state.
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

export interface AttributeChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface PlanSummary {
  readonly environment: string;
  readonly production: boolean;
  readonly counts: { readonly create: number; readonly update: number; readonly replace: number; readonly destroy: number; readonly move: number };
  readonly creates: readonly string[];
  readonly updates: readonly { readonly address: string; readonly changes: readonly AttributeChange[] }[];
  readonly replacements: readonly { readonly address: string; readonly forcedBy: readonly string[] }[];
  readonly destroys: readonly string[];
  readonly moves: readonly { readonly from: string; readonly to: string }[];
  readonly outputs: readonly { readonly name: string; readonly action: "added" | "changed" | "removed"; readonly before: string; readonly after: string }[];
  /** Destroys and replacements of stateful or protected resources, as sentences. */
  readonly warnings: readonly string[];
}

const MASK = "(sensitive)";
const UNKNOWN = "(known after apply)";
const MAX_VALUE = 60;

type Flat = Map<string, unknown>;

/** `{a: {b: [1]}}` → `a.b[0] = 1`; empty containers are leaves, so adding to one is a change. */
function flatten(value: unknown, prefix = "", into: Flat = new Map()): Flat {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, into));
  else if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else into.set(prefix, value);
  return into;
}

/** Paths flagged `true` in an after_unknown / *_sensitive mirror (a flag on a container covers what is under it). */
function flagged(mirror: unknown): (path: string) => boolean {
  const paths = [...flatten(mirror)].filter(([, v]) => v === true).map(([p]) => p);
  return (path) => paths.some((p) => p === "" || path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The attributes an update changes, with values shown unless sensitive. */
export function changedAttributes(change: Change): AttributeChange[] {
  const before = flatten(change.before ?? {});
  const after = flatten(change.after ?? {});
  const unknown = flagged(change.after_unknown);
  const sensitive = (path: string) => flagged(change.before_sensitive)(path) || flagged(change.after_sensitive)(path);
  const paths = [...new Set([...before.keys(), ...after.keys(), ...[...flatten(change.after_unknown ?? {})].filter(([, v]) => v === true).map(([p]) => p)])].sort();
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

type Kind = "create" | "update" | "replace" | "destroy" | "none";

function kindOf(rc: ResourceChange): Kind {
  const actions = rc.change.actions.join(",");
  if (actions === "create") return "create";
  if (actions === "update") return "update";
  if (actions === "delete") return "destroy";
  if (actions === "delete,create" || actions === "create,delete") return "replace";
  return "none";
}

function protection(rc: ResourceChange): string | undefined {
  const before = rc.change.before as Record<string, unknown> | null;
  if (before?.enable_deletion_protection === true) return "it has deletion protection on";
  return STATEFUL_TYPES[rc.type];
}

/** One environment's plan, summarized. `production` marks the environments the guard protects. */
export function summarize(environment: string, plan: PlanJson, production: boolean): PlanSummary {
  const managed = (plan.resource_changes ?? []).filter((rc) => rc.mode === "managed");
  const of = (kind: Kind) => managed.filter((rc) => kindOf(rc) === kind);
  const moves = managed
    .filter((rc) => (rc as { previous_address?: string }).previous_address)
    .map((rc) => ({ from: (rc as { previous_address?: string }).previous_address!, to: rc.address }));

  const warnings = [...of("destroy"), ...of("replace")].flatMap((rc) => {
    const why = protection(rc);
    if (!why) return [];
    const verb = kindOf(rc) === "destroy" ? "destroys" : "replaces";
    return [`${environment} ${verb} ${rc.address}: ${why}`];
  });

  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, c]) => !c.actions.includes("no-op"))
    .map(([name, c]) => {
      const masked = c.before_sensitive === true || c.after_sensitive === true;
      const action = c.actions.includes("create") && !c.actions.includes("delete") ? "added" : c.actions.includes("delete") && !c.actions.includes("create") ? "removed" : "changed";
      return {
        name,
        action,
        before: masked ? MASK : show(c.before ?? undefined),
        after: masked ? MASK : c.after_unknown === true ? UNKNOWN : show(c.after ?? undefined),
      } as const;
    });

  return {
    environment,
    production,
    counts: {
      create: of("create").length,
      update: of("update").length,
      replace: of("replace").length,
      destroy: of("destroy").length,
      move: moves.length,
    },
    creates: of("create").map((rc) => rc.address),
    updates: of("update").map((rc) => ({ address: rc.address, changes: changedAttributes(rc.change) })),
    replacements: of("replace").map((rc) => ({
      address: rc.address,
      forcedBy: (rc.change.replace_paths ?? []).map((p) => p.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".").replace(/\.\[/g, "[")),
    })),
    destroys: of("destroy").map((rc) => rc.address),
    moves,
    outputs,
    warnings,
  };
}

export interface GuardVerdict {
  readonly blocked: boolean;
  readonly reasons: readonly string[];
}

/** Production plans that replace or destroy anything are blocked unless destruction is allowed. */
export function guard(summaries: readonly PlanSummary[], allowDestroy: boolean): GuardVerdict {
  const reasons = summaries
    .filter((s) => s.production && s.counts.replace + s.counts.destroy > 0)
    .map((s) => `${s.environment} (production) would replace ${s.counts.replace} and destroy ${s.counts.destroy} resource(s)`);
  return { blocked: reasons.length > 0 && !allowDestroy, reasons };
}

/** The marker the pull-request workflow finds its own comment by. */
export const COMMENT_MARKER = "<!-- webtier-plan-summary -->";

const MAX_LISTED = 50;
const code = (s: string) => `\`${s}\``;

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, MAX_LISTED).map(line);
  return items.length > MAX_LISTED ? [...shown, `- …and ${items.length - MAX_LISTED} more`] : shown;
}

function attributeList(changes: readonly AttributeChange[]): string {
  if (changes.length === 0) return "";
  const shown = changes.slice(0, 8).map((c) => `${code(c.path)} (${c.before} → ${c.after})`);
  return `: ${shown.join(", ")}${changes.length > 8 ? `, …${changes.length - 8} more` : ""}`;
}

/** Markdown for a pull-request comment: a table of counts, warnings first, then each environment. */
export function renderMarkdown(summaries: readonly PlanSummary[], verdict?: GuardVerdict): string {
  const lines = [COMMENT_MARKER, "## Terraform plan", ""];
  lines.push("| environment | create | update | replace | destroy | move |", "| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const s of summaries) {
    const c = s.counts;
    lines.push(`| ${s.environment}${s.production ? " (production)" : ""} | ${c.create} | ${c.update} | ${c.replace} | ${c.destroy} | ${c.move} |`);
  }
  const warnings = summaries.flatMap((s) => s.warnings);
  if (warnings.length > 0 || verdict?.blocked) {
    lines.push("", "> [!WARNING]", "> **Stateful or protected resources are destroyed or replaced:**");
    for (const w of warnings) lines.push(`> - ${w}`);
    if (verdict?.blocked) lines.push(">", `> **Blocked:** ${verdict.reasons.join("; ")}. Re-run with \`--allow-destroy\` once this is intended.`);
  }
  for (const s of summaries) {
    lines.push("", `### ${s.environment}`);
    const c = s.counts;
    if (c.create + c.update + c.replace + c.destroy + c.move === 0 && s.outputs.length === 0) {
      lines.push("", "No changes.");
      continue;
    }
    if (s.destroys.length > 0) lines.push("", "**Destroy**", "", ...listed(s.destroys, (a) => `- ${code(a)}`));
    if (s.replacements.length > 0) {
      lines.push("", "**Replace**", "", ...listed(s.replacements, (r) => `- ${code(r.address)}${r.forcedBy.length ? `, forced by ${r.forcedBy.map(code).join(", ")}` : ""}`));
    }
    if (s.updates.length > 0) lines.push("", "**Update in place**", "", ...listed(s.updates, (u) => `- ${code(u.address)}${attributeList(u.changes)}`));
    if (s.moves.length > 0) lines.push("", "**Move**", "", ...listed(s.moves, (m) => `- ${code(m.from)} → ${code(m.to)}`));
    if (s.creates.length > 0) {
      lines.push("", `<details><summary>Create (${s.creates.length})</summary>`, "", ...listed(s.creates, (a) => `- ${code(a)}`), "", "</details>");
    }
    if (s.outputs.length > 0) {
      const added = s.outputs.filter((o) => o.action === "added").map((o) => code(o.name));
      lines.push(
        "",
        "**Outputs**",
        "",
        ...(added.length ? [`- added: ${added.join(", ")}`] : []),
        ...s.outputs.filter((o) => o.action !== "added").map((o) => `- ${code(o.name)} ${o.action}${o.action === "changed" ? ` (${o.before} → ${o.after})` : ""}`),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Plain text for a terminal: the same content as the Markdown, without the markup. */
export function renderText(summaries: readonly PlanSummary[], verdict?: GuardVerdict): string {
  const lines: string[] = [];
  const warnings = summaries.flatMap((s) => s.warnings);
  if (warnings.length > 0) lines.push("WARNING: stateful or protected resources are destroyed or replaced:", ...warnings.map((w) => `  ! ${w}`), "");
  for (const s of summaries) {
    const c = s.counts;
    lines.push(
      `${s.environment}${s.production ? " (production)" : ""}: ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.destroy} to destroy, ${c.move} to move`,
    );
    lines.push(...s.destroys.map((a) => `  - destroy ${a}`));
    lines.push(...s.replacements.map((r) => `  ± replace ${r.address}${r.forcedBy.length ? ` (forced by ${r.forcedBy.join(", ")})` : ""}`));
    for (const u of s.updates) {
      lines.push(`  ~ update  ${u.address}`, ...u.changes.slice(0, 8).map((ch) => `      ${ch.path}: ${ch.before} -> ${ch.after}`));
      if (u.changes.length > 8) lines.push(`      …${u.changes.length - 8} more`);
    }
    lines.push(...s.moves.map((m) => `  > move    ${m.from} -> ${m.to}`));
    if (s.creates.length > 0) lines.push(`  + create  ${s.creates.length} resource(s)`);
    const added = s.outputs.filter((o) => o.action === "added").map((o) => o.name);
    if (added.length) lines.push(`  outputs added: ${added.join(", ")}`);
    lines.push(...s.outputs.filter((o) => o.action !== "added").map((o) => `  output ${o.name} ${o.action}${o.action === "changed" ? `: ${o.before} -> ${o.after}` : ""}`));
  }
  if (verdict?.blocked) lines.push("", `BLOCKED: ${verdict.reasons.join("; ")}. Re-run with --allow-destroy once this is intended.`);
  return `${lines.join("\n")}\n`;
}
