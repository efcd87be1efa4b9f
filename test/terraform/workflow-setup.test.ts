import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AWS_PROVIDER_VERSION } from "../../envs/environment-stack";
import { cliConfigFile } from "../../scripts/lib/terraform";
import { describeTerraform } from "../support/terraform";
import { actions, runScript, stepEnv } from "../support/workflows";

describeTerraform("the workflows' setup action with real Terraform", () => {
  it("fills the plugin cache with the AWS provider version the stacks pin", () => {
    const fill = actions.get("./.github/actions/setup")!.runs.steps!.find((s) => s.name === "Fill the plugin cache once")!;
    const cache = mkdtempSync(join(tmpdir(), "plugin-cache-"));
    const cli = cliConfigFile();
    const run = runScript(fill.run!, {
      env: {
        ...stepEnv(undefined, undefined, fill, { steps: { provider: { outputs: { aws: AWS_PROVIDER_VERSION } } } }),
        TF_PLUGIN_CACHE_DIR: cache,
        // Here the provider comes from the filesystem mirror; on GitHub, from the registry.
        ...(cli ? { TF_CLI_CONFIG_FILE: cli } : {}),
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(cache, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION))).toBe(true);
  });
});
