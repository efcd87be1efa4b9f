import { describe, expect, it } from "vitest";
import { environments, selectEnvironments, validateEnvironment, type EnvironmentConfig } from "../../envs";
import { ValidationError } from "../../modules/core/validation";
import { dev, prod, stage } from "./corpus-fixtures";

/**
 * Configuration is untrusted input: a corpus of bad environment configs, each refused with the
 * paths it names, and of good edge cases, each accepted. Every message is snapshotted
 * (__snapshots__/corpus.test.ts.snap) so that its wording is reviewed with the change. Cases
 * edit fixed copies of the environments (corpus-fixtures.ts), not envs/*.ts.
 */
type Edit = (config: Record<string, any>) => void;

/** A copy of `base` with `edit` applied to it: configs arrive as plain, mutable data. */
function edited(base: EnvironmentConfig, edit: Edit): EnvironmentConfig {
  const copy = structuredClone(base) as Record<string, any>;
  edit(copy);
  return copy as EnvironmentConfig;
}

const BAD: readonly (readonly [string, EnvironmentConfig, readonly string[]])[] = [
  // Shape: presence and types
  ["availability zones missing", edited(dev, (c) => delete c.network.availabilityZones), ["dev.network.availabilityZones"]],
  [
    "availability zones as a string",
    edited(dev, (c) => (c.network.availabilityZones = "us-east-1a,us-east-1b")),
    ["dev.network.availabilityZones"],
  ],
  ["queues missing", edited(dev, (c) => delete c.messaging.queues), ["dev.messaging.queues"]],
  ["compute missing", edited(dev, (c) => delete c.compute), ["dev.compute"]],
  ["network null", edited(dev, (c) => (c.network = null)), ["dev.network"]],
  ["messaging as a list", edited(dev, (c) => (c.messaging = [])), ["dev.messaging"]],
  [
    "email subscriptions as a string",
    edited(prod, (c) => (c.alarmTopic.emailSubscriptions = "oncall@example.com")),
    ["prod.alarmTopic.emailSubscriptions"],
  ],
  ["a string where a number belongs", edited(prod, (c) => (c.compute.maxSize = "4")), ["prod.compute.maxSize"]],
  ["a fraction where a whole number belongs", edited(prod, (c) => (c.compute.minSize = 1.5)), ["prod.compute.minSize"]],
  [
    "not a number",
    edited(dev, (c) => (c.messaging.queues[0].visibilityTimeoutSeconds = Number.NaN)),
    ["dev.messaging.queues[0].visibilityTimeoutSeconds"],
  ],
  [
    "an infinite number",
    edited(dev, (c) => (c.loadBalancer.idleTimeoutSeconds = Number.POSITIVE_INFINITY)),
    ["dev.loadBalancer.idleTimeoutSeconds"],
  ],
  ["a string where true or false belongs", edited(dev, (c) => (c.network.s3GatewayEndpoint = "yes")), ["dev.network.s3GatewayEndpoint"]],
  ["a misspelt field, with a suggestion", edited(dev, (c) => (c.network.cidrr = "10.10.0.0/16")), ["dev.network.cidrr"]],
  ["a misspelt top-level field", edited(dev, (c) => (c.regoin = "us-east-1")), ["dev.regoin"]],
  ["an unknown field", edited(dev, (c) => (c.compute.spotPrice = "0.01")), ["dev.compute.spotPrice"]],
  ["an unknown compute mode", edited(dev, (c) => (c.compute.mode = "lambda")), ["dev.compute.mode"]],
  ["an unknown backend kind", edited(dev, (c) => (c.backend = { kind: "gcs" })), ["dev.backend.kind"]],
  // Duplicates
  ["a zone twice", edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1a"])), ["dev.network.availabilityZones"]],
  [
    "an ingress CIDR twice",
    edited(dev, (c) => (c.loadBalancer.ingressCidrs = ["203.0.113.0/24", "203.0.113.0/24"])),
    ["dev.loadBalancer.ingressCidrs"],
  ],
  [
    "a managed policy twice",
    edited(
      dev,
      (c) => (c.compute.managedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]),
    ),
    ["dev.compute.managedPolicyArns"],
  ],
  [
    "the SSM policy again",
    edited(dev, (c) => (c.compute.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"])),
    ["dev.compute.managedPolicyArns[0]"],
  ],
  ["a queue name twice", edited(dev, (c) => c.messaging.queues.push({ name: "order-queue" })), ["dev.messaging.queues[1].name"]],
  [
    "an email twice",
    edited(prod, (c) => c.alarmTopic.emailSubscriptions.push("oncall@example.com")),
    ["prod.alarmTopic.emailSubscriptions"],
  ],
  ["a tier twice", edited(dev, (c) => (c.network.subnetTiers = ["public", "private", "public"])), ["dev.network.subnetTiers"]],
  // Values Terraform, the provider or AWS would refuse
  ["a CIDR with leading zeros", edited(dev, (c) => (c.network.cidr = "10.030.0.0/16")), ["dev.network.cidr"]],
  ["a CIDR with host bits", edited(dev, (c) => (c.network.cidr = "10.10.1.0/16")), ["dev.network.cidr"]],
  ["a VPC larger than /16", edited(dev, (c) => (c.network.cidr = "10.0.0.0/8")), ["dev.network.cidr"]],
  [
    "a VPC too small for its subnets",
    edited(dev, (c) => Object.assign(c.network, { cidr: "10.10.0.0/24", subnetPrefixLength: 27 })),
    ["dev.network.subnetPrefixLength"],
  ],
  ["one availability zone", edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a"])), ["dev.network.availabilityZones"]],
  [
    "seven availability zones",
    edited(dev, (c) => (c.network.availabilityZones = ["a", "b", "c", "d", "e", "f", "g"].map((z) => `us-east-1${z}`))),
    ["dev.network.availabilityZones", "dev.network.availabilityZones[6]"],
  ],
  [
    "a zone of another region",
    edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a", "us-west-2b"])),
    ["dev.network.availabilityZones[1]"],
  ],
  ["a malformed region", edited(dev, (c) => (c.region = "useast1")), ["dev.region"]],
  ["a region that does not exist", edited(dev, (c) => (c.region = "us-east-7")), ["dev.region"]],
  [
    "a zone that does not exist",
    edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1z"])),
    ["dev.network.availabilityZones[1]"],
  ],
  ["an instance type that does not exist", edited(dev, (c) => (c.compute.instanceType = "t3.mega")), ["dev.compute.instanceType"]],
  [
    "a mixed instance type that does not exist",
    edited(prod, (c) => (c.compute.mixedInstances.instanceTypes = ["t3.small", "t3a.smal"])),
    ["prod.compute.mixedInstances.instanceTypes[1]"],
  ],
  ["an unknown subnet tier", edited(dev, (c) => (c.network.subnetTiers = ["public", "dmz"])), ["dev.network.subnetTiers[1]"]],
  ["an unknown NAT strategy", edited(dev, (c) => (c.network.natGateways = "two")), ["dev.network.natGateways"]],
  ["no NAT for Session Manager", edited(dev, (c) => (c.network.natGateways = "none")), ["dev.network.natGateways"]],
  [
    "a log retention CloudWatch does not offer",
    edited(dev, (c) => (c.network.flowLogs.retentionDays = 45)),
    ["dev.network.flowLogs.retentionDays"],
  ],
  [
    "a target group prefix with a leading hyphen",
    edited(dev, (c) => (c.loadBalancer.targetGroupNamePrefix = "-tg")),
    ["dev.loadBalancer.targetGroupNamePrefix"],
  ],
  [
    "a target group prefix over 6 characters",
    edited(dev, (c) => (c.loadBalancer.targetGroupNamePrefix = "webtier")),
    ["dev.loadBalancer.targetGroupNamePrefix"],
  ],
  ["the SSH port as the app port", edited(dev, (c) => (c.loadBalancer.targetPort = 22)), ["dev.loadBalancer.targetPort"]],
  ["the RDP port as the app port", edited(dev, (c) => (c.loadBalancer.targetPort = 3389)), ["dev.loadBalancer.targetPort"]],
  ["a port over 65535", edited(dev, (c) => (c.loadBalancer.httpPort = 70000)), ["dev.loadBalancer.httpPort"]],
  [
    "a health check path without a slash",
    edited(dev, (c) => (c.loadBalancer.healthCheck.path = "health")),
    ["dev.loadBalancer.healthCheck.path"],
  ],
  [
    "a health check code an ALB cannot expect",
    edited(dev, (c) => (c.loadBalancer.healthCheck.matcher = "600")),
    ["dev.loadBalancer.healthCheck.matcher"],
  ],
  [
    "a health check timeout not below the interval",
    edited(dev, (c) => Object.assign(c.loadBalancer.healthCheck, { intervalSeconds: 10, timeoutSeconds: 10 })),
    ["dev.loadBalancer.healthCheck.timeoutSeconds"],
  ],
  [
    "a certificate from another region",
    edited(
      dev,
      (c) => (c.loadBalancer.certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
    ),
    ["dev.loadBalancer.certificateArn"],
  ],
  [
    "a malformed certificate ARN",
    edited(dev, (c) => (c.loadBalancer.certificateArn = "arn:aws:acm:us-east-1:123:cert/x")),
    ["dev.loadBalancer.certificateArn"],
  ],
  [
    "HTTP and HTTPS on one port",
    edited(dev, (c) =>
      Object.assign(c.loadBalancer, {
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
        httpPort: 443,
      }),
    ),
    ["dev.loadBalancer.httpsPort"],
  ],
  [
    "an access log bucket S3 refuses",
    edited(dev, (c) => (c.loadBalancer.accessLogs = { bucket: "Logs_Bucket" })),
    ["dev.loadBalancer.accessLogs.bucket"],
  ],
  [
    "a hosted zone id that is a zone name",
    edited(prod, (c) => (c.loadBalancer.domain.zoneId = "example.com")),
    ["prod.loadBalancer.domain.zoneId"],
  ],
  [
    "a record name with a trailing dot",
    edited(prod, (c) => (c.loadBalancer.domain.recordName = "app.example.com.")),
    ["prod.loadBalancer.domain.recordName"],
  ],
  [
    "an alternative name with an underscore",
    edited(prod, (c) => (c.loadBalancer.domain.alternativeNames = ["api_v2.example.com"])),
    ["prod.loadBalancer.domain.alternativeNames[0]"],
  ],
  [
    "a domain and a certificate at once",
    edited(
      prod,
      (c) => (c.loadBalancer.certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
    ),
    ["prod.loadBalancer.domain"],
  ],
  ["a WAF rate limit under AWS's 10", edited(prod, (c) => (c.loadBalancer.webAcl.rateLimit = 5)), ["prod.loadBalancer.webAcl.rateLimit"]],
  [
    "an existing web ACL with a rate limit",
    edited(
      prod,
      (c) =>
        (c.loadBalancer.webAcl = {
          arn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
          rateLimit: 100,
        }),
    ),
    ["prod.loadBalancer.webAcl.arn"],
  ],
  [
    "an access-log expiry for your own bucket",
    edited(prod, (c) => (c.loadBalancer.accessLogs = { bucket: "prod-alb-logs", expirationDays: 30 })),
    ["prod.loadBalancer.accessLogs.expirationDays"],
  ],
  [
    "a stress source with host bits",
    edited(dev, (c) => (c.loadBalancer.stressAllowedCidrs = ["203.0.113.7/24"])),
    ["dev.loadBalancer.stressAllowedCidrs[0]"],
  ],
  [
    "the whole internet as a stress source",
    edited(dev, (c) => (c.loadBalancer.stressAllowedCidrs = ["0.0.0.0/0"])),
    ["dev.loadBalancer.stressAllowedCidrs[0]"],
  ],
  [
    "stress sources with the endpoint off",
    edited(dev, (c) =>
      Object.assign(c, {
        compute: { ...c.compute, stressEndpoint: false },
        loadBalancer: { ...c.loadBalancer, stressAllowedCidrs: ["203.0.113.0/24"] },
      }),
    ),
    ["dev.loadBalancer.stressAllowedCidrs"],
  ],
  [
    "slow start with least outstanding requests",
    edited(stage, (c) => Object.assign(c.loadBalancer, { slowStartSeconds: 60, loadBalancingAlgorithm: "least_outstanding_requests" })),
    ["stage.loadBalancer.slowStartSeconds"],
  ],
  ["a slow start under 30 s", edited(stage, (c) => (c.loadBalancer.slowStartSeconds = 10)), ["stage.loadBalancer.slowStartSeconds"]],
  [
    "stickiness over 7 days",
    edited(stage, (c) => (c.loadBalancer.stickiness = { durationSeconds: 604801 })),
    ["stage.loadBalancer.stickiness.durationSeconds"],
  ],
  ["a malformed instance type", edited(dev, (c) => (c.compute.instanceType = "t3micro")), ["dev.compute.instanceType"]],
  ["a malformed image", edited(dev, (c) => (c.compute.imageId = "ubuntu")), ["dev.compute.imageId"]],
  ["user data over 16 KB", edited(dev, (c) => (c.compute.userData = "#".repeat(16 * 1024 + 1))), ["dev.compute.userData"]],
  ["a root volume smaller than the image", edited(dev, (c) => (c.compute.rootVolumeSizeGiB = 4)), ["dev.compute.rootVolumeSizeGiB"]],
  ["21 instances in ec2 mode", edited(dev, (c) => (c.compute.instanceCount = 21)), ["dev.compute.instanceCount"]],
  [
    "maxSize below minSize",
    edited(prod, (c) => Object.assign(c.compute, { minSize: 3, maxSize: 2, desiredCapacity: 2 })),
    ["prod.compute.maxSize"],
  ],
  ["desired capacity above maxSize", edited(prod, (c) => (c.compute.desiredCapacity = 5)), ["prod.compute.desiredCapacity"]],
  [
    "a refresh with no room to replace an instance",
    edited(stage, (c) => Object.assign(c.compute, { minHealthyPercentage: 100, maxHealthyPercentage: 100 })),
    ["stage.compute.minHealthyPercentage"],
  ],
  [
    "CPU credits for a type that earns none",
    edited(dev, (c) => Object.assign(c.compute, { instanceType: "m5.large", cpuCredits: "unlimited" })),
    ["dev.compute.cpuCredits"],
  ],
  [
    "an image version beside an AMI id",
    edited(dev, (c) => Object.assign(c.compute, { imageId: "ami-0123456789abcdef0", imageVersion: 3 })),
    ["dev.compute.imageVersion"],
  ],
  [
    "instance types of two architectures",
    edited(prod, (c) => (c.compute.mixedInstances.instanceTypes = ["t3.small", "t4g.small"])),
    ["prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "burstable and other types in one group",
    edited(prod, (c) => (c.compute.mixedInstances.instanceTypes = ["t3.large", "m5.large"])),
    ["prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "an instance type beside a mixed instances policy",
    edited(prod, (c) => (c.compute.instanceType = "t3.small")),
    ["prod.compute.instanceType"],
  ],
  [
    "an On-Demand share over 100 percent",
    edited(prod, (c) => (c.compute.mixedInstances.onDemandPercentageAboveBaseCapacity = 101)),
    ["prod.compute.mixedInstances.onDemandPercentageAboveBaseCapacity"],
  ],
  [
    "a Spot strategy AWS does not offer",
    edited(prod, (c) => (c.compute.mixedInstances.spotAllocationStrategy = "diversified")),
    ["prod.compute.mixedInstances.spotAllocationStrategy"],
  ],
  ["a warm pool with a mixed instances policy", edited(prod, (c) => (c.compute.warmPool = { minSize: 1 })), ["prod.compute.warmPool"]],
  [
    "a hibernated warm pool",
    edited(stage, (c) => (c.compute.warmPool = { poolState: "Hibernated" })),
    ["stage.compute.warmPool.poolState"],
  ],
  [
    "a lifecycle heartbeat over two hours",
    edited(stage, (c) => (c.compute.lifecycleHooks = { launch: { heartbeatTimeoutSeconds: 7201 } })),
    ["stage.compute.lifecycleHooks.launch.heartbeatTimeoutSeconds"],
  ],
  ["a queue name SQS would cut", edited(dev, (c) => (c.messaging.queues[0].name = "q".repeat(70))), ["dev.messaging.queues[0].name"]],
  [
    "a visibility timeout shorter than processing",
    edited(dev, (c) => (c.messaging.queues[0].visibilityTimeoutSeconds = 30)),
    ["dev.messaging.queues[0].visibilityTimeoutSeconds"],
  ],
  [
    "a visibility timeout over 12 hours",
    edited(dev, (c) => (c.messaging.queues[0].visibilityTimeoutSeconds = 50000)),
    ["dev.messaging.queues[0].visibilityTimeoutSeconds"],
  ],
  [
    "no receives before the dead-letter queue",
    edited(dev, (c) => (c.messaging.queues[0].maxReceiveCount = 0)),
    ["dev.messaging.queues[0].maxReceiveCount"],
  ],
  ["the AWS managed SQS key", edited(dev, (c) => (c.messaging.queues[0].kmsKeyId = "alias/aws/sqs")), ["dev.messaging.queues[0].kmsKeyId"]],
  ["a FIFO queue on a standard topic", edited(dev, (c) => (c.messaging.queues[0].fifo = true)), ["dev.messaging.queues[0].fifo"]],
  [
    "an email on a FIFO topic",
    edited(dev, (c) => Object.assign(c.messaging, { fifo: true, emailSubscriptions: ["a@example.com"] })),
    ["dev.messaging.emailSubscriptions"],
  ],
  ["no queue at all", edited(dev, (c) => (c.messaging.queues = [])), ["dev.messaging.queues"]],
  [
    "target tracking in ec2 mode",
    edited(dev, (c) => (c.scaling = { targetTracking: { enabled: true } })),
    ["dev.scaling.targetTracking.enabled"],
  ],
  [
    "scale-in at or above scale-out",
    edited(prod, (c) => (c.scaling.stepScaling.scaleIn.thresholdPercent = 80)),
    ["prod.scaling.stepScaling.scaleIn.thresholdPercent"],
  ],
  [
    "a high-resolution alarm period on EC2 CPU",
    edited(prod, (c) => (c.scaling.stepScaling.scaleOut.periodSeconds = 30)),
    ["prod.scaling.stepScaling.scaleOut.periodSeconds"],
  ],
  [
    "a scale-in that adds",
    edited(prod, (c) => (c.scaling.stepScaling.scaleIn.adjustment = 1)),
    ["prod.scaling.stepScaling.scaleIn.adjustment"],
  ],
  ["a malformed email", edited(prod, (c) => (c.alarmTopic.emailSubscriptions = ["oncall"])), ["prod.alarmTopic.emailSubscriptions[0]"]],
  [
    "a key deletion window KMS refuses",
    edited(prod, (c) => (c.alarmTopic.keyDeletionWindowDays = 31)),
    ["prod.alarmTopic.keyDeletionWindowDays"],
  ],
  [
    "an alarm endpoint over plain HTTP",
    edited(dev, (c) => (c.alarmTopic.httpsEndpoints = ["http://events.example.com/sns"])),
    ["dev.alarmTopic.httpsEndpoints[0]"],
  ],
  [
    "an alarm forward to another region's topic",
    edited(dev, (c) => (c.alarmTopic.forwardToTopicArns = ["arn:aws:sns:eu-west-1:123456789012:oncall"])),
    ["dev.alarmTopic.forwardToTopicArns[0]"],
  ],
  [
    "an alarm forward to the alarm topic itself",
    edited(dev, (c) => (c.alarmTopic.forwardToTopicArns = ["arn:aws:sns:us-east-1:123456789012:webtier-dev-alarms"])),
    ["dev.alarmTopic.forwardToTopicArns[0]"],
  ],
  [
    "Session Manager endpoints as a string",
    edited(dev, (c) => (c.network.sessionManagerEndpoints = "yes")),
    ["dev.network.sessionManagerEndpoints"],
  ],
  [
    "request-count tracking in ec2 mode",
    edited(dev, (c) => (c.scaling = { requestTracking: { enabled: true } })),
    ["dev.scaling.requestTracking.enabled"],
  ],
  [
    "a request target of 0",
    edited(stage, (c) => (c.scaling.requestTracking.targetRequestsPerTarget = 0)),
    ["stage.scaling.requestTracking.targetRequestsPerTarget"],
  ],
  [
    "a schedule in ec2 mode",
    edited(dev, (c) => (c.scaling = { schedules: [{ name: "night", recurrence: "0 20 * * *", desiredCapacity: 0 }] })),
    ["dev.scaling.schedules"],
  ],
  [
    "an EventBridge cron as a recurrence",
    edited(stage, (c) => (c.scaling.schedules[0].recurrence = "cron(0 20 ? * MON-FRI *)")),
    ["stage.scaling.schedules[0].recurrence"],
  ],
  [
    "a recurrence hour out of range",
    edited(stage, (c) => (c.scaling.schedules[1].recurrence = "0 25 * * 1-5")),
    ["stage.scaling.schedules[1].recurrence"],
  ],
  [
    "a time zone given as an offset",
    edited(stage, (c) => (c.scaling.schedules[0].timeZone = "UTC-5")),
    ["stage.scaling.schedules[0].timeZone"],
  ],
  [
    "a scheduled maxSize below its minSize",
    edited(stage, (c) => Object.assign(c.scaling.schedules[1], { minSize: 2, maxSize: 1, desiredCapacity: 1 })),
    ["stage.scaling.schedules[1].maxSize"],
  ],
  [
    "a scheduled action that sets nothing",
    edited(stage, (c) => (c.scaling.schedules[0] = { name: "noop", recurrence: "0 20 * * 1-5" })),
    ["stage.scaling.schedules[0]"],
  ],
  [
    "two scheduled actions of one name",
    edited(stage, (c) => (c.scaling.schedules[1].name = "evening-scale-down")),
    ["stage.scaling.schedules[1].name"],
  ],
  [
    "a predictive CPU target over 100",
    edited(stage, (c) => (c.scaling.predictiveScaling = { enabled: true, metric: "cpu", targetValue: 150 })),
    ["stage.scaling.predictiveScaling.targetValue"],
  ],
  [
    "an unknown predictive mode",
    edited(stage, (c) => (c.scaling.predictiveScaling.mode = "ForecastAndAct")),
    ["stage.scaling.predictiveScaling.mode"],
  ],
  // The environment's own fields
  ["an uppercase name", edited(dev, (c) => (c.name = "Dev")), ["Dev.name"]],
  ["a project name over the project's limit", edited(dev, (c) => (c.project = "webtier-platform")), ["dev.project"]],
  ["a tag key AWS reserves", edited(dev, (c) => (c.tags = { "aws:owner": "me" })), ["dev.tags.aws:owner"]],
  ["a tag the stack sets", edited(dev, (c) => (c.tags = { Environment: "x" })), ["dev.tags"]],
  ["a tag value over 256 characters", edited(dev, (c) => (c.tags = { Team: "t".repeat(257) })), ["dev.tags.Team"]],
  ["an S3 backend without a bucket", edited(dev, (c) => (c.backend = { kind: "s3" })), ["dev.backend.bucket"]],
  // Production's promises
  ["production without flow logs", edited(prod, (c) => (c.network.flowLogs = { enabled: false })), ["prod.network.flowLogs.enabled"]],
  [
    "production without ALB deletion protection",
    edited(prod, (c) => (c.loadBalancer.deletionProtection = false)),
    ["prod.loadBalancer.deletionProtection"],
  ],
  ["production without queue protection", edited(prod, (c) => delete c.messaging.preventDestroy), ["prod.messaging.preventDestroy"]],
  ["production serving plain HTTP", edited(prod, (c) => delete c.loadBalancer.domain), ["prod.loadBalancer.domain"]],
  ["production without a web ACL", edited(prod, (c) => delete c.loadBalancer.webAcl), ["prod.loadBalancer.webAcl"]],
  ["production without access logs", edited(prod, (c) => delete c.loadBalancer.accessLogs), ["prod.loadBalancer.accessLogs"]],
  [
    "production on one instance type",
    edited(prod, (c) => (c.compute.mixedInstances.instanceTypes = ["t3.small"])),
    ["prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "production without a mixed instances policy",
    edited(prod, (c) => Object.assign(c.compute, { mixedInstances: undefined, instanceType: "t3.small" })),
    ["prod.compute.mixedInstances"],
  ],
  ["production whose alarms reach nobody", edited(prod, (c) => (c.alarmTopic = { emailSubscriptions: [] })), ["prod.alarmTopic"]],
  ["production without an alarm topic section", edited(prod, (c) => delete c.alarmTopic), ["prod.alarmTopic"]],
  [
    "production with emails as a number, reported once",
    edited(prod, (c) => (c.alarmTopic = { emailSubscriptions: 5 })),
    ["prod.alarmTopic.emailSubscriptions"],
  ],
];

/**
 * Independent faults in two sections (network, loadBalancer, compute, scaling, alarmTopic,
 * messaging, account), every pair of them: both are reported in one run, whatever the other
 * section holds. Each pairs a fault of the shape with one a rule finds, so that neither may hide
 * the other.
 */
const ROLE_IN_OTHER_ACCOUNT = { accountId: "123456789012", assumeRoleArn: "arn:aws:iam::210987654321:role/deploy" };
const PAIRS: readonly (readonly [string, EnvironmentConfig, readonly string[]])[] = [
  [
    "network and loadBalancer: a port over 65535 beside no NAT for Session Manager",
    edited(dev, (c) =>
      Object.assign(c, { loadBalancer: { ...c.loadBalancer, httpPort: 70000 }, network: { ...c.network, natGateways: "none" } }),
    ),
    ["dev.loadBalancer.httpPort", "dev.network.natGateways"],
  ],
  [
    "network and compute: a network written as a CIDR beside one instance type in production",
    edited(prod, (c) =>
      Object.assign(c, { network: "10.30.0.0/16", compute: { ...c.compute, mixedInstances: { instanceTypes: ["t3.small"] } } }),
    ),
    ["prod.network", "prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "network and scaling: scaling as a string beside flow logs off in production",
    edited(prod, (c) => Object.assign(c, { scaling: "step", network: { ...c.network, flowLogs: { enabled: false } } })),
    ["prod.scaling", "prod.network.flowLogs.enabled"],
  ],
  [
    "network and alarmTopic: a network as a list beside alarms that reach nobody",
    edited(prod, (c) => Object.assign(c, { network: ["10.30.0.0/16"], alarmTopic: { emailSubscriptions: [] } })),
    ["prod.network", "prod.alarmTopic"],
  ],
  [
    "network and messaging: messaging as a string beside flow logs off in production",
    edited(prod, (c) => Object.assign(c, { messaging: "order-alerts", network: { ...c.network, flowLogs: { enabled: false } } })),
    ["prod.messaging", "prod.network.flowLogs.enabled"],
  ],
  [
    "network and account: a network as a string beside a role in another account",
    edited(dev, (c) => Object.assign(c, { network: "10.10.0.0/16", ...ROLE_IN_OTHER_ACCOUNT })),
    ["dev.network", "dev.assumeRoleArn"],
  ],
  [
    "loadBalancer and compute: a root volume under the image beside stress sources with the endpoint off",
    edited(dev, (c) =>
      Object.assign(c, {
        compute: { ...c.compute, rootVolumeSizeGiB: 4, stressEndpoint: false },
        loadBalancer: { ...c.loadBalancer, stressAllowedCidrs: ["203.0.113.0/24"] },
      }),
    ),
    ["dev.compute.rootVolumeSizeGiB", "dev.loadBalancer.stressAllowedCidrs"],
  ],
  [
    "loadBalancer and scaling: scaling as a list beside no deletion protection in production",
    edited(prod, (c) => Object.assign(c, { scaling: [], loadBalancer: { ...c.loadBalancer, deletionProtection: false } })),
    ["prod.scaling", "prod.loadBalancer.deletionProtection"],
  ],
  [
    "loadBalancer and alarmTopic: the alarm topic as an email beside no web ACL in production",
    edited(prod, (c) => Object.assign(c, { alarmTopic: "oncall@example.com", loadBalancer: { ...c.loadBalancer, webAcl: undefined } })),
    ["prod.alarmTopic", "prod.loadBalancer.webAcl"],
  ],
  [
    "loadBalancer and messaging: messaging as a list beside no access logs in production",
    edited(prod, (c) => Object.assign(c, { messaging: [], loadBalancer: { ...c.loadBalancer, accessLogs: undefined } })),
    ["prod.messaging", "prod.loadBalancer.accessLogs"],
  ],
  [
    "loadBalancer and account: a role ARN without its prefix beside plain HTTP in production",
    edited(prod, (c) => Object.assign(c, { assumeRoleArn: "role/deploy", loadBalancer: { ...c.loadBalancer, domain: undefined } })),
    ["prod.assumeRoleArn", "prod.loadBalancer.domain"],
  ],
  [
    "compute and scaling: a negative minSize beside a negative cooldown",
    edited(prod, (c) =>
      Object.assign(c, {
        compute: { ...c.compute, minSize: -1 },
        scaling: { ...c.scaling, stepScaling: { ...c.scaling.stepScaling, cooldownSeconds: -1 } },
      }),
    ),
    ["prod.compute.minSize", "prod.scaling.stepScaling.cooldownSeconds"],
  ],
  [
    "compute and scaling: desired capacity above maxSize beside a CPU target of 0",
    edited(stage, (c) =>
      Object.assign(c, {
        compute: { ...c.compute, desiredCapacity: 5 },
        scaling: { ...c.scaling, targetTracking: { ...c.scaling.targetTracking, targetCpuPercent: 0 } },
      }),
    ),
    ["stage.compute.desiredCapacity", "stage.scaling.targetTracking.targetCpuPercent"],
  ],
  [
    "compute and alarmTopic: compute as a string beside alarms that reach nobody",
    edited(prod, (c) => Object.assign(c, { compute: "asg", alarmTopic: {} })),
    ["prod.compute", "prod.alarmTopic"],
  ],
  [
    "compute and messaging: messaging as a string beside one instance type in production",
    edited(prod, (c) =>
      Object.assign(c, { messaging: "orders", compute: { ...c.compute, mixedInstances: { instanceTypes: ["t3.small"] } } }),
    ),
    ["prod.messaging", "prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "compute and account: a malformed account id beside one instance type in production",
    edited(prod, (c) =>
      Object.assign(c, { accountId: "prod-account", compute: { ...c.compute, mixedInstances: { instanceTypes: ["t3.small"] } } }),
    ),
    ["prod.accountId", "prod.compute.mixedInstances.instanceTypes"],
  ],
  [
    "scaling and alarmTopic: scaling as a string beside alarms that reach nobody",
    edited(prod, (c) => Object.assign(c, { scaling: "target", alarmTopic: { emailSubscriptions: [] } })),
    ["prod.scaling", "prod.alarmTopic"],
  ],
  [
    "scaling and messaging: scaling as a list beside unprotected queues in production",
    edited(prod, (c) => Object.assign(c, { scaling: [], messaging: { ...c.messaging, preventDestroy: undefined } })),
    ["prod.scaling", "prod.messaging.preventDestroy"],
  ],
  [
    "scaling and account: scaling as a string beside no account id in production",
    edited(prod, (c) => Object.assign(c, { scaling: "target", accountId: undefined })),
    ["prod.scaling", "prod.accountId"],
  ],
  [
    "alarmTopic and messaging: the alarm topic as a list beside unprotected queues in production",
    edited(prod, (c) => Object.assign(c, { alarmTopic: [], messaging: { ...c.messaging, preventDestroy: false } })),
    ["prod.alarmTopic", "prod.messaging.preventDestroy"],
  ],
  [
    "alarmTopic and account: a short account id beside alarms that reach nobody",
    edited(prod, (c) => Object.assign(c, { accountId: "12345", alarmTopic: { emailSubscriptions: [] } })),
    ["prod.accountId", "prod.alarmTopic"],
  ],
  [
    "messaging and account: messaging as a string beside a role in another account",
    edited(dev, (c) => Object.assign(c, { messaging: "orders", ...ROLE_IN_OTHER_ACCOUNT })),
    ["dev.messaging", "dev.assumeRoleArn"],
  ],
];

/** Sections that two cases of {@link PAIRS} name together: every pair of the seven. */
const SECTIONS = ["network", "loadBalancer", "compute", "scaling", "alarmTopic", "messaging", "account"] as const;

const GOOD: readonly (readonly [string, EnvironmentConfig])[] = [
  ["exactly two zones", edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1b"]))],
  ["six zones", edited(dev, (c) => (c.network.availabilityZones = ["a", "b", "c", "d", "e", "f"].map((z) => `us-east-1${z}`)))],
  ["min = desired = max", edited(prod, (c) => Object.assign(c.compute, { minSize: 3, desiredCapacity: 3, maxSize: 3 }))],
  ["maxSize of 1000", edited(prod, (c) => (c.compute.maxSize = 1000))],
  ["ports at their limits", edited(dev, (c) => Object.assign(c.loadBalancer, { targetPort: 65535, httpPort: 1 }))],
  ["a /24 VPC with /28 subnets", edited(dev, (c) => Object.assign(c.network, { cidr: "10.10.0.0/24", subnetPrefixLength: 28 }))],
  ["a local zone of the region", edited(dev, (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1-bos-1a"]))],
  [
    "a domain with a wildcard alternative name",
    edited(prod, (c) => (c.loadBalancer.domain.alternativeNames = ["*.example.com", "www.example.com"])),
  ],
  [
    "production on its own certificate instead of a domain",
    edited(prod, (c) =>
      Object.assign(c.loadBalancer, {
        domain: undefined,
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
      }),
    ),
  ],
  [
    "production with an existing web ACL and log bucket",
    edited(prod, (c) =>
      Object.assign(c.loadBalancer, {
        webAcl: { arn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" },
        accessLogs: { bucket: "prod-alb-logs" },
      }),
    ),
  ],
  [
    "three stress sources for an endpoint that is on",
    edited(dev, (c) => (c.loadBalancer.stressAllowedCidrs = ["203.0.113.0/24", "198.51.100.7/32", "10.0.0.0/8"])),
  ],
  [
    "every target-group control at its limits",
    edited(stage, (c) =>
      Object.assign(c.loadBalancer, { slowStartSeconds: 900, stickiness: { durationSeconds: 604800 }, deregistrationDelaySeconds: 3600 }),
    ),
  ],
  [
    "a warm pool and lifecycle hooks",
    edited(stage, (c) =>
      Object.assign(c.compute, {
        warmPool: { minSize: 1, reuseOnScaleIn: true },
        lifecycleHooks: { launch: {}, terminate: { defaultResult: "ABANDON" } },
      }),
    ),
  ],
  [
    "Spot above an On-Demand base, on Graviton",
    edited(
      prod,
      (c) =>
        (c.compute.mixedInstances = {
          instanceTypes: ["m7g.large", "m6g.large"],
          onDemandBaseCapacity: 2,
          onDemandPercentageAboveBaseCapacity: 0,
        }),
    ),
  ],
  ["a pinned image version", edited(dev, (c) => (c.compute.imageVersion = 98))],
  [
    "no NAT, with Session Manager endpoints",
    edited(dev, (c) => Object.assign(c.network, { natGateways: "none", sessionManagerEndpoints: true })),
  ],
  [
    "production heard by an HTTPS endpoint only",
    edited(prod, (c) => (c.alarmTopic = { httpsEndpoints: ["https://events.example.com/sns"] })),
  ],
  [
    "production heard through a topic a chat integration watches",
    edited(prod, (c) => (c.alarmTopic = { forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:chatbot-ops"] })),
  ],
  [
    "schedules at Auto Scaling's 125",
    edited(
      stage,
      (c) =>
        (c.scaling.schedules = Array.from({ length: 125 }, (_, i) => ({
          name: `s${i}`,
          recurrence: `${i % 60} ${i % 24} * * *`,
          desiredCapacity: 1,
        }))),
    ),
  ],
  [
    "an instance type newer than the catalog, accepted on purpose",
    edited(dev, (c) => Object.assign(c.compute, { instanceType: "m9i.large", acceptUnlistedInstanceTypes: true })),
  ],
  ["dev as in the fixture", dev],
  ["stage as in the fixture", stage],
  ["prod as in the fixture", prod],
];

describe("configuration corpus", () => {
  it("holds at least 60 bad cases", () => {
    expect(BAD.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(BAD.map(([name, config, paths]) => ({ name, config, paths })))("refuses $name", ({ config, paths }) => {
    it("with every problem at its path, once, and the wording reviewed", () => {
      const findings = validateEnvironment(config);
      expect(findings.map((f) => f.path)).toEqual(paths);
      expect(findings.map((f) => `${f.path} ${f.message}`)).toMatchSnapshot();
    });
  });

  it.each(GOOD.map(([name, config]) => ({ name, config })))("accepts $name", ({ config }) => {
    expect(validateEnvironment(config)).toEqual([]);
  });

  it.each(environments.map((config) => ({ name: config.name, config })))("accepts the committed environment $name", ({ config }) => {
    expect(validateEnvironment(config)).toEqual([]);
  });

  describe.each(PAIRS.map(([name, config, paths]) => ({ name, config, paths })))(
    "reports both of two independent faults: $name",
    ({ config, paths }) => {
      it("in one run, each at its path, and the wording reviewed", () => {
        const findings = validateEnvironment(config);
        expect(findings.map((f) => f.path)).toEqual(paths);
        expect(findings.map((f) => `${f.path} ${f.message}`)).toMatchSnapshot();
      });
    },
  );

  it("pairs faults of every two sections", () => {
    const pairs = new Set(PAIRS.map(([name]) => name.split(":")[0]!));
    const wanted = SECTIONS.flatMap((a, i) => SECTIONS.slice(i + 1).map((b) => `${a} and ${b}`));
    expect(wanted.filter((pair) => !pairs.has(pair))).toEqual([]);
  });

  it("refuses environments whose VPCs overlap, and an unknown name, with a ValidationError", () => {
    const qa = edited(dev, (c) => (c.name = "qa"));
    const failures = [() => selectEnvironments(undefined, [dev, qa]), () => selectEnvironments("dev,qa")].map((select) => {
      try {
        select();
      } catch (error) {
        return error;
      }
      return undefined;
    });
    for (const failure of failures) expect(failure).toBeInstanceOf(ValidationError);
    expect(failures.map((f) => (f as ValidationError).message)).toMatchSnapshot();
  });
});
