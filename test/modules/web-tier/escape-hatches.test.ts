import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack } from "../../../envs";
import { production, small } from "../../support/environment-fixture";
import { onlyResource, resourcesOf, synth, type SynthesizedJson } from "../../support/synth";

/** A stack of `config`, changed through the tier's escape hatches by `change` before synth. */
function synthesized(
  config: typeof small,
  change: (stack: EnvironmentStack) => void = () => undefined,
): { stack: EnvironmentStack; json: SynthesizedJson } {
  const stack = new EnvironmentStack(Testing.app(), config);
  change(stack);
  return { stack, json: synth(stack).json };
}

describe("escape hatches: each module's main resources, as typed properties", () => {
  it("reach the resources the tier made, in asg mode", () => {
    const { stack, json } = synthesized(production);
    const tier = stack.webTier;
    expect(tier.loadBalancer.alb).toBeInstanceOf(Lb);
    expect(tier.compute.autoScalingGroup).toBeInstanceOf(AutoscalingGroup);
    expect(tier.compute.instances).toEqual([]);
    expect(tier.network.subnets.private).toHaveLength(production.network.availabilityZones.length);
    expect(tier.network.subnets.public.every((s) => s instanceof Subnet)).toBe(true);
    expect(tier.network.natGateways).toHaveLength(Object.keys(resourcesOf(json, { tfResourceType: "aws_nat_gateway" })).length);
    expect(tier.network.privateRouteTables).toHaveLength(production.network.availabilityZones.length);
    expect(Object.keys(tier.messaging!.queues)).toEqual(production.messaging!.queues.map((q) => q.name));
    expect(tier.messaging!.queues.jobs!.queue).toBeInstanceOf(SqsQueue);
    expect(tier.loadBalancer.httpsListener).toBeInstanceOf(LbListener);
    expect(tier.loadBalancer.httpsListener!.protocolInput).toBe("HTTPS");
    expect(tier.alarmTopic.key.enableKeyRotationInput).toBe(true);
  });

  it("reach the instances in ec2 mode, and no group", () => {
    const { stack } = synthesized(small);
    expect(stack.webTier.compute.autoScalingGroup).toBeUndefined();
    expect(stack.webTier.compute.instances).toHaveLength(1);
    expect(stack.webTier.loadBalancer.httpsListener).toBeUndefined();
  });

  it("change what the props do not cover, in the synthesized stack", () => {
    const { json } = synthesized(production, (stack) => {
      stack.webTier.loadBalancer.alb.idleTimeout = 120;
      stack.webTier.compute.autoScalingGroup!.maxInstanceLifetime = 604_800;
      stack.webTier.messaging!.queues.jobs!.queue.addOverride("delay_seconds", 5);
      stack.webTier.network.vpc.addOverride("tags.CostCenter", "web");
    });
    expect(onlyResource(json, Lb).idle_timeout).toBe(120);
    expect(onlyResource(json, AutoscalingGroup).max_instance_lifetime).toBe(604_800);
    const queues = Object.entries(resourcesOf(json, SqsQueue)).filter(([name]) => !name.includes("dead-letter"));
    expect(queues.map(([, q]) => q.delay_seconds)).toEqual([5]);
    expect((onlyResource(json, { tfResourceType: "aws_vpc" }).tags as Record<string, string>).CostCenter).toBe("web");
  });
});
