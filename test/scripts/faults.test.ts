import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

/** Faults outside the configuration are explained in one paragraph that says what to do, with no stack trace. */
describe("faults outside the configuration", () => {
  it("without Terraform on PATH, plan says what to install and which version: exit 1", async () => {
    const run = await runCli("plan", ["dev", "--offline"], {
      env: { PATH: `/usr/bin:/bin:${dirname(process.execPath)}`, TERRAFORM_BINARY_NAME: "" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^plan: Terraform is not installed here: "terraform" was not found on PATH\. Install Terraform 1\.10 or later \(CI uses 1\.11\.4; https:\/\/\S+\), or set TERRAFORM_BINARY_NAME/,
    );
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/ENOENT|tf-offline-|\n\s+at /);
  });
});
