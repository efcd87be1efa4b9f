/** An IPv4 network: its first address as an unsigned 32-bit number and its prefix length. */
export interface Ipv4Network {
  readonly base: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n` in canonical form. Returns undefined for anything else: octets over 255,
 * leading zeros, prefixes over 32, and host bits that are set (`10.0.0.1/16` names no network).
 */
export function parseCidr(text: string): Ipv4Network | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  // Leading zeros (`10.030.0.0`) read as octal to some tools and are refused by AWS: canonical form only.
  if (m.slice(1, 6).some((part) => part!.length > 1 && part!.startsWith("0"))) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % 2 ** (32 - prefix) !== 0) return undefined;
  return { base, prefix };
}

/** Formats a network back to `a.b.c.d/n`. */
export function formatCidr(net: Ipv4Network): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(net.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${net.prefix}`;
}

/** Number of addresses in the network. */
export function size(net: Ipv4Network): number {
  return 2 ** (32 - net.prefix);
}

/** True when the two networks share at least one address. */
export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** The `index`-th network of length `prefix` inside `parent` (like Terraform's `cidrsubnet`). */
export function subnet(parent: Ipv4Network, prefix: number, index: number): Ipv4Network {
  if (prefix < parent.prefix) throw new RangeError(`/${prefix} is larger than ${formatCidr(parent)}`);
  const count = 2 ** (prefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`subnet ${index} of /${prefix} does not fit in ${formatCidr(parent)} (${count} available)`);
  }
  return { base: parent.base + index * 2 ** (32 - prefix), prefix };
}
