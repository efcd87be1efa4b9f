import { join } from "node:path";
import { expect, it } from "vitest";
import { runOffline } from "../../scripts/lib/terraform";
import { describeTerraform } from "../support/terraform";

describeTerraform("examples/hcl-consumer", () => {
  it("passes terraform validate", async () => {
    await expect(runOffline(join(__dirname, "..", "..", "examples", "hcl-consumer"), { plan: false })).resolves.toBeDefined();
  });
});
