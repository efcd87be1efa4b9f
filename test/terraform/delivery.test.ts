import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, standInTerraform, type CliRun } from "../scripts/run-cli";
import { describeTerraform } from "../support/terraform";

/**
 * `npm run deploy` up to the apply step, and the strict `--state`, with real Terraform offline.
 * Nothing can be applied offline, so a stand-in `terraform` on PATH records `apply` (and the
 * plan file it was given) and runs the real Terraform for everything else.
 */
describeTerraform("npm run deploy, offline", () => {
  const standIn = standInTerraform();
  const withStandIn = { PATH: `${standIn.dir}:${process.env.PATH}` };
  const ciStandIn = standInTerraform();
  const out = mkdtempSync(join(tmpdir(), "deploy-out-"));
  const declinedOut = mkdtempSync(join(tmpdir(), "deploy-declined-"));
  const staleStates = mkdtempSync(join(tmpdir(), "stale-state-"));
  let applied: Promise<CliRun & { ms: number }>;
  let declined: Promise<CliRun>;
  let appliedAgain: Promise<CliRun>;
  let stale: Promise<CliRun>;

  beforeAll(() => {
    const started = Date.now();
    applied = runCli("deploy", ["dev", "--offline", "--yes", "--out", out], { env: withStandIn }).then((run) => ({ ...run, ms: Date.now() - started }));
    declined = runCli("deploy", ["dev", "--offline", "--out", declinedOut], { env: withStandIn, input: "n\n" });
    // CI's apply job on the plan saved above: once with the state it was planned against (empty),
    // once, with real Terraform, against a state that changed after the plan was made.
    writeFileSync(join(staleStates, "dev.tfstate"), JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 3, lineage: "deployed-meanwhile", outputs: {}, resources: [] }));
    appliedAgain = applied.then(() => runCli("deploy", ["dev", "--apply-saved", join(out, "dev"), "--offline", "--empty-state", "--yes"], { env: { PATH: `${ciStandIn.dir}:${process.env.PATH}` } }));
    stale = applied.then(() => runCli("deploy", ["dev", "--apply-saved", join(out, "dev"), "--offline", "--state", staleStates, "--yes"]));
    for (const p of [applied, declined, appliedAgain, stale]) p.catch(() => undefined);
  });

  it("plans, summarizes, guards and applies exactly the saved plan file", async () => {
    const run = await applied;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const planFile = join(out, "dev", "plan.tfplan");
    expect(standIn.applies().filter((line) => !line.includes(declinedOut))).toEqual([expect.stringMatching(new RegExp(` apply -input=false ${planFile}$`))]);
    expect(readFileSync(join(standIn.dir, "applied.tfplan"))).toEqual(readFileSync(planFile));
    // The summary is shown before the apply; the same summary is saved.
    expect(run.stdout).toMatch(/^dev: \d+ to create, 0 to update/);
    expect(run.stdout.indexOf("Saved plan:")).toBeLessThan(run.stdout.indexOf("stand-in: apply recorded"));
    expect(readFileSync(join(out, "summary.txt"), "utf8")).toBe(run.stdout.slice(0, run.stdout.indexOf("\nSaved plan:")));
    console.info(`npm run deploy -- dev --offline --yes, up to the (stand-in) apply: ${(run.ms / 1000).toFixed(1)} s`);
  });

  it("asks before applying; answering n applies nothing and exits 0", async () => {
    const run = await declined;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("Apply this plan to dev? [y/N] ");
    expect(run.stdout).toMatch(/^dev: \d+ to create[\s\S]*Not applied: nothing changed\.\n$/);
    expect(existsSync(join(declinedOut, "dev", "plan.tfplan"))).toBe(true);
    expect(standIn.applies().filter((line) => line.includes(declinedOut))).toEqual([]);
  });

  describe("--apply-saved: CI's apply job", () => {
    it("applies the saved plan file exactly, in a fresh init of the same commit", async () => {
      const run = await appliedAgain;
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^dev: \d+ to create/);
      expect(ciStandIn.applies()).toEqual([expect.stringMatching(new RegExp(` apply -input=false ${join(out, "dev", "plan.tfplan")}$`))]);
      expect(readFileSync(join(ciStandIn.dir, "applied.tfplan"))).toEqual(readFileSync(join(out, "dev", "plan.tfplan")));
    });

    it("says in plain words when Terraform refuses a stale plan (the state changed since), and exits 5", async () => {
      const run = await stale;
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/Saved plan is stale/);
      expect(run.stderr).toMatch(/^deploy: the saved plan for dev is stale: its state changed after the plan was made \(another apply, or a state edit\), so Terraform refused it and nothing was applied\. Plan again and review the new summary\.$/m);
    });
  });
});

describeTerraform("a strict --state", () => {
  const root = mkdtempSync(join(tmpdir(), "bad-states-"));
  const folder = (name: string, content?: string) => {
    mkdirSync(join(root, name));
    if (content !== undefined) writeFileSync(join(root, name, "dev.tfstate"), content);
    return join(root, name);
  };
  const cases = {
    "a folder that does not exist": [join(root, "missing"), /^plan: --state \S+missing: no such folder; expected the state of dev there as dev\.tfstate/],
    "a folder without dev.tfstate": [folder("elsewhere"), /^plan: --state \S+elsewhere holds no dev\.tfstate; expected the state of dev there/],
    "an empty dev.tfstate": [folder("empty", ""), /^plan: \S+empty\/dev\.tfstate is empty \(0 bytes\); expected the state of dev/],
    "a dev.tfstate that is not JSON": [folder("broken", '{"version": 4, "resources": ['), /^plan: \S+broken\/dev\.tfstate is not JSON \(.+\); expected the state of dev/],
    "a state Terraform cannot read": [
      folder("future", JSON.stringify({ version: 99, serial: 1, lineage: "x" })),
      /^plan: \S+future\/dev\.tfstate: Terraform cannot read it as the state of dev: (Error reading local state: )?Unsupported state file format: The state file uses format version 99/,
    ],
  } as const;
  const runs = new Map<string, Promise<CliRun>>();

  beforeAll(() => {
    for (const [name, [dir]] of Object.entries(cases)) {
      const out = mkdtempSync(join(tmpdir(), "bad-state-out-"));
      runs.set(name, runCli("plan", ["dev", "--offline", "--state", dir, "--out", out]));
    }
  });

  it.each(Object.entries(cases))("refuses %s: exit 2, naming the user's path and what was expected", async (name, [, message]) => {
    const run = await runs.get(name)!;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/tf-offline-/);
    expect(run.stdout).toBe("");
  });
});
