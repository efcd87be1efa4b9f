import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { resourcePrefix, type EnvironmentConfig } from "./config";

/**
 * The environment's AWS provider: its region, the standard tags on every resource, and where the
 * config names them, the account it is pinned to (`allowed_account_ids`) and the role it assumes
 * (`assume_role`, with the environment's prefix as session name so CloudTrail tells the stacks apart).
 */
export function environmentProvider(scope: Construct, config: EnvironmentConfig): AwsProvider {
  const tags = { ...config.tags, Project: config.project, Environment: config.name, ManagedBy: "cdktf" };
  return new AwsProvider(scope, "aws", {
    region: config.region,
    defaultTags: [{ tags }],
    allowedAccountIds: config.accountId === undefined ? undefined : [config.accountId],
    assumeRole: config.assumeRoleArn === undefined ? undefined : [{ roleArn: config.assumeRoleArn, sessionName: resourcePrefix(config) }],
  });
}
