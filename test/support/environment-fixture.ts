import type { EnvironmentConfig } from "../../envs";

/**
 * An environment of the tests' own, apart from envs/*: tests that assert exact resources,
 * counts or documents build from this, so editing an example environment breaks none of them.
 * Small on purpose: ec2 mode, one NAT gateway, one queue.
 */
export const FIXTURE_ENVIRONMENT: EnvironmentConfig = {
  name: "fixture",
  project: "webtier",
  region: "us-east-1",
  network: { cidr: "10.60.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"], natGateways: "single" },
  loadBalancer: { targetPort: 5000, healthCheck: { path: "/health" } },
  compute: { mode: "ec2", instanceCount: 1, instanceType: "t3.micro" },
  alarmTopic: {},
  messaging: { topicName: "events", queues: [{ name: "jobs", visibilityTimeoutSeconds: 60 }] },
  scaling: {},
};

/** The fixture without messaging: no topic, queues or their alarms. */
export function withoutMessaging(config: EnvironmentConfig = FIXTURE_ENVIRONMENT): EnvironmentConfig {
  const { messaging: _messaging, ...rest } = config;
  return rest;
}
