import { quote, string, type OptionalSpec } from "./shape";

/** Shapes of DNS identifiers: Route 53 hosted zone ids and the names a certificate covers. */

/** `Z` and uppercase letters or digits, as Route 53 prints them (its API allows 32 characters). */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
/** One DNS label: letters, digits and hyphens, 1 to 63 characters, no hyphen at either end. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (the id, not the zone's name). */
export const hostedZoneId = (): OptionalSpec<string> =>
  string({
    pattern: HOSTED_ZONE_ID,
    what: "a Route 53 hosted zone id: Z followed by uppercase letters and digits, such as Z0123456789ABCDEFGHIJ",
  });

export interface DnsNameOptions {
  /** Allow `*` as the whole leftmost label (a wildcard certificate name). */
  readonly wildcard?: boolean;
  /** Most characters, with whose limit it is, when tighter than DNS's 253. */
  readonly maxLength?: { readonly max: number; readonly limit: string };
}

/** Why a DNS name is malformed, or undefined when it is well formed. */
function dnsNameProblem(name: string, wildcard: boolean): string | undefined {
  const quoted = quote(name);
  if (name.endsWith(".")) return `(${quoted}) must be written without the trailing dot`;
  if (name !== name.toLowerCase()) return `(${quoted}) must be lowercase (ACM and Route 53 store names in lowercase)`;
  const labels = name.split(".");
  if (labels.length < 2) return `(${quoted}) must be a fully qualified name with at least two labels, such as app.example.com`;
  const [first, ...rest] = labels;
  if (first === "*" && !wildcard) return `(${quoted}) must not be a wildcard name here`;
  const bad = (first === "*" ? rest : labels).find((label) => !LABEL.test(label));
  if (bad === undefined) return undefined;
  if (bad.length > 63) return `(${quoted}) has a label of ${bad.length} characters; DNS allows at most 63`;
  return `(${quoted}) has the label ${JSON.stringify(bad)}: labels are letters, digits and hyphens${wildcard ? " (or a leading *)" : ""}, not starting or ending with a hyphen`;
}

/**
 * A fully qualified DNS name such as app.example.com: lowercase labels of letters, digits and
 * hyphens, each at most 63 characters, at most 253 in all, no trailing dot.
 */
export function dnsName(options: DnsNameOptions = {}): OptionalSpec<string> {
  const { max, limit } = options.maxLength ?? { max: 253, limit: "DNS's limit for a name" };
  return string({
    what: options.wildcard ? "a DNS name such as app.example.com or *.example.com" : "a DNS name such as app.example.com",
    maxLength: max,
    limit,
    refine: (name) => dnsNameProblem(name, options.wildcard ?? false),
  });
}
