import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { hasMessagingOutputs, MESSAGING_OUTPUT_NAMES, publishWebTierOutputs, WEB_TIER_OUTPUTS } from "../../../modules/contract";
import { resourcesOf } from "../../support/synth";
import { build, TIER } from "./helpers";

/** The tier of the other tests with its messaging section left out. */
function withoutMessaging() {
  const { messaging: _messaging, ...rest } = TIER;
  return build({ ...rest, messaging: undefined });
}

describe("web tier without messaging", () => {
  const { tier, json, stack } = withoutMessaging();

  it("creates no messaging topic, queue or subscription: the alarm topic is the only topic", () => {
    expect(Object.keys(resourcesOf(json, SqsQueue))).toEqual([]);
    expect(Object.keys(resourcesOf(json, SnsTopicSubscription))).toEqual([]);
    expect(Object.keys(resourcesOf(json, SnsTopic))).toEqual([expect.stringMatching(/^tier_alarm-topic_/)]);
  });

  it("creates no queue alarm and no queue widget", () => {
    const alarms = Object.values(resourcesOf(json, CloudwatchMetricAlarm));
    // Scaling's alarms are still there: only the queues' are gone.
    expect(alarms.map((a) => a.namespace)).toContain("AWS/ApplicationELB");
    expect(alarms.filter((a) => a.namespace === "AWS/SQS")).toEqual([]);
    for (const dashboard of Object.values(resourcesOf(json, CloudwatchDashboard)))
      expect(String(dashboard.dashboard_body)).not.toContain("AWS/SQS");
  });

  it("leaves the messaging outputs out of its outputs, not empty", () => {
    const core = Object.keys(WEB_TIER_OUTPUTS).filter((name) => !(MESSAGING_OUTPUT_NAMES as readonly string[]).includes(name));
    expect(Object.keys(tier.outputs).sort()).toEqual(core.sort());
    expect(hasMessagingOutputs(tier.outputs)).toBe(false);
    // @ts-expect-error the messaging outputs are absent from the type until narrowed
    const arn: string = tier.outputs.topic_arn;
    expect(arn).toBeUndefined();
  });

  it("publishes no messaging output from its stack", () => {
    publishWebTierOutputs(stack, tier.outputs);
    const outputs = Object.keys(JSON.parse(Testing.synth(stack)).output);
    expect(outputs.length).toBe(Object.keys(WEB_TIER_OUTPUTS).length - MESSAGING_OUTPUT_NAMES.length);
    for (const name of MESSAGING_OUTPUT_NAMES) expect(outputs).not.toContain(name);
  });

  it("still creates the messaging resources and outputs where messaging is set", () => {
    const { tier: withIt, json: withJson } = build();
    expect(Object.keys(resourcesOf(withJson, SqsQueue))).toHaveLength(2);
    expect(hasMessagingOutputs(withIt.outputs)).toBe(true);
    if (hasMessagingOutputs(withIt.outputs)) expect(withIt.outputs.queue_url).toEqual(expect.any(String));
    expect(Object.values(resourcesOf(withJson, CloudwatchMetricAlarm)).map((a) => a.namespace)).toContain("AWS/SQS");
    expect(
      Object.values(resourcesOf(withJson, CloudwatchDashboard))
        .map((d) => String(d.dashboard_body))
        .join(),
    ).toContain("AWS/SQS");
  });
});
