import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../envs";
import { prod } from "../../envs/prod";
import { guard } from "../../scripts/lib/guard";
import { summarize, type PlanSummary } from "../../scripts/lib/plan-summary";
import { renderMarkdown, renderText } from "../../scripts/lib/render-summary";
import { simulateDeploy } from "../support/simulated-deploy";
import { runOffline, TerraformError } from "../../scripts/lib/terraform";
import { copyProject, edit, runCli, standInTerraform, type CliRun } from "../scripts/run-cli";
import { describeTerraform, synthesizedEnvironment } from "../support/terraform";

/** Prod as deployed: its order queue plus an audit queue, which one change below removes. */
const deployed: EnvironmentConfig = {
  ...prod,
  messaging: { ...prod.messaging!, queues: [...prod.messaging!.queues, { name: "audit", visibilityTimeoutSeconds: 30 }] },
};

/** The environment with its group's mixed instances policy over other instance types. */
function withInstanceTypes(config: EnvironmentConfig, instanceTypes: string[]): EnvironmentConfig {
  if (config.compute.mode !== "asg" || !config.compute.mixedInstances) throw new Error(`${config.name} has no mixed instances policy`);
  return { ...config, compute: { ...config.compute, mixedInstances: { ...config.compute.mixedInstances, instanceTypes } } };
}

/**
 * Real plans of real changes: prod is "deployed" into a simulated state (plans applied until a
 * re-plan shows nothing to do), then changed configurations are planned against that state.
 */
describeTerraform("plan review of real changes to prod", () => {
  let state: string;
  const changes = {
    newQueue: { ...deployed, messaging: { ...deployed.messaging!, queues: [...deployed.messaging!.queues, { name: "billing" }] } },
    instanceType: withInstanceTypes(deployed, ["t3.medium", "t3a.medium"]),
    vpcCidr: { ...deployed, network: { ...deployed.network, cidr: "10.31.0.0/16" } },
    removedQueue: prod,
  } satisfies Record<string, EnvironmentConfig>;
  /** `plan` (or another command) writing to a fresh --out folder; its summary.md read back. */
  const cli = async (script: string, args: string[], options: Parameters<typeof runCli>[2] = {}) => {
    const out = mkdtempSync(join(tmpdir(), "plan-out-"));
    const run = await runCli(script, [...args, "--out", out], options);
    const read = (file: string) => (existsSync(join(out, file)) ? readFileSync(join(out, file), "utf8") : "");
    return { ...run, markdown: read("summary.md"), read, out };
  };
  type Run = Awaited<ReturnType<typeof cli>>;
  const runs = new Map<string, Promise<Run>>();
  const started = (name: string, run: () => Promise<Run>) => {
    const promise = run();
    promise.catch(() => undefined);
    runs.set(name, promise);
  };
  const result = (name: string) => runs.get(name)!;
  const standIn = standInTerraform();

  /** Starts the project's commands against the deployed state, all at once: Terraform time is the scarce resource here. */
  function startCommands(): void {
    // The committed prod config lacks the deployed audit queue: the plan destroys it.
    const stateDir = mkdtempSync(join(tmpdir(), "plan-state-"));
    writeFileSync(join(stateDir, "prod.tfstate"), state);

    // A pull request that disarms prod: production off, and with it deletion protection,
    // prevent_destroy and flow logs. The owner's list does not name prod either, so only the
    // deployed state can tell that prod is protected.
    const disarmed = copyProject();
    edit(disarmed, "envs/prod.ts", "production: true", "production: false");
    edit(disarmed, "envs/prod.ts", "deletionProtection: true", "deletionProtection: false");
    edit(disarmed, "envs/prod.ts", "preventDestroy: true", "preventDestroy: false");
    edit(disarmed, "envs/prod.ts", "flowLogs: { retentionDays: 365 }", "flowLogs: { enabled: false }");
    const notListed = { WEBTIER_PROTECTED_ENVIRONMENTS: "stage" };

    // A console edit recorded in the deployed state: a larger instance type.
    const drifted = JSON.parse(state) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const template = drifted.resources.find((r) => r.type === "aws_launch_template")!;
    template.instances[0]!.attributes.instance_type = "t3.large";
    const driftDir = mkdtempSync(join(tmpdir(), "drift-state-"));
    writeFileSync(join(driftDir, "prod.tfstate"), JSON.stringify(drifted));

    started("blocked", () => cli("plan", ["prod", "--offline", "--state", stateDir]));
    started("allowed", () => cli("plan", ["prod", "--offline", "--state", stateDir, "--allow-destroy"]));
    started("disarmed", () => cli("plan", ["prod", "--offline", "--state", stateDir], { root: disarmed, env: notListed }));
    started("overridden", () =>
      cli("plan", ["prod", "--offline", "--state", stateDir, "--allow-destroy", "--override-reason", "pull-request label allow-destroy"], {
        root: disarmed,
        env: notListed,
      }),
    );
    started("deploy", () =>
      cli("deploy", ["prod", "--offline", "--plan-only", "--state", stateDir], { env: { PATH: `${standIn.dir}:${process.env.PATH}` } }),
    );
    started("drift", () => cli("drift", ["prod", "--offline", "--state", driftDir]));
  }

  const summaries = new Map<keyof typeof changes, Promise<PlanSummary>>();
  const planOf = (change: keyof typeof changes) => summaries.get(change)!;
  let fifoFailure: Promise<unknown>;

  beforeAll(async () => {
    ({ state } = await simulateDeploy(synthesizedEnvironment(deployed)));
    startCommands();
    // Every change planned at once against the deployed state.
    for (const [name, config] of Object.entries(changes)) {
      const summary = runOffline(synthesizedEnvironment(config), { state, validate: false }).then(({ plan }) =>
        summarize("prod", plan!, { production: true }),
      );
      summary.catch(() => undefined);
      summaries.set(name as keyof typeof changes, summary);
    }
    fifoFailure = runOffline(synthesizedEnvironment({ ...deployed, messaging: { ...deployed.messaging!, fifo: true } }), {
      state,
      validate: false,
    }).catch((e: unknown) => e);
  });

  describe("a new resource: a third queue", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("newQueue");
    });

    it("counts and lists the creations, and the dashboard's update to graph the new queue", () => {
      // The queue, its dead-letter queue, their two policies, redrive-allow policy, subscription and DLQ alarm.
      expect(summary.counts).toMatchObject({ create: 7, replace: 0, destroy: 0 });
      expect(summary.creates).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_sqs_queue\.messaging_queue-billing_/)]));
      expect(summary.updates.map((u) => u.address)).toEqual([expect.stringMatching(/^aws_cloudwatch_dashboard\.scaling_dashboard_/)]);
      expect(summary.updates[0]!.changes.map((c) => c.path)).toEqual(["dashboard_body"]);
    });

    it("passes the guard: nothing is replaced or destroyed", () => {
      expect(guard([summary], false)).toEqual({ blocked: false, reasons: [] });
      expect(summary.warnings).toEqual([]);
    });
  });

  describe("an in-place update: a larger instance type", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("instanceType");
    });

    it("updates the launch template in place, naming the attribute and its old and new value", () => {
      expect(summary.counts).toEqual({ create: 0, update: 2, replace: 0, destroy: 0, move: 0, forget: 0 });
      const template = summary.updates.find((u) => u.address.startsWith("aws_launch_template."))!;
      expect(template.changes).toContainEqual({ path: "instance_type", before: '"t3.small"', after: '"t3.medium"' });
    });

    it("rolls the Auto Scaling Group onto the new template version", () => {
      const group = summary.updates.find((u) => u.address.startsWith("aws_autoscaling_group."))!;
      expect(group.changes).toContainEqual({
        path: "mixed_instances_policy[0].launch_template[0].launch_template_specification[0].version",
        before: '"1"',
        after: "(known after apply)",
      });
    });

    it("passes the guard", () => {
      expect(guard([summary], false).blocked).toBe(false);
    });
  });

  describe("a forced replacement: a new VPC CIDR", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("vpcCidr");
    });

    it("replaces the VPC, forced by cidr_block, and its subnets, forced by cidr_block and the new VPC's id", () => {
      const forced = Object.fromEntries(
        summary.replacements.map((r) => [
          `${r.address.split(".")[0]}.${r.address.split(".")[1]!.replace(/_[0-9A-F]{8}$/, "")}`,
          r.forcedBy,
        ]),
      );
      expect(forced["aws_vpc.network_vpc"]).toEqual(["cidr_block"]);
      expect(forced["aws_subnet.network_public-subnet-us-east-1a"]).toEqual(["vpc_id", "cidr_block"]);
      expect(summary.counts.replace).toBeGreaterThanOrEqual(1 + 6);
    });

    it("puts the stateful replacements in the warning section", () => {
      expect(summary.warnings).toContainEqual(
        expect.stringMatching(/^prod replaces aws_vpc\.network_vpc_[0-9A-F]{8}: everything in the VPC goes with it$/),
      );
      expect(summary.warnings.filter((w) => w.includes("aws_subnet."))).toHaveLength(6);
      expect(renderMarkdown([summary]).indexOf("[!WARNING]")).toBeLessThan(renderMarkdown([summary]).indexOf("### prod"));
    });

    it("is blocked by the guard unless destruction is allowed", () => {
      const verdict = guard([summary], false);
      expect(verdict.blocked).toBe(true);
      expect(verdict.reasons).toEqual([expect.stringMatching(/^prod \(protected\) would replace \d+ and destroy 0 resource\(s\)$/)]);
      expect(guard([summary], true).blocked).toBe(false);
      expect(renderText([summary], verdict)).toMatch(/BLOCKED: prod \(protected\) would replace/);
    });
  });

  it("a state of an earlier release, with a rule or subscription per value, plans as moves: nothing replaced", async () => {
    // Earlier releases named one resource after each CIDR and each email; moved blocks carry
    // them to the for_each instances. Rewrite the deployed state back to those addresses.
    const stackDir = synthesizedEnvironment(deployed);
    const moved = (JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { moved: { from: string; to: string }[] }).moved;
    type Resource = { type: string; name: string; each?: string; instances: { index_key?: string }[] };
    const legacy = JSON.parse(state) as { resources: Resource[] };
    for (const { from, to } of moved) {
      const [, type, name, key] = /^([a-z0-9_]+)\.([^[]+)\["(.+)"\]$/.exec(to)!;
      const target = legacy.resources.find((r) => r.type === type && r.name === name);
      const instance = target?.instances.find((i) => i.index_key === key);
      if (!target || !instance) continue;
      target.instances = target.instances.filter((i) => i !== instance);
      const { index_key: _, ...single } = instance;
      const { each: __, ...block } = target;
      legacy.resources.push({ ...block, name: from.split(".")[1]!, instances: [single] });
    }
    legacy.resources = legacy.resources.filter((r) => r.instances.length > 0);
    const { plan } = await runOffline(stackDir, { state: JSON.stringify(legacy), validate: false });
    const changes = (plan!.resource_changes ?? []).filter(
      (rc) => rc.change.actions.join() !== "no-op" || (rc as { previous_address?: string }).previous_address,
    );
    expect(
      changes.map((rc) => [rc.change.actions.join(), (rc as { previous_address?: string }).previous_address?.replace(/_[0-9A-F]{8}$/, "")]),
    ).toEqual([
      ["no-op", "aws_sns_topic_subscription.alarm-topic_email-oncallexamplecom"],
      ["no-op", "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-80-0-0-0-0-0"],
      ["no-op", "aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-443-0-0-0-0-0"],
    ]);
  });

  describe("a removed queue", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("removedQueue");
    });

    it("destroys the queue, its dead-letter queue, their policies, subscription and alarm, and updates the dashboard", () => {
      expect(summary.counts).toMatchObject({ create: 0, replace: 0, destroy: 7 });
      expect(summary.updates.map((u) => u.address)).toEqual([expect.stringMatching(/^aws_cloudwatch_dashboard\.scaling_dashboard_/)]);
      expect(summary.destroys.map((a) => a.split(".")[0]).sort()).toEqual([
        "aws_cloudwatch_metric_alarm",
        "aws_sns_topic_subscription",
        "aws_sqs_queue",
        "aws_sqs_queue",
        "aws_sqs_queue_policy",
        "aws_sqs_queue_policy",
        "aws_sqs_queue_redrive_allow_policy",
      ]);
    });

    it("warns that the queues' messages are lost, and the guard blocks it", () => {
      expect(summary.warnings.filter((w) => / destroys aws_sqs_queue\.messaging_queue-audit_/.test(w))).toHaveLength(2);
      expect(summary.warnings[0]).toMatch(/the messages in the queue are lost$/);
      expect(guard([summary], false).blocked).toBe(true);
    });
  });

  it("a protected queue that would be replaced (a FIFO switch renames it) is refused by Terraform: prevent_destroy", async () => {
    // Removing a queue drops its resource block, and prevent_destroy with it: only the guard
    // stops that. Replacing one keeps the block, and Terraform itself refuses to plan.
    const failure = await fifoFailure;
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).output).toMatch(/Instance cannot be destroyed/);
    expect((failure as TerraformError).output).toMatch(/aws_sqs_queue\.messaging_queue-order-queue_/);
  });

  describe("npm run plan, deploy and drift, offline against the deployed state", () => {
    it("exits 3, saving plan, JSON, terraform show text and summaries, when prod's plan destroys something", async () => {
      const run = await result("blocked");
      expect(run.stderr).toBe("");
      // Not on a terminal: plain progress lines, in order (steps a run of the suite already made are served from its shared results).
      const steps = run.progress.map((l) => l.replace(/ \(.*\)$/, ""));
      expect(steps.at(-1)).toBe("prod: summarized");
      expect(["prod: init", "prod: plan", "prod: show", "prod: summarized"]).toEqual(expect.arrayContaining(steps));
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^WARNING: changes that lose data, disrupt service or turn a protection off:/);
      expect(run.stdout).toMatch(/BLOCKED: prod \(protected\) would replace 0 and destroy 7 resource\(s\)/);
      expect(run.markdown).toContain("<!-- webtier-plan-summary -->");
      expect(run.markdown).toMatch(/\| prod \(protected\) \| 0 \| 1 \| 0 \| 7 \| 0 \|/);
      for (const file of ["prod/plan.tfplan", "prod/plan.json", "prod/show.txt", "summary.md", "summary.txt", "summary.json"])
        expect(existsSync(join(run.out, file)), file).toBe(true);
      expect(run.read("prod/show.txt")).toMatch(/# aws_sqs_queue\.messaging_queue-audit_queue_[0-9A-F]{8} will be destroyed/);
    });

    it("exits 0 with --allow-destroy, keeping the warning and recording the override", async () => {
      const run = await result("allowed");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.markdown).toContain("[!WARNING]");
      expect(run.markdown).not.toContain("**Blocked:**");
      expect(run.markdown).toContain(
        "**Guard overridden by --allow-destroy:** prod (protected) would replace 0 and destroy 7 resource(s).",
      );
    });

    describe("a change that switches prod's protections off", () => {
      it("is blocked (exit 3): the deployed state says prod is protected, whatever its config and the list say", async () => {
        const run = await result("disarmed");
        expect(run.stderr).toBe("");
        expect(run.code).toBe(3);
        const { summaries, verdict } = JSON.parse(run.read("summary.json")) as {
          summaries: PlanSummary[];
          verdict: ReturnType<typeof guard>;
        };
        expect(summaries[0]!.protection.protected).toBe(true);
        expect(summaries[0]!.protection.sources).toEqual([
          expect.stringMatching(/^the deployed aws_lb\.load-balancer_alb_[0-9A-F]{8} has deletion protection on$/),
          expect.stringMatching(/^\d+ deployed resource\(s\) are tagged Environment=prod$/),
        ]);
        expect(verdict).toEqual({
          blocked: true,
          reasons: [
            expect.stringMatching(/^prod \(protected\) would replace 0 and destroy \d+ resource\(s\)$/),
            "prod (protected) turns 5 protection(s) off",
          ],
        });
        // Markdown shows addresses without cdktf's hash where that is unambiguous.
        expect(run.markdown).toMatch(
          /\*\*prod is protected:\*\* the deployed aws_lb\.load-balancer_alb has deletion protection on; \d+ deployed resource\(s\) are tagged Environment=prod\./,
        );
      });

      it("lists every protection switched off in the warning section, before anything else", async () => {
        const run = await result("disarmed");
        const warnings = run.markdown.slice(run.markdown.indexOf("[!WARNING]"), run.markdown.indexOf("**Blocked:**"));
        expect(warnings).toContain(
          "> - prod turns production off (its config does not say production: true), but it is protected: the deployed aws_lb.",
        );
        expect(warnings).toMatch(/> - prod turns deletion protection off on aws_lb\.load-balancer_alb\n/);
        expect(warnings).toMatch(/> - prod drops prevent_destroy from the deployed queue aws_sqs_queue\.messaging_queue-order-queue\n/);
        expect(warnings).toMatch(
          /> - prod drops prevent_destroy from the deployed queue aws_sqs_queue\.messaging_queue-order-queue_dead-letter-queue\n/,
        );
        expect(warnings).toMatch(/> - prod turns VPC flow logs off: it destroys aws_flow_log\.network_flow-logs_flow-log\n/);
        expect(warnings).toMatch(/> - prod destroys aws_sqs_queue\.messaging_queue-audit_queue: the messages in the queue are lost/);
        expect(run.markdown.indexOf("[!WARNING]")).toBeLessThan(run.markdown.indexOf("### prod"));
      });

      it("passes with the pull-request label's override, and every summary says so and by what", async () => {
        const run = await result("overridden");
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.markdown).toMatch(
          /> \*\*Guard overridden by pull-request label allow-destroy:\*\* prod \(protected\) would replace 0 and destroy \d+ resource\(s\); prod \(protected\) turns 5 protection\(s\) off\./,
        );
        expect(run.markdown).not.toContain("**Blocked:**");
        expect(run.read("summary.txt")).toMatch(/^GUARD OVERRIDDEN by pull-request label allow-destroy: prod \(protected\)/m);
        expect(JSON.parse(run.read("summary.json")).verdict).toMatchObject({
          blocked: false,
          overriddenBy: "pull-request label allow-destroy",
        });
      });
    });

    it("npm run deploy refuses to apply a plan the guard blocks: exit 3, terraform apply never runs", async () => {
      const run = await result("deploy");
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/BLOCKED: prod \(protected\) would replace 0 and destroy 7 resource\(s\)/);
      expect(run.stdout).toContain("Nothing applied: the guard blocked the plan.");
      expect(run.stderr).not.toContain("Apply this plan to prod?");
      expect(existsSync(join(run.out, "prod", "plan.tfplan"))).toBe(true);
      expect(standIn.applies()).toEqual([]);
    });

    it("npm run drift reports a deployed state that differs from the config (a console edit, a queue the config dropped): exit 4", async () => {
      const run: CliRun & { read: (f: string) => string } = await result("drift");
      expect(run.code).toBe(4);
      expect(run.stdout).toMatch(
        /^prod: drifted \(0 changed outside Terraform; a deploy would: 0 to create, 3 to update, 0 to replace, 7 to destroy\)/,
      );
      const report = run.read("drift.md");
      expect(report).toContain("| prod | **drifted** | 0 | 0 to create, 3 to update, 0 to replace, 7 to destroy |");
      expect(report).toMatch(
        /- `aws_launch_template\.compute_launch-template_[0-9A-F]{8}`: .*`instance_type` \("t3\.large" → "t3\.small"\)/,
      );
      expect(report).toMatch(/- `aws_sqs_queue\.messaging_queue-audit_queue_[0-9A-F]{8}`/);
    });
  });
});
