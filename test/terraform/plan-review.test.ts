import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EnvironmentStack, type EnvironmentConfig } from "../../envs";
import { prod } from "../../envs/prod";
import { guard, renderMarkdown, renderText, summarize, type PlanSummary } from "../../scripts/lib/plan-summary";
import { simulateDeploy } from "../support/simulated-deploy";
import { runOffline, TerraformError } from "../../scripts/lib/terraform";
import { describeTerraform, tempApp } from "../support/terraform";

/** Prod as deployed: its order queue plus an audit queue, which one change below removes. */
const deployed: EnvironmentConfig = {
  ...prod,
  messaging: { ...prod.messaging, queues: [...prod.messaging.queues, { name: "audit", visibilityTimeoutSeconds: 30 }] },
};

function synth(config: EnvironmentConfig): string {
  const app = tempApp();
  new EnvironmentStack(app, config);
  app.synth();
  return join(app.outdir, "stacks", config.name);
}

/**
 * Real plans of real changes: prod is "deployed" into a simulated state (plans applied until a
 * re-plan shows nothing to do), then changed configurations are planned against that state.
 */
describeTerraform("plan review of real changes to prod", () => {
  let state: string;
  const changes = {
    newQueue: { ...deployed, messaging: { ...deployed.messaging, queues: [...deployed.messaging.queues, { name: "billing" }] } },
    instanceType: { ...deployed, compute: { ...deployed.compute, instanceType: "t3.medium" } },
    vpcCidr: { ...deployed, network: { ...deployed.network, cidr: "10.31.0.0/16" } },
    removedQueue: prod,
  } satisfies Record<string, EnvironmentConfig>;
  const summaries = new Map<keyof typeof changes, Promise<PlanSummary>>();
  const planOf = (change: keyof typeof changes) => summaries.get(change)!;
  let fifoFailure: Promise<unknown>;

  beforeAll(async () => {
    ({ state } = await simulateDeploy(synth(deployed)));
    // Every change planned at once against the deployed state.
    for (const [name, config] of Object.entries(changes)) {
      const summary = runOffline(synth(config), { state, validate: false }).then(({ plan }) => summarize("prod", plan!, true));
      summary.catch(() => undefined);
      summaries.set(name as keyof typeof changes, summary);
    }
    fifoFailure = runOffline(synth({ ...deployed, messaging: { ...deployed.messaging, fifo: true } }), { state, validate: false }).catch((e: unknown) => e);
  });

  describe("a new resource: a third queue", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("newQueue");
    });

    it("counts and lists the creations, and the dashboard's update to graph the new queue", () => {
      // The queue, its dead-letter queue, policy, redrive-allow policy, subscription and DLQ alarm.
      expect(summary.counts).toMatchObject({ create: 6, replace: 0, destroy: 0 });
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
      expect(summary.counts).toEqual({ create: 0, update: 2, replace: 0, destroy: 0, move: 0 });
      const template = summary.updates.find((u) => u.address.startsWith("aws_launch_template."))!;
      expect(template.changes).toContainEqual({ path: "instance_type", before: '"t3.small"', after: '"t3.medium"' });
    });

    it("rolls the Auto Scaling Group onto the new template version", () => {
      const group = summary.updates.find((u) => u.address.startsWith("aws_autoscaling_group."))!;
      expect(group.changes).toContainEqual({ path: "launch_template[0].version", before: '"1"', after: "(known after apply)" });
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
      const forced = Object.fromEntries(summary.replacements.map((r) => [r.address.split(".")[0] + "." + r.address.split(".")[1]!.replace(/_[0-9A-F]{8}$/, ""), r.forcedBy]));
      expect(forced["aws_vpc.network_vpc"]).toEqual(["cidr_block"]);
      expect(forced["aws_subnet.network_public-subnet-us-east-1a"]).toEqual(["vpc_id", "cidr_block"]);
      expect(summary.counts.replace).toBeGreaterThanOrEqual(1 + 6);
    });

    it("puts the stateful replacements in the warning section", () => {
      expect(summary.warnings).toContainEqual(expect.stringMatching(/^prod replaces aws_vpc\.network_vpc_[0-9A-F]{8}: everything in the VPC goes with it$/));
      expect(summary.warnings.filter((w) => w.includes("aws_subnet."))).toHaveLength(6);
      expect(renderMarkdown([summary]).indexOf("[!WARNING]")).toBeLessThan(renderMarkdown([summary]).indexOf("### prod"));
    });

    it("is blocked by the guard unless destruction is allowed", () => {
      const verdict = guard([summary], false);
      expect(verdict.blocked).toBe(true);
      expect(verdict.reasons).toEqual([expect.stringMatching(/^prod \(production\) would replace \d+ and destroy 0 resource\(s\)$/)]);
      expect(guard([summary], true).blocked).toBe(false);
      expect(renderText([summary], verdict)).toMatch(/BLOCKED: prod \(production\) would replace/);
    });
  });

  describe("a removed queue", () => {
    let summary: PlanSummary;
    beforeAll(async () => {
      summary = await planOf("removedQueue");
    });

    it("destroys the queue, its dead-letter queue, policy, subscription and alarm, and updates the dashboard", () => {
      expect(summary.counts).toMatchObject({ create: 0, replace: 0, destroy: 6 });
      expect(summary.updates.map((u) => u.address)).toEqual([expect.stringMatching(/^aws_cloudwatch_dashboard\.scaling_dashboard_/)]);
      expect(summary.destroys.map((a) => a.split(".")[0]).sort()).toEqual([
        "aws_cloudwatch_metric_alarm",
        "aws_sns_topic_subscription",
        "aws_sqs_queue",
        "aws_sqs_queue",
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

  describe("npm run plan, offline against the deployed state", () => {
    const ROOT = join(__dirname, "..", "..");
    const cli = async (...args: string[]) => {
      const out = mkdtempSync(join(tmpdir(), "plan-out-"));
      const child = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "scripts", "plan.ts"), ...args, "--out", out],
          { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: mkdtempSync(join(tmpdir(), "plan-synth-")) }, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
        );
      });
      return { ...child, markdown: existsSync(join(out, "summary.md")) ? readFileSync(join(out, "summary.md"), "utf8") : "", out };
    };
    let stateDir: string;
    beforeAll(() => {
      // The committed prod config lacks the deployed audit queue: the plan destroys it.
      stateDir = mkdtempSync(join(tmpdir(), "plan-state-"));
      writeFileSync(join(stateDir, "prod.tfstate"), state);
    });

    it("exits 3, saving plan, JSON and summaries, when prod's plan destroys something", async () => {
      const run = await cli("prod", "--offline", "--state", stateDir);
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^WARNING: stateful or protected resources are destroyed or replaced:/);
      expect(run.stdout).toMatch(/BLOCKED: prod \(production\) would replace 0 and destroy 6 resource\(s\)/);
      expect(run.markdown).toContain("<!-- webtier-plan-summary -->");
      expect(run.markdown).toMatch(/\| prod \(production\) \| 0 \| 1 \| 0 \| 6 \| 0 \|/);
      for (const file of ["prod/plan.tfplan", "prod/plan.json", "summary.md", "summary.txt", "summary.json"]) expect(existsSync(join(run.out, file)), file).toBe(true);
    });

    it("exits 0 with --allow-destroy, keeping the warning", async () => {
      const run = await cli("prod", "--offline", "--state", stateDir, "--allow-destroy");
      expect(run.code).toBe(0);
      expect(run.markdown).toContain("[!WARNING]");
      expect(run.markdown).not.toContain("**Blocked:**");
    });
  });
});
