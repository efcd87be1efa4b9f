import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { metricAlarm } from "../core/alarms";
import { arnPart, policyDocument, providerDefaultTags, providerRegion } from "../core/aws";
import { forEachValue } from "../core/for-each";
import { LockedSecurityGroup } from "../core/security-group";
import { nameTags } from "../core/tags";
import { assertValid, pathOf } from "../core/validation";
import type { ComputeOutputs } from "./outputs";
import { AL2023_ARM64_IMAGE, COMPUTE_DEFAULTS, SSM_MANAGED_POLICY, isArm64InstanceType, type AsgModeProps, type ComputeProps, type Ec2ModeProps } from "./props";
import { refreshBounds, validateComputeProps } from "./validate";
import { workloadUserData } from "./workload";

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

/**
 * Instances behind the load balancer, from one launch template: single EC2 instances
 * (`mode: "ec2"`) or an Auto Scaling Group (`mode: "asg"`). Both launch Amazon Linux 2023 with
 * IMDSv2 only, an encrypted gp3 root volume, an SSM-managed role and no SSH, in a security
 * group that admits the load balancer alone. Consumed through {@link Compute.outputs}.
 */
export class Compute extends Construct {
  readonly outputs: ComputeOutputs;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    assertValid(`Compute ${pathOf(scope, id)}`, props, validateComputeProps);
    const d = COMPUTE_DEFAULTS;
    const appPort = props.loadBalancer.targetPort;
    const userData = props.userData ?? workloadUserData({ port: appPort, stressEndpoint: props.stressEndpoint ?? d.stressEndpoint });
    super(scope, id);

    const tags = (name: string) => nameTags(name, props.tags);
    const instanceTags = { ...(props.instanceTags ?? { ...providerDefaultTags(this), ...props.tags }), Name: props.name };

    const securityGroup = new LockedSecurityGroup(this, "security-group", {
      name: `${props.name}-instances`,
      description: `Instances of ${props.name}: app port from the load balancer only`,
      vpcId: props.vpcId,
      tags: props.tags,
    });
    securityGroup.allowIngress(appPort, { securityGroupId: props.loadBalancer.securityGroupId, key: "load-balancer" }, "App port from the load balancer");
    if (props.allowAllEgress ?? d.allowAllEgress) securityGroup.allowAllEgress("All outbound");
    else securityGroup.allowEgress(443, { cidr: "0.0.0.0/0", key: "https" }, "HTTPS out: SSM, package mirrors, AWS APIs");

    const role = new IamRole(this, "role", {
      name: `${props.name}-instance`,
      description: `Instances of ${props.name}: Session Manager access, no SSH`,
      assumeRolePolicy: policyDocument({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
      tags: tags(`${props.name}-instance`),
    });
    new IamRolePolicyAttachment(this, "ssm-managed-instance-core", { role: role.name, policyArn: SSM_MANAGED_POLICY });
    // Keyed by ARN, so the list may be another stack's output and reordering it changes nothing.
    forEachValue(this, "managed-policy", props.managedPolicyArns ?? d.managedPolicyArns, (scope, id, policyArn, forEach) =>
      new IamRolePolicyAttachment(scope, id, { forEach, role: role.name, policyArn }),
    );
    const profile = new IamInstanceProfile(this, "instance-profile", { name: `${props.name}-instance`, role: role.name, tags: tags(props.name) });

    const launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${props.name}-`,
      description: `Instances of ${props.name}`,
      imageId: props.imageId ?? (isArm64InstanceType(props.instanceType ?? d.instanceType) ? AL2023_ARM64_IMAGE : d.imageId),
      instanceType: props.instanceType ?? d.instanceType,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: [securityGroup.id],
      iamInstanceProfile: { arn: profile.arn },
      // No key pair: access is through Session Manager.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      monitoring: { enabled: props.detailedMonitoring ?? d.detailedMonitoring },
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName ?? d.rootDeviceName,
          ebs: {
            volumeType: "gp3",
            volumeSize: props.rootVolumeSizeGiB ?? d.rootVolumeSizeGiB,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      userData: Buffer.from(userData, "utf8").toString("base64"),
      tagSpecifications: [
        { resourceType: "instance", tags: instanceTags },
        { resourceType: "volume", tags: instanceTags },
      ],
      tags: tags(props.name),
    });

    const common = {
      detailedMonitoring: props.detailedMonitoring ?? d.detailedMonitoring,
      securityGroupId: securityGroup.id,
      launchTemplateId: launchTemplate.id,
      instanceRoleName: role.name,
      instanceRoleArn: role.arn,
    };
    this.outputs =
      props.mode === "ec2"
        ? { ...common, mode: "ec2", instanceIds: this.instances(props, launchTemplate, appPort) }
        : { ...common, mode: "asg", ...this.autoScalingGroup(props, launchTemplate) };
  }

  /** `instanceCount` instances round-robin over the subnets, registered, and recovered by EC2 on host failure. */
  private instances(props: Ec2ModeProps, launchTemplate: LaunchTemplate, appPort: number): string[] {
    const region = providerRegion(this);
    return Array.from({ length: props.instanceCount ?? COMPUTE_DEFAULTS.instanceCount }, (_, i) => {
      const n = i + 1;
      const instance = new Instance(this, `instance-${n}`, {
        // A token list (another stack's subnets) is indexed by Terraform: element() wraps around.
        subnetId: Token.isUnresolved(props.subnetIds) ? Fn.element(props.subnetIds, i) : props.subnetIds[i % props.subnetIds.length],
        // The template's latest version: a template change replaces the instance with a new one.
        launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
        tags: nameTags(`${props.name}-${n}`, props.tags),
      });
      new LbTargetGroupAttachment(this, `target-${n}`, { targetGroupArn: props.loadBalancer.targetGroupArn, targetId: instance.id, port: appPort });

      const automate = (action: string) => `arn:aws:automate:${region ?? arnPart(instance.arn, "region")}:ec2:${action}`;
      const statusAlarm = (kind: "System" | "Instance", action: "recover" | "reboot", what: string) =>
        metricAlarm(this, `instance-${n}-${kind.toLowerCase()}-status`, {
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
          alarmActions: [automate(action)],
          tags: props.tags,
        });
      // Host failure: EC2 moves the instance to healthy hardware, keeping its ID, IP and volumes.
      statusAlarm("System", "recover", "Recover");
      // Guest failure (kernel, network config): a reboot is the remedy EC2 offers.
      statusAlarm("Instance", "reboot", "Reboot");
      return instance.id;
    });
  }

  /** One group across the subnets, attached to the target group, rolled on template change. */
  private autoScalingGroup(props: AsgModeProps, launchTemplate: LaunchTemplate): { asgName: string; asgArn: string } {
    const d = COMPUTE_DEFAULTS;
    const refresh = refreshBounds(props);
    const group = new AutoscalingGroup(this, "group", {
      name: props.name,
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity ?? props.minSize,
      vpcZoneIdentifier: [...props.subnetIds],
      // latest_version (not "$Latest") so a template change is a change of the group, which
      // starts the instance refresh below.
      launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
      targetGroupArns: [props.loadBalancer.targetGroupArn],
      healthCheckType: "ELB",
      healthCheckGracePeriod: props.healthCheckGracePeriodSeconds ?? d.healthCheckGracePeriodSeconds,
      defaultCooldown: props.defaultCooldownSeconds ?? d.defaultCooldownSeconds,
      enabledMetrics: [...GROUP_METRICS],
      metricsGranularity: "1Minute",
      instanceRefresh: {
        strategy: "Rolling",
        preferences: { minHealthyPercentage: refresh.min, maxHealthyPercentage: refresh.max },
      },
      tag: [{ key: "Name", value: props.name, propagateAtLaunch: true }],
      // Scaling policies own the desired capacity once the group exists; re-applying the
      // stack must not undo a scale-out.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });
    return { asgName: group.name, asgArn: group.arn };
  }
}
