/**
 * Resource addresses (`aws_lb.load-balancer_alb_D7F3C1A2`) are part of the state: when one
 * changes, Terraform destroys the resource and creates a new one. Each environment's addresses
 * are committed under envs/addresses/, and a test compares them with what synthesizes now.
 */

interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
}

const MOVED = /^moved (\S+) -> (\S+)$/;

/** The stack's `moved` blocks as `moved <from> -> <to>` lines, sorted: addresses of earlier releases and where they went. */
export function movedAddresses(stack: SynthesizedStack): string[] {
  return (stack.moved ?? []).map((m) => `moved ${m.from} -> ${m.to}`).sort();
}

/** Every managed resource address in a synthesized stack, sorted. */
export function resourceAddresses(stack: SynthesizedStack): string[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** Parses a committed list: one address per line (`moved …` lines apart), `#` comments and blank lines ignored. */
export function parseAddressList(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && !MOVED.test(line))
    .sort();
}

/** The `moved <from> -> <to>` lines of a committed list, sorted. */
export function parseMovedList(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => MOVED.test(line))
    .sort();
}

/** Formats a list for committing: the addresses, then the moved blocks that carry older ones to them. */
export function formatAddressList(env: string, addresses: readonly string[], moved: readonly string[] = []): string {
  return [
    `# Resource addresses of the ${env} stack. A change here destroys and recreates the resource:`,
    "# update this file only on purpose (npm run addresses -- --update).",
    ...addresses,
    ...(moved.length > 0 ? ["# Addresses of earlier releases, moved (not replaced) by moved blocks:", ...moved] : []),
    "",
  ].join("\n");
}

export interface AddressChange {
  readonly added: string[];
  readonly removed: string[];
}

/**
 * What changed between the committed addresses and the current ones. An address that a moved
 * block carries elsewhere (`moved` lines of the current stack) is not removed: its resource stays.
 */
export function diffAddresses(committed: readonly string[], current: readonly string[], moved: readonly string[] = []): AddressChange {
  const before = new Set(committed);
  const now = new Set(current);
  const movedFrom = new Set(moved.map((line) => MOVED.exec(line)?.[1]));
  return { added: current.filter((a) => !before.has(a)), removed: committed.filter((a) => !now.has(a) && !movedFrom.has(a)) };
}

/** Says what changed and how to proceed, for a person reading a failed test or a CI log. */
export function explainAddressChange(env: string, change: AddressChange): string {
  const lines = [
    `Resource addresses of ${env} changed: Terraform would destroy the removed ones and create the added ones.`,
    ...change.removed.map((a) => `  - ${a}`),
    ...change.added.map((a) => `  + ${a}`),
    "",
    "If a construct was renamed or moved, keep the real resource: on the resource at its new place call",
    `  resource.moveFromId("<old address>")   (cdktf's move API; synthesizes a Terraform moved block)`,
    "or pin its old logical id with resource.overrideLogicalId(...).",
    `If resources were added or removed on purpose, update the list: npm run addresses -- --update (envs/addresses/${env}.txt)`,
  ];
  return lines.join("\n");
}
