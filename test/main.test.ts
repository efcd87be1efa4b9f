import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportedPaths } from "./support/findings";

const ROOT = join(__dirname, "..");

/** main.ts as `npm run synth` runs it: Node with the project's TypeScript loader. */
function synth(env: Record<string, string> = {}, args: string[] = []) {
  const outdir = mkdtempSync(join(tmpdir(), "main-"));
  const result = spawnSync(process.execPath, ["--require", join(ROOT, "scripts", "register-ts.cjs"), join(ROOT, "main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { ...result, outdir, stacks: existsSync(join(outdir, "stacks")) ? readdirSync(join(outdir, "stacks")).sort() : [] };
}

describe("npm run synth", () => {
  it("writes a stack per environment and, under the cdktf CLI (which prints warnings itself), nothing on stderr", () => {
    const run = synth();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stacks).toEqual(["dev", "prod", "stage"]);
    for (const env of run.stacks) expect(existsSync(join(run.outdir, "stacks", env, "cdk.tf.json"))).toBe(true);
  });

  it("prints each warning on stderr, one line each, writes every stack anyway and exits 0", () => {
    // Run as `npm run synth` does, outside the cdktf CLI (which prints warnings itself): output goes to cwd's cdktf.out.
    const cwd = mkdtempSync(join(tmpdir(), "main-cwd-"));
    const { CDKTF_OUTDIR: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ["--require", join(ROOT, "scripts", "register-ts.cjs"), join(ROOT, "main.ts")], {
      cwd,
      env: { ...env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    // One line per warning, each naming its construct (the wording is reviewed in test/modules/corpus.test.ts).
    expect(
      run.stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => /^warning: (\S+): \S/.exec(line)?.[1] ?? line),
    ).toEqual(["dev/Default/alarm-topic", "stage/Default/alarm-topic"]);
    expect(run.stdout).toBe("Synthesized dev, stage, prod to cdktf.out/stacks\n");
    expect(readdirSync(join(cwd, "cdktf.out", "stacks")).sort()).toEqual(["dev", "prod", "stage"]);
  });

  it("answers --help with its usage and exit codes, exit 0, and writes nothing", () => {
    const run = synth({}, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run synth\n\n[\s\S]*Exit codes: 0 written/);
    expect(run.stderr).toBe("");
    expect(run.stacks).toEqual([]);
  });

  it("refuses an unknown option or an argument with one line and the usage, exit 2, and writes nothing", () => {
    for (const args of [["--bogus"], ["dev"]]) {
      const run = synth({}, args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^synth: (unknown option --bogus|unexpected argument dev)\nusage: npm run synth\n\(--help for more\)\n$/);
      expect(run.stacks).toEqual([]);
    }
  });

  it("exits non-zero on an unknown environment, says which, and writes nothing", () => {
    const run = synth({ ENVIRONMENTS: "prod,qa" });
    expect(run.status).toBe(2);
    expect(reportedPaths(run.stderr)).toEqual(["qa"]);
    expect(run.stacks).toEqual([]);
  });

  it("exits non-zero on an incomplete backend, naming every environment and field, and writes nothing", () => {
    const run = synth({ WEBTIER_BACKEND: "s3" });
    expect(run.status).toBe(2);
    expect(reportedPaths(run.stderr)).toEqual(["dev.backend.bucket", "stage.backend.bucket", "prod.backend.bucket"]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stacks).toEqual([]);
  });
});

describe("npm run cdktf", () => {
  it("runs the cdktf CLI's synth of the same app without calling HashiCorp's checkpoint service, though the caller did not set CHECKPOINT_DISABLE", () => {
    const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.cdktf;
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-cli-"));
    const { CHECKPOINT_DISABLE: _, ...env } = process.env;
    const run = spawnSync("sh", ["-c", `${script} synth --output ${outdir}`], { cwd: ROOT, env, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/checkpoint/i);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["dev", "prod", "stage"]);
  });
});
