/**
 * Compares two synthesized trees (`cdktf.out` folders) without Terraform: per environment,
 * resources added, removed and changed (by address, with the attribute paths that differ),
 * and outputs added, removed or changed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface Stack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, unknown>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
  readonly [block: string]: unknown;
}

export interface StackDiff {
  readonly environment: string;
  /** The stack exists only in the head tree ("added") or only in the base tree ("removed"). */
  readonly stack: "added" | "removed" | "changed" | "unchanged";
  readonly resources: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly { readonly address: string; readonly paths: readonly string[] }[];
    /** Renames declared with a `moved` block: the same resource at a new address. */
    readonly moved: readonly { readonly from: string; readonly to: string }[];
  };
  /** Paths changed elsewhere: provider settings (default tags, region), the backend, data sources. */
  readonly settings: readonly string[];
  readonly outputs: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
}

/** Paths at which two JSON values differ (`health_check.path`, `tags.Name`, `subnets[2]`). */
export function differingPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const bothObjects = typeof a === "object" && a !== null && typeof b === "object" && b !== null;
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [prefix || "(value)"];
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => differingPaths(a[i], b[i], `${prefix}[${i}]`)).flat();
  }
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].filter((k) => k !== "//").sort();
  return keys.flatMap((k) =>
    differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k),
  );
}

function resources(stack: Stack | undefined): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) all.set(`${type}.${name}`, config);
  }
  return all;
}

function compare<T>(before: Map<string, T>, after: Map<string, T>) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
    common: [...after.keys()].filter((k) => before.has(k)).sort(),
  };
}

/** One environment's stack in `base` against the same in `head` (either may be missing). */
export function diffStacks(environment: string, base: Stack | undefined, head: Stack | undefined): StackDiff {
  const r = compare(resources(base), resources(head));
  const before = resources(base);
  const after = resources(head);
  const moved = (head?.moved ?? []).filter((m) => r.removed.includes(m.from) && r.added.includes(m.to));
  const movedFrom = new Set(moved.map((m) => m.from));
  const movedTo = new Set(moved.map((m) => m.to));
  const changed = r.common
    .map((address) => ({ address, paths: differingPaths(before.get(address), after.get(address)) }))
    .filter((c) => c.paths.length > 0);
  const outBefore = new Map(Object.entries(base?.output ?? {}));
  const outAfter = new Map(Object.entries(head?.output ?? {}));
  const o = compare(outBefore, outAfter);
  const outputsChanged = o.common.filter((k) => differingPaths(outBefore.get(k), outAfter.get(k)).length > 0);
  const blocks = [...new Set([...Object.keys(base ?? {}), ...Object.keys(head ?? {})])]
    .filter((k) => !["resource", "output", "moved", "//"].includes(k))
    .sort();
  const settings = blocks.flatMap((block) => differingPaths(base?.[block], head?.[block], block));
  const any =
    r.added.length + r.removed.length + changed.length + o.added.length + o.removed.length + outputsChanged.length + settings.length > 0;
  return {
    environment,
    stack: !base ? "added" : !head ? "removed" : any ? "changed" : "unchanged",
    resources: { added: r.added.filter((a) => !movedTo.has(a)), removed: r.removed.filter((a) => !movedFrom.has(a)), changed, moved },
    outputs: { added: o.added, removed: o.removed, changed: outputsChanged },
    settings,
  };
}

function readStacks(outdir: string): Map<string, Stack> {
  const dir = join(outdir, "stacks");
  const stacks = new Map<string, Stack>();
  if (!existsSync(dir)) return stacks;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, "cdk.tf.json");
    if (existsSync(file)) stacks.set(name, JSON.parse(readFileSync(file, "utf8")) as Stack);
  }
  return stacks;
}

/** Every environment of either tree, compared. */
export function diffTrees(baseOutdir: string, headOutdir: string): StackDiff[] {
  const base = readStacks(baseOutdir);
  const head = readStacks(headOutdir);
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  return names.map((name) => diffStacks(name, base.get(name), head.get(name)));
}

/** The comparison as text (Markdown-friendly: it reads the same in a terminal and a comment). */
export function renderDiff(diffs: readonly StackDiff[], baseLabel: string): string {
  const lines = [`Synthesized changes against ${baseLabel}:`];
  for (const d of diffs) {
    lines.push("", `${d.environment}: ${d.stack === "unchanged" ? "no changes" : d.stack === "changed" ? "changed" : `stack ${d.stack}`}`);
    lines.push(...d.settings.map((p) => `  ~ ${p}`));
    lines.push(...d.resources.moved.map((m) => `  > ${m.from} -> ${m.to} (moved, not replaced)`));
    lines.push(...d.resources.added.map((a) => `  + ${a}`));
    lines.push(...d.resources.removed.map((a) => `  - ${a}`));
    for (const c of d.resources.changed) {
      const shown = c.paths.slice(0, 10).join(", ");
      lines.push(`  ~ ${c.address}: ${shown}${c.paths.length > 10 ? `, …${c.paths.length - 10} more` : ""}`);
    }
    lines.push(...d.outputs.added.map((o) => `  + output ${o}`));
    lines.push(...d.outputs.removed.map((o) => `  - output ${o}`));
    lines.push(...d.outputs.changed.map((o) => `  ~ output ${o}`));
  }
  return `${lines.join("\n")}\n`;
}
