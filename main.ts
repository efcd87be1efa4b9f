import { App } from "cdktf";
import { EnvironmentStack, environments, selectEnvironments, withBackendFromEnv } from "./envs";
import { ValidationError } from "./modules/core/validation";

/**
 * Builds one stack per environment and synthesizes them to `cdktf.out/stacks/<env>`.
 * `ENVIRONMENTS=dev,prod` limits the run to those environments; WEBTIER_BACKEND and its
 * companions (envs/backend.ts) choose where state lives.
 */
function main(): void {
  const configs = selectEnvironments(
    process.env.ENVIRONMENTS,
    environments.map((config) => withBackendFromEnv(config, process.env)),
  );
  const app = new App();
  for (const config of configs) new EnvironmentStack(app, config);
  app.synth();
  // The cdktf CLI reports on its own; run directly (`npm run synth`), say what was written.
  if (!process.env.CDKTF_OUTDIR) {
    console.log(`Synthesized ${configs.map((c) => c.name).join(", ")} to ${app.outdir}/stacks`);
  }
}

try {
  main();
} catch (error) {
  // Configuration mistakes are for people: print the list, not a stack trace.
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
