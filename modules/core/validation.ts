import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/** One broken rule: where it is (a field path such as `prod.compute.maxSize`) and what is wrong. */
export interface Finding {
  readonly path: string;
  readonly message: string;
  /**
   * What the finding leaves unjudged, when more than its own path: a wrong discriminant (compute's
   * `mode`) leaves its whole object unchecked, so rules reading any of it do not run.
   */
  readonly unjudged?: string;
}

/**
 * A validation rule across fields. It declares the fields it `reads`, as paths relative to the
 * props (`maxSize`, `healthCheck.timeoutSeconds`, `queues[0].name`; `""` is the whole object),
 * and runs exactly when each of them is sound: no finding of the shape (core/shape.ts) sits at
 * it, inside it, or at an object that holds it. A field left out is sound: the rule applies its
 * default. So a malformed field yields its own finding and nothing derived from it, and every
 * rule whose fields hold still runs. Rules also skip values that are unresolved Terraform
 * tokens: those are only known at apply time. Findings' paths are relative to the props too.
 */
export type Rule<P> = FieldRule<P> | ItemRules<P>;

/** A rule over fields named in advance. */
export interface FieldRule<P> {
  /** The fields the rule reads: the one place that decides when it runs. */
  readonly reads: readonly string[];
  /** What is wrong with props whose `reads` are sound. */
  readonly check: (props: P) => readonly Finding[];
}

/** Rules whose fields are only known from the props: one set per item of a list, or by a mode. */
export interface ItemRules<P> {
  /**
   * The field whose value gives the rules (a list, a mode). They are only made when it is
   * well-formed itself: no finding at it or at an object that holds it (its items' own
   * findings are for the rules it gives to respect).
   */
  readonly over: string;
  readonly expand: (props: P) => readonly Rule<P>[];
}

/** Thrown when configuration breaks one or more rules; lists every problem with its path. */
export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly findings: readonly Finding[],
  ) {
    const count = findings.length === 1 ? "1 problem" : `${findings.length} problems`;
    // An empty path is the whole configuration.
    const lines = findings.map((f) => `  - ${f.path || "(config)"} ${f.message}`);
    super(`${subject} is invalid (${count}):\n${lines.join("\n")}`);
    this.name = "ValidationError";
  }
}

/** Joins a field path: `joinPath("prod.compute", "maxSize")` → `prod.compute.maxSize`; indexes stay bracketed. */
export function joinPath(prefix: string, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith("[") ? `${prefix}${field}` : `${prefix}.${field}`;
}

/** A part rules can look into: an object (a part of another kind is reported by the shape). */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** True when `a` is `b`, or one holds the other (`compute` holds `compute.minSize` and `compute[0]`). */
function related(a: string, b: string): boolean {
  return holds(a, b) || holds(b, a);
}

/** True when `outer` is `inner` or holds it. */
function holds(outer: string, inner: string): boolean {
  return outer === "" || outer === inner || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/** True when `path` is sound: no path in `malformed` is it, holds it, or sits inside it. */
export function sound(path: string, malformed: readonly string[]): boolean {
  return !malformed.some((m) => related(m, path));
}

/**
 * Runs each rule whose declared fields are sound (see {@link Rule}) and returns every finding,
 * paths prefixed with `at`. `malformed` lists the paths, relative to the props, that the shape
 * found wrong.
 */
export function check<P>(props: P, rules: readonly Rule<P>[], malformed: readonly string[] = [], at = ""): Finding[] {
  return rules.flatMap((r) => {
    if ("expand" in r) return malformed.some((m) => holds(m, r.over)) ? [] : check(props, r.expand(props), malformed, at);
    if (!r.reads.every((field) => sound(field, malformed))) return [];
    return r.check(props).map((f) => ({ path: joinPath(at, f.path), message: f.message }));
  });
}

/** Findings with their paths prefixed with `at`. */
export function under(at: string, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({
    path: joinPath(at, f.path),
    message: f.message,
    ...(f.unjudged === undefined ? {} : { unjudged: joinPath(at, f.unjudged) }),
  }));
}

/** The paths that shape findings leave unsound, for {@link check}. */
export function malformedPaths(shape: readonly Finding[]): string[] {
  return shape.map((f) => f.unjudged ?? f.path);
}

/** Findings as reported: a path and a message. */
export function reported(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({ path: f.path, message: f.message }));
}

/**
 * Rules of a part (a nested object, a module's section) as rules of the whole: their fields and
 * findings moved by `place` (a prefix, or a function for parts whose fields live in several
 * places, such as scaling reading the compute mode), their props taken by `get` (the rules
 * find nothing when it gives no object: the shape reports what is there instead).
 */
export function within<P, C>(
  place: string | ((path: string) => string),
  get: (props: P) => C | undefined,
  rules: readonly Rule<C>[],
): Rule<P>[] {
  const move = typeof place === "string" ? (path: string) => joinPath(place, path) : place;
  return rules.map((r): Rule<P> => {
    if ("expand" in r) {
      return {
        over: move(r.over),
        expand: (props) => {
          const part = get(props);
          return isObject(part) ? within(place, () => part, r.expand(part)) : [];
        },
      };
    }
    return {
      reads: r.reads.map(move),
      check: (props) => {
        const part = get(props);
        return isObject(part) ? r.check(part).map((f) => ({ path: move(f.path), message: f.message })) : [];
      },
    };
  });
}

/** Adds `fields` to what each rule reads: rules that hold only for one variant read its discriminant. */
export function reading<P>(fields: readonly string[], rules: readonly Rule<P>[]): Rule<P>[] {
  return rules.map((r) =>
    "expand" in r
      ? { over: r.over, expand: (props: P) => reading(fields, r.expand(props)) }
      : { reads: [...fields, ...r.reads], check: r.check },
  );
}

/** Throws a {@link ValidationError} naming `subject` when there is any finding. */
export function throwIfInvalid(subject: string, findings: readonly Finding[]): void {
  if (findings.length > 0) throw new ValidationError(subject, findings);
}

/** The path a construct `id` will have under `scope`, for naming it before it exists. */
export function pathOf(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * Throws a {@link ValidationError} naming `subject` with every problem `validate` finds in
 * `props`. Every construct judges the props it is given, whoever built them: no state decides
 * that a check may be skipped.
 */
export function assertValid<P extends object>(subject: string, props: P, validate: (props: P) => readonly Finding[]): void {
  throwIfInvalid(subject, validate(props));
}

/** True for values cdktf resolves later (`${aws_vpc.x.id}` and friends): rules do not judge them. */
export function isToken(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value);
  return false;
}

/** True when every value is known at synth: none undefined, none a Terraform token. */
export function known(...values: readonly unknown[]): boolean {
  return values.every((v) => v !== undefined && !isToken(v));
}

const none: readonly Finding[] = [];

function finding(path: string, message: string): readonly Finding[] {
  return [{ path, message }];
}

/**
 * A rule written as a predicate on one field: `message` when `broken` holds for its (resolved,
 * defined) value. It reads `field`, and `also` when the predicate looks at other fields.
 */
export function rule<P, V>(
  field: string,
  get: (props: P) => V | undefined,
  broken: (value: V, props: P) => boolean,
  message: (value: V, props: P) => string,
  also: readonly string[] = [],
): Rule<P> {
  return {
    reads: [field, ...also],
    check: (props) => {
      const value = get(props);
      if (value === undefined || isToken(value)) return none;
      return broken(value, props) ? finding(field, message(value, props)) : none;
    },
  };
}

/** Applies `rules` to a nested object found at `field`, when it is present. */
export function nested<P, C>(field: string, get: (props: P) => C | undefined, rules: readonly Rule<C>[]): Rule<P>[] {
  return within(field, get, rules);
}

/** Applies `rules` to every item of a list found at `field` (paths `field[0]`, `field[1]`, …). */
export function each<P, C>(field: string, get: (props: P) => readonly C[] | undefined, rules: readonly Rule<C>[]): Rule<P> {
  return {
    over: field,
    expand: (props) => {
      const items = get(props);
      if (!Array.isArray(items) || isToken(items)) return [];
      return items.flatMap((item, i) => within(`${field}[${i}]`, () => item, rules));
    },
  };
}

/**
 * A free-form rule for checks across several fields: reads `reads`, reports at `field`; return a
 * message, or undefined when it holds.
 */
export function when<P>(field: string, reads: readonly string[], message: (props: P) => string | undefined): Rule<P> {
  return {
    reads,
    check: (props) => {
      const m = message(props);
      return m === undefined ? none : finding(field, m);
    },
  };
}

/** A free-form rule that reports at paths of its own choosing (relative to the props). */
export function rules<P>(reads: readonly string[], findings: (props: P) => readonly Finding[]): Rule<P> {
  return { reads, check: findings };
}

/**
 * Every problem with `props`: what their shape found (`shape`, paths relative to the props), then
 * what each rule whose fields are sound finds; paths prefixed with `at`.
 */
export function judge<P>(props: P, shape: readonly Finding[], rules: readonly Rule<P>[], at = ""): Finding[] {
  return [...reported(under(at, shape)), ...check(props, rules, malformedPaths(shape), at)];
}
