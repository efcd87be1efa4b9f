import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** Files the modules read at synth time, copied next to the built JavaScript by `npm run build`. */
export const ASSETS = ["modules/compute/workload/server.py"] as const;

/** Copies every asset from the project at `root` into `<root>/dist`. */
export function copyAssets(root: string): void {
  for (const asset of ASSETS) {
    mkdirSync(dirname(join(root, "dist", asset)), { recursive: true });
    cpSync(join(root, asset), join(root, "dist", asset));
  }
}

if (require.main === module) copyAssets(join(__dirname, "..", ".."));
