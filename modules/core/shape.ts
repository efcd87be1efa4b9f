import { Token } from "cdktf";
import { isToken, joinPath, type Finding } from "./validation";

/**
 * The shape of props: which fields exist, which are required, of what type, and each field's
 * own limits (a range, a pattern, a set of values). Rules that relate several fields stay in
 * each module's validate.ts; each declares the fields it reads and runs only when the shape
 * found none of them wrong, so a wrong type is one finding, never a crash or a chain of knock-ons.
 *
 * A string, number or list can be a Terraform token (another stack's output, remote state):
 * it is accepted and not judged. Messages quote the offending value as JSON.
 */
export interface FieldSpec<V> {
  /** Whether the field must be present. */
  readonly required: boolean;
  /** What the field holds, for messages: "a string", "a whole number from 1 to 20". */
  readonly expected: string;
  /** Problems of a present value; `path` is where it sits. */
  check(value: unknown, path: string): Finding[];
  /** Never set: carries the value type, so a spec looser than the prop it checks does not compile. */
  readonly __value?: V;
}

/** A spec that the field must be present for. */
export type RequiredSpec<V> = FieldSpec<V> & { readonly required: true };
/** A spec for a field that may be left out. */
export type OptionalSpec<V> = FieldSpec<V> & { readonly required: false };

/**
 * The shape of `P`: a spec for every key, required exactly where `P` requires it. Adding a prop
 * without its spec, or a spec without its prop, is a compile error.
 */
export type ShapeOf<P> = {
  readonly [K in keyof P]-?: undefined extends P[K] ? OptionalSpec<Exclude<P[K], undefined>> : RequiredSpec<P[K]>;
};

/** `"4"`, `4`, `[1,2]`: a value as the user wrote it, for messages. */
export function quote(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  if (typeof value === "string" && value.length > 60) return `${JSON.stringify(value.slice(0, 57)).slice(0, -1)}…"`;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** What a value is, in words: "a string", "an array", "null". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return "a number";
  return `a ${typeof value}`;
}

function wrongType(path: string, value: unknown, expected: string): Finding[] {
  // NaN and Infinity are numbers to JavaScript, and no number to anyone else: no "not a number" after them.
  const not = typeof value === "number" ? "" : `, not ${kindOf(value)}`;
  return [{ path, message: `(${quote(value)}) must be ${expected}${not}` }];
}

function spec<V>(expected: string, check: (value: unknown, path: string) => Finding[]): OptionalSpec<V> {
  return { required: false, expected, check: (value, path) => (isToken(value) ? [] : check(value, path)) };
}

/**
 * The same spec, refusing a Terraform token: for values that decide at synth what is created
 * (a NAT strategy, a port embedded in user data, a zone that names subnets).
 */
export function literal<V>(field: OptionalSpec<V>, decides: string): OptionalSpec<V> {
  return {
    ...field,
    check: (value, path) =>
      isToken(value) ? [{ path, message: `must be written out, not a Terraform token: it decides ${decides}` }] : field.check(value, path),
  };
}

/** The same spec, for a field that must be present. */
export function required<V>(field: FieldSpec<V>): RequiredSpec<V> {
  return { ...field, required: true };
}

export interface StringOptions {
  /** The pattern a literal must match. */
  readonly pattern?: RegExp;
  /** What the pattern means, for messages: "an IPv4 CIDR block such as 10.0.0.0/16". */
  readonly what?: string;
  /** Fewest characters. @default 1 */
  readonly minLength?: number;
  /** Most characters. */
  readonly maxLength?: number;
  /** Whose limit `maxLength` is, for messages: "AWS's limit for ALB names". */
  readonly limit?: string;
  /** Further checks of a well-formed literal; returns a message, or undefined. */
  readonly refine?: (value: string) => string | undefined;
}

/** A string: non-empty unless `minLength: 0`, optionally matching a pattern and within a length. */
export function string<V extends string = string>(options: StringOptions = {}): OptionalSpec<V> {
  const { pattern, what, minLength = 1, maxLength, limit } = options;
  const expected = what ?? "a string";
  return spec<V>(expected, (value, path) => {
    if (typeof value !== "string") return wrongType(path, value, expected === "a string" ? "a string" : `a string: ${expected}`);
    if (value.length < minLength)
      return [{ path, message: minLength === 1 ? "must not be empty" : `(${quote(value)}) must have at least ${minLength} characters` }];
    if (maxLength !== undefined && value.length > maxLength) {
      return [{ path, message: `(${quote(value)}) is ${value.length} characters; at most ${maxLength}${limit ? ` (${limit})` : ""}` }];
    }
    if (pattern && !pattern.test(value)) return [{ path, message: `(${quote(value)}) must be ${expected}` }];
    const refined = options.refine?.(value);
    return refined ? [{ path, message: refined }] : [];
  });
}

export interface NumberOptions {
  /** Smallest allowed value. */
  readonly min?: number;
  /** Largest allowed value. */
  readonly max?: number;
  /** Unit for messages: "seconds". */
  readonly unit?: string;
}

function numeric(whole: boolean, options: NumberOptions): OptionalSpec<number> {
  const { min = -Infinity, max = Infinity, unit } = options;
  const suffix = unit ? ` ${unit}` : "";
  const bounds =
    Number.isFinite(min) && Number.isFinite(max)
      ? whole
        ? ` from ${min} to ${max}`
        : ` between ${min} and ${max}`
      : Number.isFinite(min)
        ? ` of at least ${min}`
        : Number.isFinite(max)
          ? ` of at most ${max}`
          : "";
  const expected = `${whole ? "a whole number" : "a number"}${bounds}${suffix}`;
  return spec<number>(expected, (value, path) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return wrongType(path, value, expected);
    if ((whole && !Number.isInteger(value)) || value < min || value > max)
      return [{ path, message: `(${quote(value)}) must be ${expected}` }];
    return [];
  });
}

/** A whole number, optionally within `[min, max]`. */
export function integer(options: NumberOptions = {}): OptionalSpec<number> {
  return numeric(true, options);
}

/** A finite number, optionally within `[min, max]`. */
export function number(options: NumberOptions = {}): OptionalSpec<number> {
  return numeric(false, options);
}

/** `true` or `false`. */
export function boolean(): OptionalSpec<boolean> {
  return spec<boolean>("true or false", (value, path) => (typeof value === "boolean" ? [] : wrongType(path, value, "true or false")));
}

/** One of a fixed set of values. */
export function oneOf<const V extends string | number>(values: readonly V[]): OptionalSpec<V> {
  const expected = `one of ${values.map(quote).join(", ")}`;
  return spec<V>(expected, (value, path) =>
    (values as readonly unknown[]).includes(value) ? [] : [{ path, message: `(${quote(value)}) must be ${expected}` }],
  );
}

export interface ListOptions {
  /** Fewest items. */
  readonly minItems?: number;
  /** Most items. */
  readonly maxItems?: number;
  /** What the items are, singular and plural, for messages about their number: ["zone", "zones"]. */
  readonly noun?: readonly [string, string];
  /** Why the bounds, for messages: "an ALB needs two". */
  readonly why?: string;
  /** Refuse an item that appears twice (literal items only; tokens cannot be compared). */
  readonly unique?: boolean;
  /**
   * What the list's length decides at synth ("how many subnets are created"): the list must then
   * be written out, though its items may still be tokens. Without it, the whole list may be a token.
   */
  readonly lengthDecides?: string;
}

/** A list whose items each match `item`. The list itself, or any item, may be a token. */
export function list<V>(item: FieldSpec<V>, options: ListOptions = {}): OptionalSpec<readonly V[]> {
  const { minItems = 0, maxItems = Infinity, noun = ["item", "items"], why, unique = false, lengthDecides } = options;
  const nouns = (n: number) => `${n} ${n === 1 ? noun[0] : noun[1]}`;
  const count = Number.isFinite(maxItems) ? `${minItems} to ${nouns(maxItems)}` : `at least ${nouns(minItems)}`;
  const expected = options.noun ? `a list of ${noun[1]}` : `a list of ${item.expected}`;
  const check = (value: unknown, path: string): Finding[] => {
    if (!Array.isArray(value)) return wrongType(path, value, expected);
    const findings: Finding[] =
      value.length < minItems || value.length > maxItems
        ? [{ path, message: `must list ${count} (got ${value.length})${why ? `; ${why}` : ""}` }]
        : [];
    findings.push(
      ...value.flatMap((v, i) =>
        v === undefined || v === null
          ? [{ path: `${path}[${i}]`, message: `must be ${item.expected}, not ${kindOf(v)}` }]
          : item.check(v, `${path}[${i}]`),
      ),
    );
    if (unique) {
      const literals = value.filter((v) => v !== undefined && !isToken(v)).map((v) => JSON.stringify(v));
      const repeated = [...new Set(literals.filter((v, i) => literals.indexOf(v) !== i))];
      if (repeated.length > 0) findings.push({ path, message: `lists ${repeated.join(", ")} more than once` });
    }
    return findings;
  };
  if (!lengthDecides) return spec<readonly V[]>(expected, check);
  return {
    required: false,
    expected,
    check: (value, path) =>
      Array.isArray(value) && Token.isUnresolved(value)
        ? [
            {
              path,
              message: `must be a list written out, not a Terraform token: its length decides ${lengthDecides} (its items may be tokens)`,
            },
          ]
        : check(value, path),
  };
}

/** An object of string keys to values matching `value` (tags), keys judged by `key`. */
export function record<V>(value: FieldSpec<V>, key: FieldSpec<string> = string()): OptionalSpec<Readonly<Record<string, V>>> {
  const expected = `an object of ${value.expected}`;
  return spec(expected, (input, path) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return wrongType(path, input, expected);
    return Object.entries(input).flatMap(([k, v]) => [...key.check(k, `${path}.${k}`), ...value.check(v, `${path}.${k}`)]);
  });
}

/** An object whose contents another validator judges (a module's section of a tier). */
export function section<V>(): OptionalSpec<V> {
  return spec<V>("an object", (value, path) =>
    typeof value === "object" && value !== null && !Array.isArray(value) ? [] : wrongType(path, value, "an object"),
  );
}

/** A plain JSON object (an SNS filter policy): any keys, not empty. */
export function jsonObject(): OptionalSpec<Readonly<Record<string, unknown>>> {
  return spec("a JSON object", (value, path) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return wrongType(path, value, "a JSON object");
    return Object.keys(value).length === 0 ? [{ path, message: "must not be empty (leave it out instead)" }] : [];
  });
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The known key closest to `key`, when close enough to be a slip. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  const ranked = known.map((k) => ({ k, d: distance(key, k) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.k : undefined;
}

/**
 * Problems with an object's fields: unknown keys (with a suggestion) unless `open`, missing
 * required ones, and each field's spec.
 */
export function checkShape<P>(value: unknown, shape: ShapeOf<P>, path = "", open = false): Finding[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return wrongType(path, value, "an object");
  const known = Object.keys(shape);
  const record = value as Record<string, unknown>;
  const findings: Finding[] = [];
  for (const key of open ? [] : Object.keys(record)) {
    if (known.includes(key)) continue;
    const near = suggest(key, known);
    findings.push({
      path: joinPath(path, key),
      message: `is not a known setting${near ? `; did you mean ${quote(near)}?` : ` (known: ${known.join(", ")})`}`,
    });
  }
  for (const [key, field] of Object.entries(shape) as [string, FieldSpec<unknown>][]) {
    const v = record[key];
    if (v === undefined) {
      if (field.required) findings.push({ path: joinPath(path, key), message: `is required (${field.expected})` });
      continue;
    }
    findings.push(...field.check(v, joinPath(path, key)));
  }
  return findings;
}

/**
 * A nested object of the given shape. `open` lets it carry keys beyond the shape: another
 * construct's outputs, of which only some are read.
 */
export function object<P>(shape: ShapeOf<P>, options: { readonly open?: boolean } = {}): OptionalSpec<P> {
  return spec<P>("an object", (value, path) => checkShape(value, shape, path, options.open));
}

/**
 * One of several shapes, told apart by the literal value of `key` (compute's `mode`): the
 * discriminant is checked first, then the shape it selects.
 */
export function variants<P extends Record<K, string>, K extends string>(
  key: K,
  shapes: { readonly [M in P[K]]: ShapeOf<Extract<P, Record<K, M>>> },
  options: { readonly open?: boolean } = {},
): OptionalSpec<P> {
  const modes = Object.keys(shapes);
  const expected = `an object with ${key} ${modes.map(quote).join(" or ")}`;
  return spec<P>(expected, (value, path) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return wrongType(path, value, expected);
    const mode = (value as Record<string, unknown>)[key];
    const chosen = (shapes as Record<string, ShapeOf<unknown>>)[mode as string];
    if (typeof mode !== "string" || !chosen) {
      const choices = `one of ${modes.map(quote).join(", ")}`;
      // The other fields were checked against no shape: rules reading any of them do not run.
      return [
        {
          path: joinPath(path, key),
          message: mode === undefined ? `is required (${choices})` : `(${quote(mode)}) must be ${choices}`,
          unjudged: path,
        },
      ];
    }
    return checkShape(value, chosen, path, options.open);
  });
}

/** The shape without some keys (a module's settings: its props without what the tier wires in). */
export function omit<P, K extends keyof P>(shape: ShapeOf<P>, ...keys: readonly K[]): ShapeOf<Omit<P, K>> {
  const copy: Record<string, unknown> = { ...shape };
  for (const key of keys) delete copy[key as string];
  return copy as ShapeOf<Omit<P, K>>;
}
