import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CommandError, UsageError } from "../../scripts/lib/cli";
import { checkStateChoice, readState, requireDeployedState, terraformFailure } from "../../scripts/lib/state-option";
import { TerraformError } from "../../scripts/lib/terraform";
import { deployedResource, planOf } from "./plan-fixtures";

const offline = (stateDir: string) => ({ offline: true, stateDir, emptyState: false });

/** The message and exit code readState fails with. */
function failure(env: string, stateDir: string): { message: string; code: number } {
  try {
    readState(env, offline(stateDir));
  } catch (error) {
    if (error instanceof CommandError) return { message: error.message, code: error.code };
    throw error;
  }
  throw new Error("readState accepted it");
}

describe("--state <dir>", () => {
  const root = mkdtempSync(join(tmpdir(), "state-option-"));
  const dir = (name: string, files: Record<string, string> = {}) => {
    mkdirSync(join(root, name));
    for (const [file, content] of Object.entries(files)) writeFileSync(join(root, name, file), content);
    return join(root, name);
  };

  it("reads <dir>/<env>.tfstate", () => {
    const good = dir("good", { "prod.tfstate": '{"version":4,"resources":[]}' });
    expect(readState("prod", offline(good))).toEqual({ state: '{"version":4,"resources":[]}', file: join(good, "prod.tfstate") });
  });

  it("fails (exit 2) on a folder that does not exist, naming it and what was expected", () => {
    expect(failure("prod", join(root, "missing"))).toEqual({
      code: 2,
      message: `--state ${join(root, "missing")}: no such folder; expected the state of prod there as prod.tfstate (terraform state pull > ${join(root, "missing", "prod.tfstate")}), or --empty-state to plan prod as a new environment`,
    });
  });

  it("fails on a folder without <env>.tfstate", () => {
    expect(failure("prod", dir("other", { "dev.tfstate": "{}" })).message).toMatch(
      /^--state \S+other holds no prod\.tfstate; expected the state of prod there/,
    );
  });

  it("fails on a file instead of a folder", () => {
    expect(failure("prod", join(dir("file", { "prod.tfstate": "{}" }), "prod.tfstate")).message).toMatch(
      /^--state \S+prod\.tfstate is a file, not a folder; expected/,
    );
  });

  it("fails on an empty file, a file that is not JSON and JSON that is not a state", () => {
    expect(failure("prod", dir("empty", { "prod.tfstate": "" })).message).toMatch(
      /empty[/\\]prod\.tfstate is empty \(0 bytes\); expected the state of prod, a JSON document from terraform state pull$/,
    );
    expect(failure("prod", dir("broken", { "prod.tfstate": '{"version": 4,' })).message).toMatch(
      /broken[/\\]prod\.tfstate is not JSON \(.+\); expected the state of prod/,
    );
    expect(failure("prod", dir("array", { "prod.tfstate": "[]" })).message).toMatch(
      /array[/\\]prod\.tfstate is not a Terraform state \(no "version" field\)/,
    );
  });

  it("plans from empty state only without --state", () => {
    expect(readState("prod", { offline: true, emptyState: true })).toEqual({});
  });

  it("goes with --offline only, and not with --empty-state", () => {
    expect(() => checkStateChoice({ offline: false, stateDir: "s", emptyState: false })).toThrow(UsageError);
    expect(() => checkStateChoice({ offline: true, stateDir: "s", emptyState: true })).toThrow(
      "--state and --empty-state exclude each other",
    );
    expect(() => checkStateChoice({ offline: true, stateDir: "s", emptyState: false })).not.toThrow();
  });
});

describe("Terraform's complaints about a state", () => {
  const unreadable = new TerraformError(
    "init",
    "/tmp/tf-offline-x",
    "Error: \nError reading local state: Unsupported state file format: version 99\n\nTerraform is trying to read…",
  );

  it("name the user's file, not the temporary folder", () => {
    const error = terraformFailure(unreadable, "prod", "states/prod.tfstate") as CommandError;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.code).toBe(2);
    expect(error.message).toBe(
      "states/prod.tfstate: Terraform cannot read it as the state of prod: Error reading local state: Unsupported state file format: version 99",
    );
  });

  it("name the environment for any other failure, with Terraform's message: exit 1", () => {
    const other = terraformFailure(
      new TerraformError("plan", "/tmp/tf-offline-x", "Error: Unsupported argument\n"),
      "prod",
      "states/prod.tfstate",
    );
    expect(other).toMatchObject({ code: 1, message: "terraform plan failed for prod:\nError: Unsupported argument" });
    expect(terraformFailure(unreadable, "prod", undefined)).toMatchObject({
      code: 1,
      message: expect.stringMatching(/^terraform init failed for prod:\nError:/),
    });
    const bug = new Error("bug");
    expect(terraformFailure(bug, "prod", undefined)).toBe(bug);
  });
});

describe("a real plan of a protected environment from an empty backend", () => {
  const real = { offline: false, emptyState: false };

  it("is refused unless --empty-state says the environment is new", () => {
    expect(() => requireDeployedState("prod", planOf([]), true, real)).toThrow(
      /^prod is protected but its backend holds no state, so Terraform would create everything; if prod is new, plan it with --empty-state/,
    );
    expect(() => requireDeployedState("prod", planOf([]), true, { ...real, emptyState: true })).not.toThrow();
  });

  it("is fine once something is deployed, for unprotected environments and offline", () => {
    expect(() => requireDeployedState("prod", planOf([], [deployedResource("aws_vpc.v")]), true, real)).not.toThrow();
    expect(() => requireDeployedState("dev", planOf([]), false, real)).not.toThrow();
    expect(() => requireDeployedState("prod", planOf([]), true, { ...real, offline: true })).not.toThrow();
  });
});
