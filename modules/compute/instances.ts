import { Instance } from "@cdktf/provider-aws/lib/instance";
import type { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { metricAlarm } from "../core/alarms";
import { arnPart, providerRegion } from "../core/aws";
import { nameTags } from "../core/tags";
import { COMPUTE_DEFAULTS, type Ec2ModeProps } from "./props";

/**
 * `instanceCount` instances round-robin over the subnets, each registered in the target group,
 * recovered or rebooted by EC2 when a status check fails (the alarm topic hears both ways).
 * A template change replaces each instance with its successor created and registered first.
 * Returns their ids.
 */
export function singleInstances(scope: Construct, props: Ec2ModeProps, launchTemplate: LaunchTemplate): Instance[] {
  const region = providerRegion(scope);
  const topic = props.alarmTopicArn === undefined ? [] : [props.alarmTopicArn];
  return Array.from({ length: props.instanceCount ?? COMPUTE_DEFAULTS.instanceCount }, (_, i) => {
    const n = i + 1;
    const instance = new Instance(scope, `instance-${n}`, {
      // A token list (another stack's subnets) is indexed by Terraform: element() wraps around.
      subnetId: Token.isUnresolved(props.subnetIds) ? Fn.element(props.subnetIds, i) : props.subnetIds[i % props.subnetIds.length],
      // The template's latest version: a template change replaces the instance with a new one…
      launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
      tags: nameTags(`${props.name}-${n}`, props.tags),
      // …created before its predecessor is destroyed, so the target group is never empty.
      lifecycle: { createBeforeDestroy: true },
    });
    // Registered before the predecessor's registration goes: a new attachment (new target id)
    // never collides with the old one.
    new LbTargetGroupAttachment(scope, `target-${n}`, {
      targetGroupArn: props.loadBalancer.targetGroupArn,
      targetId: instance.id,
      port: props.loadBalancer.targetPort,
      lifecycle: { createBeforeDestroy: true },
    });

    // The alarms keep their names and follow the successor by an in-place update of their
    // InstanceId dimension: no replacement, so no clash of names.
    const automate = (action: string) => `arn:aws:automate:${region ?? arnPart(instance.arn, "region")}:ec2:${action}`;
    const statusAlarm = (kind: "System" | "Instance", action: "recover" | "reboot", what: string) =>
      metricAlarm(scope, `instance-${n}-${kind.toLowerCase()}-status`, {
        name: `${props.name}-${n}-${kind.toLowerCase()}-status-check`,
        description: `${what} ${props.name}-${n} when its ${kind.toLowerCase()} status check fails for 2 minutes`,
        namespace: "AWS/EC2",
        metricName: `StatusCheckFailed_${kind}`,
        dimensions: { InstanceId: instance.id },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 2,
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        // No data means the instance is stopped or gone, not broken.
        treatMissingData: "notBreaching",
        alarmActions: [automate(action), ...topic],
        okActions: topic.length > 0 ? topic : undefined,
        tags: props.tags,
      });
    // Host failure: EC2 moves the instance to healthy hardware, keeping its ID, IP and volumes.
    statusAlarm("System", "recover", "Recover");
    // Guest failure (kernel, network config): a reboot is the remedy EC2 offers.
    statusAlarm("Instance", "reboot", "Reboot");
    return instance;
  });
}
