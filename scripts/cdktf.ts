import { spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * `npm run cdktf -- <args>`: the project's cdktf CLI with CHECKPOINT_DISABLE=1 set (unless set
 * to another value). Without it the CLI, and Terraform under it, call HashiCorp's version-check
 * service first, which offline prints `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com`.
 * Everything else is the CLI's own: its arguments, output and exit code.
 */
export function runCdktf(args: readonly string[]): number {
  const bin = join(require.resolve("cdktf-cli/package.json"), "..", "bundle", "bin", "cdktf");
  const result = spawnSync(process.execPath, [bin, ...args], {
    stdio: "inherit",
    env: { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE || "1" },
  });
  if (result.error) {
    console.error(`cdktf: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

if (require.main === module) process.exitCode = runCdktf(process.argv.slice(2));
