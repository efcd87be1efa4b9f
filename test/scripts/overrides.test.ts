import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { EMULATOR_GAPS, emulatorIgnores } from "../../scripts/lib/emulator-gaps";
import { hostedZonesOf } from "../../scripts/lib/emulator";
import { LOCAL_STATE_BUCKET, localOverride, localServiceOf, OFFLINE_OVERRIDE } from "../../scripts/lib/overrides";

interface Stack {
  readonly resource: Record<string, Record<string, { lifecycle?: { ignore_changes?: unknown } } & Record<string, unknown>>>;
  readonly provider: { aws: Record<string, unknown>[] };
}

/** Every committed environment, synthesized as `npm run synth` writes it. */
const stacks = Object.fromEntries(
  environments.map((config) => [config.name, JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config), true)) as Stack]),
) as Record<string, Stack>;
const types = [...new Set(Object.values(stacks).flatMap((s) => Object.keys(s.resource)))].sort();
const patched = readFileSync(join(__dirname, "../../scripts/lib/emulator/moto_patched.py"), "utf8");

describe("the local override", () => {
  it("points every resource type the stacks use at the emulator (none reaches AWS)", () => {
    const override = localOverride("dev", "http://127.0.0.1:4566") as { provider: { aws: { endpoints: Record<string, string>[] } } };
    const endpoints = override.provider.aws.endpoints[0]!;
    const unserved = types.filter((t) => {
      const service = localServiceOf(t);
      return service === undefined || endpoints[service] !== "http://127.0.0.1:4566";
    });
    expect(unserved).toEqual([]);
    expect(endpoints.sts).toBe("http://127.0.0.1:4566");
  });

  it("keeps the state in the emulator's S3 with Terraform's lock file, one key per environment", () => {
    const override = localOverride("stage", "http://127.0.0.1:4566") as { terraform: { backend: { s3: Record<string, unknown> } } };
    expect(override.terraform.backend.s3).toMatchObject({
      bucket: LOCAL_STATE_BUCKET,
      key: "stage/terraform.tfstate",
      use_lockfile: true,
      use_path_style: true,
      endpoints: { s3: "http://127.0.0.1:4566" },
    });
  });

  it("lifts the account pin and the assumed role as the offline override does", () => {
    const aws = (localOverride("prod", "http://127.0.0.1:1") as { provider: { aws: Record<string, unknown> } }).provider.aws;
    expect(aws.allowed_account_ids).toBeNull();
    expect(aws.dynamic).toEqual(OFFLINE_OVERRIDE.provider.aws.dynamic);
    expect(stacks.prod!.provider.aws[0]!.allowed_account_ids).toEqual(["123456789012"]);
  });

  it("adds nothing but ignore_changes to resources, and only for the emulator's gaps", () => {
    const override = localOverride("prod", "http://127.0.0.1:1", stacks.prod) as { resource: Record<string, Record<string, unknown>> };
    const ignoring = EMULATOR_GAPS.filter((g) => "ignore" in g.handling).map((g) => g.type);
    expect(Object.keys(override.resource).sort()).toEqual(ignoring.filter((t) => t in stacks.prod!.resource).sort());
    for (const [type, byName] of Object.entries(override.resource)) {
      expect(Object.keys(byName).sort()).toEqual(Object.keys(stacks.prod!.resource[type]!).sort());
      for (const block of Object.values(byName)) expect(Object.keys(block as object)).toEqual(["lifecycle"]);
    }
  });
});

describe("the emulator's gaps", () => {
  it.each(EMULATOR_GAPS.map((g) => [g.type, g] as const))("%s: needed, since a synthesized stack has that resource type", (type) => {
    expect(types).toContain(type);
  });

  it("names a patch that moto_patched.py applies for each patched gap, and no patch without a gap", () => {
    const listed = /^PATCHES = \[([^\]]*)\]/m
      .exec(patched)![1]!
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const named = EMULATOR_GAPS.flatMap((g) => ("patch" in g.handling ? [g.handling.patch] : []));
    for (const patch of named) expect(listed.includes(patch) || patched.includes(`os.environ.setdefault("${patch}"`)).toBe(true);
    for (const patch of listed) expect(named).toContain(patch);
  });

  it("leaves the real stacks as they are: no attribute the local override ignores is ignored in a synthesized stack", () => {
    for (const [name, stack] of Object.entries(stacks)) {
      for (const [type, byName] of Object.entries(emulatorIgnores(stack))) {
        for (const [resource, { lifecycle }] of Object.entries(byName)) {
          const own = (stack.resource[type]![resource]!.lifecycle?.ignore_changes ?? []) as string[];
          expect(
            own.filter((a) => lifecycle.ignore_changes.includes(a)),
            `${name}: ${type}.${resource}`,
          ).toEqual([]);
        }
      }
    }
  });

  it("seeds the hosted zone prod names by id, and none for environments without a domain", () => {
    expect(hostedZonesOf(stacks.prod!)).toEqual([{ id: "ZREPLACEWITHZONEID", name: "app.example.com" }]);
    expect(hostedZonesOf(stacks.dev!)).toEqual([]);
  });
});
