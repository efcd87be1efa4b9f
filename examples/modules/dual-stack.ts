// A dual-stack web tier: IPv6 on the VPC and every subnet, the load balancer on both stacks
// under its own name (A and AAAA aliases), and database subnets with their DB subnet group.
// Run: node --require ./scripts/register-ts.cjs examples/modules/dual-stack.ts
import { publishWebTierOutputs, WebTier } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";

export function dualStackExample(stack: ExampleStack): WebTier {
  const tier = new WebTier(stack, "tier", {
    name: "example",
    network: {
      cidr: "10.40.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      subnetTiers: ["public", "private", "isolated"],
      ipv6: true,
      databaseSubnetGroup: true,
      gatewayEndpoints: ["s3", "dynamodb"],
    },
    loadBalancer: { domain: { zoneId: "Z0123456789ABCDEFGHIJ", recordName: "app.example.com" } },
    compute: { mode: "asg", minSize: 1, maxSize: 3 },
    alarmTopic: { emailSubscriptions: ["oncall@example.com"] },
  });
  publishWebTierOutputs(stack, tier.outputs);
  return tier;
}

if (require.main === module) synthExample("dual-stack", dualStackExample);
