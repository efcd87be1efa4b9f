import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
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
  return {
    github: { event: { pull_request: { labels: labels.map((name) => ({ name })) } } },
    vars: {},
    secrets: {},
    matrix: { environment: "prod", "plan-role": "" },
  };
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
      expect(
        [...secretsRead(callee)].filter((s) => !passed.has(s)),
        `${caller} → ${callee.file}`,
      ).toEqual([]);
    }
  });

  it("declares every secret a called workflow reads, and passes only declared ones", () => {
    for (const { caller, job, callee } of calls) {
      const declared = Object.keys((triggers(callee).workflow_call as { secrets?: object } | null)?.secrets ?? {});
      expect(
        [...secretsRead(callee)].filter((s) => !declared.includes(s)),
        callee.file,
      ).toEqual([]);
      if (job.secrets !== "inherit")
        expect(
          Object.keys(job.secrets ?? {}).filter((s) => !declared.includes(s)),
          caller,
        ).toEqual([]);
    }
  });
});

describe("deploying", () => {
  const deploy = workflow("deploy.yml");
  const reusable = workflow("deploy-environment.yml");
  const planJob = reusable.jobs.plan!;
  const applyJob = reusable.jobs.apply!;
  const inputs = (env: string): Context => ({
    inputs: { environment: env },
    vars: {},
    secrets: {},
    github: { token: "t" },
    steps: { override: { outputs: {} } },
  });

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

  it("never deploys with -auto-approve, --auto-approve or cdktf deploy", () => {
    const scripts = [
      ...allJobs().flatMap(({ job }) => expandedSteps(job.steps)),
      ...[...actions.values()].flatMap((a) => a.runs.steps ?? []),
    ].map((s) => s.run ?? "");
    const unreviewed = /(^|\s)--?auto-approve\b|\bcdktf\s+deploy\b/m;
    expect(
      [
        "terraform apply -auto-approve",
        "npx cdktf deploy prod --auto-approve",
        "terraform -chdir=x apply -input=false -auto-approve plan",
      ].every((run) => unreviewed.test(run)),
    ).toBe(true);
    expect(scripts.filter((run) => unreviewed.test(run))).toEqual([]);
  });

  it("plans with --plan-only in a job whose apply job needs it", () => {
    expect(needsOf(applyJob)).toEqual(["plan"]);
    const plan = only(runsNpm(planJob, "deploy"), "plan job's deploy step");
    const planned = runScript(plan.run!, { env: stepEnv(reusable, planJob, plan, inputs("prod")), npmExit: 0 });
    expect(planned.calls).toEqual([["npm", "run", "deploy", "--", "prod", "--plan-only", "--out", "plans"]]);
  });

  it("runs no project code where the deploy credentials are: no checkout, no local action, no npm, node or npx", () => {
    const steps = expandedSteps(applyJob.steps);
    expect(steps.filter(usesAction("actions/checkout"))).toEqual([]);
    expect(steps.filter((s) => s.uses?.startsWith("./"))).toEqual([]);
    expect(steps.filter((s) => /\b(npm|npx|node|tsx)\b/.test(s.run ?? ""))).toEqual([]);
    expect(steps.filter((s) => actionOf(s) !== undefined).map(actionOf)).toEqual([
      "actions/download-artifact",
      "hashicorp/setup-terraform",
      AWS_CREDENTIALS,
    ]);
    expect(stepOf(applyJob, "terraform", usesAction("hashicorp/setup-terraform")).with).toEqual({
      terraform_version: "1.11.4",
      terraform_wrapper: false,
    });
  });

  it("applies exactly the plan folder its plan job uploaded: init of the saved configuration with its lock file, then apply of the plan file", () => {
    const plan = only(runsNpm(planJob, "deploy"), "plan step");
    const out = runScript(plan.run!, { env: stepEnv(reusable, planJob, plan, inputs("prod")), npmExit: 0 }).calls[0]!;
    const outDir = out[out.indexOf("--out") + 1];
    const upload = stepOf(planJob, "upload", usesAction("actions/upload-artifact"));
    const download = stepOf(applyJob, "download", usesAction("actions/download-artifact"));
    const ctx = inputs("prod");
    expect(render(upload.with!.path!, ctx)).toBe(`${outDir}/prod`);
    expect(render(download.with!.name!, ctx)).toBe(render(upload.with!.name!, ctx));
    expect(upload.with!["if-no-files-found"]).toBe("error");
    expect(upload.with!["include-hidden-files"]).toBe(true);

    const apply = stepOf(applyJob, "apply step", (s) => /terraform .*apply/.test(s.run ?? ""));
    const saved = render(download.with!.path!, ctx);
    const applied = runScript(apply.run!, { env: stepEnv(reusable, applyJob, apply, ctx), stubs: { terraform: "exit 0" } });
    expect(applied.status).toBe(0);
    expect(applied.calls).toEqual([
      ["terraform", `-chdir=${saved}/stack`, "init", "-input=false", "-no-color", "-lockfile=readonly"],
      ["terraform", `-chdir=${saved}/stack`, "apply", "-input=false", "-no-color", "../plan.tfplan"],
    ]);
  });

  describe("the digest", () => {
    const digestStep = planJob.steps!.find((s) => s.id === "digest")!;
    const verify = stepOf(applyJob, "verify step", (s) => /sha256sum/.test(s.run ?? ""));
    const planFile = "the plan file's bytes";
    const sha = createHash("sha256").update(planFile).digest("hex");
    const sha256 = runScript(digestStep.run!, {
      env: stepEnv(reusable, planJob, digestStep, inputs("prod")),
      files: { "plans/prod/plan.tfplan": planFile },
    }).outputs.sha256;
    const verified = (digest: string, commit = "0123456789abcdef0123456789abcdef01234567") => {
      const ctx = { ...inputs("prod"), needs: { plan: { outputs: { digest, commit } } } };
      return runScript(verify.run!, { env: stepEnv(reusable, applyJob, verify, ctx), files: { "saved-plan/plan.tfplan": planFile } });
    };

    it("is published by the plan job with the commit, as job outputs", () => {
      expect(sha256).toBe(sha);
      expect(planJob.outputs).toEqual({ digest: "${{ steps.digest.outputs.sha256 }}", commit: "${{ github.sha }}" });
      expect(planJob.steps!.indexOf(digestStep)).toBeGreaterThan(planJob.steps!.indexOf(only(runsNpm(planJob, "deploy"), "plan step")));
    });

    it("is checked before credentials are taken or anything is applied: a different or missing digest, or another commit, exits 5", () => {
      expect(verified(sha).status).toBe(0);
      for (const digest of [sha.replace(/^./, (c) => (c === "0" ? "1" : "0")), ""]) {
        const run = verified(digest);
        expect(run.status, digest).toBe(5);
        expect(run.stdout).toMatch(
          /^::error title=Not the reviewed plan::saved-plan\/plan\.tfplan has SHA-256 [0-9a-f]{64}, but its plan job published/m,
        );
      }
      const otherCommit = verified(sha, "f".repeat(40));
      expect(otherCommit.status).toBe(5);
      expect(otherCommit.stdout).toMatch(/^::error title=Not the reviewed plan::the plan was made from f{40}, not 0123/m);
      const steps = applyJob.steps!;
      expect(steps.indexOf(verify)).toBeLessThan(steps.findIndex(usesAction(AWS_CREDENTIALS)));
      expect(steps.indexOf(verify)).toBeLessThan(steps.findIndex((s) => /terraform .*apply/.test(s.run ?? "")));
    });
  });

  it("binds the apply job to the environment, and the plan job to its read-only twin", () => {
    for (const env of ENVIRONMENTS) {
      expect(render(environmentOf(applyJob)!, inputs(env))).toBe(env);
      expect(render(environmentOf(planJob)!, inputs(env))).toBe(`${env}-plan`);
    }
    expect(stepOf(applyJob, "credentials", usesAction(AWS_CREDENTIALS)).with!["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    expect(stepOf(planJob, "credentials", usesAction(AWS_CREDENTIALS)).with!["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
  });

  it("applies from main only", () => {
    expect(evaluate(applyJob.if!, { github: { ref: "refs/heads/main" } })).toBe(true);
    for (const ref of ["refs/heads/feature", "refs/pull/12/merge", "refs/tags/v1"])
      expect(evaluate(applyJob.if!, { github: { ref } }), ref).toBe(false);
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
    const apply = stepOf(applyJob, "apply step", (s) => /terraform .*apply/.test(s.run ?? ""));
    const run = (body: string) =>
      runScript(apply.run!, { env: stepEnv(reusable, applyJob, apply, inputs("prod")), stubs: { terraform: body } });
    const stale = run(`if [ "$2" = apply ]; then echo "Error: Saved plan is stale"; exit 1; fi`);
    expect(stale.status).toBe(5);
    expect(stale.stdout).toMatch(
      /^::error title=Stale plan::prod changed after this plan was made, so Terraform refused it and applied nothing/m,
    );
    const failed = run(`if [ "$2" = apply ]; then echo "Error: AccessDenied"; exit 1; fi`);
    expect(failed.status).toBe(1);
    expect(failed.stdout).not.toContain("::error");
  });

  describe("the guard's override on main", () => {
    const overrideStep = planJob.steps!.find((s) => s.id === "override")!;
    const planStep = only(runsNpm(planJob, "deploy"), "plan step");
    const mergedAt = "2026-11-20T10:00:00Z";
    const pulls = (merged: boolean) => [{ number: 12, merged_at: merged ? mergedAt : null }];
    const event = (event: "labeled" | "unlabeled", name: string, at: string) => ({ event, created_at: at, label: { name } });

    function deployArgs(merged: boolean, events: object[], env = "prod"): { reason?: string; args: readonly string[] } {
      const ghRoutes = {
        "repos/acme/elastic-web-tier/commits/0123456789abcdef0123456789abcdef01234567/pulls": pulls(merged),
        "repos/acme/elastic-web-tier/issues/12/events": events,
      };
      const looked = runScript(overrideStep.run!, { env: stepEnv(reusable, planJob, overrideStep, inputs(env)), ghRoutes });
      expect(looked.status, looked.stderr).toBe(0);
      const ctx = { ...inputs(env), steps: { override: { outputs: looked.outputs } } };
      return {
        reason: looked.outputs.reason,
        args: runScript(planStep.run!, { env: stepEnv(reusable, planJob, planStep, ctx), npmExit: 0 }).calls[0]!,
      };
    }

    it("comes from the environment's allow-destroy label that the merged pull request carried at the merge, and names it", () => {
      const { reason, args } = deployArgs(true, [
        event("labeled", "docs", "2026-11-19T09:00:00Z"),
        event("labeled", "allow-destroy:prod", "2026-11-19T10:00:00Z"),
      ]);
      expect(reason).toBe("pull-request label allow-destroy:prod on #12");
      expect(args).toEqual([
        "npm",
        "run",
        "deploy",
        "--",
        "prod",
        "--plan-only",
        "--allow-destroy",
        "--override-reason",
        "pull-request label allow-destroy:prod on #12",
        "--out",
        "plans",
      ]);
    });

    it("is absent for a label added after the merge, removed before it, of another environment, or on a pull request that was not merged", () => {
      const cases: Record<string, [boolean, object[]]> = {
        "added after the merge": [true, [event("labeled", "allow-destroy:prod", "2026-11-20T10:05:00Z")]],
        "removed before the merge": [
          true,
          [
            event("labeled", "allow-destroy:prod", "2026-11-19T10:00:00Z"),
            event("unlabeled", "allow-destroy:prod", "2026-11-19T11:00:00Z"),
          ],
        ],
        "another environment's": [true, [event("labeled", "allow-destroy:stage", "2026-11-19T10:00:00Z")]],
        "the bare label": [true, [event("labeled", "allow-destroy", "2026-11-19T10:00:00Z")]],
        "not merged": [false, [event("labeled", "allow-destroy:prod", "2026-11-19T10:00:00Z")]],
      };
      for (const [name, [merged, events]] of Object.entries(cases))
        expect(deployArgs(merged, events).args, name).not.toContain("--allow-destroy");
      expect(deployArgs(true, [event("labeled", "allow-destroy:stage", "2026-11-19T10:00:00Z")], "stage").args).toContain(
        "--allow-destroy",
      );
    });
  });
});

describe("pull requests", () => {
  const plan = workflow("plan.yml");
  const planJob = plan.jobs.plan!;
  const planStep = only(runsNpm(planJob, "plan"), "plan step");

  it("runs the tests once per pull request", () => {
    const testing = allJobs().filter(
      ({ file, job }) =>
        "pull_request" in triggers(workflow(file)) &&
        expandedSteps(job.steps).some((s) => /\.ci\/run|\bnpm (run )?test\b|\bvitest\b/.test(s.run ?? "")),
    );
    expect(testing.map(({ file, id }) => `${file}:${id}`)).toEqual(["ci.yml:test"]);
    expect(Object.keys(triggers(workflow("ci.yml"))).sort()).toEqual(["pull_request", "push"]);
  });

  const matrix = (planJob.strategy!.matrix as unknown as { include: Record<string, string>[] }).include;

  it("plans every environment on each push and each label change", () => {
    expect(triggers(plan).pull_request).toEqual({ types: ["opened", "synchronize", "reopened", "labeled", "unlabeled"] });
    expect(matrix.map((m) => m.environment)).toEqual(ENVIRONMENTS);
    expect(planJob.if, "a skipped plan would pass a required check").toBeUndefined();
  });

  it("turns the environment's allow-destroy label, and only that label, into the recorded override", () => {
    const argsFor = (labels: string[]) =>
      runScript(planStep.run!, { env: stepEnv(plan, planJob, planStep, prContext(labels)), npmExit: 0 }).calls[0]!;
    expect(argsFor(["allow-destroy:prod"])).toEqual([
      "npm",
      "run",
      "plan",
      "--",
      "prod",
      "--offline",
      "--allow-destroy",
      "--override-reason",
      "pull-request label allow-destroy:prod",
      "--out",
      "plans",
    ]);
    for (const labels of [[], ["docs"], ["allow-destroy"], ["allow-destroy:stage"], ["allow-destroy:prod-later"]]) {
      expect(argsFor(labels), labels.join()).toEqual(["npm", "run", "plan", "--", "prod", "--offline", "--out", "plans"]);
    }
  });

  describe("credentials", () => {
    const ctx = (environment: string, role: string): Context => ({ ...prContext([]), matrix: { environment, "plan-role": role } });
    const credentials = stepOf(planJob, "credentials", usesAction(AWS_CREDENTIALS));
    const argsFor = (environment: string, role: string) =>
      runScript(planStep.run!, { env: stepEnv(plan, planJob, planStep, ctx(environment, role)), npmExit: 0 }).calls[0]!;
    const pullRequestFiles = [...workflows.values()].filter(
      (wf) => "pull_request" in triggers(wf) || "pull_request_target" in triggers(wf),
    );

    it("plans prod offline always: its matrix entry has no role, so no credentials are taken", () => {
      expect(matrix.find((m) => m.environment === "prod")).toEqual({ environment: "prod", "plan-role": "" });
      expect(Boolean(evaluate(credentials.if!.replace(/^\$\{\{|\}\}$/g, ""), ctx("prod", "")))).toBe(false);
      expect(argsFor("prod", "")).toContain("--offline");
    });

    it("plans dev and stage read-only with their pull-request roles when set, offline otherwise", () => {
      expect(matrix.filter((m) => m.environment !== "prod").map((m) => m["plan-role"])).toEqual([
        "${{ vars.AWS_PR_PLAN_ROLE_ARN_DEV }}",
        "${{ vars.AWS_PR_PLAN_ROLE_ARN_STAGE }}",
      ]);
      expect(credentials.with!["role-to-assume"]).toBe("${{ matrix.plan-role }}");
      expect(Boolean(evaluate(credentials.if!.replace(/^\$\{\{|\}\}$/g, ""), ctx("dev", "arn:aws:iam::111111111111:role/pr-plan")))).toBe(
        true,
      );
      expect(argsFor("dev", "arn:aws:iam::111111111111:role/pr-plan")).toEqual(["npm", "run", "plan", "--", "dev", "--out", "plans"]);
      expect(argsFor("stage", "")).toEqual(["npm", "run", "plan", "--", "stage", "--offline", "--out", "plans"]);
    });

    it("names no GitHub environment, no main-only role and no secret in any workflow a pull request runs", () => {
      expect(pullRequestFiles.map((wf) => wf.file).sort()).toEqual(["ci.yml", "plan.yml"]);
      for (const wf of pullRequestFiles) {
        for (const [id, job] of Object.entries(wf.jobs)) expect(environmentOf(job), `${wf.file}:${id}`).toBeUndefined();
        const text = JSON.stringify(wf);
        expect(text, wf.file).not.toMatch(/AWS_DEPLOY_ROLE_ARN|AWS_PLAN_ROLE_ARN\b/);
        expect([...secretsRead(wf)], wf.file).toEqual([]);
        expect(Object.keys(triggers(wf)), wf.file).not.toContain("pull_request_target");
      }
    });
  });

  it("still shows, uploads and comments a plan the guard blocked, then fails the check", () => {
    const blocked = runScript(planStep.run!, { env: stepEnv(plan, planJob, planStep, prContext([])), npmExit: 3 });
    expect(blocked.status).toBe(0);
    expect(blocked.outputs.exit).toBe("3");
    const later = planJob.steps!.slice(planJob.steps!.indexOf(planStep) + 1);
    for (const step of later.filter((s) => s.uses || /GITHUB_STEP_SUMMARY/.test(s.run ?? "")))
      expect(step.if, step.name ?? step.uses).toMatch(/!cancelled\(\)|always\(\)/);
    const fail = only(
      later.filter((s) => s.if?.includes("steps.plan.outputs.exit")),
      "fail step",
    );
    const failed = runScript(fail.run!, {
      env: stepEnv(plan, planJob, fail, { ...prContext([]), steps: { plan: { outputs: { exit: "3" } } } }),
    });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/::error title=Guard::.*Add the label allow-destroy:prod to this pull request/);
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
    expect(
      await runComment([
        { id: 3, body: "LGTM" },
        { id: 4, body: `${COMMENT_MARKER}\nold` },
      ]),
    ).toEqual([`update {"owner":"acme","repo":"web","comment_id":4,"body":${body}}`]);
    expect(await runComment([{ id: 3, body: "LGTM" }])).toEqual([`create {"owner":"acme","repo":"web","issue_number":7,"body":${body}}`]);
  });
});

describe("variables", () => {
  const repositoryVariables = [...Object.values(BACKEND_VARIABLES), "WEBTIER_PROTECTED_ENVIRONMENTS"];

  const fromPullRequests = (file: string) => "pull_request" in triggers(workflow(file));

  it("forwards every WEBTIER_* repository variable to each job that plans, deploys or checks drift, and the HCP token to those on main", () => {
    expect(terraformJobs().length).toBeGreaterThanOrEqual(3);
    const vars = Object.fromEntries(repositoryVariables.map((v) => [v, `value of ${v}`]));
    for (const { file, id, job } of terraformJobs()) {
      const env = stepEnv(workflow(file), job, {}, { vars, secrets: { TF_TOKEN_APP_TERRAFORM_IO: "token" } });
      for (const v of repositoryVariables) expect(env[v], `${file}:${id} ${v}`).toBe(`value of ${v}`);
      // An HCP token can write state: no pull request gets one.
      expect(env.TF_TOKEN_app_terraform_io, `${file}:${id}`).toBe(fromPullRequests(file) ? undefined : "token");
    }
  });

  it("protects prod when WEBTIER_PROTECTED_ENVIRONMENTS is unset or empty", () => {
    for (const { file, id, job } of terraformJobs()) {
      for (const vars of [{}, { WEBTIER_PROTECTED_ENVIRONMENTS: "" }]) {
        expect(stepEnv(workflow(file), job, {}, { vars, secrets: {} }).WEBTIER_PROTECTED_ENVIRONMENTS, `${file}:${id}`).toBe("prod");
      }
    }
  });

  it("assumes the plan role where it plans or checks drift on main, a pull-request role in pull requests, the deploy role only where it applies, in AWS_REGION", () => {
    const roles = allJobs().flatMap(({ file, id, job }) =>
      expandedSteps(job.steps)
        .filter(usesAction(AWS_CREDENTIALS))
        .map((credentials) => {
          expect(credentials.with!["aws-region"], `${file}:${id}`).toBe("${{ vars.AWS_REGION }}");
          const vars = { AWS_PLAN_ROLE_ARN: "plan", AWS_DEPLOY_ROLE_ARN: "deploy" };
          return `${file}:${id} ${evaluate(credentials.with!["role-to-assume"]!.replace(/^\$\{\{|\}\}$/g, ""), { vars, matrix: { "plan-role": "pull-request role" } })}`;
        }),
    );
    expect(roles.sort()).toEqual([
      "deploy-environment.yml:apply deploy",
      "deploy-environment.yml:plan plan",
      "drift.yml:drift plan",
      "plan.yml:plan pull-request role",
    ]);
  });

  it("refuses, before planning on main, an environment whose state would stay on the runner", () => {
    for (const { file, id, job } of terraformJobs().filter(({ file }) => !fromPullRequests(file))) {
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
    if (callee) return Object.assign({}, ...Object.values(callee.jobs).map(needed));
    const steps = expandedSteps(job.steps);
    return {
      ...(steps.some(usesAction("actions/checkout")) ? { contents: "read" } : {}),
      ...(steps.some(usesAction(AWS_CREDENTIALS)) ? { "id-token": "write" } : {}),
      ...(steps.some((s) => /\bgh api "repos\/\$GITHUB_REPOSITORY\/commits\/\$GITHUB_SHA\/pulls"/.test(s.run ?? ""))
        ? { "pull-requests": "read" }
        : {}),
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
    const writers = allJobs().filter(
      ({ job }) =>
        Object.values((job.permissions as object) ?? {}).includes("write") &&
        (job.permissions as Record<string, string>)["pull-requests"] === "write",
    );
    expect(writers.map(({ file, id }) => `${file}:${id}`)).toEqual(["plan.yml:comment"]);
  });

  it("leaves no token in the checked-out repository", () => {
    const checkouts = allJobs().flatMap(({ file, id, job }) =>
      expandedSteps(job.steps)
        .filter(usesAction("actions/checkout"))
        .map((s) => [`${file}:${id}`, s] as const),
    );
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
    const running = allJobs().filter(
      ({ job }) =>
        ["plan", "deploy", "drift"].some((c) => runsNpm(job, c).length > 0) ||
        expandedSteps(job.steps).some((s) => s.run?.includes(".ci/run")),
    );
    expect(running.length).toBeGreaterThanOrEqual(4);
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
    expect(run.exported).toEqual({
      TF_PLUGIN_CACHE_DIR: join(run.runnerTemp, "terraform-plugins"),
      TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true",
    });
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
      for (const step of (action.runs.steps ?? []).filter((s) => s.run))
        expect(step.shell, `${action.path}: ${step.name ?? step.run}`).toBe("bash");
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
    const report = only(
      job.steps!.filter((s) => /GITHUB_STEP_SUMMARY/.test(s.run ?? "")),
      "report step",
    );
    expect(report.if).toBe("${{ !cancelled() }}");
    expect(job.steps!.indexOf(report)).toBeGreaterThan(job.steps!.indexOf(step));
    const out = runScript(step.run!, { env: stepEnv(drift, job, step, ctx("prod")), npmExit: 4 }).calls[0]!;
    const dir = out[out.indexOf("--out") + 1];
    expect(runScript(report.run!, { files: { [`${dir}/drift.md`]: "## Drift\nprod: 1 changed outside Terraform\n" } }).summary).toBe(
      "## Drift\nprod: 1 changed outside Terraform\n",
    );
  });
});

describe("test support: the expression evaluator", () => {
  it("evaluates paths, wildcards, contains, format, == and != and ||, and refuses what it does not know", () => {
    const ctx = { github: { event: { pull_request: { labels: [{ name: "Allow-Destroy" }] } } }, vars: { A: "" } };
    expect(evaluate("contains(github.event.pull_request.labels.*.name, 'allow-destroy')", ctx)).toBe(true);
    expect(evaluate("vars.A || 'prod'", ctx)).toBe("prod");
    expect(render("plan-${{ vars.B }}x", ctx)).toBe("plan-x");
    expect(evaluate("format('allow-destroy:{0}', vars.E)", { vars: { E: "prod" } })).toBe("allow-destroy:prod");
    expect(evaluate("github.ref == 'refs/heads/main'", { github: { ref: "refs/heads/main" } })).toBe(true);
    expect(evaluate("github.ref != 'refs/heads/main'", { github: { ref: "refs/heads/main" } })).toBe(false);
    expect(() => evaluate("startsWith(vars.A, 'x')", ctx)).toThrow(/not understood/);
  });
});

describe("code owners", () => {
  /** CODEOWNERS as GitHub reads it: the last matching pattern decides, and it needs an owner. */
  const rules = readFileSync(join(ROOT, ".github", "CODEOWNERS"), "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean)
    .map((line) => {
      const [pattern, ...owners] = line.split(/\s+/);
      return { pattern: pattern!, owners };
    });
  const ownersOf = (path: string) => {
    const matching = rules.filter(({ pattern }) =>
      pattern.endsWith("/") ? `/${path}/`.startsWith(pattern) || `/${path}`.startsWith(pattern) : `/${path}` === pattern,
    );
    return matching.at(-1)?.owners ?? [];
  };

  it("needs an owner's review for what deploys and what judges a deploy", () => {
    for (const path of [
      ".github/workflows/plan.yml",
      ".github/CODEOWNERS",
      "envs/prod.ts",
      "scripts/lib/guard.ts",
      "modules/network/network.ts",
      "main.ts",
      "package.json",
      "package-lock.json",
      "cdktf.json",
    ]) {
      expect(ownersOf(path), path).toEqual([expect.stringMatching(/^@[\w-]+(\/[\w-]+)?$/)]);
    }
  });
});
