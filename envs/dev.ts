import type { EnvironmentConfig } from "./config";

/** Development: smallest footprint, one NAT gateway, a single EC2 instance. */
export const dev: EnvironmentConfig = {
  name: "dev",
  project: "webtier",
  region: "us-east-1",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  tags: { CostCenter: "engineering" },
};
