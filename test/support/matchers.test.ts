import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { describe, expect, it } from "vitest";
import { matchesPartially } from "./matchers";
import { synth, testStack } from "./synth";

describe("vitest adapter for cdktf matchers", () => {
  const stack = testStack();
  new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, tags: { Name: "main" } });
  const { text } = synth(stack);

  it("matches camelCase and snake_case keys", () => {
    expect(text).toHaveResourceWithProperties(Vpc, { cidrBlock: "10.0.0.0/16" });
    expect(text).toHaveResourceWithProperties(Vpc, { enable_dns_hostnames: true });
  });

  it("fails on a value that differs", () => {
    expect(text).not.toHaveResourceWithProperties(Vpc, { cidrBlock: "10.1.0.0/16" });
  });

  it("accepts vitest's asymmetric matchers at any depth", () => {
    expect(text).toHaveResourceWithProperties(Vpc, { tags: expect.objectContaining({ Name: expect.stringMatching(/^ma/) }) });
  });

  it("compares arrays item by item, with equal length", () => {
    expect(matchesPartially([1, 2], [1, 2])).toBe(true);
    expect(matchesPartially([1], [1, 2])).toBe(false);
    expect(matchesPartially([{ a: 1 }], [{ a: 1, b: 2 }])).toBe(true);
  });

  it("treats a missing key as a mismatch", () => {
    expect(matchesPartially({ missing: undefined }, {})).toBe(false);
  });
});
