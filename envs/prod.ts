import type { EnvironmentConfig } from "./config";

/** Production: three availability zones, a NAT gateway per zone, protected stateful resources. */
export const prod: EnvironmentConfig = {
  name: "prod",
  project: "webtier",
  region: "us-east-1",
  production: true,
  tags: { CostCenter: "operations" },
  network: {
    cidr: "10.30.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    natGateways: "per-az",
    flowLogs: { retentionDays: 365 },
    s3GatewayEndpoint: true,
    // Session Manager through interface endpoints: session traffic never leaves the VPC.
    sessionManagerEndpoints: true,
  },
  loadBalancer: {
    targetPort: 5000,
    healthCheck: { path: "/health" },
    deletionProtection: true,
  },
  compute: {
    mode: "asg",
    minSize: 2,
    maxSize: 4,
    desiredCapacity: 2,
    instanceType: "t3.small",
    // Production serves users: no endpoint that burns CPU on request.
    stressEndpoint: false,
  },
  alarmTopic: {
    // A placeholder: replace with the on-call address, and confirm the email AWS sends to it
    // (the subscription stays pending until then). A production environment needs a subscriber.
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
