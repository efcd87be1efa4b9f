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
};
