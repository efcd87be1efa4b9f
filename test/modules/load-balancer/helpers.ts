import { LoadBalancer, type LoadBalancerProps } from "../../../modules/load-balancer";
import { synth, testStack } from "../../support/synth";

export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

export const ZONE = "Z0123456789ABCDEFGHIJ";

/** Builds a LoadBalancer in a fresh stack (its provider in `region`) and returns it with its synthesized JSON. */
export function build(overrides: Partial<LoadBalancerProps> = {}, region = "us-east-1") {
  const stack = testStack(region);
  const loadBalancer = new LoadBalancer(stack, "lb", {
    name: "demo",
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    ...overrides,
  });
  return { loadBalancer, stack, ...synth(stack) };
}
