import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentStack, type EnvironmentConfig } from "../../envs";
import { describe, it } from "vitest";
import { runOffline, terraformAvailability, type OfflineRun, type OfflineRunOptions, type PlanJson } from "../../scripts/lib/terraform";

export { runOffline, TerraformError, type OfflineRun, type PlanJson } from "../../scripts/lib/terraform";

const availability = terraformAvailability();

/**
 * `describe` for tests that run real Terraform. Where Terraform is missing it skips with a
 * message on a developer's machine, and fails when `CI` is set: CI must never pass by skipping.
 */
export function describeTerraform(name: string, body: () => void): void {
  if (availability.available) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it("needs Terraform, which CI must provide", () => {
        throw new Error(`Terraform is not available: ${availability.reason}`);
      });
    });
    return;
  }
  console.warn(`[terraform tier] skipping "${name}": Terraform is not available (${availability.reason})`);
  describe.skip(name, body);
}

/** An app that synthesizes into a fresh temporary folder. */
export function tempApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf-out-")) });
}

const synthesized = new Map<string, string>();

/**
 * The folder of `config`'s stack, synthesized as `main.ts` does, once per worker for each
 * configuration: the Terraform tier's files share a worker (`isolate: false`), and several of
 * them plan the same environment. Callers read the folder and never write to it (the offline
 * runner copies it).
 */
export function synthesizedEnvironment(config: EnvironmentConfig): string {
  const key = JSON.stringify(config);
  let dir = synthesized.get(key);
  if (!dir) {
    const app = tempApp();
    new EnvironmentStack(app, config);
    app.synth();
    dir = join(app.outdir, "stacks", config.name);
    synthesized.set(key, dir);
  }
  return dir;
}

/** Synthesizes `app` and runs Terraform offline on its stack `name`. */
export function planStack(app: App, name: string, options?: OfflineRunOptions): Promise<OfflineRun> {
  app.synth();
  return runOffline(join(app.outdir, "stacks", name), options);
}

/** Addresses of the resources the plan creates, sorted. */
export function createdAddresses(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.change.actions.includes("create"))
    .map((rc) => rc.address)
    .sort();
}

/** How many resources of each type the plan creates. */
export function createdCountsByType(plan: PlanJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rc of plan.resource_changes ?? []) {
    if (rc.change.actions.includes("create")) counts[rc.type] = (counts[rc.type] ?? 0) + 1;
  }
  return counts;
}
