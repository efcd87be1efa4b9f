import type { EnvironmentConfig } from "../../envs/config";

/**
 * The environments the configuration corpus edits: fixed copies of dev, stage and prod as they
 * were when the corpus was written, so that editing envs/*.ts (adding a queue, resizing a group)
 * changes no corpus case. The corpus accepts the committed environments separately.
 */

export const dev: EnvironmentConfig = {
  name: "dev",
  project: "webtier",
  region: "us-east-1",
  tags: { CostCenter: "engineering" },
  network: {
    cidr: "10.10.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natGateways: "single",
    flowLogs: { retentionDays: 14 },
    s3GatewayEndpoint: true,
  },
  loadBalancer: {
    targetPort: 5000,
    healthCheck: { path: "/health" },
  },
  compute: {
    mode: "ec2",
    instanceCount: 1,
    instanceType: "t3.micro",
    stressEndpoint: true,
  },
  alarmTopic: {},
  messaging: {
    topicName: "order-alerts",
    queues: [{ name: "order-queue", visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 45 }],
  },
  scaling: {},
};

export const stage: EnvironmentConfig = {
  name: "stage",
  project: "webtier",
  region: "us-east-1",
  tags: { CostCenter: "engineering" },
  network: {
    cidr: "10.20.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natGateways: "single",
    flowLogs: { retentionDays: 30 },
    s3GatewayEndpoint: true,
  },
  loadBalancer: {
    targetPort: 5000,
    healthCheck: { path: "/health" },
  },
  compute: {
    mode: "asg",
    minSize: 1,
    maxSize: 3,
    desiredCapacity: 1,
    instanceType: "t3.micro",
    stressEndpoint: true,
    minHealthyPercentage: 100,
    maxHealthyPercentage: 200,
  },
  alarmTopic: {},
  messaging: {
    topicName: "order-alerts",
    queues: [{ name: "order-queue", visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 45 }],
  },
  scaling: {
    targetTracking: { enabled: true, targetCpuPercent: 50, estimatedInstanceWarmupSeconds: 300 },
    requestTracking: { enabled: true, targetRequestsPerTarget: 1000 },
    schedules: [
      { name: "evening-scale-down", recurrence: "0 20 * * 1-5", timeZone: "America/New_York", minSize: 0, maxSize: 0, desiredCapacity: 0 },
      { name: "morning-scale-up", recurrence: "0 7 * * 1-5", timeZone: "America/New_York", minSize: 1, maxSize: 3, desiredCapacity: 1 },
    ],
    predictiveScaling: { enabled: true, mode: "ForecastOnly", metric: "requests", targetValue: 1000 },
  },
};

export const prod: EnvironmentConfig = {
  name: "prod",
  project: "webtier",
  region: "us-east-1",
  production: true,
  accountId: "123456789012",
  tags: { CostCenter: "operations" },
  network: {
    cidr: "10.30.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    natGateways: "per-az",
    flowLogs: { retentionDays: 365 },
    s3GatewayEndpoint: true,
    sessionManagerEndpoints: true,
  },
  loadBalancer: {
    targetPort: 5000,
    healthCheck: { path: "/health" },
    deletionProtection: true,
    domain: { zoneId: "ZREPLACEWITHZONEID", recordName: "app.example.com" },
    webAcl: {},
    accessLogs: {},
  },
  compute: {
    mode: "asg",
    minSize: 2,
    maxSize: 4,
    desiredCapacity: 2,
    mixedInstances: { instanceTypes: ["t3.small", "t3a.small"], onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: 100 },
    stressEndpoint: false,
  },
  alarmTopic: {
    emailSubscriptions: ["oncall@example.com"],
  },
  messaging: {
    topicName: "order-alerts",
    queues: [
      {
        name: "order-queue",
        visibilityTimeoutSeconds: 60,
        consumerTimeoutSeconds: 45,
        depthAlarmThreshold: 1000,
        ageAlarmSeconds: 900,
      },
    ],
    preventDestroy: true,
  },
  scaling: {
    targetTracking: { enabled: false },
    stepScaling: {
      enabled: true,
      scaleOut: { thresholdPercent: 70, evaluationPeriods: 2, periodSeconds: 60, adjustment: 1 },
      scaleIn: { thresholdPercent: 30, evaluationPeriods: 5, periodSeconds: 60, adjustment: -1 },
      cooldownSeconds: 300,
    },
  },
};

/** Stage with most optional settings written out, so that each of them is a field the corpus can break. */
export const rich: EnvironmentConfig = {
  ...stage,
  accountId: "123456789012",
  assumeRoleArn: "arn:aws:iam::123456789012:role/deploy",
  backend: { kind: "s3", bucket: "acme-tf-state", region: "us-east-1", dynamodbTable: "locks", encrypt: true, useLockfile: true },
  network: {
    ...stage.network,
    subnetTiers: ["public", "private", "isolated"],
    subnetPrefixLength: 24,
    mapPublicIpOnLaunch: false,
    flowLogs: { enabled: true, retentionDays: 30, trafficType: "REJECT" },
    sessionManagerEndpoints: true,
  },
  loadBalancer: {
    internal: false,
    ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
    targetPort: 5000,
    httpPort: 80,
    httpsPort: 443,
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    webAcl: { rateLimit: 2000 },
    healthCheck: { path: "/health", intervalSeconds: 30, timeoutSeconds: 5 },
    deregistrationDelaySeconds: 30,
    slowStartSeconds: 60,
    loadBalancingAlgorithm: "round_robin",
    stickiness: { durationSeconds: 3600 },
    stressAllowedCidrs: ["203.0.113.0/24"],
    targetGroupNamePrefix: "tg-",
    deletionProtection: true,
    idleTimeoutSeconds: 60,
    accessLogs: { expirationDays: 30 },
  },
  compute: {
    mode: "asg",
    minSize: 1,
    maxSize: 3,
    desiredCapacity: 1,
    instanceType: "t3.micro",
    stressEndpoint: true,
    minHealthyPercentage: 100,
    maxHealthyPercentage: 200,
    rootVolumeSizeGiB: 16,
    detailedMonitoring: true,
    cpuCredits: "unlimited",
    imageVersion: 3,
    healthCheckGracePeriodSeconds: 120,
    defaultCooldownSeconds: 60,
    warmPool: { poolState: "Stopped", minSize: 1, reuseOnScaleIn: true },
    lifecycleHooks: { launch: { heartbeatTimeoutSeconds: 600, defaultResult: "ABANDON" } },
  },
  alarmTopic: {
    emailSubscriptions: ["oncall@example.com"],
    httpsEndpoints: ["https://events.example.com/sns"],
    forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:chatbot-ops"],
    keyDeletionWindowDays: 7,
  },
  messaging: {
    topicName: "order-alerts",
    contentBasedDeduplication: false,
    queues: [
      {
        name: "order-queue",
        visibilityTimeoutSeconds: 60,
        consumerTimeoutSeconds: 45,
        maxReceiveCount: 5,
        depthAlarmThreshold: 100,
        ageAlarmSeconds: 600,
      },
      {
        name: "audit-queue",
        fifo: false,
        messageRetentionSeconds: 86400,
        receiveWaitTimeSeconds: 20,
        rawMessageDelivery: true,
        filterPolicy: { kind: ["audit"] },
      },
    ],
    emailSubscriptions: ["orders@example.com"],
  },
  scaling: {
    ...stage.scaling,
    stepScaling: {
      enabled: true,
      scaleOut: { thresholdPercent: 70, evaluationPeriods: 2, periodSeconds: 60, adjustment: 1 },
      scaleIn: { thresholdPercent: 30, evaluationPeriods: 5, periodSeconds: 60, adjustment: -1 },
      cooldownSeconds: 300,
    },
    alarms: { target5xxPerMinute: 10, responseTimeSeconds: 1, instanceCpuPercent: 90 },
    dashboard: true,
  },
};
