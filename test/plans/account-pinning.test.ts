import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { OFFLINE_OVERRIDE, runOffline, TerraformError, type OfflineRun } from "../../scripts/lib/terraform";
import { describeTerraform, synthesizedEnvironment } from "../support/terraform";

/** Prod reaching its account through a deploy role there, as a central CI identity would. */
const viaRole: EnvironmentConfig = { ...prod, assumeRoleArn: `arn:aws:iam::${prod.accountId}:role/webtier-deploy` };

/**
 * An environment's stack as synthesized, cut down to its Terraform settings, its provider and one
 * resource that refers to no other: the account pin and the role are the provider's, and Terraform
 * applies them before any resource, so a plan of all of prod would add nothing but time (every
 * pinned address of every environment is planned in environments.test.ts).
 */
function providerStack(config: EnvironmentConfig): string {
  const stack = JSON.parse(readFileSync(join(synthesizedEnvironment(config), "cdk.tf.json"), "utf8")) as Record<string, unknown> & {
    resource: Record<string, Record<string, unknown>>;
  };
  const [type, name, resource] = Object.entries(stack.resource)
    .flatMap(([t, byName]) => Object.entries(byName).map(([n, r]) => [t, n, r] as const))
    .find(([, , r]) => !JSON.stringify(r).includes("${"))!;
  const dir = mkdtempSync(join(tmpdir(), "provider-stack-"));
  writeFileSync(
    join(dir, "cdk.tf.json"),
    JSON.stringify({ terraform: stack.terraform, provider: stack.provider, resource: { [type]: { [name]: resource } } }, null, 2),
  );
  return dir;
}

/**
 * The offline override minus some of its provider settings, written over the harness's own
 * override file (extra files are written after it): what Terraform does when the pin or the
 * role is left in place with credentials that belong to no real account.
 */
function overrideWithout(...keys: readonly (keyof typeof OFFLINE_OVERRIDE.provider.aws)[]): Record<string, string> {
  const aws: Record<string, unknown> = { ...OFFLINE_OVERRIDE.provider.aws };
  for (const key of keys) delete aws[key];
  return { "zz_offline_override.tf.json": JSON.stringify({ ...OFFLINE_OVERRIDE, provider: { aws } }) };
}

/** The error `run` fails with; a run that succeeds, or fails otherwise, fails the test that awaits it. */
async function failure(run: Promise<unknown>): Promise<TerraformError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TerraformError))
    throw new Error(
      `expected Terraform to refuse the plan, but it ${error === undefined ? "planned" : `failed otherwise: ${String(error)}`}`,
    );
  return error;
}

describeTerraform("account pinning with real Terraform", () => {
  // Every run starts at once: they share the Terraform slots instead of waiting in turn.
  let pinnedPlan: Promise<OfflineRun>;
  let otherAccount: Promise<TerraformError>;
  let unpinned: Promise<OfflineRun>;
  let roleAssumed: Promise<TerraformError>;
  beforeAll(() => {
    const prodStack = providerStack(viaRole);
    pinnedPlan = runOffline(prodStack, { keep: true });
    otherAccount = failure(runOffline(prodStack, { validate: false, extraFiles: overrideWithout("allowed_account_ids") }));
    unpinned = runOffline(providerStack(dev), { validate: false, extraFiles: overrideWithout("allowed_account_ids") });
    roleAssumed = failure(runOffline(prodStack, { validate: false, extraFiles: overrideWithout("dynamic") }));
    for (const run of [pinnedPlan, otherAccount, unpinned, roleAssumed]) run.catch(() => undefined);
  });

  it("plans with prod's account pin and role in place, which the offline override lifts", async () => {
    const run = await pinnedPlan;
    try {
      expect(run.plan?.resource_changes?.map((rc) => rc.change.actions.join())).toEqual(["create"]);
      const planned = JSON.parse(readFileSync(join(run.workdir, "cdk.tf.json"), "utf8"));
      expect(planned.provider.aws[0].allowed_account_ids).toEqual([prod.accountId]);
      expect(planned.provider.aws[0].assume_role).toEqual([{ role_arn: viaRole.assumeRoleArn, session_name: "webtier-prod" }]);
    } finally {
      rmSync(run.workdir, { recursive: true, force: true });
    }
  });

  it("refuses to plan prod with credentials of another account, pointing at its provider", async () => {
    const error = await otherAccount;
    expect(error.step).toBe("plan");
    expect(error.output).toMatch(/Error: AWS account ID not allowed/);
    expect(error.output).toMatch(
      /with provider\["registry.terraform.io\/hashicorp\/aws"\],\n\s+on cdk.tf.json line \d+, in provider.aws\[0\]/,
    );
  });

  it("plans an unpinned environment with the same credentials", async () => {
    const { plan } = await unpinned;
    expect(plan?.resource_changes?.length).toBeGreaterThan(0);
  });

  it("assumes the configured role before planning anything", async () => {
    const error = await roleAssumed;
    expect(error.output).toMatch(/Error: Cannot assume IAM Role/);
    expect(error.output).toContain(`IAM Role (${viaRole.assumeRoleArn}) cannot be assumed`);
  });
});
