import { expect, it } from "vitest";
import { EnvironmentStack, withBackendFromEnv } from "../../envs";
import { prod } from "../../envs/prod";
import { initWithRealBackend } from "../../scripts/lib/terraform";
import { describeTerraform, tempApp, TerraformError } from "../support/terraform";
import { join } from "node:path";

/** Terraform's words for a backend block it could not accept. */
const CONFIG_ERROR =
  /Extraneous JSON object property|Unsupported argument|Missing required argument|Invalid backend configuration|Incorrect attribute value type/;
/** Credentials that cannot work, and no instance metadata to fall back on: the S3 backend stops at STS. */
const NO_AWS = {
  AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLACEHOLDER",
  AWS_SECRET_ACCESS_KEY: "placeholder",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PROFILE: "",
};

function synthProd(env: Record<string, string>): string {
  const app = tempApp();
  new EnvironmentStack(app, withBackendFromEnv(prod, env));
  app.synth();
  return join(app.outdir, "stacks", "prod");
}

async function initFailure(env: Record<string, string>, extra: Record<string, string> = {}): Promise<string> {
  const failure = await initWithRealBackend(synthProd(env), extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(TerraformError);
  return (failure as TerraformError).output;
}

describeTerraform("state backends, as Terraform reads them", () => {
  it("local: terraform init succeeds", async () => {
    await expect(initWithRealBackend(synthProd({}))).resolves.toBeUndefined();
  });

  it("s3: Terraform accepts the block (bucket, key, region, encrypt, use_lockfile) and stops only at AWS credentials", async () => {
    const output = await initFailure(
      { WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "acme-tf-state", WEBTIER_STATE_DYNAMODB_TABLE: "tf-locks" },
      NO_AWS,
    );
    expect(output).not.toMatch(CONFIG_ERROR);
    expect(output).toMatch(/validating provider credentials|retrieving caller identity|InvalidClientTokenId/);
  });

  it("hcp: Terraform accepts the cloud block and stops only at reaching the service", async () => {
    const output = await initFailure({ WEBTIER_BACKEND: "hcp", WEBTIER_HCP_ORGANIZATION: "acme" }, { TF_TOKEN_app_terraform_io: "" });
    expect(output).not.toMatch(CONFIG_ERROR);
    expect(output).toMatch(/discovery document|Required token could not be found|unauthorized/i);
  });

  it("a broken backend block is told apart: Terraform names the bad argument", async () => {
    const app = tempApp();
    const stack = new EnvironmentStack(app, withBackendFromEnv(prod, { WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "acme-tf-state" }));
    stack.addOverride("terraform.backend.s3.no_such_setting", true);
    app.synth();
    const failure = await initWithRealBackend(join(app.outdir, "stacks", "prod"), NO_AWS).catch((e: unknown) => e);
    expect((failure as TerraformError).output).toMatch(CONFIG_ERROR);
  });
});
