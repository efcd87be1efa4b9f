import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesize } from "../envs/app";
import { applyPlan, confirm } from "./lib/apply";
import { command, CommandError, EXIT, runMain, UsageError } from "./lib/cli";
import { hostedZonesOf, seedHostedZones, withEmulator } from "./lib/emulator";
import { guard, protectedList, type GuardOverride, type SynthesizedStack } from "./lib/guard";
import { initLocal } from "./lib/local-run";
import { LOCAL_OPTIONS_HELP, checkLocalChoice } from "./lib/plan-options";
import { summarize } from "./lib/plan-summary";
import { renderText } from "./lib/render-summary";
import { terraformFailure } from "./lib/state-option";
import { terraform, terraformEnv, TerraformError, type PlanJson } from "./lib/terraform";

/**
 * Destroys one environment the way deploy applies: a destroy plan saved to a file, summarized,
 * guarded (a protected environment refuses unless --allow-destroy), shown, asked, then exactly
 * that plan applied.
 */

/** An initialized folder of the environment: its real backend, or the emulator's (`--local`). */
async function initialized(env: string, stackDir: string, local: string | undefined): Promise<{ workdir: string; discard: () => void }> {
  if (local) {
    await seedHostedZones(
      local,
      hostedZonesOf(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Parameters<typeof hostedZonesOf>[0]),
    );
    return initLocal(stackDir, env, local);
  }
  await terraform(["init", "-input=false", "-no-color"], stackDir, terraformEnv());
  return { workdir: stackDir, discard: () => undefined };
}

async function destroyEnvironment(
  env: string,
  values: { yes?: boolean; out?: string },
  override: GuardOverride,
  local: string | undefined,
): Promise<number> {
  const { app, configs } = synthesize({ names: env, env: process.env });
  const config = configs[0]!;
  const stackDir = resolve(app.outdir, "stacks", env);
  const dir = resolve(values.out ?? ".plans", env);
  mkdirSync(dir, { recursive: true });
  const planFile = join(dir, "destroy.tfplan");
  // A protected environment refuses before anything is planned: by the owner's list or its
  // config. One protected only by what is deployed (production tags) is caught by the guard below.
  const list = protectedList(process.env);
  const listed = list.names.includes(env)
    ? `listed in ${list.source}`
    : config.production === true
      ? "its config says production: true"
      : undefined;
  if (listed && !override.allowDestroy) {
    console.log(`Nothing destroyed: ${env} is protected (${listed}); --allow-destroy overrides it.`);
    return EXIT.guarded;
  }
  const { workdir, discard } = await initialized(env, stackDir, local).catch((error: unknown) => {
    throw terraformFailure(error, env, undefined);
  });
  try {
    const plan = await (async () => {
      await terraform(["plan", "-destroy", "-input=false", "-no-color", `-out=${planFile}`], workdir, terraformEnv());
      return JSON.parse(await terraform(["show", "-json", "-no-color", planFile], workdir, terraformEnv())) as PlanJson;
    })().catch((error: unknown) => {
      // Terraform's own protection: a resource with prevent_destroy stops the destroy plan.
      if (error instanceof TerraformError && /lifecycle\.prevent_destroy/.test(error.output)) {
        throw new CommandError(
          `nothing destroyed: ${env} has resources with prevent_destroy, so Terraform refuses to plan their destroy; turn it off in the config first:\n${error.output.split("\n\n")[0]}`,
          EXIT.guarded,
        );
      }
      throw terraformFailure(error, env, undefined);
    });
    writeFileSync(join(dir, "destroy.json"), JSON.stringify(plan));
    const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as SynthesizedStack;
    const summary = summarize(env, plan, { list, production: config.production === true, stack });
    const verdict = guard([summary], override);
    process.stdout.write(renderText([summary], verdict));
    if (verdict.blocked) {
      console.log(`\nNothing destroyed: ${env} is protected and the guard blocked its destroy plan (--allow-destroy overrides it).`);
      return EXIT.guarded;
    }
    if (summary.counts.destroy === 0) {
      console.log(`\nNothing to destroy: the state of ${env} holds no resources.`);
      return EXIT.ok;
    }
    if (!values.yes && !(await confirm(`Destroy every resource of ${env}? [y/N]`))) {
      console.log("Not destroyed: nothing changed.");
      return EXIT.ok;
    }
    await applyPlan(env, planFile, workdir);
    return EXIT.ok;
  } finally {
    discard();
  }
}

export const destroy = command({
  name: "destroy",
  usage: "npm run destroy -- <env> [--local [--endpoint <url>]] [--allow-destroy] [--override-reason <text>] [--out <dir>] [--yes]",
  help: `Destroys every resource of one environment: synthesizes, plans the destroy to
<out>/<env>/destroy.tfplan, summarizes it, applies the guard (a protected environment, as for
npm run plan, refuses unless --allow-destroy), prints the summary, asks "Destroy every resource
of <env>? [y/N]" unless --yes, then applies exactly that plan.

  --allow-destroy           let a protected environment be destroyed; the summary records it
  --override-reason <text>  where the override came from, recorded in the summary
  --out <dir>               where the destroy plan goes (default .plans)
  --yes                     destroy without asking
${LOCAL_OPTIONS_HELP}

Exit codes: 0 destroyed, not destroyed on request, or nothing to destroy · 1 synth or Terraform
failed · 2 bad usage or invalid configuration · 3 the guard blocked it (nothing destroyed).`,
  options: {
    local: { type: "boolean" },
    endpoint: { type: "string" },
    "allow-destroy": { type: "boolean" },
    "override-reason": { type: "string" },
    out: { type: "string" },
    yes: { type: "boolean" },
  },
  positionals: { name: "environment (dev, stage or prod)", min: 1, max: 1 },
  run({ values, positionals }) {
    const env = positionals[0]!;
    if (env === "all" || env.includes(",")) throw new UsageError("destroy takes one environment at a time");
    checkLocalChoice(values);
    if (values["override-reason"] !== undefined && !values["allow-destroy"])
      throw new UsageError("--override-reason goes with --allow-destroy");
    const override = { allowDestroy: values["allow-destroy"] === true, reason: values["override-reason"] };
    return withEmulator(values, (local) => destroyEnvironment(env, values, override, local));
  },
});

if (require.main === module) runMain(destroy);
