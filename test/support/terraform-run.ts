import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_VARIABLE } from "../../scripts/lib/terraform";

/**
 * Global setup of the Terraform tier: one folder of shared offline results for the whole run,
 * handed to every worker and every command a test starts through the environment, and removed
 * at the end. Nothing carries over from one run to the next.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "webtier-test-run-"));
  process.env[CACHE_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
