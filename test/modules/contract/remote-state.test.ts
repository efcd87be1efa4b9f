import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { hasMessagingOutputs, MESSAGING_OUTPUT_NAMES, readWebTierOutputs, WEB_TIER_OUTPUTS, webTierQueue } from "../../../modules/contract";
import { build } from "../web-tier/helpers";
import { resolveValues, testStack } from "../../support/synth";

describe("readWebTierOutputs", () => {
  it("reads every output of the contract by default", () => {
    const web = readWebTierOutputs(testStack(), "web", { kind: "local", path: "web.tfstate" });
    expect(Object.keys(web).sort()).toEqual(Object.keys(WEB_TIER_OUTPUTS).sort());
    expect(hasMessagingOutputs(web)).toBe(true);
  });

  it("reads no messaging output from an environment without messaging", () => {
    const stack = testStack();
    const web = readWebTierOutputs(stack, "web", { kind: "local", path: "web.tfstate" }, { messaging: false });
    for (const name of MESSAGING_OUTPUT_NAMES) expect(web).not.toHaveProperty(name);
    expect(hasMessagingOutputs(web)).toBe(false);
    expect(Testing.synth(stack)).toContain("terraform_remote_state");
  });
});

describe("webTierQueue", () => {
  it("reads one queue from remote state as lookups into the queues output, by name", () => {
    const stack = testStack();
    const web = readWebTierOutputs(stack, "web", { kind: "local", path: "web.tfstate" });
    const out = resolveValues(stack, { ...webTierQueue(web, "order-queue") });
    const lookup = (field: string) => `\${data.terraform_remote_state.web.outputs.queues["order-queue"].${field}}`;
    expect(out).toEqual({
      url: lookup("url"),
      arn: lookup("arn"),
      name: lookup("name"),
      dlq_url: lookup("dlq_url"),
      dlq_arn: lookup("dlq_arn"),
    });
  });

  it("gives a tier's own queue by name, and refuses a name the tier does not have", () => {
    const { tier } = build({ messaging: { topicName: "orders", queues: [{ name: "fulfilment" }, { name: "billing" }] } });
    const outputs = tier.outputs;
    if (!hasMessagingOutputs(outputs)) throw new Error("the tier has messaging");
    expect(webTierQueue(outputs, "billing")).toBe(outputs.queues.billing);
    expect(() => webTierQueue(outputs, "refunds")).toThrow('the web tier has no queue named "refunds": it has ["fulfilment","billing"]');
  });
});
