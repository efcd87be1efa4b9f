import { beforeAll, expect, it } from "vitest";
import { MESSAGING_OUTPUT_NAMES, WEB_TIER_OUTPUTS } from "../../modules/contract";
import { small, withoutMessaging } from "../support/environment-fixture";
import { createdCountsByType, describeTerraform, runOffline, synthesizedEnvironment, type PlanJson } from "../support/terraform";

/** A real offline plan of an environment whose tier has no messaging, next to the same with it. */
describeTerraform("an environment without messaging, planned", () => {
  let without: PlanJson;
  let withIt: PlanJson;
  beforeAll(async () => {
    const plans = await Promise.all(
      [withoutMessaging(), small].map(async (config) => (await runOffline(synthesizedEnvironment(config))).plan!),
    );
    [without, withIt] = plans as [PlanJson, PlanJson];
  });

  it("plans no queue, no messaging topic or subscription, and no queue alarm", () => {
    const counts = createdCountsByType(without);
    expect(counts.aws_sqs_queue).toBeUndefined();
    expect(counts.aws_sqs_queue_policy).toBeUndefined();
    expect(counts.aws_sns_topic_subscription).toBeUndefined();
    // The alarm topic alone.
    expect(counts.aws_sns_topic).toBe(1);
    const alarms = (without.resource_changes ?? []).filter((rc) => rc.type === "aws_cloudwatch_metric_alarm");
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.filter((rc) => (rc.change.after as { namespace?: string }).namespace === "AWS/SQS")).toEqual([]);
  });

  it("differs from the same environment with messaging by the messaging resources only", () => {
    const a = createdCountsByType(withIt);
    const b = createdCountsByType(without);
    const differing = Object.keys({ ...a, ...b })
      .filter((type) => a[type] !== b[type])
      .sort();
    expect(differing).toEqual([
      "aws_cloudwatch_metric_alarm",
      "aws_sns_topic",
      "aws_sns_topic_policy",
      "aws_sns_topic_subscription",
      "aws_sqs_queue",
      "aws_sqs_queue_policy",
      "aws_sqs_queue_redrive_allow_policy",
    ]);
  });

  it("plans every output of the contract but the messaging ones", () => {
    const outputs = Object.keys(without.output_changes ?? {}).sort();
    const core = Object.keys(WEB_TIER_OUTPUTS).filter((name) => !(MESSAGING_OUTPUT_NAMES as readonly string[]).includes(name));
    expect(outputs).toEqual(core.sort());
    expect(Object.keys(withIt.output_changes ?? {}).sort()).toEqual(Object.keys(WEB_TIER_OUTPUTS).sort());
  });
});
