import { describe, expect, it } from "vitest";
import { environments, selectEnvironments, validateEnvironment, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { zoneInRegion } from "../../envs/validate";
import { ValidationError } from "../../modules/core/validation";

function problems(overrides: Partial<EnvironmentConfig>): string[] {
  return validateEnvironment({ ...dev, ...overrides }).map((f) => `${f.path} ${f.message}`);
}

describe("environment validation", () => {
  it("accepts every committed environment", () => {
    for (const env of environments) expect(validateEnvironment(env), env.name).toEqual([]);
  });

  it("throws when fewer than two availability zones are listed", () => {
    expect(problems({ availabilityZones: ["us-east-1a"] })).toContainEqual(
      expect.stringMatching(/^dev\.availabilityZones must list at least 2 availability zones \(got 1\)/),
    );
  });

  it("throws when an availability zone repeats", () => {
    expect(problems({ availabilityZones: ["us-east-1a", "us-east-1a"] })).toContainEqual(
      "dev.availabilityZones lists us-east-1a more than once",
    );
  });

  it("throws when an availability zone is outside the region, naming its index", () => {
    expect(problems({ availabilityZones: ["us-east-1a", "us-west-2b"] })).toEqual([
      'dev.availabilityZones[1] ("us-west-2b") is not a zone of region us-east-1',
    ]);
  });

  it("throws on a malformed region and name", () => {
    expect(problems({ region: "useast1", name: "Dev_1" })).toEqual([
      'Dev_1.name ("Dev_1") must be lowercase letters, digits and hyphens, starting with a letter',
      'Dev_1.region ("useast1") must be an AWS region such as us-east-1',
    ]);
  });

  it("throws on reserved and overlong tags", () => {
    expect(problems({ tags: { "aws:owner": "x", Team: "y".repeat(300), Environment: "z" } })).toEqual([
      'dev.tags.aws:owner key must not start with "aws:" (reserved by AWS)',
      "dev.tags.Team value is 300 characters; AWS allows at most 256",
      "dev.tags must not set Project, Environment or ManagedBy: the stack sets them",
    ]);
  });

  it("lists every problem at once rather than stopping at the first", () => {
    expect(problems({ region: "mars", availabilityZones: ["x"], project: "P" })).toEqual([
      'dev.project ("P") must be lowercase letters, digits and hyphens, starting with a letter',
      'dev.region ("mars") must be an AWS region such as us-east-1',
      "dev.availabilityZones must list at least 2 availability zones (got 1); an ALB needs two",
    ]);
  });

  it("recognizes availability and local zones of a region", () => {
    expect(zoneInRegion("us-east-1a", "us-east-1")).toBe(true);
    expect(zoneInRegion("us-east-1-bos-1a", "us-east-1")).toBe(true);
    expect(zoneInRegion("us-east-12a", "us-east-1")).toBe(false);
    expect(zoneInRegion("eu-west-1a", "us-east-1")).toBe(false);
  });
});

describe("environment selection", () => {
  it("selects every environment when no names are given", () => {
    expect(selectEnvironments(undefined).map((e) => e.name)).toEqual(["dev", "stage", "prod"]);
    expect(selectEnvironments("").map((e) => e.name)).toEqual(["dev", "stage", "prod"]);
  });

  it("selects the named environments in promotion order", () => {
    expect(selectEnvironments(" prod, dev ").map((e) => e.name)).toEqual(["dev", "prod"]);
  });

  it("throws when an environment name is unknown, listing the known ones", () => {
    expect(() => selectEnvironments("dev,qa,test")).toThrowError(
      'Environment selection is invalid (2 problems):\n  - qa is not an environment (known: dev, stage, prod)\n  - test is not an environment (known: dev, stage, prod)',
    );
  });

  it("validates every chosen environment before building any, with one error for all", () => {
    const broken = [
      { ...dev, name: "a", availabilityZones: ["us-east-1a"] },
      { ...dev, name: "b", region: "nowhere" },
    ];
    const error = (() => {
      try {
        selectEnvironments(undefined, broken);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).findings.map((f) => f.path)).toEqual(["a.availabilityZones", "b.region"]);
  });
});
