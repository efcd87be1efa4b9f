import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";

/** This checkout. */
export const ROOT = join(__dirname, "..", "..");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  /** What the command wrote to stderr, its progress lines apart. */
  readonly stderr: string;
  /** The progress lines (`dev: plan (after 0.5 s)`), printed plainly when not on a terminal. */
  readonly progress: readonly string[];
  /** Wall time of the run. */
  readonly seconds: number;
  /** Where it synthesized (`<outdir>/stacks/<env>/cdk.tf.json`). */
  readonly outdir: string;
}

const PROGRESS = /^[a-z][a-z0-9-]*: (waiting|init|plan|show|summarized|failed) \(after \d+\.\d s\)$/;

export interface CliOptions {
  /** The project to run the command in (a copy of this one, say). @default ROOT */
  readonly root?: string;
  /** Variables added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the command's stdin, which is then closed. @default "" */
  readonly input?: string;
  /** Sees stdout as it grows, to act while the command runs (a second deploy during an apply). */
  readonly onStdout?: (all: string) => void;
}

/**
 * Runs `scripts/<script>.ts` as `npm run` does (Node with the project's TypeScript loader), in
 * a fresh synth folder, and collects its exit code and output.
 */
export function runCli(script: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const root = options.root ?? ROOT;
  const outdir = mkdtempSync(join(tmpdir(), "cli-synth-"));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--require", join(root, "scripts", "register-ts.cjs"), join(root, "scripts", `${script}.ts`), ...args],
      {
        cwd: root,
        env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = stderr.split("\n");
      resolve({
        code: code ?? -1,
        stdout,
        stderr: lines.filter((l) => !PROGRESS.test(l)).join("\n"),
        progress: lines.filter((l) => PROGRESS.test(l)),
        seconds: (performance.now() - started) / 1000,
        outdir,
      });
    });
    child.stdin.end(options.input ?? "");
  });
}

/**
 * A copy of this project's files (committed or not) with node_modules linked, so a test can edit
 * a config the way a pull request would and run the commands on it.
 */
export function copyProject(): string {
  const copy = join(mkdtempSync(join(tmpdir(), "project-")), "repo");
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f && f !== "node_modules" && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

/** Replaces `from` with `to` in a file of `root`, failing if `from` is not there. */
export function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(root, file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)} to replace`);
  writeFileSync(join(root, file), text.replace(from, to));
}

/**
 * A stand-in `terraform` for the apply step only: `apply` records its working folder and
 * arguments (and a copy of the plan file it was given) in `<dir>/applies`; every other
 * subcommand runs the real Terraform. Put `dir` first on PATH.
 */
export function standInTerraform(real = "/usr/local/bin/terraform"): { dir: string; applies: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), "terraform-stand-in-"));
  const script = `#!/bin/sh
if [ "$1" = "apply" ]; then
  for last in "$@"; do :; done
  echo "$PWD $*" >> "${dir}/applies"
  cp "$last" "${dir}/applied.tfplan"
  echo "stand-in: apply recorded"
  exit 0
fi
exec ${real} "$@"
`;
  writeFileSync(join(dir, "terraform"), script);
  chmodSync(join(dir, "terraform"), 0o755);
  const applies = () => (existsSync(join(dir, "applies")) ? readFileSync(join(dir, "applies"), "utf8").trim().split("\n") : []);
  return { dir, applies };
}
