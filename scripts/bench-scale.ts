/**
 * Synthesizes N copies of the prod environment in one app (`node -r ./scripts/register-ts.cjs
 * scripts/bench-scale.ts N [outdir]`), so the benchmark can see how synth time grows per
 * environment rather than guess it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentStack } from "../envs";
import { prod } from "../envs/prod";

const copies = Number(process.argv[2] ?? "1");
if (!Number.isInteger(copies) || copies < 1) throw new Error(`copies must be a whole number >= 1, got ${process.argv[2]}`);
const outdir = process.argv[3] ?? mkdtempSync(join(tmpdir(), "bench-scale-"));
const app = new App({ outdir });
for (let i = 1; i <= copies; i++) new EnvironmentStack(app, { ...prod, name: `prod${i}` });
app.synth();
if (!process.argv[3]) rmSync(outdir, { recursive: true, force: true });
