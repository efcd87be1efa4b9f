import { describe, expect, it } from "vitest";
import { validateEnvironment, type EnvironmentConfig } from "../../envs";
import { dev, prod, rich, stage } from "./corpus-fixtures";

/**
 * Every independent problem at once, over every field of the corpus's environments: a field of
 * the wrong type yields findings at that field only (no rule reading it runs, nothing derived is
 * reported), and two such fields in different parts of the config yield exactly the findings of
 * each alone.
 */
type Node = { readonly path: string; readonly keys: readonly (string | number)[]; readonly value: unknown };

/** Every field and item of `value`, with its path as findings spell it (`network.availabilityZones[1]`). */
function nodes(value: unknown, keys: readonly (string | number)[] = [], path = ""): Node[] {
  const children = Array.isArray(value)
    ? value.map((v, i) => nodes(v, [...keys, i], `${path}[${i}]`))
    : typeof value === "object" && value !== null
      ? Object.entries(value).map(([k, v]) => nodes(v, [...keys, k], path ? `${path}.${k}` : k))
      : [];
  return [...(path ? [{ path, keys, value }] : []), ...children.flat()];
}

/** A value of another type than `value`: what a slip in an untyped config would give. */
const wrongType = (value: unknown): unknown =>
  typeof value === "string" ? 7 : typeof value === "number" ? "x" : typeof value === "boolean" ? "yes" : Array.isArray(value) ? "x" : 7;

function broken(config: EnvironmentConfig, ...at: readonly Node[]): EnvironmentConfig {
  const copy = structuredClone(config) as Record<string | number, any>;
  for (const node of at) {
    const parent = node.keys.slice(0, -1).reduce((o, k) => o[k], copy);
    parent[node.keys.at(-1)!] = wrongType(node.value);
  }
  return copy as unknown as EnvironmentConfig;
}

/** Finding paths relative to the environment (its name prefix dropped, or "environment" while the name is wrong). */
const pathsOf = (config: EnvironmentConfig) => validateEnvironment(config).map((f) => f.path.replace(/^[^.[]+[.]?/, ""));

/** `a` is `b`, or one holds the other. */
const related = (a: string, b: string) =>
  a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}[`) || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);

/** Each field of `config` broken alone: the findings' paths, by the field's. */
const aloneOf = (config: EnvironmentConfig) => new Map(nodes(config).map((node) => [node.path, pathsOf(broken(config, node))]));

it("starts from environments that are valid", () => {
  for (const config of [dev, stage, prod, rich]) expect(validateEnvironment(config)).toEqual([]);
});

describe.each(
  [dev, stage, prod, rich].map((config, i) => ({ name: i === 3 ? "stage with most options written out" : config.name, config })),
)("every field of $name", ({ config }) => {
  it("of the wrong type is reported there, and nothing derived from it", () => {
    const alone = aloneOf(config);
    // What an SNS filter policy holds is SNS's to judge: any JSON inside it is well-formed here.
    for (const node of nodes(config).filter((n) => !n.path.includes(".filterPolicy."))) {
      const paths = alone.get(node.path)!;
      expect(paths.length, node.path).toBeGreaterThan(0);
      expect(
        paths.filter((p) => !related(p, node.path)),
        node.path,
      ).toEqual([]);
    }
  });
});

// Production has the most fields and rules; dev and stage would add little but time.
describe("every field of prod", () => {
  it("of the wrong type beside another, elsewhere, is reported with that one's findings, neither hiding the other", () => {
    const alone = aloneOf(prod);
    const leaves = nodes(prod).filter((n) => typeof n.value !== "object" || n.value === null);
    let pairs = 0;
    for (const [i, a] of leaves.entries()) {
      for (const b of leaves.slice(i + 1)) {
        if (a.keys[0] === b.keys[0]) continue;
        pairs++;
        expect(new Set(pathsOf(broken(prod, a, b))), `${a.path} and ${b.path}`).toEqual(
          new Set([...alone.get(a.path)!, ...alone.get(b.path)!]),
        );
      }
    }
    expect(pairs).toBeGreaterThan(100);
  });
});
