import type { EnvironmentConfig } from "../../envs";

/*
 * Environments of the tests' own, apart from envs/*: tests that assert exact resources, counts
 * or documents build from these, so editing an example environment breaks none of them. They
 * span what the example environments use: ec2 and asg mode, schedules and forecasts, and a
 * production environment's edge (HTTPS on a domain, a web ACL, access logs) and protections.
 */

/** ec2 mode, one NAT gateway, one queue, the /stress endpoint guarded. */
export const small: EnvironmentConfig = {
  name: "small",
  project: "webtier",
  region: "us-east-1",
  tags: { CostCenter: "engineering" },
  network: {
    cidr: "10.60.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natGateways: "single",
    flowLogs: { retentionDays: 14 },
    s3GatewayEndpoint: true,
  },
  loadBalancer: { targetPort: 5000, healthCheck: { path: "/health" } },
  compute: { mode: "ec2", instanceCount: 1, instanceType: "t3.micro", stressEndpoint: true },
  alarmTopic: {},
  messaging: { topicName: "events", queues: [{ name: "jobs", visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 45 }] },
  scaling: {},
};

/** asg mode tracking CPU and requests, empty at night, forecasting. */
export const scaled: EnvironmentConfig = {
  name: "scaled",
  project: "webtier",
  region: "us-east-1",
  network: {
    cidr: "10.61.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natGateways: "single",
    flowLogs: { retentionDays: 30 },
    s3GatewayEndpoint: true,
  },
  loadBalancer: { targetPort: 5000, healthCheck: { path: "/health" } },
  compute: {
    mode: "asg",
    minSize: 1,
    maxSize: 3,
    desiredCapacity: 1,
    instanceType: "t3.micro",
    minHealthyPercentage: 100,
    maxHealthyPercentage: 200,
  },
  alarmTopic: {},
  messaging: { topicName: "events", queues: [{ name: "jobs", visibilityTimeoutSeconds: 60 }] },
  scaling: {
    targetTracking: { enabled: true, targetCpuPercent: 50 },
    requestTracking: { enabled: true, targetRequestsPerTarget: 1000 },
    schedules: [
      { name: "night", recurrence: "0 20 * * 1-5", timeZone: "America/New_York", minSize: 0, maxSize: 0, desiredCapacity: 0 },
      { name: "morning", recurrence: "0 7 * * 1-5", timeZone: "America/New_York", minSize: 1, maxSize: 3, desiredCapacity: 1 },
    ],
    predictiveScaling: { enabled: true, mode: "ForecastOnly", metric: "requests", targetValue: 1000 },
  },
};

/** A production environment: three zones, HTTPS on a domain, a web ACL, access logs, step scaling, protected queues. */
export const production: EnvironmentConfig = {
  name: "production",
  project: "webtier",
  region: "us-east-1",
  production: true,
  accountId: "123456789012",
  network: {
    cidr: "10.62.0.0/16",
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
    domain: { zoneId: "Z0FIXTUREZONE", recordName: "app.example.com" },
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
  alarmTopic: { emailSubscriptions: ["oncall@example.com"] },
  messaging: {
    topicName: "events",
    queues: [{ name: "jobs", visibilityTimeoutSeconds: 60, depthAlarmThreshold: 1000, ageAlarmSeconds: 900 }],
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

export const FIXTURE_ENVIRONMENTS: readonly EnvironmentConfig[] = [small, scaled, production];

/** An environment without messaging: no topic, queues or their alarms. */
export function withoutMessaging(config: EnvironmentConfig = small): EnvironmentConfig {
  const { messaging: _messaging, ...rest } = config;
  return rest;
}
