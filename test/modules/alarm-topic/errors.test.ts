import { describe, expect, it } from "vitest";
import { AlarmTopic, type AlarmTopicProps } from "../../../modules/alarm-topic";
import { findingPathsOf } from "../../support/findings";
import { testStack } from "../../support/synth";

const problems = (props: Partial<AlarmTopicProps>) =>
  findingPathsOf(() => new AlarmTopic(testStack(), "alarm-topic", { name: "demo", ...props }));

describe("alarm topic validation", () => {
  it("throws on a malformed or repeated email", () => {
    expect(problems({ emailSubscriptions: ["oncall", "a@example.com", "a@example.com"] })).toEqual([
      "emailSubscriptions[0]",
      "emailSubscriptions",
    ]);
  });

  it("throws when the key deletion window is outside KMS's 7 to 30 days", () => {
    expect(problems({ keyDeletionWindowDays: 6 })).toEqual(["keyDeletionWindowDays"]);
    expect(problems({ keyDeletionWindowDays: 31 })).toEqual(["keyDeletionWindowDays"]);
    expect([problems({ keyDeletionWindowDays: 7 }), problems({ keyDeletionWindowDays: 30 })]).toEqual([[], []]);
  });

  it("throws on an endpoint that is not an HTTPS URL, or carries credentials", () => {
    expect(
      problems({ httpsEndpoints: ["http://events.example.com/sns", "events.example.com", "https://user:secret@events.example.com/"] }),
    ).toEqual(["httpsEndpoints[0]", "httpsEndpoints[1]", "httpsEndpoints[2]"]);
  });

  it("throws on a forward target that is not a standard topic of the provider's region", () => {
    expect(
      problems({
        forwardToTopicArns: [
          "arn:aws:sns:eu-west-1:123456789012:oncall",
          "arn:aws:sns:us-east-1:123456789012:oncall.fifo",
          "arn:aws:sqs:us-east-1:123456789012:q",
        ],
      }),
    ).toEqual(["forwardToTopicArns[1]", "forwardToTopicArns[2]", "forwardToTopicArns[0]"]);
    expect(problems({ forwardToTopicArns: ["arn:aws:sns:eu-west-1:123456789012:oncall"] })).toEqual(["forwardToTopicArns[0]"]);
  });

  it("throws when the topic would forward to itself, or to more topics than a rule can reach", () => {
    expect(problems({ forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:demo-alarms"] })).toEqual(["forwardToTopicArns[0]"]);
    expect(problems({ forwardToTopicArns: [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:sns:us-east-1:123456789012:t${n}`) })).toEqual([
      "forwardToTopicArns",
    ]);
    expect(problems({ forwardToTopicArns: [1, 2, 3, 4, 5].map((n) => `arn:aws:sns:us-east-1:123456789012:t${n}`) })).toEqual([]);
  });

  it("throws when the forward rule's name would pass EventBridge's 64 characters", () => {
    expect(problems({ name: "n".repeat(50), forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:oncall"] })).toEqual([
      "forwardToTopicArns",
    ]);
  });

  it("throws on a name SNS would refuse", () => {
    expect(problems({ name: "on call" })).toEqual(["name"]);
  });
});
