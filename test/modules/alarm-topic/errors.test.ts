import { describe, expect, it } from "vitest";
import { AlarmTopic, type AlarmTopicProps } from "../../../modules/alarm-topic";
import { problemsOf, testStack } from "../../support/synth";

const problems = (props: Partial<AlarmTopicProps>) => problemsOf(() => new AlarmTopic(testStack(), "alarm-topic", { name: "demo", ...props }));

describe("alarm topic validation", () => {
  it("throws on a malformed or repeated email", () => {
    expect(problems({ emailSubscriptions: ["oncall", "a@example.com", "a@example.com"] })).toEqual([
      'emailSubscriptions[0] ("oncall") must be an email address',
      'emailSubscriptions lists "a@example.com" more than once',
    ]);
  });

  it("throws when the key deletion window is outside KMS's 7 to 30 days", () => {
    expect(problems({ keyDeletionWindowDays: 6 })).toEqual(["keyDeletionWindowDays (6) must be a whole number from 7 to 30 days"]);
  });

  it("throws on an endpoint that is not an HTTPS URL, or carries credentials", () => {
    expect(problems({ httpsEndpoints: ["http://events.example.com/sns", "events.example.com", "https://user:secret@events.example.com/"] })).toEqual([
      'httpsEndpoints[0] ("http://events.example.com/sns") must use https: alarms leave AWS, and plain HTTP would carry them in clear text',
      'httpsEndpoints[1] ("events.example.com") is not a URL such as https://events.example.com/sns',
      'httpsEndpoints[2] ("https://user:secret@events.example.com/") must not hold credentials: SNS shows endpoints to anyone who may list subscriptions',
    ]);
  });

  it("throws on a forward target that is not a standard topic of the provider's region", () => {
    expect(
      problems({
        forwardToTopicArns: ["arn:aws:sns:eu-west-1:123456789012:oncall", "arn:aws:sns:us-east-1:123456789012:oncall.fifo", "arn:aws:sqs:us-east-1:123456789012:q"],
      }),
    ).toEqual([
      'forwardToTopicArns[1] ("arn:aws:sns:us-east-1:123456789012:oncall.fifo") must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>, not .fifo)',
      'forwardToTopicArns[2] ("arn:aws:sqs:us-east-1:123456789012:q") must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>, not .fifo)',
      // The well-formed ARN beside them is still judged against the region.
      'forwardToTopicArns[0] ("arn:aws:sns:eu-west-1:123456789012:oncall") is in eu-west-1, not us-east-1: an EventBridge rule only reaches targets in its own region',
    ]);
    expect(problems({ forwardToTopicArns: ["arn:aws:sns:eu-west-1:123456789012:oncall"] })).toEqual([
      'forwardToTopicArns[0] ("arn:aws:sns:eu-west-1:123456789012:oncall") is in eu-west-1, not us-east-1: an EventBridge rule only reaches targets in its own region',
    ]);
  });

  it("throws when the topic would forward to itself, or to more topics than a rule can reach", () => {
    expect(problems({ forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:demo-alarms"] })).toEqual([
      'forwardToTopicArns[0] ("arn:aws:sns:us-east-1:123456789012:demo-alarms") is this alarm topic itself: forwarding its alarms to it would only repeat them',
    ]);
    expect(problems({ forwardToTopicArns: [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:sns:us-east-1:123456789012:t${n}`) })).toEqual([
      "forwardToTopicArns must list 0 to 5 topics (got 6); EventBridge gives a rule at most 5 targets",
    ]);
  });

  it("throws when the forward rule's name would pass EventBridge's 64 characters", () => {
    expect(problems({ name: "n".repeat(50), forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:oncall"] })).toEqual([
      `forwardToTopicArns need an EventBridge rule named "${"n".repeat(50)}-alarms-forward" (65 characters); EventBridge allows at most 64: shorten the name`,
    ]);
  });

  it("throws on a name SNS would refuse", () => {
    expect(problems({ name: "on call" })).toEqual(['name ("on call") must be letters, digits, hyphens and underscores']);
  });
});
