// Three Auto Scaling Groups behind one load balancer, each showing capacity settings that do not
// go together in one group: weighted types with a Spot price cap in a partition placement group;
// attribute-based instance selection, scale-in protection and open capacity reservations; and a
// warm pool of hibernated instances in a spread placement group.
// Run: node --require ./scripts/register-ts.cjs examples/modules/compute-capacity.ts
import { Compute, type LoadBalancer } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";
import { loadBalancerExample } from "./load-balancer";

export function computeCapacityExample(stack: ExampleStack): { loadBalancer: LoadBalancer; groups: readonly Compute[] } {
  const { network, loadBalancer } = loadBalancerExample(stack);
  const wired = {
    mode: "asg",
    vpcId: network.outputs.vpcId,
    subnetIds: network.outputs.privateSubnetIds,
    loadBalancer: loadBalancer.outputs,
  } as const;
  const weighted = new Compute(stack, "weighted", {
    ...wired,
    name: "example-weighted",
    minSize: 2,
    maxSize: 8,
    // A large counts 1, an xlarge 2: the sizes count capacity units. Half the units above the
    // base are Spot, never bought above 0.10 USD an hour.
    mixedInstances: {
      instanceTypes: ["m5.large", "m5.xlarge"],
      weights: { "m5.large": 1, "m5.xlarge": 2 },
      onDemandBaseCapacity: 2,
      onDemandPercentageAboveBaseCapacity: 50,
      spotMaxPrice: "0.10",
    },
    terminationPolicies: ["AllocationStrategy", "OldestLaunchTemplate", "Default"],
    maxInstanceLifetimeSeconds: 7 * 86400,
    defaultInstanceWarmupSeconds: 120,
    placementGroup: { strategy: "partition", partitionCount: 2 },
  });
  const attributes = new Compute(stack, "attributes", {
    ...wired,
    name: "example-attributes",
    minSize: 2,
    maxSize: 6,
    // Any current Intel or AMD type with 2 to 4 vCPUs and 4 to 16 GiB, burstable ones excluded.
    mixedInstances: {
      instanceRequirements: {
        vcpuCount: { min: 2, max: 4 },
        memoryMiB: { min: 4096, max: 16384 },
        cpuManufacturers: ["intel", "amd"],
        instanceGenerations: ["current"],
      },
    },
    suspendedProcesses: ["AZRebalance"],
    // Protected instances are still rolled by a refresh.
    protectFromScaleIn: true,
    instanceRefresh: { scaleInProtectedInstances: "Refresh" },
    capacityReservation: { preference: "open" },
  });
  const hibernated = new Compute(stack, "hibernated", {
    ...wired,
    name: "example-hibernated",
    minSize: 1,
    maxSize: 4,
    minHealthyPercentage: 100,
    maxHealthyPercentage: 200,
    instanceType: "m5.large",
    // The encrypted root volume holds the 8 GiB of RAM a hibernated instance saves.
    hibernation: true,
    rootVolumeSizeGiB: 20,
    warmPool: { poolState: "Hibernated", minSize: 1 },
    placementGroup: { strategy: "spread" },
  });
  return { loadBalancer, groups: [weighted, attributes, hibernated] };
}

if (require.main === module) synthExample("compute-capacity", computeCapacityExample);
