// An Auto Scaling Group of two to six instances on two instance types, behind the load balancer.
// Run: node --require ./scripts/register-ts.cjs examples/modules/compute.ts
import { Compute, type LoadBalancer } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";
import { loadBalancerExample } from "./load-balancer";

export function computeExample(stack: ExampleStack): { loadBalancer: LoadBalancer; compute: Compute } {
  const { network, loadBalancer } = loadBalancerExample(stack);
  const compute = new Compute(stack, "compute", {
    name: "example",
    mode: "asg",
    minSize: 2,
    maxSize: 6,
    vpcId: network.outputs.vpcId,
    subnetIds: network.outputs.privateSubnetIds,
    loadBalancer: loadBalancer.outputs,
    mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] },
  });
  return { loadBalancer, compute };
}

if (require.main === module) synthExample("compute", computeExample);
