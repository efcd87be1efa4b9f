import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { describe, expect, it } from "vitest";
import { parseJsonTemplate, resourcesOf } from "../../support/synth";
import { build, logicalName } from "./helpers";

const TLS_ONLY = {
  Sid: "TlsOnly",
  Effect: "Deny",
  Principal: "*",
  Action: "sqs:*",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

describe("TLS only", () => {
  const { json } = build({ queues: [{ name: "orders" }, { name: "audit" }] });
  const policies = Object.values(resourcesOf(json, SqsQueuePolicy));
  /** The policy statements of the queue named `name`, found by its URL reference. */
  const statementsOf = (name: string) => {
    const url = `\${aws_sqs_queue.${logicalName(json, "aws_sqs_queue", name)}.url}`;
    const matching = policies.filter((p) => p.queue_url === url);
    expect(matching).toHaveLength(1);
    return parseJsonTemplate(matching[0]!.policy).Statement as Record<string, unknown>[];
  };

  it.each(["webtier-dev-orders", "webtier-dev-orders-dlq", "webtier-dev-audit", "webtier-dev-audit-dlq"])(
    "refuses requests to %s that do not use TLS",
    (name) => {
      const arn = `\${aws_sqs_queue.${logicalName(json, "aws_sqs_queue", name)}.arn}`;
      expect(statementsOf(name)).toContainEqual({ ...TLS_ONLY, Resource: arn });
    },
  );

  it("lets nobody send to a dead-letter queue: its policy only denies", () => {
    expect(statementsOf("webtier-dev-orders-dlq").map((s) => s.Effect)).toEqual(["Deny"]);
  });
});
