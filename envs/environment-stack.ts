import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { throwIfInvalid } from "../modules/core/validation";
import { Compute } from "../modules/compute";
import { useBackend } from "../modules/contract";
import { LoadBalancer } from "../modules/load-balancer";
import { Messaging } from "../modules/messaging";
import { Network } from "../modules/network";
import { AlarmTopic, Scaling } from "../modules/scaling";
import { stateBackend } from "./backend";
import { resourcePrefix, type EnvironmentConfig } from "./config";
import { publishOutputs, webTierOutputs } from "./outputs";
import { validateEnvironment } from "./validate";
import { pinVersions } from "./versions";

/** The AWS provider release `@cdktf/provider-aws@20.1.0` was generated from; pinned exactly. */
export const AWS_PROVIDER_VERSION = "5.100.0";
/** Oldest Terraform with the S3 backend's native lock file (`use_lockfile`). */
export const TERRAFORM_REQUIRED_VERSION = ">= 1.10";

/**
 * One environment as a Terraform stack: provider, backend, the modules wired together and
 * the stack outputs. It creates no resource of its own; the modules do.
 */
export class EnvironmentStack extends TerraformStack {
  readonly config: EnvironmentConfig;

  constructor(scope: Construct, config: EnvironmentConfig) {
    // Validate before the stack exists so a bad config leaves nothing half-built in the app.
    throwIfInvalid(`Environment ${JSON.stringify(config.name)}`, validateEnvironment(config));
    super(scope, config.name);
    this.config = config;

    const standardTags = { ...config.tags, Project: config.project, Environment: config.name, ManagedBy: "cdktf" };
    new AwsProvider(this, "aws", { region: config.region, defaultTags: [{ tags: standardTags }] });
    pinVersions(this, { terraform: TERRAFORM_REQUIRED_VERSION, aws: AWS_PROVIDER_VERSION });

    useBackend(this, stateBackend(config));

    const prefix = resourcePrefix(config);
    const network = new Network(this, "network", { name: prefix, ...config.network });
    const loadBalancer = new LoadBalancer(this, "load-balancer", {
      name: prefix,
      vpcId: network.outputs.vpcId,
      vpcCidr: network.outputs.vpcCidr,
      subnetIds: config.loadBalancer.internal ? network.outputs.privateSubnetIds : network.outputs.publicSubnetIds,
      ...config.loadBalancer,
    });
    const compute = new Compute(this, "compute", {
      name: prefix,
      vpcId: network.outputs.vpcId,
      subnetIds: network.outputs.privateSubnetIds,
      targetGroupArn: loadBalancer.outputs.targetGroupArn,
      loadBalancerSecurityGroupId: loadBalancer.outputs.securityGroupId,
      appPort: loadBalancer.outputs.targetPort,
      // Default tags do not reach instances an Auto Scaling Group launches: the template tags them.
      instanceTags: standardTags,
      ...config.compute,
    });
    const alarmTopic = new AlarmTopic(this, "alarm-topic", { name: prefix, ...config.alarmTopic });
    const messaging = new Messaging(this, "messaging", {
      namePrefix: prefix,
      alarmTopicArn: alarmTopic.outputs.topicArn,
      ...config.messaging,
    });
    const scaling = new Scaling(this, "scaling", {
      name: prefix,
      compute: compute.outputs,
      loadBalancer: loadBalancer.outputs,
      alarmTopicArn: alarmTopic.outputs.topicArn,
      queues: Object.values(messaging.outputs.queues),
      ...config.scaling,
    });

    publishOutputs(
      this,
      webTierOutputs({
        network: network.outputs,
        loadBalancer: loadBalancer.outputs,
        compute: compute.outputs,
        scaling: scaling.outputs,
        messaging: messaging.outputs,
      }),
    );
  }
}
