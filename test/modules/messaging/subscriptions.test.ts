import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { describe, expect, it } from "vitest";
import { instancesOf, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

const TOPIC = expect.stringMatching(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.arn\}$/);

describe("subscriptions", () => {
  it("subscribes each queue to the topic, enveloped by default", () => {
    expect(Object.values(resourcesOf(build().json, SnsTopicSubscription))).toEqual([
      {
        topic_arn: TOPIC,
        protocol: "sqs",
        endpoint: expect.stringMatching(/^\$\{aws_sqs_queue\.messaging_queue-order-queue_[0-9A-F]{8}\.arn\}$/),
        raw_message_delivery: false,
      },
    ]);
  });

  it("delivers raw messages through a filter policy when asked", () => {
    const [sub] = Object.values(
      resourcesOf(
        build({
          queues: [{ name: "big-orders", rawMessageDelivery: true, filterPolicy: { size: ["large"] }, filterPolicyScope: "MessageBody" }],
        }).json,
        SnsTopicSubscription,
      ),
    );
    expect(sub).toMatchObject({ raw_message_delivery: true, filter_policy_scope: "MessageBody" });
    expect(JSON.parse(String(sub!.filter_policy))).toEqual({ size: ["large"] });
  });

  it("scopes a filter policy to message attributes by default", () => {
    const [sub] = Object.values(
      resourcesOf(build({ queues: [{ name: "q", filterPolicy: { kind: ["order"] } }] }).json, SnsTopicSubscription),
    );
    expect(sub).toMatchObject({ filter_policy_scope: "MessageAttributes" });
  });

  it("subscribes each email address", () => {
    const emails = instancesOf(build({ emailSubscriptions: ["ops@example.com", "sales@example.com"] }).json, SnsTopicSubscription)
      .filter((s) => s.protocol === "email")
      .map((s) => s.endpoint);
    expect(emails.sort()).toEqual(["ops@example.com", "sales@example.com"]);
  });
});
