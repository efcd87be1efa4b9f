import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { command, CommandError, EXIT, runMain, UsageError } from "./lib/cli";
import { diffTrees, renderDiff } from "./lib/synth-diff";

const ROOT = resolve(__dirname, "..");

function git(args: readonly string[], cwd = ROOT): string {
  return execFileSync("git", [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Runs a tree's own main.ts, as `npm run synth` would there, into `outdir`. */
function synthTree(tree: string, outdir: string): void {
  // tsx, not the faster scripts/register-ts.cjs: an older commit may predate that loader.
  execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(tree, "main.ts")], {
    cwd: tree,
    // Same backend variables for both trees, so only code and config differ.
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Compares the working tree with `base`; returns the exit code. */
function compare(base: string): number {
  let sha: string;
  try {
    sha = git(["rev-parse", "--verify", `${base}^{commit}`]);
  } catch {
    throw new CommandError(`${base} is not a commit in this repository`, EXIT.usage);
  }

  const work = mkdtempSync(join(tmpdir(), "synth-diff-"));
  const worktree = join(work, "base");
  try {
    git(["worktree", "add", "--detach", worktree, sha]);
    if (!existsSync(join(worktree, "node_modules"))) symlinkSync(join(ROOT, "node_modules"), join(worktree, "node_modules"), "dir");
    synthTree(worktree, join(work, "base.out"));
    synthTree(ROOT, join(work, "head.out"));
    process.stdout.write(renderDiff(diffTrees(join(work, "base.out"), join(work, "head.out")), `${base} (${sha.slice(0, 12)})`));
    return EXIT.ok;
  } finally {
    try {
      git(["worktree", "remove", "--force", worktree]);
    } catch {
      // Already gone: nothing to clean.
    }
    rmSync(work, { recursive: true, force: true });
  }
}

export const diff = command({
  name: "diff",
  usage: "npm run diff -- --base <git-ref>",
  help: `Synthesizes the working tree and the commit <git-ref> (checked out in a temporary git worktree,
sharing this project's node_modules) and compares them per environment: resources added, removed
and changed (with attribute paths), outputs added, removed or changed, and changes to provider,
backend and data blocks. No Terraform, no credentials. Both trees run on this checkout's
node_modules, so a dependency upgrade alone shows no difference.

  --base <git-ref>   the commit to compare with (a branch, tag or sha)

Exit codes: 0 compared · 1 a synth failed · 2 bad usage or not a commit.`,
  options: { base: { type: "string" } },
  run({ values }) {
    if (!values.base) throw new UsageError("--base <git-ref> is required");
    return compare(values.base);
  },
});

if (require.main === module) runMain(diff);
