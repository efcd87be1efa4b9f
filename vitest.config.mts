import { defineConfig } from "vitest/config";

/**
 * Test tiers, one vitest project each. `npm test` runs the first three side by side and stays
 * within 100 s on a quiet 2-core machine:
 * - `unit` synthesizes and inspects JSON in-process (no Terraform, no other program);
 * - `commands` runs the project's commands and other programs as processes (synth, the CLIs, git
 *   worktrees, the workflows' bash scripts, the Python workload);
 * - `terraform` runs real `terraform plan` offline: every environment, HCL synth, backends.
 * Two more run after it (`.ci/run` runs both):
 * - `plans` (`npm run test:plans`): the heavier real-Terraform scenarios (plan review against a
 *   deployed prod, the red-team attacks, delivery, the packed library, the HCL consumer, moves,
 *   replacements, account pinning, tokens, an environment without messaging, routing over a
 *   deployed stage and prod, capacity settings and the network's parity items over a deployed
 *   prod, the runner's failure paths): minutes;
 * - `apply` (`npm run test:apply`) applies, re-plans, drifts and destroys every environment in a
 *   local AWS emulator (moto_server): minutes.
 */
const COMMANDS = [
  "test/main.test.ts",
  "test/workflows.test.ts",
  "test/scripts/cli.test.ts",
  "test/scripts/diff-cli.test.ts",
  "test/scripts/faults.test.ts",
  "test/modules/compute/workload.test.ts",
];
export default defineConfig({
  // Vitest runs the longest files first, by their last durations: keep those of this checkout
  // (node_modules may be shared by several), so the Terraform tier's long chains start at once.
  cacheDir: ".vite",
  test: {
    setupFiles: ["test/support/matchers.ts"],
    globalSetup: ["test/support/temp-dir.ts"],
    env: { CHECKPOINT_DISABLE: "1" },
    // Vitest's default leaves a core idle on this 2-core machine (one worker): the Terraform
    // tier spends most of its time waiting on Terraform processes, which a second worker fills.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/terraform/**", "test/plans/**", "test/apply/**", ...COMMANDS],
          testTimeout: 20_000,
          // Every file would otherwise load cdktf and the provider bindings afresh, which
          // dominates this tier. Tests share no state (each builds its own App).
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "commands", include: COMMANDS, testTimeout: 60_000, isolate: false },
      },
      {
        extends: true,
        test: {
          name: "terraform",
          include: ["test/terraform/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Files share a worker's loaded modules, and with them its Terraform init and schemas.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "plans",
          include: ["test/plans/**/*.test.ts"],
          // Their setups plan a deployed prod several times over: 300 s timed out on a busy machine.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "apply",
          include: ["test/apply/**/*.test.ts"],
          // One emulator per environment, the environments side by side in one file. A hang guard,
          // not a target: the first test of an environment waits for its whole lifecycle, which on
          // this 2-core machine shared with other work took 14 minutes (about 5 when quiet).
          testTimeout: 1_500_000,
          hookTimeout: 1_500_000,
        },
      },
    ],
  },
});
