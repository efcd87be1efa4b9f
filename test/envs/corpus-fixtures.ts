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
