import type { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { Instance } from "@cdktf/provider-aws/lib/instance";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Construct } from "constructs";
import { policyDocument, providerDefaultTags } from "../core/aws";
import { forEachValue } from "../core/for-each";
import { LockedSecurityGroup } from "../core/security-group";
import { nameTags } from "../core/tags";
import { assertValid, pathOf } from "../core/validation";
import { autoScalingGroup } from "./auto-scaling-group";
import { launchImage } from "./image";
import { capacityReservationSpecification } from "./capacity-reservation";
import { launchedArchitecture, launchedBurstability, launchedInstanceTypes } from "./instance-types";
import { singleInstances } from "./instances";
import { placementGroupName } from "./placement";
import type { ComputeOutputs } from "./outputs";
import { COMPUTE_DEFAULTS, SSM_MANAGED_POLICY, type ComputeProps } from "./props";
import { validateComputeProps } from "./validate";
import { workloadUserData } from "./workload";

/**
 * Instances behind the load balancer, from one launch template: single EC2 instances
 * (`mode: "ec2"`) or an Auto Scaling Group (`mode: "asg"`). Both launch Amazon Linux 2023 with
 * IMDSv2 only, an encrypted gp3 root volume, an SSM-managed role and no SSH, in a security
 * group that admits the load balancer alone. Consumed through {@link Compute.outputs}.
 */
export class Compute extends Construct {
  readonly outputs: ComputeOutputs;
  /** The launch template every instance starts from: an escape hatch for what the props do not cover. */
  readonly launchTemplate: LaunchTemplate;
  /** The instances' role (Session Manager's managed policy and any extra ones attached). */
  readonly role: IamRole;
  /** The instances' security group. */
  readonly securityGroup: SecurityGroup;
  /** The group, in asg mode. */
  readonly autoScalingGroup?: AutoscalingGroup;
  /** The instances, in ec2 mode. */
  readonly instances: readonly Instance[];

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
    securityGroup.allowIngress(
      appPort,
      { securityGroupId: props.loadBalancer.securityGroupId, key: "load-balancer" },
      "App port from the load balancer",
    );
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
    forEachValue(
      this,
      "managed-policy",
      props.managedPolicyArns ?? d.managedPolicyArns,
      (scope, id, policyArn, forEach) => new IamRolePolicyAttachment(scope, id, { forEach, role: role.name, policyArn }),
    );
    const profile = new IamInstanceProfile(this, "instance-profile", {
      name: `${props.name}-instance`,
      role: role.name,
      tags: tags(props.name),
    });

    // Every type the group may launch shares one architecture (validated), so one image serves.
    // Instance requirements name no type: the launch template then has none.
    const types = launchedInstanceTypes(props, d.instanceType);
    // T instances default to unlimited credits, which a CPU-bound request turns into charges.
    const cpuCredits = props.cpuCredits ?? (launchedBurstability(props, d.instanceType) === "all" ? d.cpuCredits : undefined);
    const placementGroup = props.placementGroup && placementGroupName(this, props.name, props.placementGroup, tags(props.name));
    const launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${props.name}-`,
      description: `Instances of ${props.name}`,
      imageId: launchImage(props.imageId, launchedArchitecture(props, d.instanceType) ?? "x86_64", props.imageVersion),
      instanceType: types[0],
      creditSpecification: cpuCredits === undefined ? undefined : { cpuCredits },
      placement: placementGroup === undefined ? undefined : { groupName: placementGroup },
      capacityReservationSpecification: props.capacityReservation && capacityReservationSpecification(props.capacityReservation),
      // Written only when asked, so existing templates gain no new version.
      hibernationOptions: props.hibernation ? { configured: true } : undefined,
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
    this.launchTemplate = launchTemplate;
    this.role = role;
    this.securityGroup = securityGroup.resource;
    if (props.mode === "ec2") {
      this.instances = singleInstances(this, props, launchTemplate);
      this.outputs = { ...common, mode: "ec2", instanceIds: this.instances.map((i) => i.id) };
    } else {
      this.instances = [];
      this.autoScalingGroup = autoScalingGroup(this, props, launchTemplate, role.name);
      this.outputs = { ...common, mode: "asg", asgName: this.autoScalingGroup.name, asgArn: this.autoScalingGroup.arn };
    }
  }
}
