import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { readJsonDocument } from "../support/json-document";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Every JSON document a stack's resources hold (policies, redrive policies, dashboard bodies), parsed, by `type.name.attribute`. */
function documentsOf(config: (typeof environments)[number]): Record<string, unknown> {
  const { resource } = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config))) as { resource: Resources };
  const documents: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries(resource)) {
    for (const [name, attributes] of Object.entries(byName)) {
      for (const [attribute, value] of Object.entries(attributes)) {
        if (typeof value === "string" && /^(\{|\[\{|\$\{jsonencode\()/.test(value)) documents[`${type}.${name}.${attribute}`] = readJsonDocument(value);
      }
    }
  }
  return documents;
}

/** JSON with every object's keys sorted: equal text means equal documents. */
function canonical(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)])) : v;
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/**
 * The documents, parsed, against documents/<env>.json: JSON synth writes them as JSON strings,
 * HCL synth as `jsonencode` (see jsonDocument); either form must read as the committed document.
 * A change meant to alter a policy updates the file: `npx vitest run -u test/envs/documents.test.ts`.
 */
describe("JSON documents in the stacks", () => {
  it.each(environments.map((e) => [e.name, e] as const))("%s's policies, redrive policies and dashboard read as committed", async (name, config) => {
    const documents = documentsOf(config);
    expect(Object.keys(documents).length).toBeGreaterThan(5);
    await expect(canonical(documents)).toMatchFileSnapshot(`./documents/${name}.json`);
  });
});
