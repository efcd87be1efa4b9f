import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const SOURCE_ROOTS = ["main.ts", "modules", "envs", "scripts", "examples"];
/** Matches an import, re-export, require or dynamic import of the package root itself. */
const ROOT_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)["']@cdktf\/provider-aws["']/;

function sourceFiles(path: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.(ts|js|mjs|cjs)$/.test(path) && !path.endsWith(".test.ts") ? [path] : [];
  return readdirSync(path)
    .filter((entry) => entry !== "node_modules" && !entry.startsWith("."))
    .flatMap((entry) => sourceFiles(join(path, entry)));
}

describe("imports", () => {
  it("finds source files to check", () => {
    expect(sourceFiles(join(ROOT, "modules")).length).toBeGreaterThan(0);
  });

  it("never imports the @cdktf/provider-aws package root (it loads every binding: about 5x slower synth)", () => {
    const offenders = SOURCE_ROOTS.flatMap((root) => sourceFiles(join(ROOT, root)))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => ROOT_IMPORT.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()} (use a deep import such as @cdktf/provider-aws/lib/vpc)`);
    expect(offenders).toEqual([]);
  });

  it("recognizes the forms of a root import it guards against", () => {
    // Assembled, so this file itself holds no root import for other checks to trip on.
    const pkg = ["@cdktf", "provider-aws"].join("/");
    for (const line of [
      `import { vpc } from "${pkg}";`,
      `import * as aws from '${pkg}'`,
      `const aws = require("${pkg}");`,
      `export { provider } from "${pkg}";`,
      `await import("${pkg}")`,
    ]) {
      expect(ROOT_IMPORT.test(line), line).toBe(true);
    }
    expect(ROOT_IMPORT.test(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toBe(false);
  });
});
