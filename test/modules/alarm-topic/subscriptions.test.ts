import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { AlarmTopic, type AlarmTopicProps } from "../../../modules/alarm-topic";
import { instancesOf, onlyResource, resourcesOf, synth, testStack } from "../../support/synth";

const ONCALL_TOPIC = "arn:aws:sns:us-east-1:123456789012:oncall";
const CHAT_TOPIC = "arn:aws:sns:us-east-1:123456789012:chatbot-ops";

function build(props: Partial<AlarmTopicProps>) {
  const stack = testStack();
  new AlarmTopic(stack, "alarm-topic", { name: "demo", ...props });
  return synth(stack).json;
}

describe("alarm topic subscriptions", () => {
  it("subscribes each HTTPS endpoint with the https protocol, keyed by its URL", () => {
    const json = build({ httpsEndpoints: ["https://events.example.com/sns", "https://hooks.example.net/alarms?team=web"] });
    expect(instancesOf(json, SnsTopicSubscription)).toEqual([
      expect.objectContaining({
        protocol: "https",
        endpoint: "https://events.example.com/sns",
        topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.alarm-topic_/),
      }),
      expect.objectContaining({ protocol: "https", endpoint: "https://hooks.example.net/alarms?team=web" }),
    ]);
    // Pending until the endpoint confirms: Terraform is not told to wait for an automatic confirmation.
    for (const s of instancesOf(json, SnsTopicSubscription)) expect(s).not.toHaveProperty("endpoint_auto_confirms", true);
  });

  it("keeps emails and HTTPS endpoints in resources of their own, so adding one kind moves nothing of the other", () => {
    const json = build({ emailSubscriptions: ["oncall@example.com"], httpsEndpoints: ["https://events.example.com/sns"] });
    expect(
      Object.keys(resourcesOf(json, SnsTopicSubscription))
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["alarm-topic_email", "alarm-topic_https"]);
  });

  it("forwards ALARM and OK of the alarms named <name>-… to existing topics through one EventBridge rule", () => {
    const json = build({ forwardToTopicArns: [ONCALL_TOPIC, CHAT_TOPIC] });
    const rule = onlyResource(json, CloudwatchEventRule);
    expect(rule.name).toBe("demo-alarms-forward");
    expect(JSON.parse(String(rule.event_pattern))).toEqual({
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      detail: { alarmName: [{ prefix: "demo-" }], state: { value: ["ALARM", "OK"] } },
    });
    expect(instancesOf(json, CloudwatchEventTarget)).toEqual([
      expect.objectContaining({
        arn: ONCALL_TOPIC,
        rule: expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\.alarm-topic_forward_rule_[0-9A-F]{8}\.name\}$/),
      }),
      expect.objectContaining({ arn: CHAT_TOPIC }),
    ]);
    // SNS targets use the topic's own policy: a role would break delivery to encrypted topics.
    for (const target of instancesOf(json, CloudwatchEventTarget)) expect(target).not.toHaveProperty("role_arn");
  });

  it("forwards to topics given as a token list (another stack's output)", () => {
    const json = build({ forwardToTopicArns: Token.asList("remote.topics") });
    expect(onlyResource(json, CloudwatchEventTarget).for_each).toBe("${toset(remote.topics)}");
  });

  it("creates no forward rule without topics to forward to", () => {
    expect(resourcesOf(build({ emailSubscriptions: ["oncall@example.com"] }), CloudwatchEventRule)).toEqual({});
  });
});
