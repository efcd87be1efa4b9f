import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_PROVIDER_VERSION } from "../envs/environment-stack";
import * as entry from "../modules";

describe("the package entry (modules/index.ts)", () => {
  it("exports the public surface only: constructs, the contract, backends, the remote-state reader and ValidationError", () => {
    // Written out: adding or removing a public name must mean changing this list on purpose.
    expect(Object.keys(entry).sort()).toEqual([
      "AlarmTopic",
      "Compute",
      "LoadBalancer",
      "MESSAGING_OUTPUT_NAMES",
      "Messaging",
      "Network",
      "Scaling",
      "ValidationError",
      "WEB_TIER_OUTPUTS",
      "WebTier",
      "hasMessagingOutputs",
      "publishWebTierOutputs",
      "readWebTierOutputs",
      "remoteState",
      "useBackend",
      "webTierQueue",
    ]);
  });
});

describe("the package as published (package.json)", () => {
  const ROOT = join(__dirname, "..");
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    private?: boolean;
    devDependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };

  it("is publishable: a scoped name, not private, a semver version with its CHANGELOG entry", () => {
    expect(pkg.name).toMatch(/^@[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(pkg.private).toBeUndefined();
    expect(pkg.version).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
    expect(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8")).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, "\\.")}\\b`, "m"));
  });

  it("builds no source maps: they would point at TypeScript the tarball does not ship", () => {
    const build = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    expect(build.compilerOptions.sourceMap).toBe(false);
    expect(build.compilerOptions.declarationMap).toBe(false);
  });

  it("names as peers exactly what modules/ imports besides Node's own modules, each pinned for development inside its peer range", () => {
    const imported = new Set(
      sourceFiles(join(ROOT, "modules"))
        .flatMap((file) =>
          [...readFileSync(file, "utf8").matchAll(/(?:from\s*|require\(\s*|import\(\s*)["']([^"'.][^"']*)["']/g)].map((m) => m[1]!),
        )
        .filter((specifier) => !specifier.startsWith("node:"))
        .map((specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!)),
    );
    expect([...imported].sort()).toEqual(Object.keys(pkg.peerDependencies).sort());
    for (const [peer, range] of Object.entries(pkg.peerDependencies)) {
      const pinned = pkg.devDependencies[peer];
      expect(pinned, `${peer} is pinned exactly for development`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(range, peer).toBe(`^${pinned}`);
    }
  });

  it("peers on the bindings of the AWS provider the environments pin", () => {
    const bindings = JSON.parse(readFileSync(require.resolve("@cdktf/provider-aws/package.json"), "utf8")) as {
      version: string;
      cdktf: { provider: { version: string } };
    };
    expect(bindings.cdktf.provider.version).toBe(AWS_PROVIDER_VERSION);
    expect(bindings.version).toBe(pkg.devDependencies["@cdktf/provider-aws"]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}
