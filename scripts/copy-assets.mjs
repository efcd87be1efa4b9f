// Copies what the modules read at synth time (the default workload's source) next to the built JS.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const asset of ["modules/compute/workload/server.py"]) {
  mkdirSync(dirname(join(root, "dist", asset)), { recursive: true });
  cpSync(join(root, asset), join(root, "dist", asset));
}
