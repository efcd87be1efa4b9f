import { synthesize } from "./envs/app";
import { ValidationError } from "./modules/core/validation";

/**
 * Builds one stack per environment and synthesizes them to `cdktf.out/stacks/<env>`.
 * `ENVIRONMENTS=dev,prod` limits the run to those environments; WEBTIER_BACKEND and its
 * companions (envs/backend.ts) choose where state lives. Exit codes: 0 written; 2 invalid
 * configuration (every problem listed, nothing written); 1 anything else (`DEBUG=1` shows the stack).
 */
try {
  const { app, configs } = synthesize({ names: process.env.ENVIRONMENTS, env: process.env });
  // The cdktf CLI reports on its own; run directly (`npm run synth`), say what was written.
  if (!process.env.CDKTF_OUTDIR) console.log(`Synthesized ${configs.map((c) => c.name).join(", ")} to ${app.outdir}/stacks`);
} catch (error) {
  // Configuration mistakes are for people: print the list, not a stack trace.
  if (error instanceof ValidationError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(process.env.DEBUG ? error : `synth failed: ${error instanceof Error ? error.message : String(error)} (DEBUG=1 shows the stack)`);
    process.exitCode = 1;
  }
}
