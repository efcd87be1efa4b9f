import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, validateEnvironment, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { validationErrorOf } from "../support/findings";

const ROLE = "arn:aws:iam::210987654321:role/webtier-deploy";

function problems(config: EnvironmentConfig): string[] {
  return validateEnvironment(config).map((f) => f.path);
}

/** The `provider.aws[0]` block of the environment's synthesized stack. */
function providerOf(config: EnvironmentConfig): Record<string, unknown> {
  const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config)));
  return json.provider.aws[0];
}

describe("account pinning", () => {
  it("pins the provider to the named account and assumes the named role, with the environment as session name", () => {
    const provider = providerOf({ ...dev, accountId: "210987654321", assumeRoleArn: ROLE });
    expect(provider.allowed_account_ids).toEqual(["210987654321"]);
    expect(provider.assume_role).toEqual([{ role_arn: ROLE, session_name: "webtier-dev" }]);
  });

  it("leaves the provider unpinned and assumes nothing when the config names neither", () => {
    const provider = providerOf(dev);
    expect(provider).not.toHaveProperty("allowed_account_ids");
    expect(provider).not.toHaveProperty("assume_role");
  });

  it("pins prod to the account its config names", () => {
    expect(prod.accountId).toMatch(/^\d{12}$/);
    expect(providerOf(prod).allowed_account_ids).toEqual([prod.accountId]);
  });
});

describe("account validation", () => {
  it.each([
    ["11 digits", "12345678901"],
    ["13 digits", "1234567890123"],
    ["a letter", "12345678901a"],
    ["a space", " 123456789012"],
    ["dashes", "1234-5678-9012"],
  ])("throws on an account id with %s", (_, accountId) => {
    expect(problems({ ...dev, accountId })).toEqual(["dev.accountId"]);
  });

  it("throws on an account id written as a number", () => {
    expect(problems({ ...dev, accountId: 123456789012 as unknown as string })).toEqual(["dev.accountId"]);
  });

  it.each([
    ["a bare name", "webtier-deploy"],
    ["a user, not a role", "arn:aws:iam::210987654321:user/webtier-deploy"],
    ["a short account", "arn:aws:iam::21098765432:role/webtier-deploy"],
    ["an assumed-role session", "arn:aws:sts::210987654321:assumed-role/webtier-deploy/session"],
    ["another service", "arn:aws:s3:::210987654321/role/webtier-deploy"],
    ["a name over 64 characters", `arn:aws:iam::210987654321:role/${"r".repeat(65)}`],
    ["no name", "arn:aws:iam::210987654321:role/"],
  ])("throws on a role ARN that is %s", (_, assumeRoleArn) => {
    // The account matches the ARN's, so only the ARN's form can be at fault.
    expect(problems({ ...dev, accountId: "210987654321", assumeRoleArn })).toEqual(["dev.assumeRoleArn"]);
  });

  it.each([
    ["a path", "arn:aws:iam::210987654321:role/ci/github/webtier-deploy"],
    ["the GovCloud partition", "arn:aws-us-gov:iam::210987654321:role/webtier-deploy"],
    ["IAM's punctuation", "arn:aws:iam::210987654321:role/deploy+web=tier,ops.a@b-c_d"],
  ])("accepts a role ARN with %s", (_, assumeRoleArn) => {
    expect(problems({ ...dev, accountId: "210987654321", assumeRoleArn })).toEqual([]);
  });

  it("throws when the role to assume is in another account than the one the provider is pinned to", () => {
    expect(problems({ ...dev, accountId: "123456789012", assumeRoleArn: ROLE })).toEqual(["dev.assumeRoleArn"]);
  });

  it("throws when a production environment names no account, and builds nothing", () => {
    const unpinned = { ...prod, accountId: undefined };
    expect(problems(unpinned)).toEqual(["prod.accountId"]);
    const app = Testing.app();
    expect(validationErrorOf(() => new EnvironmentStack(app, unpinned)).findings.map((f) => f.path)).toEqual(["prod.accountId"]);
    expect(app.node.children).toHaveLength(0);
  });

  it("lets a non-production environment name no account", () => {
    expect(problems({ ...dev, accountId: undefined, assumeRoleArn: ROLE })).toEqual([]);
  });
});
