import { WebTier, type WebTierProps } from "../../../modules/web-tier";
import { synth, testStack } from "../../support/synth";

/** A small tier in asg mode across two zones: what most tests build and vary. */
export const TIER: WebTierProps = {
  name: "shop-dev",
  network: { cidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
  compute: { mode: "asg", minSize: 1, maxSize: 2, minHealthyPercentage: 100, maxHealthyPercentage: 200 },
  messaging: { topicName: "orders", queues: [{ name: "fulfilment" }] },
};

export function build(overrides: Partial<WebTierProps> = {}) {
  const stack = testStack();
  const tier = new WebTier(stack, "tier", { ...TIER, ...overrides });
  return { tier, stack, ...synth(stack) };
}
