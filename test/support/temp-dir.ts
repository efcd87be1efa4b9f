import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set once the run's temporary folder exists: each project's global setup runs this module. */
const RUN_TMPDIR = "WEBTIER_TEST_TMPDIR";

/**
 * Global setup of every tier: the run's temporary files (cdktf's test outdirs, Terraform run
 * folders, copies of the project, the commands' outputs) go into one folder through `TMPDIR`,
 * which every worker and every process a test starts inherits, and the folder is removed at the
 * end. Without it each run left about a thousand folders behind in the system's temp folder.
 */
export default function setup(): () => void {
  if (process.env[RUN_TMPDIR]) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), "webtier-test-"));
  process.env[RUN_TMPDIR] = dir;
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
