import { parseArgs, type ParseArgsConfig } from "node:util";
import { ValidationError } from "../../modules/core/validation";
import { TerraformError } from "./terraform";

/**
 * The one argument helper every command uses, on `node:util` `parseArgs`: `--help` prints the
 * usage and does nothing else, an unknown option or a wrong number of arguments prints a
 * one-line error and the usage and exits 2, invalid configuration prints its findings and exits
 * 2, and any other failure is one line (a stack trace only with DEBUG=1).
 */

/** Exit codes shared by every command; the workflows read them (docs/reviewing.md). */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Synth, Terraform or something else failed. */
  failed: 1,
  /** Bad usage or invalid configuration. */
  usage: 2,
  /** The guard blocked a protected environment's plan. */
  guarded: 3,
  /** Drift found (drift only). */
  drift: 4,
  /** A saved plan is stale (deploy --apply-saved only). */
  stale: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage: printed as one line followed by the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A failure the command explains itself: one line, and its exit code. */
export class CommandError extends Error {
  override readonly name = "CommandError";
  constructor(
    message: string,
    readonly code: ExitCode,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export interface Command<O extends Options> {
  /** The name errors start with: `plan: unknown option --x`. */
  readonly name: string;
  /** Usage lines, `npm run plan -- <env> [--offline]`. */
  readonly usage: string;
  /** What the command does, its options and exit codes: the rest of `--help`. */
  readonly help: string;
  /** The options, as `parseArgs` takes them (`--help` is added). */
  readonly options: O;
  /** How many positional arguments, and what they are called in errors. @default none */
  readonly positionals?: { readonly name: string; readonly min: number; readonly max: number };
  /** Does the work; returns the exit code. */
  run(args: Parsed<O>): Promise<number> | number;
}

/** Defines a command (keeps its option types for `run`). */
export function command<O extends Options>(spec: Command<O>): Command<O> {
  return spec;
}

/** `parseArgs`' messages, shortened to what a person needs. */
function usageMessage(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option ?? error.message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(error.message) ? `${option} needs a value` : `${option} takes no value`;
    default:
      return error.message;
  }
}

function parse<O extends Options>(spec: Command<O>, argv: readonly string[]): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true, strict: true }) as Parsed<O>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))
      throw new UsageError(usageMessage(error as Error & { code: string }));
    throw error;
  }
  const { name, min, max } = spec.positionals ?? { name: "argument", min: 0, max: 0 };
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`missing ${name}`);
  if (count > max)
    throw new UsageError(
      max === 0 ? `unexpected argument ${parsed.positionals[0]}` : `too many arguments: ${parsed.positionals.slice(max).join(" ")}`,
    );
  return parsed;
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Parses `argv` and runs the command; every failure becomes its message and exit code. */
export async function runCommand<O extends Options>(spec: Command<O>, argv: readonly string[], io: Io = processIo): Promise<number> {
  const beforeTerminator = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  if (beforeTerminator.includes("--help") || beforeTerminator.includes("-h")) {
    io.out(`usage: ${spec.usage}\n\n${spec.help.trim()}\n`);
    return EXIT.ok;
  }
  try {
    return await spec.run(parse(spec, argv));
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${spec.name}: ${error.message}\nusage: ${spec.usage}\n(--help for more)\n`);
      return EXIT.usage;
    }
    if (error instanceof ValidationError) {
      io.err(`${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof CommandError) {
      io.err(`${spec.name}: ${error.message}\n`);
      return error.code;
    }
    if (error instanceof TerraformError) {
      io.err(`${spec.name}: terraform ${error.step} failed\n${error.output.trim()}\n`);
      return EXIT.failed;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      process.env.DEBUG && error instanceof Error
        ? `${spec.name}: ${error.stack}\n`
        : `${spec.name}: ${message.split("\n")[0]} (DEBUG=1 shows the stack)\n`,
    );
    return EXIT.failed;
  }
}

/**
 * Runs a command as the process's entry point (call it under `require.main === module`).
 * Terraform and the cdktf CLI it starts inherit CHECKPOINT_DISABLE=1 (unless set to another value):
 * without it they call HashiCorp's version-check service, which offline prints
 * `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com` and waits on it.
 */
export function runMain<O extends Options>(spec: Command<O>): void {
  process.env.CHECKPOINT_DISABLE ||= "1";
  runCommand(spec, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
