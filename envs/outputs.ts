import { TerraformOutput, type TerraformStack } from "cdktf";
import type { ComputeOutputs } from "../modules/compute";
import { WEB_TIER_OUTPUTS, type WebTierOutputName, type WebTierOutputs } from "../modules/contract";
import type { LoadBalancerOutputs } from "../modules/load-balancer";
import type { MessagingOutputs } from "../modules/messaging";
import type { NetworkOutputs } from "../modules/network";
import type { ScalingOutputs } from "../modules/scaling";

/** What the environment's modules produced, from which the stack's outputs are drawn. */
export interface ModuleOutputs {
  readonly network: NetworkOutputs;
  readonly loadBalancer: LoadBalancerOutputs;
  readonly compute: ComputeOutputs;
  readonly scaling: ScalingOutputs;
  readonly messaging: MessagingOutputs;
}

/** The contract's values from the modules' outputs. The type makes a missing name a compile error. */
export function webTierOutputs(m: ModuleOutputs): WebTierOutputs {
  const [queue] = Object.values(m.messaging.queues);
  if (!queue) throw new Error("messaging has no queue: the contract's queue outputs need one");
  return {
    vpc_id: m.network.vpcId,
    vpc_cidr: m.network.vpcCidr,
    availability_zones: m.network.availabilityZones,
    public_subnet_ids: m.network.publicSubnetIds,
    private_subnet_ids: m.network.privateSubnetIds,
    nat_public_ips: m.network.natPublicIps,
    alb_arn: m.loadBalancer.albArn,
    alb_dns_name: m.loadBalancer.albDnsName,
    alb_zone_id: m.loadBalancer.albZoneId,
    alb_security_group_id: m.loadBalancer.securityGroupId,
    target_group_arn: m.loadBalancer.targetGroupArn,
    listener_arn: m.loadBalancer.listenerArn,
    https_listener_arn: m.loadBalancer.httpsListenerArn ?? "",
    compute_mode: m.compute.mode,
    instance_security_group_id: m.compute.securityGroupId,
    instance_role_name: m.compute.instanceRoleName,
    asg_name: m.compute.mode === "asg" ? m.compute.asgName : "",
    asg_arn: m.compute.mode === "asg" ? m.compute.asgArn : "",
    instance_ids: m.compute.mode === "ec2" ? m.compute.instanceIds : [],
    alarm_topic_arn: m.scaling.alarmTopicArn,
    dashboard_name: m.scaling.dashboardName ?? "",
    topic_arn: m.messaging.topicArn,
    topic_name: m.messaging.topicName,
    queue_url: queue.queueUrl,
    queue_arn: queue.queueArn,
    queue_name: queue.queueName,
    dlq_url: queue.dlqUrl,
    dlq_arn: queue.dlqArn,
  };
}

/** One stack output per contract field, named exactly as the contract says, with its description. */
export function publishOutputs(stack: TerraformStack, values: WebTierOutputs): void {
  for (const name of Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]) {
    // Created on the stack itself, so the output's name is the id, not a construct path.
    new TerraformOutput(stack, name, { value: values[name], description: WEB_TIER_OUTPUTS[name].description });
  }
}
