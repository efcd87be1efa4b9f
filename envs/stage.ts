import type { EnvironmentConfig } from "./config";

/**
 * Staging: production's shape at a smaller size, an Auto Scaling Group tracking CPU and requests
 * per target, empty outside working hours. Its alarm topic has no subscriber: synth warns.
 */
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
    // A second service, the API, behind the same load balancer: its own hosts register in
    // target_group_arns["api"] (port 8080); /api/* goes there, everything else to the instances.
    targetGroups: [{ name: "api", port: 8080, healthCheck: { path: "/api/health" } }],
    listenerRules: [
      { name: "api", priority: 100, conditions: { pathPatterns: ["/api/*"] }, action: { type: "forward", targetGroup: "api" } },
    ],
  },
  compute: {
    mode: "asg",
    minSize: 1,
    maxSize: 3,
    desiredCapacity: 1,
    instanceType: "t3.micro",
    // Kept to demonstrate scaling: the load balancer answers /stress with 403 from outside
    // (loadBalancer.stressAllowedCidrs lists who may reach it); drive load from a Session
    // Manager session on an instance instead (see the README).
    stressEndpoint: true,
    // One instance: a refresh must launch its replacement before stopping it.
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
    // Nobody tests at night or at weekends: no instance from 20:00 to 07:00 on weekdays, and from
    // Friday 20:00 to Monday 07:00 (New York time, daylight saving followed).
    schedules: [
      { name: "evening-scale-down", recurrence: "0 20 * * 1-5", timeZone: "America/New_York", minSize: 0, maxSize: 0, desiredCapacity: 0 },
      { name: "morning-scale-up", recurrence: "0 7 * * 1-5", timeZone: "America/New_York", minSize: 1, maxSize: 3, desiredCapacity: 1 },
    ],
    // Forecasts only, to be compared with the schedule before anyone lets it scale.
    predictiveScaling: { enabled: true, mode: "ForecastOnly", metric: "requests", targetValue: 1000 },
  },
};
