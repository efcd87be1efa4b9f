import { describe, expect, it } from "vitest";
import { AlarmTopic } from "../../../modules/alarm-topic";
import { resolveValues, testStack } from "../../support/synth";

describe("alarm topic outputs", () => {
  it("gives the topic's ARN and name and the key's ARN, as references", () => {
    const stack = testStack();
    const topic = new AlarmTopic(stack, "alarm-topic", { name: "demo" });
    expect(resolveValues(stack, { ...topic.outputs })).toEqual({
      topicArn: expect.stringMatching(/^\$\{aws_sns_topic\.alarm-topic_[0-9A-F]{8}\.arn\}$/),
      topicName: expect.stringMatching(/^\$\{aws_sns_topic\.alarm-topic_[0-9A-F]{8}\.name\}$/),
      kmsKeyArn: expect.stringMatching(/^\$\{aws_kms_key\.alarm-topic_key_[0-9A-F]{8}\.arn\}$/),
    });
  });
});
