import { type App, DataTerraformRemoteStateLocal, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AlarmTopic, Compute, LoadBalancer, Messaging, Network, Scaling } from "../../modules";

/**
 * Every string, number and list prop that may come from another stack, fed from remote-state
 * outputs: nothing is judged at synth, nothing crashes, and no construct id is made of a value.
 * test/modules/tokens.test.ts synthesizes it; test/plans/tokens.test.ts plans it with real Terraform.
 */
export function tokenStack(app: App = Testing.app(), statePath = "upstream.tfstate"): TerraformStack {
  const stack = new TerraformStack(app, "tokens");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const up = new DataTerraformRemoteStateLocal(stack, "upstream", { path: statePath });
  const s = (name: string) => up.getString(name);
  const n = (name: string) => up.getNumber(name);
  const l = (name: string) => up.getList(name);

  const network = new Network(stack, "network", {
    name: s("name"),
    availabilityZones: ["us-east-1a", "us-east-1b"],
    flowLogs: { retentionDays: n("retention_days"), trafficType: s("traffic_type") as "ALL" },
    tags: { Team: s("team") },
  });
  const loadBalancer = new LoadBalancer(stack, "load-balancer", {
    name: s("name"),
    vpcId: network.outputs.vpcId,
    vpcCidr: s("vpc_cidr"),
    subnetIds: l("public_subnet_ids"),
    ingressCidrs: l("client_cidrs"),
    certificateArn: s("certificate_arn"),
    sslPolicy: s("ssl_policy"),
    healthCheck: {
      path: s("health_path"),
      matcher: s("matcher"),
      intervalSeconds: n("interval"),
      timeoutSeconds: n("timeout"),
      healthyThreshold: n("healthy"),
      unhealthyThreshold: n("unhealthy"),
    },
    deregistrationDelaySeconds: n("deregistration_delay"),
    targetGroupNamePrefix: s("tg_prefix"),
    idleTimeoutSeconds: n("idle_timeout"),
    accessLogs: { bucket: s("log_bucket"), prefix: s("log_prefix") },
    webAcl: { arn: s("web_acl_arn") },
    slowStartSeconds: n("slow_start"),
    stickiness: { durationSeconds: n("stickiness_seconds") },
  });
  new Compute(stack, "compute", {
    mode: "ec2",
    instanceCount: 2,
    name: s("name"),
    vpcId: network.outputs.vpcId,
    subnetIds: l("private_subnet_ids"),
    loadBalancer: loadBalancer.outputs,
    instanceType: s("instance_type"),
    imageId: s("image_id"),
    rootVolumeSizeGiB: n("root_gib"),
    rootDeviceName: s("root_device"),
    managedPolicyArns: l("policy_arns"),
  });
  const group = new Compute(stack, "group", {
    mode: "asg",
    name: `${s("name")}-group`,
    vpcId: network.outputs.vpcId,
    subnetIds: l("private_subnet_ids"),
    loadBalancer: loadBalancer.outputs,
    minSize: n("min_size"),
    maxSize: n("max_size"),
    desiredCapacity: n("desired"),
    healthCheckGracePeriodSeconds: n("grace"),
    minHealthyPercentage: n("min_healthy"),
    maxHealthyPercentage: n("max_healthy"),
  });
  const alarmTopic = new AlarmTopic(stack, "alarm-topic", {
    name: s("name"),
    emailSubscriptions: l("oncall_emails"),
    keyDeletionWindowDays: n("key_window"),
  });
  const messaging = new Messaging(stack, "messaging", {
    namePrefix: s("name"),
    topicName: s("topic_name"),
    topicKmsKeyId: s("topic_key"),
    emailSubscriptions: l("order_emails"),
    alarmTopicArn: alarmTopic.outputs.topicArn,
    queues: [
      {
        name: "orders",
        visibilityTimeoutSeconds: n("visibility"),
        consumerTimeoutSeconds: n("consumer_timeout"),
        maxReceiveCount: n("max_receives"),
        kmsKeyId: s("queue_key"),
        depthAlarmThreshold: n("depth"),
      },
    ],
  });
  new Scaling(stack, "scaling", {
    name: s("name"),
    compute: group.outputs,
    loadBalancer: loadBalancer.outputs,
    alarmTopicArn: alarmTopic.outputs.topicArn,
    queues: Object.values(messaging.outputs.queues),
    targetTracking: { targetCpuPercent: n("target_cpu") },
    stepScaling: {
      enabled: true,
      scaleOut: { thresholdPercent: n("high"), adjustment: n("up") },
      scaleIn: { thresholdPercent: n("low"), adjustment: n("down") },
    },
    alarms: { target5xxPerMinute: n("errors"), responseTimeSeconds: n("latency") },
  });
  return stack;
}
