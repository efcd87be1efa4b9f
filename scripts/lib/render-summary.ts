import type { GuardVerdict } from "./guard";
import type { AttributeChange, PlanSummary } from "./plan-summary";

/**
 * Plan summaries for people: Markdown for a pull-request comment or a job summary, plain text
 * for a terminal. The first screen is the counts, the warnings and the guard's verdict; below
 * it, each environment's complete lists, and collapsed blocks with whole values and the raw
 * `terraform show` text (the only part cut to fit GitHub's comment limit).
 */

/** The marker the pull-request workflow finds its own comment by. */
export const COMMENT_MARKER = "<!-- webtier-plan-summary -->";

/** The longest comment GitHub accepts, in characters. */
export const COMMENT_LIMIT = 65_536;

/** Values longer than this are shown whole in a collapsed block instead of inline. */
const INLINE_VALUE = 60;

const WARNING_TITLE = "Changes that lose data, disrupt service or turn a protection off";
const OVERRIDE_HINT = "Re-run with `--allow-destroy` once this is intended (in a pull request: the label `allow-destroy:<env>`).";

export interface MarkdownOptions {
  /** `terraform show` text per environment, shown collapsed and cut to fit `limit` if need be. @default - none shown */
  readonly showTexts?: Readonly<Record<string, string>>;
  /** Where the whole plans are, for the note on a cut block. @default "this workflow run's plan artifact" */
  readonly artifact?: string;
  /** The most characters the Markdown may have. @default COMMENT_LIMIT */
  readonly limit?: number;
}

/** Where a reader finds the whole plans: a workflow run's artifacts (linked when GitHub's variables say which run), else `fallback`. */
export function artifactOf(env: Readonly<Record<string, string | undefined>>, fallback: string): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (server && repo && run) return `the plan artifacts of [this workflow run](${server}/${repo}/actions/runs/${run})`;
  return env.GITHUB_ACTIONS ? "this workflow run's plan artifacts" : fallback;
}

const code = (s: string) => `\`${s}\``;

/** A resource address whose name ends in the 8-hex hash cdktf appends to logical ids. */
const HASHED_ADDRESS = /\b(?:module\.[\w-]+\.)*[a-z][a-z0-9_]*\.[\w-]+?_[0-9A-F]{8}\b/g;

/**
 * Short names for the hashed addresses in `texts`: `aws_sqs_queue.messaging_queue-orders_7F2C60CE`
 * reads as `aws_sqs_queue.messaging_queue-orders` where no other address shortens to the same.
 */
export function shortAddresses(texts: readonly string[]): Map<string, string> {
  const full = new Set(texts.flatMap((t) => t.match(HASHED_ADDRESS) ?? []));
  const short = (address: string) => address.replace(/_[0-9A-F]{8}$/, "");
  const taken = new Map<string, number>();
  for (const address of full) taken.set(short(address), (taken.get(short(address)) ?? 0) + 1);
  return new Map([...full].filter((a) => taken.get(short(a)) === 1).map((a) => [a, short(a)]));
}

/** Lines with each address in `names` shortened, except inside fenced blocks (values and raw plans stay whole). */
function shortened(lines: readonly string[], names: ReadonlyMap<string, string>): string[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const opens = /^(`{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
      return line;
    }
    if (opens) {
      fence = opens;
      return line;
    }
    return line.replace(HASHED_ADDRESS, (a) => names.get(a) ?? a);
  });
}

/**
 * A unified diff of two texts by line (longest common subsequence), with `context` lines kept
 * around each change: how a reviewer reads a changed policy or dashboard.
 */
export function lineDiff(before: string, after: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: { kind: " " | "-" | "+"; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: "-", line: a[i++]! });
    else ops.push({ kind: "+", line: b[j++]! });
  }
  const near = ops.map((_, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.kind !== " "));
  const out: string[] = [];
  ops.forEach((op, k) => {
    if (near[k]) out.push(`${op.kind}${op.line}`);
    else if (k > 0 && near[k - 1]) out.push("…");
  });
  return out.join("\n");
}
const isLong = (c: { before: string; after: string }) => c.before.length > INLINE_VALUE || c.after.length > INLINE_VALUE;

/** A fenced block that no backtick run inside `text` can close early. */
function fenced(text: string, lang = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** A shown value, pretty-printed when it is JSON or a string holding JSON (a dashboard body, a policy). */
function pretty(shown: string): string {
  try {
    const value: unknown = JSON.parse(shown);
    if (typeof value === "string") {
      try {
        return JSON.stringify(JSON.parse(value), null, 2);
      } catch {
        return value;
      }
    }
    return JSON.stringify(value, null, 2);
  } catch {
    return shown; // "(sensitive)", "(known after apply)", "(none)"
  }
}

function collapsed(title: string, body: readonly string[]): string[] {
  return ["", `<details><summary>${title}</summary>`, "", ...body, "", "</details>"];
}

function attributeLine(changes: readonly AttributeChange[]): string {
  if (changes.length === 0) return "";
  return `: ${changes.map((c) => (isLong(c) ? `${code(c.path)} (long values, whole below)` : `${code(c.path)} (${c.before} → ${c.after})`)).join(", ")}`;
}

function firstScreen(summaries: readonly PlanSummary[], verdict: GuardVerdict | undefined): string[] {
  const lines = [COMMENT_MARKER, "## Terraform plan", ""];
  lines.push("| environment | create | update | replace | destroy | move | forget |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const s of summaries) {
    const c = s.counts;
    lines.push(
      `| ${s.environment}${s.protection.protected ? " (protected)" : ""} | ${c.create} | ${c.update} | ${c.replace} | ${c.destroy} | ${c.move} | ${c.forget} |`,
    );
  }
  for (const s of summaries.filter((x) => x.protection.protected))
    lines.push("", `**${s.environment} is protected:** ${s.protection.sources.join("; ")}.`);
  const warnings = summaries.flatMap((s) => s.warnings);
  if (warnings.length > 0 || verdict?.blocked || verdict?.overriddenBy) {
    lines.push("", "> [!WARNING]", `> **${WARNING_TITLE}:**`, ...warnings.map((w) => `> - ${w}`));
    if (verdict?.blocked) lines.push(">", `> **Blocked:** ${verdict.reasons.join("; ")}. ${OVERRIDE_HINT}`);
    if (verdict?.overriddenBy) lines.push(">", `> **Guard overridden by ${verdict.overriddenBy}:** ${verdict.reasons.join("; ")}.`);
  }
  return lines;
}

/** Every attribute and output whose values are too long to show inline, whole. */
function wholeValues(s: PlanSummary): string[] {
  const entries = [
    ...s.updates.flatMap((u) => u.changes.filter(isLong).map((c) => ({ title: `${code(u.address)} ${code(c.path)}`, ...c }))),
    ...s.outputs.filter((o) => o.action === "changed" && isLong(o)).map((o) => ({ title: `output ${code(o.name)}`, ...o })),
  ];
  if (entries.length === 0) return [];
  // Both JSON: the lines that changed, with context. Otherwise (sensitive, unknown) both whole.
  const body = entries.flatMap((e) =>
    [e.before, e.after].every((v) => pretty(v) !== v)
      ? [`${e.title}, the lines that change:`, "", fenced(lineDiff(pretty(e.before), pretty(e.after)), "diff"), ""]
      : [`${e.title}, before:`, "", fenced(pretty(e.before), "json"), "", "after:", "", fenced(pretty(e.after), "json"), ""],
  );
  return collapsed(`Changed values (${entries.length})`, body);
}

/** One environment's complete lists, and its long values collapsed. */
export function environmentMarkdown(s: PlanSummary, withValues: boolean): string[] {
  const lines = ["", `### ${s.environment}`];
  const c = s.counts;
  if (c.create + c.update + c.replace + c.destroy + c.move + c.forget === 0 && s.outputs.length === 0) return [...lines, "", "No changes."];
  const list = <T>(title: string, items: readonly T[], line: (item: T) => string) =>
    items.length ? ["", `**${title}** (${items.length})`, "", ...items.map(line)] : [];
  lines.push(
    ...list("Destroy", s.destroys, (a) => `- ${code(a)}`),
    ...list("Forget (removed from the state, left in AWS)", s.forgets, (a) => `- ${code(a)}`),
    ...list(
      "Replace",
      s.replacements,
      (r) => `- ${code(r.address)}${r.forcedBy.length ? `, forced by ${r.forcedBy.map(code).join(", ")}` : ""}`,
    ),
    ...list("Update in place", s.updates, (u) => `- ${code(u.address)}${attributeLine(u.changes)}`),
    ...list("Move", s.moves, (m) => `- ${code(m.from)} → ${code(m.to)}`),
    ...list("Access created or changed", s.access, (a) => `- ${a.action} ${code(a.address)}: ${a.access.map(code).join("; ")}`),
  );
  if (s.creates.length > 0)
    lines.push(
      ...collapsed(
        `Create (${s.creates.length})`,
        s.creates.map((a) => `- ${code(a)}`),
      ),
    );
  if (s.outputs.length > 0) {
    const added = s.outputs.filter((o) => o.action === "added").map((o) => code(o.name));
    const others = s.outputs.filter((o) => o.action !== "added");
    const change = (o: (typeof others)[number]) =>
      o.action !== "changed" ? "" : isLong(o) ? " (long values, whole below)" : ` (${o.before} → ${o.after})`;
    lines.push(
      "",
      "**Outputs**",
      "",
      ...(added.length ? [`- added: ${added.join(", ")}`] : []),
      ...others.map((o) => `- ${code(o.name)} ${o.action}${change(o)}`),
    );
  }
  if (withValues) lines.push(...wholeValues(s));
  else if (wholeValues(s).length > 0)
    lines.push("", "_Whole values left out to fit the comment: see `summary.json` in the plan artifact._");
  return lines;
}

function rawBlock(environment: string, text: string, shown: number, artifact: string): string[] {
  const cut = shown < text.length ? text.slice(0, Math.max(0, text.lastIndexOf("\n", shown))) : text;
  const note =
    cut.length < text.length
      ? [
          `_Cut to fit GitHub's comment limit: the first ${cut.length.toLocaleString("en-US")} of ${text.length.toLocaleString("en-US")} characters. The whole plan is \`${environment}/show.txt\` in ${artifact}._`,
          "",
        ]
      : [];
  return collapsed(`terraform show (${environment})`, [...note, ...(cut ? [fenced(cut)] : [])]);
}

/** Shares `room` characters among texts: short ones whole, the rest equally. */
function share(lengths: readonly number[], room: number): number[] {
  const order = lengths.map((length, i) => ({ length, i })).sort((a, b) => a.length - b.length);
  const given = new Array<number>(lengths.length).fill(0);
  let left = Math.max(0, room);
  order.forEach(({ length, i }, k) => {
    given[i] = Math.min(length, Math.floor(left / (order.length - k)));
    left -= given[i]!;
  });
  return given;
}

/**
 * Markdown for a pull-request comment or job summary, no longer than `options.limit`: when too
 * long, the raw `terraform show` blocks are cut (saying so); if that is not enough, whole values
 * are left out too; the first screen is always kept.
 */
export function renderMarkdown(summaries: readonly PlanSummary[], verdict?: GuardVerdict, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const artifact = options.artifact ?? "this workflow run's plan artifact";
  const raws = summaries
    .map((s) => ({ env: s.environment, text: options.showTexts?.[s.environment] }))
    .filter((r): r is { env: string; text: string } => r.text !== undefined);
  const names = shortAddresses([...firstScreen(summaries, verdict), ...summaries.flatMap((s) => environmentMarkdown(s, false))]);
  const head = shortened(firstScreen(summaries, verdict), names).join("\n");
  const section = (s: PlanSummary, withValues: boolean) => {
    const lines = environmentMarkdown(s, withValues);
    const used = [...shortAddresses(lines)].filter(([full]) => names.has(full));
    const legend =
      used.length > 0
        ? collapsed(
            `Full addresses (${used.length})`,
            used.map(([full]) => `- ${code(names.get(full)!)}: ${code(full)}`),
          )
        : [];
    return [...shortened(lines, names), ...legend];
  };
  const assemble = (withValues: boolean, shown: readonly number[]) =>
    `${[head, ...summaries.flatMap((s) => section(s, withValues)), ...raws.flatMap((r, i) => rawBlock(r.env, r.text, shown[i]!, artifact))].join("\n")}\n`;

  const whole = assemble(
    true,
    raws.map((r) => r.text.length),
  );
  if (whole.length <= limit) return whole;
  for (const withValues of [true, false]) {
    const frame = assemble(
      withValues,
      raws.map(() => 0),
    ).length;
    // The notes on cut blocks and the fences take room too: keep a margin for them.
    const shown = share(
      raws.map((r) => r.text.length),
      limit - frame - raws.length * 400,
    );
    const markdown = assemble(withValues, shown);
    if (markdown.length <= limit) return markdown;
  }
  return `${head}\n\n_The lists are too long for a comment: see \`summary.md\` in ${artifact}._\n`;
}

const inline = (value: string) =>
  value.length > INLINE_VALUE ? `(${value.length.toLocaleString("en-US")} characters, whole in summary.md)` : value;

/** Plain text for a terminal: the same content as the Markdown, without markup or raw plans. */
export function renderText(summaries: readonly PlanSummary[], verdict?: GuardVerdict): string {
  const lines: string[] = [];
  const warnings = summaries.flatMap((s) => s.warnings);
  if (warnings.length > 0) lines.push(`WARNING: ${WARNING_TITLE.toLowerCase()}:`, ...warnings.map((w) => `  ! ${w}`), "");
  for (const s of summaries) {
    const c = s.counts;
    lines.push(
      `${s.environment}${s.protection.protected ? " (protected)" : ""}: ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.destroy} to destroy, ${c.move} to move${c.forget ? `, ${c.forget} to forget` : ""}`,
    );
    if (s.protection.protected) lines.push(`  protected: ${s.protection.sources.join("; ")}`);
    lines.push(...s.destroys.map((a) => `  - destroy ${a}`));
    lines.push(...s.replacements.map((r) => `  ± replace ${r.address}${r.forcedBy.length ? ` (forced by ${r.forcedBy.join(", ")})` : ""}`));
    for (const u of s.updates)
      lines.push(`  ~ update  ${u.address}`, ...u.changes.map((ch) => `      ${ch.path}: ${inline(ch.before)} -> ${inline(ch.after)}`));
    lines.push(...s.forgets.map((a) => `  ? forget  ${a} (leaves the state, stays in AWS)`));
    lines.push(...s.moves.map((m) => `  > move    ${m.from} -> ${m.to}`));
    for (const a of s.access) lines.push(`  access (${a.action}) ${a.address}`, ...a.access.map((line) => `      ${line}`));
    if (s.creates.length > 0) lines.push(`  + create  ${s.creates.length} resource(s)`);
    const added = s.outputs.filter((o) => o.action === "added").map((o) => o.name);
    if (added.length) lines.push(`  outputs added: ${added.join(", ")}`);
    lines.push(
      ...s.outputs
        .filter((o) => o.action !== "added")
        .map((o) => `  output ${o.name} ${o.action}${o.action === "changed" ? `: ${inline(o.before)} -> ${inline(o.after)}` : ""}`),
    );
  }
  if (verdict?.blocked) lines.push("", `BLOCKED: ${verdict.reasons.join("; ")}. Re-run with --allow-destroy once this is intended.`);
  if (verdict?.overriddenBy) lines.push("", `GUARD OVERRIDDEN by ${verdict.overriddenBy}: ${verdict.reasons.join("; ")}.`);
  return `${lines.join("\n")}\n`;
}
