import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyProject, edit, runCli, standInTerraform, type CliRun } from "../scripts/run-cli";
import { describeTerraform } from "../support/terraform";

/**
 * `npm run deploy` up to the apply step, and the strict `--state`, with real Terraform offline.
 * Nothing can be applied offline, so a stand-in `terraform` on PATH records `apply` (and the
 * plan file it was given) and runs the real Terraform for everything else.
 */
describeTerraform("npm run deploy, offline", () => {
  const out = mkdtempSync(join(tmpdir(), "deploy-out-"));
  const staleStates = mkdtempSync(join(tmpdir(), "stale-state-"));
  const applyStandIn = standInTerraform();
  const declineStandIn = standInTerraform();
  const untouchedStandIn = standInTerraform();
  /** A copy of the project whose dev config leaves a mark when any code loads it. */
  const marked = copyProject();
  const mark = join(marked, "loaded-envs-dev");
  edit(marked, "envs/dev.ts", "export const dev", `require("node:fs").writeFileSync(${JSON.stringify(mark)}, "loaded");\nexport const dev`);
  let planned: Promise<CliRun>;
  const runs: Record<string, Promise<CliRun>> = {};
  const digestOf = (run: CliRun) => /\(sha256 ([0-9a-f]{64})\)/.exec(run.stdout)?.[1] ?? "no digest printed";
  const saved = join(out, "dev");

  beforeAll(() => {
    planned = runCli("deploy", ["dev", "--offline", "--plan-only", "--out", out]);
    writeFileSync(
      join(staleStates, "dev.tfstate"),
      JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 3, lineage: "deployed-meanwhile", outputs: {}, resources: [] }),
    );
    const later = (args: (digest: string) => string[], options: Parameters<typeof runCli>[2] = {}) =>
      planned.then((run) => runCli("deploy", ["dev", "--apply-saved", saved, ...args(digestOf(run))], options));
    // CI's apply job on the plan saved above, in a project whose code must not run: with the
    // state it was planned against (empty), once answering no, once against a state that
    // changed after the plan was made, and with digests that are not the plan's.
    runs.applied = later((d) => ["--digest", d, "--offline", "--empty-state", "--yes"], {
      root: marked,
      env: { PATH: `${applyStandIn.dir}:${process.env.PATH}` },
    });
    runs.declined = later((d) => ["--digest", d, "--offline", "--empty-state"], {
      env: { PATH: `${declineStandIn.dir}:${process.env.PATH}` },
      input: "n\n",
    });
    runs.stale = later((d) => ["--digest", d, "--offline", "--state", staleStates, "--yes"]);
    runs.wrongDigest = later((d) => ["--digest", d.replace(/^./, (c) => (c === "0" ? "1" : "0")), "--offline", "--empty-state", "--yes"], {
      env: { PATH: `${untouchedStandIn.dir}:${process.env.PATH}` },
    });
    runs.noDigest = later(() => ["--offline", "--empty-state", "--yes"], { env: { PATH: `${untouchedStandIn.dir}:${process.env.PATH}` } });
    for (const p of [planned, ...Object.values(runs)]) p.catch(() => undefined);
  });

  it("plans, summarizes and guards, saves the plan with the configuration it was made from, and prints its digest", async () => {
    const run = await planned;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dev: \d+ to create, 0 to update/);
    expect(digestOf(run)).toBe(
      createHash("sha256")
        .update(readFileSync(join(saved, "plan.tfplan")))
        .digest("hex"),
    );
    expect(readFileSync(join(out, "summary.txt"), "utf8")).toBe(run.stdout.slice(0, run.stdout.indexOf("\nSaved plan:")));
    expect(readdirSync(join(saved, "stack")).sort()).toEqual([".terraform.lock.hcl", "cdk.tf.json"]);
  });

  describe("--apply-saved: CI's apply job", () => {
    it("applies the saved plan file exactly, from the configuration saved with it: no project code runs", async () => {
      const run = await runs.applied!;
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^dev: \d+ to create/);
      expect(applyStandIn.applies()).toEqual([
        expect.stringMatching(new RegExp(` apply -input=false -no-color ${join(saved, "plan.tfplan")}$`)),
      ]);
      expect(readFileSync(join(applyStandIn.dir, "applied.tfplan"))).toEqual(readFileSync(join(saved, "plan.tfplan")));
      expect(existsSync(mark)).toBe(false);
    });

    it("asks before applying; answering n applies nothing and exits 0", async () => {
      const run = await runs.declined!;
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("Apply this plan to dev? [y/N] ");
      expect(run.stdout).toMatch(/^dev: \d+ to create[\s\S]*Not applied: nothing changed\.\n$/);
      expect(declineStandIn.applies()).toEqual([]);
    });

    it("says in plain words when Terraform refuses a stale plan (the state changed since), and exits 5", async () => {
      const run = await runs.stale!;
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/Saved plan is stale/);
      expect(run.stderr).toMatch(
        /^deploy: the saved plan for dev is stale: its state changed after the plan was made \(another apply, or a state edit\), so Terraform refused it and nothing was applied\. Plan again and review the new summary\.$/m,
      );
    });

    it("refuses a plan file whose SHA-256 is not the published digest, and a missing digest: exit 5, nothing applied", async () => {
      const wrong = await runs.wrongDigest!;
      expect(wrong.code).toBe(5);
      expect(wrong.stderr).toMatch(
        /plan\.tfplan is not the plan that was reviewed: its SHA-256 is [0-9a-f]{64}, not [0-9a-f]{64}\. Nothing was applied\./,
      );
      const missing = await runs.noDigest!;
      expect(missing.code).toBe(5);
      expect(missing.stderr).toMatch(/--apply-saved needs --digest <sha256>/);
      expect(untouchedStandIn.applies()).toEqual([]);
      expect(wrong.stdout + missing.stdout).toBe("");
    });
  });
});

/**
 * A state Terraform itself cannot read, named by the user's path: the one `--state` fault that
 * needs Terraform. The faults found before Terraform runs (no folder, no file, empty, not JSON)
 * are unit tests of state-option.ts.
 */
describeTerraform("a strict --state", () => {
  const root = mkdtempSync(join(tmpdir(), "bad-states-"));
  let run: Promise<CliRun>;

  beforeAll(() => {
    mkdirSync(join(root, "future"));
    writeFileSync(join(root, "future", "dev.tfstate"), JSON.stringify({ version: 99, serial: 1, lineage: "x" }));
    run = runCli("plan", ["dev", "--offline", "--state", join(root, "future"), "--out", mkdtempSync(join(tmpdir(), "bad-state-out-"))]);
  });

  it("refuses a state Terraform cannot read: exit 2, naming the user's path and what was expected", async () => {
    const { code, stderr, stdout } = await run;
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^plan: \S+future\/dev\.tfstate: Terraform cannot read it as the state of dev: (Error reading local state: )?Unsupported state file format: The state file uses format version 99/,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/tf-offline-/);
    expect(stdout).toBe("");
  });
});
