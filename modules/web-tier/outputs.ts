import type { ComputeOutputs } from "../compute/outputs";
import type { WebTierCoreOutputs, WebTierOutputs, WebTierOutputsWithMessaging } from "../contract/outputs";
import type { LoadBalancerOutputs } from "../load-balancer/outputs";
import type { MessagingOutputs } from "../messaging/outputs";
import type { NetworkOutputs } from "../network/outputs";
import type { ScalingOutputs } from "../scaling/outputs";

/** What the tier's modules produced, from which its contract is drawn. */
export interface ModuleOutputs {
  readonly network: NetworkOutputs;
  readonly loadBalancer: LoadBalancerOutputs;
  readonly compute: ComputeOutputs;
  readonly scaling: ScalingOutputs;
  /** Absent where the tier has no messaging. */
  readonly messaging?: MessagingOutputs;
}

/**
 * The contract's values from the modules' outputs. The type makes a missing name a compile
 * error; outputs that do not apply are empty (`asg_name` in ec2 mode), and without messaging
 * its outputs are absent.
 */
export function webTierOutputs(m: ModuleOutputs): WebTierOutputs {
  const core = coreOutputs(m);
  return m.messaging ? { ...core, ...messagingOutputs(m.messaging) } : core;
}

function coreOutputs(m: ModuleOutputs): WebTierCoreOutputs {
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
    target_group_arns: m.loadBalancer.targetGroupArns,
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
  };
}

function messagingOutputs(messaging: MessagingOutputs): Omit<WebTierOutputsWithMessaging, keyof WebTierCoreOutputs> {
  const [queue] = Object.values(messaging.queues);
  // Validation requires a queue; this guards callers that bypassed it.
  if (!queue) throw new Error("messaging has no queue: the contract's queue outputs need one");
  return {
    topic_arn: messaging.topicArn,
    topic_name: messaging.topicName,
    queue_url: queue.queueUrl,
    queue_arn: queue.queueArn,
    queue_name: queue.queueName,
    dlq_url: queue.dlqUrl,
    dlq_arn: queue.dlqArn,
  };
}
