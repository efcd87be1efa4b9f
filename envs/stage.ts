import type { EnvironmentConfig } from "./config";

/** Staging: production's shape at a smaller size, an Auto Scaling Group with target tracking. */
export const stage: EnvironmentConfig = {
  name: "stage",
  project: "webtier",
  region: "us-east-1",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  tags: { CostCenter: "engineering" },
};
