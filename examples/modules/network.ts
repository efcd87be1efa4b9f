// A VPC across two zones with one NAT gateway, an S3 gateway endpoint and Session Manager
// endpoints. Run: node --require ./scripts/register-ts.cjs examples/modules/network.ts
import { Network } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";

export function networkExample(stack: ExampleStack): Network {
  return new Network(stack, "network", {
    name: "example",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    subnetTiers: ["public", "private", "isolated"],
    s3GatewayEndpoint: true,
    sessionManagerEndpoints: true,
  });
}

if (require.main === module) synthExample("network", networkExample);
