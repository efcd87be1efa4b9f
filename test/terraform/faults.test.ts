import { expect, it } from "vitest";
import { runCli } from "../scripts/run-cli";
import { describeTerraform } from "../support/terraform";

describeTerraform("faults outside the configuration, with real Terraform", () => {
  it("without a provider mirror, plan names the mirror path and the variable to set: exit 1", async () => {
    const run = await runCli("plan", ["dev", "--offline"], { env: { TF_PLUGIN_MIRROR: "/nonexistent-mirror" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Terraform could not install hashicorp\/aws: there is no provider mirror at \/nonexistent-mirror .* Point TF_PLUGIN_MIRROR at a filesystem mirror/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at |tf-offline-/);
  });
});
