import { synthesize } from "./envs/app";
import { formatWarning } from "./envs/warnings";
import { ValidationError } from "./modules/core/validation";

/**
 * Builds one stack per environment and synthesizes them to `cdktf.out/stacks/<env>`.
 * `ENVIRONMENTS=dev,prod` limits the run to those environments; WEBTIER_BACKEND and its
 * companions (envs/backend.ts) choose where state lives. Exit codes: 0 written; 2 invalid
 * configuration (every problem listed, nothing written); 1 anything else (`DEBUG=1` shows the stack).
 * Warnings (a setting allowed but doubtful, such as an alarm topic nobody hears) go to stderr,
 * one line each, and change nothing: the stacks are written and the exit code stays 0. Under the
 * cdktf CLI (which sets CDKTF_OUTDIR) the CLI prints them itself.
 */
try {
  const { app, configs, warnings } = synthesize({ names: process.env.ENVIRONMENTS, env: process.env });
  // The cdktf CLI reports on its own (warnings as WARN lines); run directly (`npm run synth`),
  // print the warnings and say what was written.
  if (!process.env.CDKTF_OUTDIR) {
    for (const warning of warnings) console.error(formatWarning(warning));
    console.log(`Synthesized ${configs.map((c) => c.name).join(", ")} to ${app.outdir}/stacks`);
  }
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
