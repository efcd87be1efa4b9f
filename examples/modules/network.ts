// A VPC across two zones with one NAT gateway, database subnets with their DB subnet group, S3
// and DynamoDB gateway endpoints, Session Manager endpoints and a network ACL on the database
// tier. Run: node --require ./scripts/register-ts.cjs examples/modules/network.ts
import { Network } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";

export function networkExample(stack: ExampleStack): Network {
  return new Network(stack, "network", {
    name: "example",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    subnetTiers: ["public", "private", "isolated"],
    databaseSubnetGroup: true,
    gatewayEndpoints: ["s3", "dynamodb"],
    sessionManagerEndpoints: true,
    networkAcls: {
      // Databases answer the private tier on PostgreSQL's port, and nothing else.
      isolated: {
        inbound: [{ ruleNumber: 100, protocol: "tcp", cidr: "10.20.8.0/21", fromPort: 5432 }],
        outbound: [{ ruleNumber: 100, protocol: "tcp", cidr: "10.20.8.0/21", fromPort: 1024, toPort: 65535 }],
      },
    },
  });
}

if (require.main === module) synthExample("network", networkExample);
