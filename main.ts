import { synthesize } from "./envs/app";
import { formatWarning } from "./envs/warnings";
import { command, EXIT, runMain } from "./scripts/lib/cli";

/**
 * Builds one stack per environment and synthesizes them to `cdktf.out/stacks/<env>`: what
 * `npm run synth` runs, and the app `cdktf synth` runs (cdktf.json), which passes no arguments.
 */
export const synth = command({
  name: "synth",
  usage: "npm run synth",
  help: `Builds one stack per environment and writes it to cdktf.out/stacks/<env> (cdk.tf.json).
ENVIRONMENTS=dev,prod limits the run to those environments; WEBTIER_BACKEND and its companions
(envs/backend.ts) choose where state lives. Warnings (a setting allowed but doubtful, such as an
alarm topic nobody hears) go to stderr, one line each, and change nothing. \`npx cdktf synth\`
(add --hcl for HCL) runs the same app; set CHECKPOINT_DISABLE=1 for it offline.

Exit codes: 0 written · 1 anything else failed (DEBUG=1 shows the stack) · 2 bad usage, or
invalid configuration (every problem listed, nothing written).`,
  options: {},
  run() {
    const { app, configs, warnings } = synthesize({ names: process.env.ENVIRONMENTS, env: process.env });
    // The cdktf CLI (which sets CDKTF_OUTDIR) reports on its own, warnings as WARN lines; run
    // directly, print the warnings and say what was written.
    if (!process.env.CDKTF_OUTDIR) {
      for (const warning of warnings) console.error(formatWarning(warning));
      console.log(`Synthesized ${configs.map((c) => c.name).join(", ")} to ${app.outdir}/stacks`);
    }
    return EXIT.ok;
  },
});

if (require.main === module) runMain(synth);
