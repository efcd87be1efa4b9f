import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { createdAddresses, describeTerraform, planStack, tempApp, type PlanJson } from "../support/terraform";

/**
 * Every environment, synthesized exactly as `main.ts` does, goes through real `terraform init`,
 * `validate` and an offline `plan`; the plan is then read back as JSON.
 */
describeTerraform("every environment validates and plans offline", () => {
  const plans = new Map<string, Promise<PlanJson>>();
  for (const config of environments) {
    const app = tempApp();
    new EnvironmentStack(app, config);
    // Started together so the environments plan in parallel.
    plans.set(config.name, planStack(app, config.name).then((run) => run.plan as PlanJson));
  }

  describe.each(environments.map((e) => e.name))("%s", (name) => {
    it("plans with no error", async () => {
      const plan = await plans.get(name)!;
      expect(plan.format_version).toMatch(/^1\./);
      expect(plan.terraform_version).toMatch(/^1\./);
    });

    it("creates only what the modules define", async () => {
      const plan = await plans.get(name)!;
      expect(createdAddresses(plan)).toEqual([]);
    });
  });
});
