import { command, EXIT, runMain } from "./lib/cli";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planSettings } from "./lib/plan-options";
import { planEnvironments } from "./lib/plan-run";
import { withEmulator } from "./lib/emulator";

export const plan = command({
  name: "plan",
  usage:
    "npm run plan -- <env|env,env|all> [--offline] [--state <dir> | --empty-state] [--local [--endpoint <url>]] [--allow-destroy] [--override-reason <text>] [--out <dir>]",
  help: `Synthesizes, plans each environment to a file and summarizes what would change. Writes
<out>/<env>/plan.tfplan, plan.json and show.txt (terraform show), and <out>/summary.md (for pull
requests), summary.txt (as printed) and summary.json.

The guard protects an environment listed in WEBTIER_PROTECTED_ENVIRONMENTS (default: prod), one
whose deployed state shows it is production (deletion protection, production tags), and one whose
config says production: true. A protected environment's plan that destroys or replaces anything,
or turns a protection off, is blocked.

${PLAN_OPTIONS_HELP}

Exit codes: 0 planned · 1 synth or Terraform failed · 2 bad usage, invalid configuration or an
unreadable state · 3 the guard blocked a protected environment's plan.`,
  options: PLAN_OPTIONS,
  positionals: { name: "environment (dev, dev,prod or all)", min: 1, max: 1 },
  async run({ values, positionals }) {
    const { states, override, out } = planSettings(values);
    const names = positionals[0] === "all" ? "" : positionals[0]!;
    const run = await withEmulator(values, (local) => planEnvironments({ names, states, out, override, local }));
    process.stdout.write(run.text);
    const where = states.offline
      ? " (offline preview: local backend, placeholder credentials)"
      : values.local
        ? " (against the local emulator's state)"
        : "";
    console.log(`\nPlans and summaries in ${out}${where}`);
    return run.verdict.blocked ? EXIT.guarded : EXIT.ok;
  },
});

if (require.main === module) runMain(plan);
