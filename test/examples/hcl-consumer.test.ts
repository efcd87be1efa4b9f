import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WEB_TIER_OUTPUTS } from "../../modules/contract";

const EXAMPLE = join(__dirname, "..", "..", "examples", "hcl-consumer");

describe("examples/hcl-consumer", () => {
  const hcl = readdirSync(EXAMPLE)
    .filter((f) => f.endsWith(".tf"))
    .map((f) => readFileSync(join(EXAMPLE, f), "utf8"))
    .join("\n");

  it("reads only outputs the contract publishes", () => {
    const used = [...new Set([...hcl.matchAll(/local\.web\.([a-z_]+)/g)].map((m) => m[1]!))];
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((name) => !(name in WEB_TIER_OUTPUTS))).toEqual([]);
  });

  it("reads the state key the environments write", () => {
    expect(hcl).toContain('key    = "webtier/${var.environment}/terraform.tfstate"');
  });
});
