import {
  AutoscalingGroup,
  type AutoscalingGroupConfig,
  type AutoscalingGroupMixedInstancesPolicyLaunchTemplateOverrideInstanceRequirements,
} from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingLifecycleHook } from "@cdktf/provider-aws/lib/autoscaling-lifecycle-hook";
import { AutoscalingNotification } from "@cdktf/provider-aws/lib/autoscaling-notification";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { policyDocument } from "../core/aws";
import type {
  CountRange,
  InstanceRefreshOptions,
  InstanceRequirements,
  LifecycleHookOptions,
  MixedInstancesOptions,
  WarmPoolOptions,
} from "./capacity";
import { COMPUTE_DEFAULTS, type AsgModeProps } from "./props";
import { refreshBounds } from "./validate";

/** Group metrics the Auto Scaling Group publishes (one-minute granularity, no extra cost). */
export const GROUP_METRICS = [
  "GroupMinSize",
  "GroupMaxSize",
  "GroupDesiredCapacity",
  "GroupInServiceInstances",
  "GroupPendingInstances",
  "GroupStandbyInstances",
  "GroupTerminatingInstances",
  "GroupTotalInstances",
] as const;

/** What the group tells the alarm topic: every launch and termination, and their failures. */
export const GROUP_NOTIFICATIONS = [
  "autoscaling:EC2_INSTANCE_LAUNCH",
  "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
  "autoscaling:EC2_INSTANCE_TERMINATE",
  "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
] as const;

/** One group across the subnets, attached to the target group, rolled on template change. */
/** The refresh's preferences the props set; those left out are not written, so AWS's defaults apply. */
function refreshPreferences(r: InstanceRefreshOptions): Record<string, unknown> {
  const seconds = (v: number | undefined) => (v === undefined ? undefined : String(v));
  const preferences = {
    skipMatching: r.skipMatching,
    autoRollback: r.autoRollback,
    instanceWarmup: seconds(r.instanceWarmupSeconds),
    checkpointPercentages: r.checkpointPercentages === undefined ? undefined : [...r.checkpointPercentages],
    checkpointDelay: seconds(r.checkpointDelaySeconds),
    scaleInProtectedInstances: r.scaleInProtectedInstances,
    standbyInstances: r.standbyInstances,
  };
  return Object.fromEntries(Object.entries(preferences).filter(([, v]) => v !== undefined));
}

export function autoScalingGroup(
  scope: Construct,
  props: AsgModeProps,
  launchTemplate: LaunchTemplate,
  instanceRoleName: string,
): AutoscalingGroup {
  const d = COMPUTE_DEFAULTS;
  const refresh = refreshBounds(props);
  // latest_version (not "$Latest") so a template change (an image, a pinned version, a type) is
  // a change of the group, which starts the instance refresh below.
  const template = { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) };
  const group = new AutoscalingGroup(scope, "group", {
    name: props.name,
    minSize: props.minSize,
    maxSize: props.maxSize,
    desiredCapacity: props.desiredCapacity ?? props.minSize,
    vpcZoneIdentifier: [...props.subnetIds],
    ...(props.mixedInstances ? mixedInstancesPolicy(props.mixedInstances, template) : { launchTemplate: template }),
    ...(props.warmPool ? { warmPool: warmPool(props.warmPool) } : {}),
    targetGroupArns: [props.loadBalancer.targetGroupArn],
    // Each written only when set, so a group that does not use them plans no change.
    maxInstanceLifetime: props.maxInstanceLifetimeSeconds,
    terminationPolicies: props.terminationPolicies && [...props.terminationPolicies],
    suspendedProcesses: props.suspendedProcesses && [...props.suspendedProcesses],
    protectFromScaleIn: props.protectFromScaleIn,
    defaultInstanceWarmup: props.defaultInstanceWarmupSeconds,
    healthCheckType: props.healthCheckType ?? d.healthCheckType,
    healthCheckGracePeriod: props.healthCheckGracePeriodSeconds ?? d.healthCheckGracePeriodSeconds,
    defaultCooldown: props.defaultCooldownSeconds ?? d.defaultCooldownSeconds,
    enabledMetrics: [...GROUP_METRICS],
    metricsGranularity: "1Minute",
    instanceRefresh: {
      strategy: d.instanceRefreshStrategy,
      preferences: {
        minHealthyPercentage: refresh.min,
        maxHealthyPercentage: refresh.max,
        ...refreshPreferences(props.instanceRefresh ?? {}),
      },
    },
    tag: [{ key: "Name", value: props.name, propagateAtLaunch: true }],
    // Scaling policies own the desired capacity once the group exists; re-applying the
    // stack must not undo a scale-out.
    lifecycle: { ignoreChanges: ["desired_capacity"] },
  });

  if (props.alarmTopicArn !== undefined) {
    new AutoscalingNotification(scope, "notifications", {
      groupNames: [group.name],
      notifications: [...GROUP_NOTIFICATIONS],
      topicArn: props.alarmTopicArn,
    });
  }
  const hooks = props.lifecycleHooks ?? {};
  if (hooks.launch)
    lifecycleHook(scope, "launch-hook", `${props.name}-launch`, group.name, "autoscaling:EC2_INSTANCE_LAUNCHING", hooks.launch);
  if (hooks.terminate)
    lifecycleHook(scope, "terminate-hook", `${props.name}-terminate`, group.name, "autoscaling:EC2_INSTANCE_TERMINATING", hooks.terminate);
  if (hooks.launch || hooks.terminate) {
    // The instance itself may finish its lifecycle action (at the end of its user data, say).
    new IamRolePolicy(scope, "lifecycle-actions", {
      name: "complete-lifecycle-actions",
      role: instanceRoleName,
      policy: policyDocument({
        Effect: "Allow",
        Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"],
        Resource: group.arn,
      }),
    });
  }
  return group;
}

/** Several instance types from the one template, On-Demand up to the percentage, Spot above. */
function mixedInstancesPolicy(
  options: MixedInstancesOptions,
  template: { id: string; version: string },
): Pick<AutoscalingGroupConfig, "mixedInstancesPolicy" | "capacityRebalance"> {
  const d = COMPUTE_DEFAULTS.mixedInstances;
  const onDemandPercent = options.onDemandPercentageAboveBaseCapacity ?? d.onDemandPercentageAboveBaseCapacity;
  // A token percentage might mean Spot: rebalance then, as for any percentage under 100.
  const spot = Token.isUnresolved(onDemandPercent) || onDemandPercent < 100;
  return {
    mixedInstancesPolicy: {
      instancesDistribution: {
        onDemandBaseCapacity: options.onDemandBaseCapacity ?? d.onDemandBaseCapacity,
        onDemandPercentageAboveBaseCapacity: onDemandPercent,
        onDemandAllocationStrategy: options.onDemandAllocationStrategy ?? d.onDemandAllocationStrategy,
        spotAllocationStrategy: options.spotAllocationStrategy ?? d.spotAllocationStrategy,
        spotMaxPrice: options.spotMaxPrice,
      },
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: template.id, version: template.version },
        override: options.instanceRequirements
          ? [{ instanceRequirements: instanceRequirements(options.instanceRequirements) }]
          : (options.instanceTypes ?? []).map((instanceType) => {
              const weight = options.weights?.[instanceType];
              return weight === undefined ? { instanceType } : { instanceType, weightedCapacity: String(weight) };
            }),
      },
    },
    capacityRebalance: options.capacityRebalance ?? spot,
  };
}

/** Attribute-based selection as the override's instance_requirements; filters left out are AWS's defaults. */
function instanceRequirements(r: InstanceRequirements): AutoscalingGroupMixedInstancesPolicyLaunchTemplateOverrideInstanceRequirements {
  const range = (v: CountRange) => ({ min: v.min, max: v.max });
  const copy = (l: readonly string[] | undefined) => (l === undefined ? undefined : [...l]);
  return {
    vcpuCount: range(r.vcpuCount),
    memoryMib: range(r.memoryMiB),
    cpuManufacturers: [...r.cpuManufacturers],
    burstablePerformance: r.burstablePerformance,
    instanceGenerations: copy(r.instanceGenerations),
    excludedInstanceTypes: copy(r.excludedInstanceTypes),
    allowedInstanceTypes: copy(r.allowedInstanceTypes),
  };
}

function warmPool(options: WarmPoolOptions): NonNullable<AutoscalingGroupConfig["warmPool"]> {
  const d = COMPUTE_DEFAULTS.warmPool;
  return {
    poolState: options.poolState ?? d.poolState,
    minSize: options.minSize ?? d.minSize,
    // Left out, AWS keeps the group's maxSize minus its desired capacity ready.
    maxGroupPreparedCapacity: options.maxGroupPreparedCapacity,
    instanceReusePolicy: { reuseOnScaleIn: options.reuseOnScaleIn ?? d.reuseOnScaleIn },
  };
}

function lifecycleHook(
  scope: Construct,
  id: string,
  name: string,
  groupName: string,
  transition: string,
  options: LifecycleHookOptions,
): void {
  const d = COMPUTE_DEFAULTS.lifecycleHook;
  new AutoscalingLifecycleHook(scope, id, {
    name,
    autoscalingGroupName: groupName,
    lifecycleTransition: transition,
    heartbeatTimeout: options.heartbeatTimeoutSeconds ?? d.heartbeatTimeoutSeconds,
    defaultResult: options.defaultResult ?? d.defaultResult,
  });
}
