import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/** One broken rule: where it is (a field path such as `prod.compute.maxSize`) and what is wrong. */
export interface Finding {
  readonly path: string;
  readonly message: string;
}

/**
 * A validation rule across fields: looks at props whose shape already holds (core/shape.ts judges
 * each field alone) and returns what is wrong, with field paths relative to the props
 * (`maxSize`, `healthCheck.timeoutSeconds`). Rules skip values that are unresolved Terraform
 * tokens: those are only known at apply time.
 */
export type Rule<P> = (props: P) => readonly Finding[];

/** Thrown when configuration breaks one or more rules; lists every problem with its path. */
export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly findings: readonly Finding[],
  ) {
    const count = findings.length === 1 ? "1 problem" : `${findings.length} problems`;
    const lines = findings.map((f) => `  - ${f.path} ${f.message}`);
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

/** Runs every rule and returns every finding, paths prefixed with `at`. */
export function check<P>(props: P, rules: readonly Rule<P>[], at = ""): Finding[] {
  return rules.flatMap((rule) => rule(props).map((f) => ({ path: joinPath(at, f.path), message: f.message })));
}

/** Throws a {@link ValidationError} naming `subject` when there is any finding. */
export function throwIfInvalid(subject: string, findings: readonly Finding[]): void {
  if (findings.length > 0) throw new ValidationError(subject, findings);
}

/** The path a construct `id` will have under `scope`, for naming it before it exists. */
export function pathOf(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** Props objects already checked: by their construct, or by the caller that built them from checked data. */
const validated = new WeakSet<object>();

/**
 * Records that `props` need no further check: the caller validated the data they were built
 * from (an environment validates its whole config where it enters; WebTier validates every
 * section before it builds the modules), so the construct receiving them does not repeat it.
 */
export function markValidated<P extends object>(props: P): P {
  validated.add(props);
  return props;
}

/**
 * Throws a {@link ValidationError} naming `subject` with every problem `validate` finds in
 * `props`, unless this very object was validated before (see {@link markValidated}).
 */
export function assertValid<P extends object>(subject: string, props: P, validate: (props: P) => readonly Finding[]): void {
  if (validated.has(props)) return;
  throwIfInvalid(subject, validate(props));
  validated.add(props);
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

/** A rule written as a predicate: `message` when `broken` holds for the (resolved, defined) value. */
export function rule<P, V>(
  field: string,
  get: (props: P) => V | undefined,
  broken: (value: V, props: P) => boolean,
  message: (value: V, props: P) => string,
): Rule<P> {
  return (props) => {
    const value = get(props);
    if (value === undefined || isToken(value)) return none;
    return broken(value, props) ? finding(field, message(value, props)) : none;
  };
}

/** Applies `rules` to a nested object found at `field`, when it is present. */
export function nested<P, C>(field: string, get: (props: P) => C | undefined, rules: readonly Rule<C>[]): Rule<P> {
  return (props) => {
    const child = get(props);
    return child === undefined ? none : check(child, rules, field);
  };
}

/** Applies `rules` to every item of a list found at `field` (paths `field[0]`, `field[1]`, …). */
export function each<P, C>(field: string, get: (props: P) => readonly C[] | undefined, rules: readonly Rule<C>[]): Rule<P> {
  return (props) => {
    const items = get(props);
    if (items === undefined || isToken(items)) return none;
    return items.flatMap((item, i) => check(item, rules, `${field}[${i}]`));
  };
}

/** A free-form rule for checks across several fields; return a message, or undefined when it holds. */
export function when<P>(field: string, message: (props: P) => string | undefined): Rule<P> {
  return (props) => {
    const m = message(props);
    return m === undefined ? none : finding(field, m);
  };
}
