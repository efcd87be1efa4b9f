import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { hasMessagingOutputs, MESSAGING_OUTPUT_NAMES, readWebTierOutputs, WEB_TIER_OUTPUTS } from "../../../modules/contract";
import { testStack } from "../../support/synth";

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
