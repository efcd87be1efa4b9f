import { rmSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import type { EnvironmentConfig } from "./config";
import { withBackendFromEnv } from "./backend";
import { EnvironmentStack } from "./environment-stack";
import { environments, selectEnvironments } from "./index";
import { synthWarnings, type SynthWarning } from "./warnings";

export interface SynthesizeOptions {
  /** Environment names, comma-separated; empty for all. */
  readonly names?: string;
  /** Process environment: WEBTIER_* variables choose the state backend. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Output folder. @default "cdktf.out" (or CDKTF_OUTDIR, as the cdktf CLI sets it) */
  readonly outdir?: string;
}

/**
 * Validates the chosen environments (all of them before any is built), builds one stack each
 * and synthesizes them to `<outdir>/stacks/<env>`. Throws a ValidationError listing every
 * problem, having written nothing, when a config is bad. Returns the warnings constructs left
 * (an alarm topic nobody hears, say): written anyway, for the caller to show.
 */
export function synthesize(options: SynthesizeOptions = {}): { app: App; configs: EnvironmentConfig[]; warnings: SynthWarning[] } {
  const env = options.env ?? {};
  const configs = selectEnvironments(
    options.names,
    environments.map((config) => withBackendFromEnv(config, env)),
  );
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  for (const config of configs) new EnvironmentStack(app, config);
  app.synth();
  removeStaleOutput(app, configs);
  return { app, configs, warnings: synthWarnings(app) };
}

/**
 * Removes what an earlier synth in the other format left in each stack folder (`cdk.tf` and
 * `metadata.json` after `--hcl`, or `cdk.tf.json`): Terraform would read both formats at once.
 */
function removeStaleOutput(app: App, configs: readonly EnvironmentConfig[]): void {
  const stale = app.hclOutput ? ["cdk.tf.json"] : ["cdk.tf", "metadata.json"];
  for (const config of configs) for (const file of stale) rmSync(join(app.outdir, "stacks", config.name, file), { force: true });
}
