import { defineConfig } from "vitest/config";

/**
 * Two tiers: `unit` synthesizes and inspects JSON (fast, no Terraform); `terraform` runs real
 * `terraform validate` and `plan` offline against synthesized stacks. `npm test` runs both.
 */
export default defineConfig({
  test: {
    setupFiles: ["test/support/matchers.ts"],
    env: { CHECKPOINT_DISABLE: "1" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/terraform/**"],
          testTimeout: 20_000,
          // Every file would otherwise load cdktf and the provider bindings afresh: 26 s
          // against 9 s for this tier, measured. Tests share no state (each builds its own App).
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "terraform", include: ["test/terraform/**/*.test.ts"], testTimeout: 300_000, hookTimeout: 300_000 },
      },
    ],
  },
});
