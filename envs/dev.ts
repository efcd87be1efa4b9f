import type { EnvironmentConfig } from "./config";

/**
 * Development: smallest footprint, one NAT gateway, a single EC2 instance. Its alarm topic has
 * no subscriber: synth warns.
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
    // Kept to demonstrate scaling: the load balancer answers /stress with 403 from outside
    // (loadBalancer.stressAllowedCidrs lists who may reach it); drive load from a Session
    // Manager session on an instance instead (see the README).
    stressEndpoint: true,
  },
  alarmTopic: {},
  messaging: {
    topicName: "order-alerts",
    // An order's events must be handled in the order they happened, once: FIFO end to end (topic,
    // queue, dead-letter queue), the order id as message group. High throughput: ordering is only
    // needed within a group, so each order's group gets its own quota. Dev goes first: the switch
    // replaces the topic and queues (their names gain .fifo), which only dev can take lightly.
    fifo: true,
    highThroughput: true,
    // Visibility matched to processing time (seed 000): the consumer takes up to 45 s.
    queues: [{ name: "order-queue", visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 45, highThroughput: true }],
  },
  // ec2 mode has no group to scale: operational alarms and the dashboard only.
  scaling: {},
};
