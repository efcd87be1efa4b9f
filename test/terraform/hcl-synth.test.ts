import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { environments } from "../../envs";
import { TERRAFORM_REQUIRED_VERSION } from "../../envs/environment-stack";
import { describeTerraform, runOffline } from "../support/terraform";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const CDKTF = join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

/** The files each stack folder of `outdir` holds, by environment. */
function stackFiles(outdir: string): Record<string, string[]> {
  return Object.fromEntries(environments.map((e) => [e.name, readdirSync(join(outdir, "stacks", e.name)).sort()]));
}

/** `npx cdktf synth --hcl`, as people run it: the CLI, running the app that cdktf.json names. */
const synthHcl = (outdir: string) =>
  run(process.execPath, [CDKTF, "synth", "--hcl", "--output", outdir], { cwd: ROOT, env: { ...process.env, CI: "1" } });
/** `npm run synth`, without npm. */
const synthJson = (outdir: string) =>
  run(process.execPath, ["--require", join(ROOT, "scripts", "register-ts.cjs"), "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });

/**
 * `cdktf synth --hcl` is HashiCorp's way off the archived cdktf: the HCL it writes must be
 * Terraform that Terraform accepts, and JSON and HCL synths must be able to follow each other
 * in one output folder (Terraform reads every `.tf` and `.tf.json` there).
 */
describeTerraform("cdktf synth --hcl", () => {
  const outdir = mkdtempSync(join(tmpdir(), "hcl-synth-"));
  let afterJson: Record<string, string[]>;
  let afterHcl: Record<string, string[]>;
  let backToJson: Record<string, string[]>;
  const hcl: Record<string, string> = {};
  const validations = new Map<string, Promise<unknown>>();

  beforeAll(async () => {
    await synthJson(outdir);
    afterJson = stackFiles(outdir);
    await synthHcl(outdir);
    afterHcl = stackFiles(outdir);
    for (const { name } of environments) {
      hcl[name] = readFileSync(join(outdir, "stacks", name, "cdk.tf"), "utf8");
      // runOffline copies the stack before it returns, so the JSON synth below may go ahead.
      const validation = runOffline(join(outdir, "stacks", name), { plan: false });
      validation.catch(() => undefined);
      validations.set(name, validation);
    }
    await synthJson(outdir);
    backToJson = stackFiles(outdir);
  });

  it("writes only JSON at first, then only HCL: each synth removes the other format's files", () => {
    for (const { name } of environments) {
      expect(afterJson[name]).toEqual(["cdk.tf.json"]);
      expect(afterHcl[name]).toEqual(["cdk.tf", "metadata.json"]);
      expect(backToJson[name]).toEqual(["cdk.tf.json"]);
    }
  });

  describe.each(environments)("$name", ({ name }) => {
    it("passes terraform validate", async () => {
      await expect(validations.get(name)).resolves.toBeDefined();
    });

    it("requires the Terraform version, as a setting of the terraform block", () => {
      const block = /^terraform \{\n([\s\S]*?)^\}/m.exec(hcl[name]!)?.[1] ?? "";
      const setting = /^\s*required_version\s*=\s*"(.*)"$/m.exec(block);
      expect(setting?.[1]).toBe(TERRAFORM_REQUIRED_VERSION);
      expect(block).not.toMatch(/^\s*\d+\s*=/m);
    });

    it("writes policies as jsonencode, not as JSON strings Terraform cannot read back", () => {
      expect(hcl[name]).toMatch(/^\s*policy\s*=\s*"\$\{jsonencode\(\{/m);
      expect(hcl[name]).not.toMatch(/"\{"\s*Version/);
    });
  });
});
