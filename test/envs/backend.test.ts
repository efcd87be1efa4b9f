import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, validateEnvironment, withBackendFromEnv } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";

const backendOf = (config: typeof dev, env: Record<string, string> = {}) =>
  JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), withBackendFromEnv(config, env)))).terraform;
const problems = (config: typeof dev, env: Record<string, string> = {}) =>
  validateEnvironment(withBackendFromEnv(config, env)).map((f) => f.path);

describe("state backend", () => {
  it("is a local file at the project root when nothing is configured", () => {
    expect(backendOf(prod).backend).toEqual({ local: { path: "../../../terraform.prod.tfstate" } });
  });

  it("is S3 from variables: key per project and environment, encrypted, with the native lock file", () => {
    expect(backendOf(prod, { WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "acme-tf-state" }).backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "webtier/prod/terraform.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
    });
  });

  it("adds a DynamoDB lock table and another state region when given", () => {
    const tf = backendOf(dev, {
      WEBTIER_BACKEND: "s3",
      WEBTIER_STATE_BUCKET: "acme-tf-state",
      WEBTIER_STATE_REGION: "eu-west-1",
      WEBTIER_STATE_DYNAMODB_TABLE: "tf-locks",
    });
    expect(tf.backend.s3).toMatchObject({ region: "eu-west-1", dynamodb_table: "tf-locks", key: "webtier/dev/terraform.tfstate" });
  });

  it("takes what the config sets over the variables", () => {
    const configured = { ...dev, backend: { kind: "s3" as const, bucket: "from-config", region: "us-west-2" } };
    expect(backendOf(configured, { WEBTIER_STATE_BUCKET: "from-variable" }).backend.s3).toMatchObject({
      bucket: "from-config",
      region: "us-west-2",
    });
  });

  it("is an HCP Terraform cloud block with a workspace per environment", () => {
    const tf = backendOf(prod, { WEBTIER_BACKEND: "hcp", WEBTIER_HCP_ORGANIZATION: "acme", WEBTIER_HCP_WORKSPACE_PREFIX: "infra-" });
    expect(tf.cloud).toEqual({ organization: "acme", workspaces: { name: "infra-webtier-prod" } });
    expect(tf.backend).toBeUndefined();
  });

  it("points at Terraform Enterprise when a hostname is given", () => {
    expect(
      backendOf(dev, { WEBTIER_BACKEND: "hcp", WEBTIER_HCP_ORGANIZATION: "acme", WEBTIER_HCP_HOSTNAME: "tfe.acme.internal" }).cloud,
    ).toMatchObject({
      hostname: "tfe.acme.internal",
    });
  });

  it("throws when S3 has no bucket, naming the variable that can give one", () => {
    expect(problems(prod, { WEBTIER_BACKEND: "s3" })).toEqual(["prod.backend.bucket"]);
  });

  it("throws when HCP has no organization", () => {
    expect(problems(prod, { WEBTIER_BACKEND: "hcp" })).toEqual(["prod.backend.organization"]);
  });

  it("throws on an unknown backend kind and a malformed bucket", () => {
    expect(problems(dev, { WEBTIER_BACKEND: "gcs" })).toEqual(["dev.backend.kind"]);
    expect(problems(dev, { WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "Bad_Bucket" })).toEqual(["dev.backend.bucket"]);
  });
});
