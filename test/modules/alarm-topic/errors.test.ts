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

  it("throws on a name SNS would refuse", () => {
    expect(problems({ name: "on call" })).toEqual(['name ("on call") must be letters, digits, hyphens and underscores']);
  });
});
