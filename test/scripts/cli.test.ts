import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synth } from "../../main";
import { ValidationError } from "../../modules/core/validation";
import { addresses } from "../../scripts/addresses";
import { benchmark } from "../../scripts/bench";
import { benchScale } from "../../scripts/bench-scale";
import { deploy } from "../../scripts/deploy";
import { diff } from "../../scripts/diff";
import { drift } from "../../scripts/drift";
import { command, CommandError, runCommand } from "../../scripts/lib/cli";
import { plan } from "../../scripts/plan";
import { planComment } from "../../scripts/plan-comment";
import { reportedPaths } from "../support/findings";
import { copyProject, edit, ROOT, runCli } from "./run-cli";

/** Runs a command in this process, collecting what it prints. */
async function run(spec: Parameters<typeof runCommand>[0], argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCommand(spec, argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("the argument helper", () => {
  let ran = 0;
  const toy = command({
    name: "toy",
    usage: "npm run toy -- <env> [--out <dir>] [--yes]",
    help: "Does toy things.\n\nExit codes: 0 done.",
    options: { out: { type: "string" }, yes: { type: "boolean" } },
    positionals: { name: "environment", min: 1, max: 1 },
    run({ values, positionals }) {
      ran++;
      if (positionals[0] === "bad-config")
        throw new ValidationError("Environment configuration", [{ path: "prod.network.cidr", message: "must be a CIDR" }]);
      if (positionals[0] === "stale") throw new CommandError("the saved plan is stale", 5);
      if (positionals[0] === "bug") throw new Error("undefined is not a function\n    at somewhere (file.ts:1:1)");
      return values.yes ? 0 : 7;
    },
  });

  it("prints the usage and help for --help, exits 0 and does nothing else", async () => {
    const before = ran;
    const result = await run(toy, ["prod", "--help", "--unknown"]);
    expect(result).toEqual({
      code: 0,
      out: "usage: npm run toy -- <env> [--out <dir>] [--yes]\n\nDoes toy things.\n\nExit codes: 0 done.\n",
      err: "",
    });
    expect(ran).toBe(before);
  });

  it("refuses an unknown option with one line and the usage: exit 2", async () => {
    expect(await run(toy, ["prod", "--bogus"])).toEqual({
      code: 2,
      out: "",
      err: "toy: unknown option --bogus\nusage: npm run toy -- <env> [--out <dir>] [--yes]\n(--help for more)\n",
    });
  });

  it("refuses a missing environment, extra arguments, a missing value and a value given to a switch", async () => {
    expect((await run(toy, [])).err).toMatch(/^toy: missing environment\nusage: /);
    expect((await run(toy, ["a", "b"])).err).toMatch(/^toy: too many arguments: b\n/);
    expect((await run(toy, ["prod", "--out"])).err).toMatch(/^toy: --out needs a value\n/);
    expect((await run(toy, ["prod", "--yes=no"])).err).toMatch(/^toy: --yes takes no value\n/);
    for (const argv of [[], ["a", "b"], ["prod", "--out"]]) expect((await run(toy, argv)).code).toBe(2);
  });

  it("passes the parsed options and returns the command's exit code", async () => {
    expect((await run(toy, ["prod", "--yes"])).code).toBe(0);
    expect((await run(toy, ["prod"])).code).toBe(7);
  });

  it("prints invalid configuration's findings, without a stack trace: exit 2", async () => {
    expect(await run(toy, ["bad-config"])).toEqual({
      code: 2,
      out: "",
      err: "Environment configuration is invalid (1 problem):\n  - prod.network.cidr must be a CIDR\n",
    });
  });

  it("gives a failure the command explains its own exit code, on one line", async () => {
    expect(await run(toy, ["stale"])).toEqual({ code: 5, out: "", err: "toy: the saved plan is stale\n" });
  });

  it("turns an unexpected error into one line and exit 1", async () => {
    expect(await run(toy, ["bug"])).toEqual({ code: 1, out: "", err: "toy: undefined is not a function (DEBUG=1 shows the stack)\n" });
  });
});

describe("every command", () => {
  const commands = {
    synth,
    plan,
    deploy,
    drift,
    diff,
    addresses,
    "plan:comment": planComment,
    bench: benchmark,
    "bench-scale": benchScale,
  };

  it.each(Object.entries(commands))("%s: --help prints its usage and exit codes, and exits 0", async (name, spec) => {
    const result = await run(spec, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^usage: (npm run|node)/);
    expect(result.out).toMatch(/Exit codes: 0 /);
    expect(result.err).toBe("");
    expect(spec.name).toBe(name);
  });

  it.each(Object.entries(commands))("%s: an unknown option is exit 2 with the usage", async (_, spec) => {
    const result = await run(spec, ["--no-such-option"]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^[\w:-]+: unknown option --no-such-option\nusage: /);
  });

  it.each([plan, deploy, drift])("$name: a missing environment is exit 2 with the usage", async (spec) => {
    const result = await run(spec, []);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^\w+: missing environment \(.+\)\nusage: npm run \w+ -- <env/);
  });

  it("plan:comment without a folder is exit 2, not an empty comment", async () => {
    expect(await run(planComment, [])).toMatchObject({ code: 2, out: "", err: expect.stringMatching(/^plan:comment: missing folder/) });
  });

  it("deploy takes one environment, and --apply-saved takes none of the planning options", async () => {
    expect((await run(deploy, ["all"])).err).toMatch(/^deploy: deploy takes one environment at a time\n/);
    expect((await run(deploy, ["prod", "--apply-saved", "x", "--plan-only"])).err).toMatch(
      /^deploy: --apply-saved applies a saved plan: --plan-only does not go with it\n/,
    );
  });

  it("deploy refuses --offline without --plan-only before it plans: exit 2, a pointer to --plan-only and --local, nothing written", async () => {
    const out = mkdtempSync(join(tmpdir(), "deploy-refused-"));
    const result = await run(deploy, ["dev", "--offline", "--yes", "--out", out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^deploy: --offline plans with placeholder credentials and cannot apply: add --plan-only .* --local\n/);
    expect(readdirSync(out)).toEqual([]);
  });

  it("--override-reason goes with --allow-destroy, --state with --offline and not with --empty-state", async () => {
    expect((await run(plan, ["prod", "--override-reason", "label"])).err).toMatch(/^plan: --override-reason goes with --allow-destroy\n/);
    expect((await run(plan, ["prod", "--state", "s"])).err).toMatch(/^plan: --state goes with --offline/);
    expect((await run(deploy, ["prod", "--offline", "--state", "s", "--empty-state"])).err).toMatch(
      /^deploy: --state and --empty-state exclude each other\n/,
    );
    expect((await run(drift, ["prod", "--offline"])).err).toMatch(/^drift: --offline and --state go together/);
  });

  it("bench refuses a run count that is not a whole number", async () => {
    expect(await run(benchmark, ["--runs", "x"])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^bench: --runs must be a whole number >= 1, got x\n/),
    });
  });
});

/** `sh -c '<package.json script> <args>'`, as npm runs it, from the project root. */
function npmScript(name: string, args: string, env: Readonly<Record<string, string>> = {}): Promise<{ code: number; stdout: string }> {
  const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[name];
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", `${script} ${args}`], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env } });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout }));
  });
}

describe("as processes", () => {
  it("every package.json command answers --help with its usage, at once and doing nothing else", async () => {
    const names = ["synth", "plan", "deploy", "drift", "diff", "addresses", "plan:comment", "bench"];
    // Whatever synthesizes writes here: bench --help once ran the whole benchmark, addresses --help synthesized everything.
    const outdir = mkdtempSync(join(tmpdir(), "help-synth-"));
    const results = await Promise.all(names.map((name) => npmScript(name, "--help", { CDKTF_OUTDIR: outdir })));
    for (const [i, result] of results.entries()) {
      expect(result.code, names[i]).toBe(0);
      expect(result.stdout, names[i]).toMatch(/^usage: npm run /);
    }
    expect(readdirSync(outdir)).toEqual([]);
    expect(results[names.indexOf("addresses")]!.stdout).not.toMatch(/addresses, unchanged/);
  });

  it("invalid configuration is exit 2 with its findings and no stack trace, in plan, deploy, drift and addresses", async () => {
    const copy = copyProject();
    edit(copy, "envs/prod.ts", 'cidr: "10.30.0.0/16"', 'cidr: "10.30.0.0/33"');
    const runs = await Promise.all([
      runCli("plan", ["prod", "--offline"], { root: copy }),
      runCli("deploy", ["prod", "--offline", "--plan-only"], { root: copy }),
      runCli("drift", ["prod"], { root: copy }),
      runCli("addresses", [], { root: copy }),
    ]);
    for (const result of runs) {
      expect(result.code).toBe(2);
      expect(reportedPaths(result.stderr)).toEqual(["prod.network.cidr"]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a backend left incomplete by the variables is invalid configuration too", async () => {
    const result = await runCli("plan", ["dev"], { env: { WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "" } });
    expect(result.code).toBe(2);
    expect(reportedPaths(result.stderr)).toEqual(["dev.backend.bucket"]);
  });
});

describe("CHECKPOINT_DISABLE", () => {
  it("is set for the Terraform a command starts, where the caller did not set it", () => {
    const dir = mkdtempSync(join(tmpdir(), "checkpoint-"));
    const standIn = join(dir, "terraform");
    writeFileSync(standIn, `#!/bin/sh\necho "\${CHECKPOINT_DISABLE:-unset} $1" >> "${dir}/seen"\necho "stand-in: refused" >&2\nexit 1\n`);
    chmodSync(standIn, 0o755);
    const { CHECKPOINT_DISABLE: _, ...env } = process.env;
    const run = spawnSync(
      process.execPath,
      [
        "--require",
        join(ROOT, "scripts", "register-ts.cjs"),
        join(ROOT, "scripts", "plan.ts"),
        "dev",
        "--offline",
        "--empty-state",
        "--out",
        join(dir, "out"),
      ],
      {
        cwd: ROOT,
        env: { ...env, TERRAFORM_BINARY_NAME: standIn, CDKTF_OUTDIR: join(dir, "synth") },
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    const seen = readFileSync(join(dir, "seen"), "utf8").trim().split("\n");
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toMatch(/^1 /);
  });
});

describe("drift of an environment with no state", () => {
  it("says the environment is not deployed, exits 2, runs no Terraform and leaves no .terraform/ in cdktf.out", async () => {
    const copy = copyProject();
    const outdir = join(copy, "cdktf.out");
    // Any Terraform started would be recorded: none should be, the local state file being absent.
    const dir = mkdtempSync(join(tmpdir(), "drift-no-state-"));
    const standIn = join(dir, "terraform");
    writeFileSync(standIn, `#!/bin/sh\necho "$*" >> "${dir}/ran"\nexit 1\n`);
    chmodSync(standIn, 0o755);
    const run = await runCli("drift", ["dev", "--out", join(dir, "report")], {
      root: copy,
      env: { CDKTF_OUTDIR: outdir, TERRAFORM_BINARY_NAME: standIn, WEBTIER_BACKEND: "local" },
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^drift: dev is not deployed: its state holds no resources/m);
    expect(run.stdout).toMatch(/^dev: not deployed$/m);
    expect(readFileSync(join(dir, "report", "drift.md"), "utf8")).toContain("| dev | not deployed |");
    expect(readdirSync(join(outdir, "stacks", "dev")).filter((f) => f.startsWith(".terraform"))).toEqual([]);
    expect(readdirSync(dir)).not.toContain("ran");
  });

  it("runs Terraform, for a deployed environment, in a copy of the stack: nothing lands in cdktf.out", async () => {
    const copy = copyProject();
    const outdir = join(copy, "cdktf.out");
    // Where dev's local backend keeps its state, relative to cdktf.out/stacks/dev: one resource deployed.
    const resource = {
      mode: "managed",
      type: "aws_vpc",
      name: "v",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [],
    };
    writeFileSync(
      join(copy, "terraform.dev.tfstate"),
      JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "l", outputs: {}, resources: [resource] }),
    );
    const dir = mkdtempSync(join(tmpdir(), "drift-deployed-"));
    const standIn = join(dir, "terraform");
    writeFileSync(
      standIn,
      `#!/bin/sh
echo "$PWD" >> "${dir}/ran"
echo "stand-in: refused" >&2
exit 1
`,
    );
    chmodSync(standIn, 0o755);
    const run = await runCli("drift", ["dev", "--out", join(dir, "report")], {
      root: copy,
      env: { CDKTF_OUTDIR: outdir, TERRAFORM_BINARY_NAME: standIn, WEBTIER_BACKEND: "local" },
    });
    expect(run.code).toBe(1);
    const ran = readFileSync(join(dir, "ran"), "utf8").trim().split("\n");
    expect(ran.length).toBeGreaterThan(0);
    for (const cwd of ran) expect(cwd.startsWith(outdir)).toBe(false);
    expect(readdirSync(join(outdir, "stacks", "dev")).filter((f) => f.startsWith(".terraform"))).toEqual([]);
  });
});
