import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isScalar, parse, parseDocument, visit } from "yaml";

/**
 * The repository's GitHub workflows and local actions as parsed YAML, a small evaluator for the
 * `${{ }}` expressions they use, and a runner for their `run:` scripts, executed by bash as
 * GitHub executes them, with stand-ins for `npm` and `gh` that record their arguments.
 */
export const ROOT = join(__dirname, "..", "..");

export type Mapping = Readonly<Record<string, unknown>>;

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly with?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
}

export interface Job {
  readonly name?: string;
  readonly uses?: string;
  readonly with?: Mapping;
  readonly secrets?: Mapping | "inherit";
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly environment?: string | { readonly name: string };
  readonly permissions?: Readonly<Record<string, string>> | string;
  readonly env?: Readonly<Record<string, string>>;
  readonly strategy?: { readonly matrix?: Readonly<Record<string, readonly string[]>> };
  readonly outputs?: Readonly<Record<string, string>>;
  readonly steps?: readonly Step[];
}

export interface Workflow {
  readonly file: string;
  readonly on: unknown;
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly env?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

export interface Action {
  readonly path: string;
  readonly inputs?: Mapping;
  readonly runs: { readonly using: string; readonly steps?: readonly Step[] };
}

const WORKFLOWS = join(ROOT, ".github", "workflows");
const ACTIONS = join(ROOT, ".github", "actions");

/** Every workflow, by file name (`plan.yml`). */
export const workflows: ReadonlyMap<string, Workflow> = new Map(
  readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => [file, { file, ...(parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Omit<Workflow, "file">) }]),
);

/** Every local action, by the path workflows use it with (`./.github/actions/setup`). */
export const actions: ReadonlyMap<string, Action> = new Map(
  (existsSync(ACTIONS) ? readdirSync(ACTIONS) : [])
    .filter((dir) => existsSync(join(ACTIONS, dir, "action.yml")))
    .map((dir) => {
      const path = `./.github/actions/${dir}`;
      return [path, { path, ...(parse(readFileSync(join(ACTIONS, dir, "action.yml"), "utf8")) as Omit<Action, "path">) }];
    }),
);

export function workflow(file: string): Workflow {
  const found = workflows.get(file);
  if (!found) throw new Error(`no workflow ${file}`);
  return found;
}

/** Every job of every workflow, with where it is. */
export function allJobs(): { file: string; id: string; job: Job }[] {
  return [...workflows.values()].flatMap((wf) => Object.entries(wf.jobs).map(([id, job]) => ({ file: wf.file, id, job })));
}

/** The events a workflow runs on, whichever of the three forms `on:` is written in. */
export function triggers(wf: Workflow): Record<string, Mapping | null> {
  const on = wf.on;
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event: string) => [event, null]));
  return on as Record<string, Mapping | null>;
}

export function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : typeof job.needs === "string" ? [job.needs] : [...job.needs];
}

export function environmentOf(job: Job): string | undefined {
  return typeof job.environment === "object" ? job.environment.name : job.environment;
}

/** A job's steps with each local composite action replaced by its own steps: what the job runs. */
export function expandedSteps(steps: readonly Step[] = []): Step[] {
  return steps.flatMap((step) => {
    const local = step.uses ? actions.get(step.uses) : undefined;
    return local ? [step, ...expandedSteps(local.runs.steps)] : [step];
  });
}

/** The workflow a job calls (`uses: ./.github/workflows/x.yml`), if it calls one. */
export function calledWorkflow(job: Job): Workflow | undefined {
  const match = job.uses?.match(/^\.\/\.github\/workflows\/(.+)$/);
  return match ? workflow(match[1]!) : undefined;
}

/** What a step runs, shell script or action, without the version pin. */
export const actionOf = (step: Step): string | undefined => step.uses?.split("@")[0];

/** Every `uses:` in the workflows and local actions, with the comment written after it. */
export function usesWithComments(): { file: string; uses: string; comment?: string }[] {
  const files = [
    ...[...workflows.keys()].map((f) => join(".github", "workflows", f)),
    ...[...actions.keys()].map((p) => join(p.slice(2), "action.yml")),
  ];
  return files.flatMap((file) => {
    const found: { file: string; uses: string; comment?: string }[] = [];
    visit(parseDocument(readFileSync(join(ROOT, file), "utf8")), {
      Pair(_, pair) {
        if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value)) {
          found.push({ file, uses: String(pair.value.value), comment: pair.value.comment ?? undefined });
        }
      },
    });
    return found;
  });
}

/** Every `secrets.NAME` read anywhere in a parsed document (GITHUB_TOKEN aside: every job has it). */
export function secretsRead(node: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      for (const m of value.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g)) if (m[1] !== "GITHUB_TOKEN") names.add(m[1]!);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(node);
  return names;
}

export type Context = Readonly<Record<string, unknown>>;

/** Splits `text` at `separator` where it is outside quotes and parentheses. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  return [...parts, text.slice(start)].map((p) => p.trim());
}

/**
 * Evaluates the part of GitHub's expression language these workflows use: string literals,
 * property paths with `*`, `a || b`, `a == b` and `a != b`, `format(template, args…)` and
 * `contains(list, item)` (comparisons case-insensitive, as GitHub's).
 * Anything else throws, so a test never passes on an expression it did not understand.
 */
export function evaluate(expression: string, context: Context): unknown {
  const e = expression.trim();
  const alternatives = splitTop(e, "||");
  if (alternatives.length > 1)
    return alternatives.map((a) => evaluate(a, context)).find((v) => Boolean(v)) ?? evaluate(alternatives.at(-1)!, context);
  const literal = e.match(/^'((?:[^']|'')*)'$/);
  if (literal) return literal[1]!.replace(/''/g, "'");
  const format = e.match(/^format\((.*)\)$/);
  if (format) {
    const [template, ...args] = splitTop(format[1]!, ",").map((a) => evaluate(a, context));
    return String(template).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
  }
  const comparison =
    splitTop(e, "==").length === 2
      ? ["==", ...splitTop(e, "==")]
      : splitTop(e, "!=").length === 2
        ? ["!=", ...splitTop(e, "!=")]
        : undefined;
  if (comparison) {
    const [op, left, right] = comparison as [string, string, string];
    const equal = String(evaluate(left, context) ?? "").toLowerCase() === String(evaluate(right, context) ?? "").toLowerCase();
    return op === "==" ? equal : !equal;
  }
  const call = e.match(/^contains\((.*)\)$/);
  if (call) {
    const [list, item] = splitTop(call[1]!, ",").map((a) => evaluate(a, context));
    const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
    return Array.isArray(list)
      ? list.some((v) => lower(v) === lower(item))
      : String(list ?? "")
          .toLowerCase()
          .includes(String(item).toLowerCase());
  }
  if (/^[A-Za-z_][\w-]*(\.(\*|[\w-]+))*$/.test(e)) {
    return e.split(".").reduce<unknown>((value, key) => {
      if (key === "*") return Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
      if (Array.isArray(value)) return value.map((v) => (v as Record<string, unknown>)?.[key]);
      return value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }, context);
  }
  throw new Error(`expression not understood by the test evaluator: ${e}`);
}

/** A string with every `${{ … }}` replaced by its value, as GitHub renders it. */
export function render(template: string, context: Context): string {
  return template.replace(/\$\{\{(.*?)\}\}/g, (_, expr: string) => {
    const value = evaluate(expr, context);
    return value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/** The environment a step runs with: the workflow's, the job's and the step's own `env`, rendered. */
export function stepEnv(wf: Workflow | undefined, job: Job | undefined, step: Step, context: Context): Record<string, string> {
  const merged = { ...wf?.env, ...job?.env, ...step.env };
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, render(String(v), context)]));
}

export interface ScriptRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Each stand-in command's arguments, in call order: `["npm", "run", "plan", "--", …]`. */
  readonly calls: readonly (readonly string[])[];
  /** What the script wrote to `$GITHUB_OUTPUT`. */
  readonly outputs: Readonly<Record<string, string>>;
  /** What the script wrote to `$GITHUB_ENV`. */
  readonly exported: Readonly<Record<string, string>>;
  /** What the script wrote to `$GITHUB_STEP_SUMMARY`. */
  readonly summary: string;
  /** `$RUNNER_TEMP` of the run. */
  readonly runnerTemp: string;
}

export interface ScriptOptions {
  /** Variables for the script (the step's rendered `env`, plus any the test adds). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where it runs. @default a fresh empty folder, like a job's workspace */
  readonly cwd?: string;
  /** Files to create in the working folder first (path → content). */
  readonly files?: Readonly<Record<string, string>>;
  /** Stand in for `npm`, exiting with this status. */
  readonly npmExit?: number;
  /** Stand in for `gh`, answering with this JSON. */
  readonly ghJson?: unknown;
  /** Stand in for `gh`, answering a call whose arguments include a key (an API path) with its JSON. */
  readonly ghRoutes?: Readonly<Record<string, unknown>>;
  /** More stand-in commands: name → the bash that runs after the call is recorded. */
  readonly stubs?: Readonly<Record<string, string>>;
}

const STUB = `#!/usr/bin/env bash
{ printf '%s' "$(basename "$0")"; printf '\\t%s' "$@"; printf '\\n'; } >> "$STUB_CALLS"
`;

/** Runs a step's script as GitHub runs `shell: bash`: `bash --noprofile --norc -eo pipefail`. */
export function runScript(script: string, options: ScriptOptions = {}): ScriptRun {
  const temp = mkdtempSync(join(tmpdir(), "workflow-step-"));
  const bin = join(temp, "bin");
  mkdirSync(bin);
  const cwd = options.cwd ?? join(temp, "workspace");
  mkdirSync(cwd, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(join(cwd, path, ".."), { recursive: true });
    writeFileSync(join(cwd, path), content);
  }
  if (options.npmExit !== undefined) writeFileSync(join(bin, "npm"), `${STUB}exit ${options.npmExit}\n`);
  if (options.ghJson !== undefined) {
    writeFileSync(join(bin, "gh"), `${STUB}cat "$STUB_GH_JSON"\n`);
    writeFileSync(join(temp, "gh.json"), JSON.stringify(options.ghJson));
  }
  for (const [name, body] of Object.entries(options.stubs ?? {})) writeFileSync(join(bin, name), `${STUB}${body}\n`);
  if (options.ghRoutes !== undefined) {
    const routes = join(temp, "gh-routes");
    mkdirSync(routes);
    Object.entries(options.ghRoutes).forEach(([path, json], i) => {
      writeFileSync(join(routes, `${i}.route`), path);
      writeFileSync(join(routes, `${i}.json`), JSON.stringify(json));
    });
    writeFileSync(
      join(bin, "gh"),
      `${STUB}for route in ${routes}/*.route; do\n  case " $* " in *" $(cat "$route") "*) cat "\${route%.route}.json"; exit 0 ;; esac\ndone\necho "gh stand-in: no answer for $*" >&2\nexit 1\n`,
    );
  }
  for (const stub of readdirSync(bin)) chmodSync(join(bin, stub), 0o755);
  const files = { calls: join(temp, "calls"), output: join(temp, "output"), env: join(temp, "env"), summary: join(temp, "summary") };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const scriptFile = join(temp, "step.sh");
  writeFileSync(scriptFile, script);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: process.env.HOME,
      CHECKPOINT_DISABLE: "1",
      RUNNER_TEMP: temp,
      GITHUB_REPOSITORY: "acme/elastic-web-tier",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_STEP_SUMMARY: files.summary,
      STUB_CALLS: files.calls,
      STUB_GH_JSON: join(temp, "gh.json"),
      ...options.env,
    },
  });
  const keyValues = (file: string) =>
    Object.fromEntries(
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    calls: readFileSync(files.calls, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\t")),
    outputs: keyValues(files.output),
    exported: keyValues(files.env),
    summary: readFileSync(files.summary, "utf8"),
    runnerTemp: temp,
  };
}
