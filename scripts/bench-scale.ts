import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentStack } from "../envs";
import { prod } from "../envs/prod";
import { command, EXIT, runMain, UsageError } from "./lib/cli";

/** Synthesizes `copies` copies of prod in one app into `outdir` (a temporary folder, removed, when not given). */
function synthCopies(copies: number, outdir: string | undefined): number {
  const dir = outdir ?? mkdtempSync(join(tmpdir(), "bench-scale-"));
  const app = new App({ outdir: dir });
  for (let i = 1; i <= copies; i++) new EnvironmentStack(app, { ...prod, name: `prod${i}` });
  app.synth();
  if (!outdir) rmSync(dir, { recursive: true, force: true });
  return EXIT.ok;
}

export const benchScale = command({
  name: "bench-scale",
  usage: "node --require ./scripts/register-ts.cjs scripts/bench-scale.ts <copies> [<outdir>]",
  help: `Synthesizes <copies> copies of the prod environment in one app, so \`npm run bench\` can see how
synth time grows per environment rather than guess it. Writes to <outdir>, or to a temporary
folder that is removed.

Exit codes: 0 synthesized · 1 synth failed · 2 bad usage.`,
  options: {},
  positionals: { name: "number of copies", min: 1, max: 2 },
  run({ positionals: [count, outdir] }) {
    const copies = Number(count);
    if (!Number.isInteger(copies) || copies < 1) throw new UsageError(`copies must be a whole number >= 1, got ${count}`);
    return synthCopies(copies, outdir);
  },
});

if (require.main === module) runMain(benchScale);
