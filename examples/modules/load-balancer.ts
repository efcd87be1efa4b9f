// An internet-facing ALB in a network's public subnets, with a WAF web ACL and access logs.
// Run: node --require ./scripts/register-ts.cjs examples/modules/load-balancer.ts
import { LoadBalancer, type Network } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";
import { networkExample } from "./network";

export function loadBalancerExample(stack: ExampleStack): { network: Network; loadBalancer: LoadBalancer } {
  const network = networkExample(stack);
  const loadBalancer = new LoadBalancer(stack, "load-balancer", {
    name: "example",
    vpcId: network.outputs.vpcId,
    vpcCidr: network.outputs.vpcCidr,
    subnetIds: network.outputs.publicSubnetIds,
    targetPort: 8080,
    healthCheck: { path: "/health" },
    webAcl: {},
    accessLogs: { expirationDays: 30 },
  });
  return { network, loadBalancer };
}

if (require.main === module) synthExample("load-balancer", loadBalancerExample);
