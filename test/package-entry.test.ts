import { describe, expect, it } from "vitest";
import * as entry from "../modules";

describe("the package entry (modules/index.ts)", () => {
  it("exports the public surface only: constructs, the contract, backends, the remote-state reader and ValidationError", () => {
    // Written out: adding or removing a public name must mean changing this list on purpose.
    expect(Object.keys(entry).sort()).toEqual([
      "AlarmTopic",
      "Compute",
      "LoadBalancer",
      "MESSAGING_OUTPUT_NAMES",
      "Messaging",
      "Network",
      "Scaling",
      "ValidationError",
      "WEB_TIER_OUTPUTS",
      "WebTier",
      "hasMessagingOutputs",
      "publishWebTierOutputs",
      "readWebTierOutputs",
      "remoteState",
      "useBackend",
    ]);
  });
});
