import { beforeAll, expect, it } from "vitest";
import { dev } from "../../envs/dev";
import { ExampleStack } from "../../examples/modules/example-stack";
import { messagingExample } from "../../examples/modules/messaging";
import { guard } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import { simulateDeploy } from "../support/simulated-deploy";
import { describeTerraform, planStack, runOffline, synthesizedEnvironment, tempApp, type PlanJson } from "../support/terraform";

type Values = Record<string, unknown>;
const after = (plan: PlanJson, type: string): Values[] =>
  (plan.resource_changes ?? []).filter((rc) => rc.type === type).map((rc) => rc.change.after as Values);

/** dev as it was deployed before its messaging became FIFO: standard topic and queue. */
const standardDev = {
  ...dev,
  messaging: { topicName: "order-alerts", queues: [{ name: "order-queue", visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 45 }] },
};

/**
 * dev's messaging turned FIFO, planned by real Terraform against a dev deployed with standard
 * messaging (a simulated state): what the provider accepts, what it replaces, and how the
 * summary and the guard classify it.
 */
describeTerraform("dev's messaging made FIFO, against a deployed standard dev", () => {
  let plan: PlanJson;

  beforeAll(async () => {
    const { state } = await simulateDeploy(synthesizedEnvironment(standardDev));
    plan = (await runOffline(synthesizedEnvironment(dev), { state })).plan!;
  });

  it("plans a FIFO topic in high-throughput mode, named .fifo", () => {
    expect(after(plan, "aws_sns_topic").filter((t) => t.fifo_topic === true)).toEqual([
      expect.objectContaining({
        name: "webtier-dev-order-alerts.fifo",
        content_based_deduplication: true,
        fifo_throughput_scope: "MessageGroup",
      }),
    ]);
  });

  it("plans the FIFO queue in high-throughput mode and its FIFO dead-letter queue", () => {
    const queues = Object.fromEntries(after(plan, "aws_sqs_queue").map((q) => [q.name, q]));
    expect(Object.keys(queues).sort()).toEqual(["webtier-dev-order-queue-dlq.fifo", "webtier-dev-order-queue.fifo"]);
    expect(queues["webtier-dev-order-queue.fifo"]).toMatchObject({
      fifo_queue: true,
      deduplication_scope: "messageGroup",
      fifo_throughput_limit: "perMessageGroupId",
    });
    expect(queues["webtier-dev-order-queue-dlq.fifo"]).toMatchObject({ fifo_queue: true });
  });

  it("replaces the topic and both queues (their names change); outside messaging, only the dashboard showing the queues changes", () => {
    const summary = summarize("dev", plan);
    const replaced = summary.replacements.map((r) => r.address);
    expect(replaced).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_sns_topic\.messaging_topic_/),
        expect.stringMatching(/^aws_sqs_queue\.messaging_queue-order-queue_/),
      ]),
    );
    expect(summary.replacements.find((r) => r.address.startsWith("aws_sns_topic.messaging_topic_"))!.forcedBy).toEqual(
      expect.arrayContaining(["name"]),
    );
    const touched = [...replaced, ...summary.updates.map((u) => u.address), ...summary.creates, ...summary.destroys];
    expect(touched.filter((address) => !/\.messaging_/.test(address))).toEqual([
      expect.stringMatching(/^aws_cloudwatch_dashboard\.scaling_dashboard_/),
    ]);
    expect(summary.updates.find((u) => u.address.startsWith("aws_cloudwatch_dashboard."))).toBeDefined();
    expect(summary.counts.destroy).toBe(0);
  });

  it("is not blocked on dev, which is not protected, but would be on a protected environment", () => {
    const summary = summarize("dev", plan);
    expect(summary.protection.protected).toBe(false);
    expect(guard([summary]).blocked).toBe(false);
    const verdict = guard([summarize("dev", plan, { production: true })]);
    expect(verdict.blocked).toBe(true);
    expect(verdict.reasons[0]).toMatch(/^dev \(protected\) would replace \d+ and destroy 0 resource\(s\)$/);
  });

  it("warns that replacing the queues loses the messages they hold", () => {
    expect(summarize("dev", plan).warnings.filter((w) => /aws_sqs_queue\.messaging_queue-order-queue/.test(w)).length).toBeGreaterThan(0);
  });
});

/** The module example (delivery-status logging, a customer managed key), planned from empty state by real Terraform. */
describeTerraform("examples/modules/messaging", () => {
  let plan: PlanJson;

  beforeAll(async () => {
    const app = tempApp();
    messagingExample(new ExampleStack(app, "messaging"));
    plan = (await planStack(app, "messaging")).plan!;
  });

  it("plans the delivery-status role and gives the topic its ARN for successes and failures", () => {
    const [role] = after(plan, "aws_iam_role");
    expect(role).toMatchObject({ name: "example-orders-delivery-status" });
    const [topic] = after(plan, "aws_sns_topic").filter((t) => t.name === "example-orders");
    expect(topic).toMatchObject({ sqs_success_feedback_sample_rate: 10 });
    const unknown = (plan.resource_changes ?? []).find(
      (rc) => rc.type === "aws_sns_topic" && (rc.change.after as Values).name === "example-orders",
    )!.change.after_unknown as Values;
    // Known after the role exists: the plan leaves them to apply time.
    expect(unknown).toMatchObject({ sqs_success_feedback_role_arn: true, sqs_failure_feedback_role_arn: true });
  });

  it("plans the customer managed key, its reuse period and the week of dead-letter retention", () => {
    const queues = Object.fromEntries(after(plan, "aws_sqs_queue").map((q) => [q.name, q]));
    expect(queues["example-fulfilment"]).toMatchObject({
      kms_master_key_id: "alias/example-orders",
      kms_data_key_reuse_period_seconds: 3600,
      message_retention_seconds: 86400,
    });
    expect(queues["example-fulfilment-dlq"]).toMatchObject({
      kms_master_key_id: "alias/example-orders",
      kms_data_key_reuse_period_seconds: 3600,
      message_retention_seconds: 604800,
    });
  });
});
