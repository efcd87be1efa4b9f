// The whole tier from one section per module, wired and validated by the library, with its
// outputs published as the stable contract every environment has.
// Run: node --require ./scripts/register-ts.cjs examples/modules/web-tier.ts
import { publishWebTierOutputs, WebTier } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";

export function webTierExample(stack: ExampleStack): WebTier {
  const tier = new WebTier(stack, "tier", {
    name: "example",
    network: { cidr: "10.30.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] },
    compute: { mode: "asg", minSize: 1, maxSize: 3 },
    alarmTopic: { emailSubscriptions: ["oncall@example.com"] },
    messaging: { topicName: "orders", queues: [{ name: "fulfilment" }] },
  });
  publishWebTierOutputs(stack, tier.outputs);
  return tier;
}

if (require.main === module) synthExample("web-tier", webTierExample);
