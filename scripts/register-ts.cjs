// A minimal TypeScript loader for `npm run synth`: transpiles this project's .ts files with
// esbuild (cached on disk by content) and leaves everything else to Node's own loader.
// Measured against tsx on the full synth: tsx also hooks every node_modules file and enables
// source maps, which cdktf's per-token stack traces then parse; together about 0.3 s of 0.7 s.
// Type checking is `npm run typecheck`'s job; this only strips types.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const cacheDir = join(__dirname, "..", "node_modules", ".cache", "register-ts");
let esbuild;

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, "utf8");
  const key = createHash("sha256").update(filename).update("\0").update(source).digest("hex").slice(0, 32);
  const cached = join(cacheDir, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, "utf8");
  } catch {
    esbuild ??= require("esbuild");
    code = esbuild.transformSync(source, { loader: "ts", format: "cjs", target: "node20", sourcefile: filename }).code;
    mkdirSync(cacheDir, { recursive: true });
    // Written aside, then renamed: a process starting alongside never reads half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  module._compile(code, filename);
};
