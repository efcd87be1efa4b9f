import type { EnvironmentConfig } from "./config";

/** Production: three availability zones, a NAT gateway per zone, protected stateful resources. */
export const prod: EnvironmentConfig = {
  name: "prod",
  project: "webtier",
  region: "us-east-1",
  production: true,
  // PLACEHOLDER: replace with prod's own AWS account id. Until then every plan and apply of prod
  // with real credentials stops with "AWS account ID not allowed", before any change.
  accountId: "123456789012",
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
    // Replace both with your own: the id of the Route 53 hosted zone that holds the name, and
    // the name clients use. The certificate is validated in that zone; HTTP only redirects.
    domain: { zoneId: "ZREPLACEWITHZONEID", recordName: "app.example.com" },
    // AWS managed rules (common, known bad inputs) and a per-IP rate limit.
    webAcl: {},
    // A bucket of its own: SSE-S3, TLS only, no ACLs, kept 90 days.
    accessLogs: {},
    // A second service, the API, behind the same load balancer: its own hosts register in
    // target_group_arns["api"] (port 8080); /api/* goes there, everything else to the instances.
    targetGroups: [{ name: "api", port: 8080, healthCheck: { path: "/api/health" } }],
    listenerRules: [
      { name: "api", priority: 100, conditions: { pathPatterns: ["/api/*"] }, action: { type: "forward", targetGroup: "api" } },
    ],
  },
  compute: {
    mode: "asg",
    minSize: 2,
    maxSize: 4,
    desiredCapacity: 2,
    // Two On-Demand types of one size and architecture (Intel, then AMD), so a shortage of one
    // in a zone does not stop launches (FSBP AutoScaling.6); burstable, so on standard credits.
    mixedInstances: { instanceTypes: ["t3.small", "t3a.small"], onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: 100 },
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
