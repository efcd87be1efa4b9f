import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { EnvironmentStack, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { OFFLINE_OVERRIDE, runOffline, TerraformError, type OfflineRun } from "../../scripts/lib/terraform";
import { parseAddressList } from "../../scripts/lib/addresses";
import { describeTerraform, tempApp } from "../support/terraform";

/** Prod reaching its account through a deploy role there, as a central CI identity would. */
const viaRole: EnvironmentConfig = { ...prod, assumeRoleArn: `arn:aws:iam::${prod.accountId}:role/webtier-deploy` };

function synth(config: EnvironmentConfig): string {
  const app = tempApp();
  new EnvironmentStack(app, config);
  app.synth();
  return join(app.outdir, "stacks", config.name);
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
  if (!(error instanceof TerraformError)) throw new Error(`expected Terraform to refuse the plan, but it ${error === undefined ? "planned" : `failed otherwise: ${String(error)}`}`);
  return error;
}

describeTerraform("account pinning with real Terraform", () => {
  // Every run starts at once: they share the Terraform slots instead of waiting in turn.
  let pinnedPlan: Promise<OfflineRun>;
  let otherAccount: Promise<TerraformError>;
  let unpinned: Promise<OfflineRun>;
  let roleAssumed: Promise<TerraformError>;
  beforeAll(() => {
    const prodStack = synth(viaRole);
    pinnedPlan = runOffline(prodStack, { keep: true });
    otherAccount = failure(runOffline(prodStack, { validate: false, extraFiles: overrideWithout("allowed_account_ids") }));
    unpinned = runOffline(synth(dev), { validate: false, extraFiles: overrideWithout("allowed_account_ids") });
    roleAssumed = failure(runOffline(prodStack, { validate: false, extraFiles: overrideWithout("dynamic") }));
    for (const run of [pinnedPlan, otherAccount, unpinned, roleAssumed]) run.catch(() => undefined);
  });

  it("plans prod offline with its account pin and role in the stack Terraform validated", async () => {
    const run = await pinnedPlan;
    try {
      // The whole of prod plans: every pinned address, each only created.
      const changes = run.plan?.resource_changes ?? [];
      expect(changes.every((rc) => rc.change.actions.join() === "create")).toBe(true);
      const pinned = parseAddressList(readFileSync(join(__dirname, "..", "..", "envs", "addresses", "prod.txt"), "utf8"));
      expect([...new Set(changes.map((rc) => rc.address.replace(/\[.*\]$/, "")))].sort()).toEqual(pinned);
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
    expect(error.output).toMatch(/with provider\["registry.terraform.io\/hashicorp\/aws"\],\n\s+on cdk.tf.json line \d+, in provider.aws\[0\]/);
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
