import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const SOURCE_ROOTS = ["main.ts", "modules", "envs", "scripts", "test", "examples"];
/** Relative imports, re-exports and requires, type-only ones included: a cycle of types is still a cycle. */
const IMPORT = /(?:import|export)\s[^'";]*?from\s*["'](\.{1,2}\/[^"']+)["']|require\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function sourceFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return /\.(ts|mts|cts)$/.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((entry) => entry !== "node_modules" && entry !== "fixtures" && !entry.startsWith("."))
    .flatMap((entry) => sourceFiles(join(path, entry)));
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, "index.ts"), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Every cycle in the import graph, each as the list of files around it (one per strongly connected component). */
function importCycles(files: readonly string[]): string[][] {
  const edges = new Map(
    files.map((file) => {
      const text = readFileSync(file, "utf8");
      const targets = [...text.matchAll(IMPORT)]
        .map((m) => resolveImport(file, (m[1] ?? m[2])!))
        .filter((t): t is string => t !== undefined);
      return [file, [...new Set(targets)]];
    }),
  );
  // Tarjan's strongly connected components: a component of two or more files, or a file importing itself, is a cycle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    indexOf.set(file, index);
    low.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, indexOf.get(next)!));
    }
    if (low.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (edges.get(file) ?? []).includes(file)) cycles.push(component.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const file of edges.keys()) if (!indexOf.has(file)) visit(file);
  return cycles;
}

describe("imports", () => {
  it("form no cycle anywhere in the project", () => {
    const files = SOURCE_ROOTS.flatMap((root) => sourceFiles(join(ROOT, root)));
    expect(files.length).toBeGreaterThan(50);
    expect(importCycles(files)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const dir = join(__dirname, "..", "node_modules", ".cache", "cycle-probe");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
    writeFileSync(join(dir, "b.ts"), 'import type { A } from "./a";\nexport const b = 1 as unknown as A;\n');
    writeFileSync(join(dir, "c.ts"), "export const c = 1;\n");
    expect(importCycles([join(dir, "a.ts"), join(dir, "b.ts"), join(dir, "c.ts")])).toEqual([
      ["node_modules/.cache/cycle-probe/a.ts", "node_modules/.cache/cycle-probe/b.ts"],
    ]);
  });
});
