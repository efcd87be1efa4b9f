import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { environments } from "../envs";
import { BACKEND_VARIABLES } from "../envs/backend";
import { AWS_PROVIDER_VERSION } from "../envs/environment-stack";
import { COMMENT_MARKER } from "../scripts/lib/render-summary";
import {
  actionOf,
  actions,
  allJobs,
  calledWorkflow,
  environmentOf,
  evaluate,
  expandedSteps,
  needsOf,
  render,
  ROOT,
  runScript,
  secretsRead,
  stepEnv,
  triggers,
  usesWithComments,
  workflow,
  workflows,
  type Context,
  type Job,
  type Step,
} from "./support/workflows";

const ENVIRONMENTS = environments.map((e) => e.name);
const AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";

/** Whether a script has a line starting with `npm run <command>` (one of `plan|deploy|drift`, say). */
const invokes = (command: string) => (s: Step) => new RegExp(`^\\s*npm run (${command})(\\s|$)`, "m").test(s.run ?? "");
/** The job's steps (composite actions expanded) whose script runs `npm run <command>`. */
const runsNpm = (job: Job, command: string) => expandedSteps(job.steps).filter(invokes(command));
/** Every job that plans, deploys or checks drift, the called workflows' jobs included. */
const terraformJobs = () => allJobs().filter(({ job }) => ["plan", "deploy", "drift"].some((c) => runsNpm(job, c).length > 0));

function only<T>(items: readonly T[], what: string): T {
  expect(items, what).toHaveLength(1);
  return items[0]!;
}

function stepOf(job: Job, what: string, match: (s: Step) => boolean): Step {
  return only(expandedSteps(job.steps).filter(match), what);
}

const usesAction = (name: string) => (s: Step) => actionOf(s) === name;

/** What GitHub gives a pull request's plan job: its labels, and repository variables. */
function prContext(labels: readonly string[]): Context {
  return { github: { event: { pull_request: { labels: labels.map((name) => ({ name })) } } }, vars: {}, secrets: {}, matrix: { environment: "prod" } };
}

describe("secrets", () => {
  const calls = allJobs().flatMap(({ file, id, job }) => {
    const callee = calledWorkflow(job);
    return callee ? [{ caller: `${file}:${id}`, job, callee }] : [];
  });

  it("has called workflows to check", () => {
    expect(calls.map((c) => c.caller).sort()).toEqual(["deploy.yml:dev", "deploy.yml:prod", "deploy.yml:stage"]);
  });

  it("passes every secret a called workflow reads, from each caller", () => {
    for (const { caller, job, callee } of calls) {
      const passed = job.secrets === "inherit" ? secretsRead(callee) : new Set(Object.keys(job.secrets ?? {}));
      expect([...secretsRead(callee)].filter((s) => !passed.has(s)), `${caller} → ${callee.file}`).toEqual([]);
    }
  });

  it("declares every secret a called workflow reads, and passes only declared ones", () => {
    for (const { caller, job, callee } of calls) {
      const declared = Object.keys((triggers(callee).workflow_call as { secrets?: object } | null)?.secrets ?? {});
      expect([...secretsRead(callee)].filter((s) => !declared.includes(s)), callee.file).toEqual([]);
      if (job.secrets !== "inherit") expect(Object.keys(job.secrets ?? {}).filter((s) => !declared.includes(s)), caller).toEqual([]);
    }
  });
});

describe("deploying", () => {
  const deploy = workflow("deploy.yml");
  const reusable = workflow("deploy-environment.yml");
  const planJob = reusable.jobs.plan!;
  const applyJob = reusable.jobs.apply!;
  const inputs = (env: string): Context => ({ inputs: { environment: env }, vars: {}, secrets: {}, github: { token: "t" }, steps: { override: { outputs: {} } } });

  it("runs on main: dev, then stage, then prod, each through the reusable deploy workflow", () => {
    expect(triggers(deploy)).toEqual({ push: { branches: ["main"] } });
    expect(Object.keys(deploy.jobs)).toEqual(ENVIRONMENTS);
    ENVIRONMENTS.forEach((env, i) => {
      const job = deploy.jobs[env]!;
      expect(calledWorkflow(job)?.file, env).toBe("deploy-environment.yml");
      expect(job.with, env).toEqual({ environment: env });
      expect(needsOf(job), env).toEqual(i === 0 ? [] : [ENVIRONMENTS[i - 1]]);
    });
  });

  it("never deploys with --auto-approve or cdktf deploy", () => {
    const scripts = [...allJobs().flatMap(({ job }) => expandedSteps(job.steps)), ...[...actions.values()].flatMap((a) => a.runs.steps ?? [])].map((s) => s.run ?? "");
    expect(scripts.filter((run) => /--auto-approve\b|\bcdktf\s+deploy\b/.test(run))).toEqual([]);
  });

  it("plans with --plan-only in a job whose apply job needs it, and applies with --apply-saved --yes", () => {
    expect(needsOf(applyJob)).toEqual(["plan"]);
    const plan = only(runsNpm(planJob, "deploy"), "plan job's deploy step");
    const planned = runScript(plan.run!, { env: stepEnv(reusable, planJob, plan, inputs("prod")), npmExit: 0 });
    expect(planned.calls).toEqual([["npm", "run", "deploy", "--", "prod", "--plan-only", "--out", "plans"]]);
    expect(only(runsNpm(applyJob, "deploy"), "apply job's deploy step").run).not.toMatch(/--plan-only|--allow-destroy/);
  });

  it("applies exactly the plan folder its plan job uploaded", () => {
    const plan = only(runsNpm(planJob, "deploy"), "plan step");
    const out = runScript(plan.run!, { env: stepEnv(reusable, planJob, plan, inputs("prod")), npmExit: 0 }).calls[0]!;
    const outDir = out[out.indexOf("--out") + 1];
    const upload = stepOf(planJob, "upload", usesAction("actions/upload-artifact"));
    const download = stepOf(applyJob, "download", usesAction("actions/download-artifact"));
    const ctx = inputs("prod");
    expect(render(upload.with!.path!, ctx)).toBe(`${outDir}/prod`);
    expect(render(download.with!.name!, ctx)).toBe(render(upload.with!.name!, ctx));
    expect(upload.with!["if-no-files-found"]).toBe("error");

    const apply = only(runsNpm(applyJob, "deploy"), "apply step");
    const applied = runScript(apply.run!, { env: stepEnv(reusable, applyJob, apply, ctx), npmExit: 0 });
    expect(applied.status).toBe(0);
    expect(applied.calls).toEqual([["npm", "run", "deploy", "--", "prod", "--apply-saved", render(download.with!.path!, ctx), "--yes"]]);
  });

  it("binds the apply job to the environment, and the plan job to its read-only twin", () => {
    for (const env of ENVIRONMENTS) {
      expect(render(environmentOf(applyJob)!, inputs(env))).toBe(env);
      expect(render(environmentOf(planJob)!, inputs(env))).toBe(`${env}-plan`);
    }
    expect(stepOf(applyJob, "credentials", usesAction(AWS_CREDENTIALS)).with!["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    expect(stepOf(planJob, "credentials", usesAction(AWS_CREDENTIALS)).with!["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
  });

  it("writes the plan's summary to the job summary, also when the guard blocked", () => {
    const summary = only(
      planJob.steps!.filter((s) => /GITHUB_STEP_SUMMARY/.test(s.run ?? "")),
      "summary step",
    );
    expect(summary.if).toMatch(/^\$\{\{ !cancelled\(\) \}\}$|^always\(\)$/);
    const run = runScript(summary.run!, { files: { "plans/summary.md": "## Terraform plan\n3 to destroy\n" } });
    expect(run.summary).toBe("## Terraform plan\n3 to destroy\n");
  });

  it("says in plain words that a stale plan was refused, and fails with its exit code", () => {
    const apply = only(runsNpm(applyJob, "deploy"), "apply step");
    const stale = runScript(apply.run!, { env: stepEnv(reusable, applyJob, apply, inputs("prod")), npmExit: 5 });
    expect(stale.status).toBe(5);
    expect(stale.stdout).toMatch(/^::error title=Stale plan::prod changed after this plan was made, so Terraform refused it and applied nothing/m);
    expect(runScript(apply.run!, { env: stepEnv(reusable, applyJob, apply, inputs("prod")), npmExit: 1 }).stdout).toBe("");
  });

  describe("the guard's override on main", () => {
    const overrideStep = planJob.steps!.find((s) => s.id === "override")!;
    const planStep = only(runsNpm(planJob, "deploy"), "plan step");
    const pulls = (merged: boolean, labels: string[]) => [{ number: 12, merged_at: merged ? "2026-11-20T10:00:00Z" : null, labels: labels.map((name) => ({ name })) }];

    function deployArgs(ghJson: unknown): { reason?: string; args: readonly string[] } {
      const looked = runScript(overrideStep.run!, { env: stepEnv(reusable, planJob, overrideStep, inputs("prod")), ghJson });
      expect(looked.status, looked.stderr).toBe(0);
      expect(looked.calls[0]?.slice(0, 3)).toEqual(["gh", "api", "repos/acme/elastic-web-tier/commits/0123456789abcdef0123456789abcdef01234567/pulls"]);
      const ctx = { ...inputs("prod"), steps: { override: { outputs: looked.outputs } } };
      return { reason: looked.outputs.reason, args: runScript(planStep.run!, { env: stepEnv(reusable, planJob, planStep, ctx), npmExit: 0 }).calls[0]! };
    }

    it("comes from the allow-destroy label of the pull request merged into the commit, and names it", () => {
      const { reason, args } = deployArgs(pulls(true, ["docs", "allow-destroy"]));
      expect(reason).toBe("pull-request label allow-destroy on #12");
      expect(args).toEqual(["npm", "run", "deploy", "--", "prod", "--plan-only", "--allow-destroy", "--override-reason", "pull-request label allow-destroy on #12", "--out", "plans"]);
    });

    it("is absent without the label, or when the labelled pull request was not merged", () => {
      for (const json of [pulls(true, ["docs"]), pulls(false, ["allow-destroy"]), []]) {
        expect(deployArgs(json).args, JSON.stringify(json)).not.toContain("--allow-destroy");
      }
    });
  });
});

describe("pull requests", () => {
  const plan = workflow("plan.yml");
  const planJob = plan.jobs.plan!;
  const planStep = only(runsNpm(planJob, "plan"), "plan step");

  it("runs the tests once per pull request", () => {
    const testing = allJobs().filter(
      ({ file, job }) => "pull_request" in triggers(workflow(file)) && expandedSteps(job.steps).some((s) => /\.ci\/run|\bnpm (run )?test\b|\bvitest\b/.test(s.run ?? "")),
    );
    expect(testing.map(({ file, id }) => `${file}:${id}`)).toEqual(["ci.yml:test"]);
    expect(Object.keys(triggers(workflow("ci.yml"))).sort()).toEqual(["pull_request", "push"]);
  });

  it("plans every environment on each push and each label change", () => {
    expect(triggers(plan).pull_request).toEqual({ types: ["opened", "synchronize", "reopened", "labeled", "unlabeled"] });
    expect(planJob.strategy?.matrix?.environment).toEqual(ENVIRONMENTS);
    expect(planJob.if, "a skipped plan would pass a required check").toBeUndefined();
  });

  it("turns the allow-destroy label, and only that label, into the recorded override", () => {
    const argsFor = (labels: string[]) => runScript(planStep.run!, { env: stepEnv(plan, planJob, planStep, prContext(labels)), npmExit: 0 }).calls[0]!;
    expect(argsFor(["allow-destroy"])).toEqual(["npm", "run", "plan", "--", "prod", "--allow-destroy", "--override-reason", "pull-request label allow-destroy", "--out", "plans"]);
    for (const labels of [[], ["docs"], ["allow-destroy-later"]]) expect(argsFor(labels), labels.join()).toEqual(["npm", "run", "plan", "--", "prod", "--out", "plans"]);
  });

  it("still shows, uploads and comments a plan the guard blocked, then fails the check", () => {
    const blocked = runScript(planStep.run!, { env: stepEnv(plan, planJob, planStep, prContext([])), npmExit: 3 });
    expect(blocked.status).toBe(0);
    expect(blocked.outputs.exit).toBe("3");
    const later = planJob.steps!.slice(planJob.steps!.indexOf(planStep) + 1);
    for (const step of later.filter((s) => s.uses || /GITHUB_STEP_SUMMARY/.test(s.run ?? ""))) expect(step.if, step.name ?? step.uses).toMatch(/!cancelled\(\)|always\(\)/);
    const fail = only(later.filter((s) => s.if?.includes("steps.plan.outputs.exit")), "fail step");
    const failed = runScript(fail.run!, { env: stepEnv(plan, planJob, fail, { ...prContext([]), steps: { plan: { outputs: { exit: "3" } } } }) });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/::error title=Guard::.*Add the label allow-destroy/);
  });

  it("keeps one comment on the pull request, updated in place", async () => {
    const comment = plan.jobs.comment!;
    expect(needsOf(comment)).toEqual(["plan"]);
    const script = stepOf(comment, "comment script", usesAction("actions/github-script")).with!.script!;
    const runComment = async (existing: { id: number; body: string }[]) => {
      const calls: string[] = [];
      const rest = {
        listComments: "list",
        createComment: async (args: object) => calls.push(`create ${JSON.stringify(args)}`),
        updateComment: async (args: object) => calls.push(`update ${JSON.stringify(args)}`),
      };
      const github = { rest: { issues: rest }, paginate: async () => existing };
      const context = { repo: { owner: "acme", repo: "web" }, issue: { number: 7 } };
      const fs = { readFileSync: () => `${COMMENT_MARKER}\n## Terraform plan` };
      const body = new Function("require", "github", "context", `return (async () => {${script}})();`);
      await body(() => fs, github, context);
      return calls;
    };
    const body = JSON.stringify(`${COMMENT_MARKER}\n## Terraform plan`);
    expect(await runComment([{ id: 3, body: "LGTM" }, { id: 4, body: `${COMMENT_MARKER}\nold` }])).toEqual([`update {"owner":"acme","repo":"web","comment_id":4,"body":${body}}`]);
    expect(await runComment([{ id: 3, body: "LGTM" }])).toEqual([`create {"owner":"acme","repo":"web","issue_number":7,"body":${body}}`]);
  });
});

describe("variables", () => {
  const repositoryVariables = [...Object.values(BACKEND_VARIABLES), "WEBTIER_PROTECTED_ENVIRONMENTS"];

  it("forwards every WEBTIER_* repository variable and the HCP token to each job that plans, deploys or checks drift", () => {
    expect(terraformJobs().length).toBeGreaterThanOrEqual(4);
    const vars = Object.fromEntries(repositoryVariables.map((v) => [v, `value of ${v}`]));
    for (const { file, id, job } of terraformJobs()) {
      const env = stepEnv(workflow(file), job, {}, { vars, secrets: { TF_TOKEN_APP_TERRAFORM_IO: "token" } });
      for (const v of repositoryVariables) expect(env[v], `${file}:${id} ${v}`).toBe(`value of ${v}`);
      expect(env.TF_TOKEN_app_terraform_io, `${file}:${id}`).toBe("token");
    }
  });

  it("protects prod when WEBTIER_PROTECTED_ENVIRONMENTS is unset or empty", () => {
    for (const { file, id, job } of terraformJobs()) {
      for (const vars of [{}, { WEBTIER_PROTECTED_ENVIRONMENTS: "" }]) {
        expect(stepEnv(workflow(file), job, {}, { vars, secrets: {} }).WEBTIER_PROTECTED_ENVIRONMENTS, `${file}:${id}`).toBe("prod");
      }
    }
  });

  it("assumes the plan role where it plans or checks drift, the deploy role only where it applies, in AWS_REGION", () => {
    const roles = terraformJobs().map(({ file, id, job }) => {
      const credentials = stepOf(job, `${file}:${id} credentials`, usesAction(AWS_CREDENTIALS));
      expect(credentials.with!["aws-region"], `${file}:${id}`).toBe("${{ vars.AWS_REGION }}");
      return `${file}:${id} ${evaluate(credentials.with!["role-to-assume"]!.replace(/^\$\{\{|\}\}$/g, ""), { vars: { AWS_PLAN_ROLE_ARN: "plan", AWS_DEPLOY_ROLE_ARN: "deploy" } })}`;
    });
    expect(roles.sort()).toEqual(["deploy-environment.yml:apply deploy", "deploy-environment.yml:plan plan", "drift.yml:drift plan", "plan.yml:plan plan"]);
  });

  it("refuses, before planning, an environment whose state would stay on the runner", () => {
    for (const { file, id, job } of terraformJobs()) {
      const steps = expandedSteps(job.steps);
      const check = steps.findIndex((s) => s.uses === "./.github/actions/remote-state");
      const npm = steps.findIndex(invokes("plan|deploy|drift"));
      expect(check, `${file}:${id}`).toBeGreaterThanOrEqual(0);
      expect(check, `${file}:${id}`).toBeLessThan(npm);
    }
    const script = only(actions.get("./.github/actions/remote-state")!.runs.steps!, "remote-state step").run!;
    const local = runScript(script, { cwd: ROOT, env: { ENVIRONMENT: "prod" } });
    expect(local.status).toBe(1);
    expect(local.stdout).toMatch(/^::error title=No remote state for prod::prod's state would be a local file on a runner/m);
    const s3 = runScript(script, { cwd: ROOT, env: { ENVIRONMENT: "prod", WEBTIER_BACKEND: "s3", WEBTIER_STATE_BUCKET: "acme-tf-state" } });
    expect(s3.status, s3.stderr).toBe(0);
    expect(s3.stdout).toBe("prod keeps its state in the s3 backend\n");
  });
});

describe("permissions", () => {
  /** What a job's steps need from the GITHUB_TOKEN and OIDC, from what they do. */
  function needed(job: Job): Record<string, string> {
    const callee = calledWorkflow(job);
    if (callee) return Object.values(callee.jobs).reduce<Record<string, string>>((all, j) => ({ ...all, ...needed(j) }), {});
    const steps = expandedSteps(job.steps);
    return {
      ...(steps.some(usesAction("actions/checkout")) ? { contents: "read" } : {}),
      ...(steps.some(usesAction(AWS_CREDENTIALS)) ? { "id-token": "write" } : {}),
      ...(steps.some((s) => /\bgh api "repos\/\$GITHUB_REPOSITORY\/commits\/\$GITHUB_SHA\/pulls"/.test(s.run ?? "")) ? { "pull-requests": "read" } : {}),
      ...(steps.some(usesAction("actions/github-script")) ? { "pull-requests": "write" } : {}),
    };
  }

  it("grants nothing at the workflow level", () => {
    for (const wf of workflows.values()) expect(wf.permissions, wf.file).toEqual({});
  });

  it("gives every job exactly the permissions its steps need, written out", () => {
    for (const { file, id, job } of allJobs()) {
      expect(typeof job.permissions, `${file}:${id} has no permissions of its own`).toBe("object");
      expect(job.permissions, `${file}:${id}`).toEqual(needed(job));
    }
  });

  it("gives an OIDC token only to jobs that assume an AWS role, and comment rights only to the comment", () => {
    const withToken = allJobs().filter(({ job }) => (job.permissions as Record<string, string>)?.["id-token"] === "write");
    expect(withToken.map(({ file, id }) => `${file}:${id}`).sort()).toEqual([
      "deploy-environment.yml:apply",
      "deploy-environment.yml:plan",
      "deploy.yml:dev",
      "deploy.yml:prod",
      "deploy.yml:stage",
      "drift.yml:drift",
      "plan.yml:plan",
    ]);
    const writers = allJobs().filter(({ job }) => Object.values((job.permissions as object) ?? {}).includes("write") && (job.permissions as Record<string, string>)["pull-requests"] === "write");
    expect(writers.map(({ file, id }) => `${file}:${id}`)).toEqual(["plan.yml:comment"]);
  });

  it("leaves no token in the checked-out repository", () => {
    const checkouts = allJobs().flatMap(({ file, id, job }) => expandedSteps(job.steps).filter(usesAction("actions/checkout")).map((s) => [`${file}:${id}`, s] as const));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const [where, step] of checkouts) expect(step.with?.["persist-credentials"], where).toBe(false);
  });
});

describe("pinned actions", () => {
  const external = usesWithComments().filter(({ uses }) => !uses.startsWith("./"));

  it("pins every third-party action to a full commit SHA, with its version in a comment", () => {
    expect(external.length).toBeGreaterThan(0);
    for (const { file, uses, comment } of external) {
      expect(uses, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment?.trim(), `${file}: ${uses}`).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });

  it("pins each action to one commit and one version everywhere", () => {
    const pins = new Map<string, Set<string>>();
    for (const { uses, comment } of external) {
      const [action] = uses.split("@");
      pins.set(action!, new Set([...(pins.get(action!) ?? []), `${uses} # ${comment?.trim()}`]));
    }
    for (const [action, seen] of pins) expect([...seen], action).toHaveLength(1);
  });
});

describe("provider cache", () => {
  const setup = actions.get("./.github/actions/setup")!;
  const providerStep = setup.runs.steps!.find((s) => s.id === "provider")!;

  it("sets up the shared provider cache in every job that runs Terraform", () => {
    const running = allJobs().filter(({ job }) => ["plan", "deploy", "drift"].some((c) => runsNpm(job, c).length > 0) || expandedSteps(job.steps).some((s) => s.run?.includes(".ci/run")));
    expect(running.length).toBeGreaterThanOrEqual(5);
    for (const { file, id, job } of running) {
      const steps = job.steps ?? [];
      const setupAt = steps.findIndex((s) => s.uses === "./.github/actions/setup");
      expect(setupAt, `${file}:${id}`).toBeGreaterThanOrEqual(0);
      expect(setupAt, `${file}:${id}`).toBeLessThan(steps.findIndex((s) => invokes("plan|deploy|drift")(s) || s.run === ".ci/run"));
    }
  });

  it("caches TF_PLUGIN_CACHE_DIR between jobs, keyed on the AWS provider version the stacks pin", () => {
    const run = runScript(providerStep.run!, { cwd: ROOT });
    expect(run.status, run.stderr).toBe(0);
    expect(run.outputs).toEqual({ aws: AWS_PROVIDER_VERSION });
    expect(run.exported).toEqual({ TF_PLUGIN_CACHE_DIR: join(run.runnerTemp, "terraform-plugins"), TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true" });
    const cache = stepOf({ steps: setup.runs.steps }, "cache", usesAction("actions/cache"));
    const ctx = { runner: { temp: run.runnerTemp, os: "Linux", arch: "X64" }, steps: { provider: { outputs: run.outputs } } };
    expect(render(cache.with!.path!, ctx)).toBe(run.exported.TF_PLUGIN_CACHE_DIR);
    expect(render(cache.with!.key!, ctx)).toBe(`terraform-plugins-Linux-X64-aws-${AWS_PROVIDER_VERSION}`);
  });

  it("fills the cache once, after restoring it and before any job's own init", () => {
    const steps = setup.runs.steps!;
    const fill = steps.findIndex((s) => s.name === "Fill the plugin cache once");
    expect(fill).toBeGreaterThan(steps.findIndex(usesAction("actions/cache")));
    expect(fill).toBeLessThan(steps.findIndex((s) => s.run?.startsWith("npm ci")));
  });
});

describe("local actions", () => {
  it("are composite actions whose every script names its shell, as GitHub requires", () => {
    expect([...actions.keys()].sort()).toEqual(["./.github/actions/remote-state", "./.github/actions/setup"]);
    for (const action of actions.values()) {
      expect(action.runs.using, action.path).toBe("composite");
      for (const step of (action.runs.steps ?? []).filter((s) => s.run)) expect(step.shell, `${action.path}: ${step.name ?? step.run}`).toBe("bash");
    }
  });

  it("are used by the workflows, so none is left behind", () => {
    const used = new Set(allJobs().flatMap(({ job }) => expandedSteps(job.steps).map((s) => s.uses)));
    for (const path of actions.keys()) expect(used.has(path), path).toBe(true);
  });
});

describe("drift", () => {
  const drift = workflow("drift.yml");
  const job = drift.jobs.drift!;
  const step = only(runsNpm(job, "drift"), "drift step");
  const ctx = (env: string): Context => ({ matrix: { environment: env }, vars: {}, secrets: {} });

  it("runs on a schedule, and on demand", () => {
    const on = triggers(drift);
    expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const schedule = on.schedule as unknown as { cron: string }[];
    expect(schedule.map((s) => s.cron.split(" ").length)).toEqual([5]);
  });

  it("checks every environment with the read-only credentials of its own account", () => {
    expect(job.strategy?.matrix?.environment).toEqual(ENVIRONMENTS);
    expect(render(environmentOf(job)!, ctx("stage"))).toBe("stage-plan");
    const calls = runScript(step.run!, { env: stepEnv(drift, job, step, ctx("stage")), npmExit: 0 }).calls;
    expect(calls).toEqual([["npm", "run", "drift", "--", "stage", "--out", "drift"]]);
  });

  it("fails the job on drift (exit 4), saying so, and on any other error", () => {
    const run = (npmExit: number) => runScript(step.run!, { env: stepEnv(drift, job, step, ctx("prod")), npmExit });
    expect(run(0).status).toBe(0);
    const drifted = run(4);
    expect(drifted.status).toBe(4);
    expect(drifted.stdout).toMatch(/^::error title=Drift in prod::prod no longer matches its configuration/m);
    expect(run(1).status).toBe(1);
  });

  it("reports to the job summary whether or not it drifted", () => {
    const report = only(job.steps!.filter((s) => /GITHUB_STEP_SUMMARY/.test(s.run ?? "")), "report step");
    expect(report.if).toBe("${{ !cancelled() }}");
    expect(job.steps!.indexOf(report)).toBeGreaterThan(job.steps!.indexOf(step));
    const out = runScript(step.run!, { env: stepEnv(drift, job, step, ctx("prod")), npmExit: 4 }).calls[0]!;
    const dir = out[out.indexOf("--out") + 1];
    expect(runScript(report.run!, { files: { [`${dir}/drift.md`]: "## Drift\nprod: 1 changed outside Terraform\n" } }).summary).toBe("## Drift\nprod: 1 changed outside Terraform\n");
  });
});

describe("test support: the expression evaluator", () => {
  it("evaluates paths, wildcards, contains and ||, and refuses what it does not know", () => {
    const ctx = { github: { event: { pull_request: { labels: [{ name: "Allow-Destroy" }] } } }, vars: { A: "" } };
    expect(evaluate("contains(github.event.pull_request.labels.*.name, 'allow-destroy')", ctx)).toBe(true);
    expect(evaluate("vars.A || 'prod'", ctx)).toBe("prod");
    expect(render("plan-${{ vars.B }}x", ctx)).toBe("plan-x");
    expect(() => evaluate("format('{0}', vars.A)", ctx)).toThrow(/not understood/);
  });
});
