import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { AlarmTopic, type AlarmTopicProps } from "../../../modules/alarm-topic";
import { synthWarnings } from "../../../envs/warnings";
import { testStack } from "../../support/synth";

function warnings(props: Partial<AlarmTopicProps>) {
  const stack = testStack();
  new AlarmTopic(stack, "alarm-topic", { name: "demo", ...props });
  return synthWarnings(stack);
}

describe("alarm topic warnings", () => {
  // The wording is reviewed in test/modules/corpus.test.ts's snapshot.
  it("warns, naming the construct, when nobody subscribes: its alarms would reach nobody", () => {
    expect(warnings({}).map((w) => w.path)).toEqual(["test/alarm-topic"]);
  });

  it("warns for empty lists as for none", () => {
    expect(warnings({ emailSubscriptions: [], httpsEndpoints: [], forwardToTopicArns: [] }).map((w) => w.path)).toEqual([
      "test/alarm-topic",
    ]);
  });

  it.each([
    ["an email", { emailSubscriptions: ["oncall@example.com"] }],
    ["an HTTPS endpoint", { httpsEndpoints: ["https://events.example.com/sns"] }],
    ["a topic to forward to", { forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:oncall"] }],
    ["a token list nobody can judge at synth", { emailSubscriptions: Token.asList("remote.emails") }],
  ] as const)("stays quiet with %s", (_, props) => {
    expect(warnings(props)).toEqual([]);
  });
});
