import type { EnvironmentConfig } from "./config";

/** Production: three availability zones, a NAT gateway per zone, protected stateful resources. */
export const prod: EnvironmentConfig = {
  name: "prod",
  project: "webtier",
  region: "us-east-1",
  availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  tags: { CostCenter: "operations" },
};
