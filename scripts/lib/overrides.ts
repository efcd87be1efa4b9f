import { emulatorIgnores } from "./emulator-gaps";

/**
 * The two overrides Terraform merges over a synthesized stack, in a temporary copy, so that the
 * stack runs somewhere other than its real account; the synthesized stack itself never changes.
 * - offline: a local backend and placeholder credentials, every check that would call AWS
 *   skipped: plans without any AWS at all.
 * - local: every service the stacks use pointed at a local AWS emulator (moto_server), and the
 *   state in the emulator's S3 with Terraform's S3 lock file: real applies, refreshes and locks.
 */

/**
 * The override that makes a stack plannable offline. The account pin and the assumed role are
 * lifted: placeholder credentials belong to no account (with `skip_requesting_account_id` the
 * account is "", which `allowed_account_ids` refuses) and assuming a role calls STS. An override
 * cannot delete a nested block, but a `dynamic` one with nothing to iterate replaces every
 * `assume_role` block with none.
 */
export const OFFLINE_OVERRIDE = {
  terraform: { backend: { local: { path: "terraform.tfstate" } } },
  provider: {
    aws: {
      access_key: "AKIAOFFLINEPLACEHOLDER",
      secret_key: "offline-placeholder-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      allowed_account_ids: null,
      dynamic: { assume_role: { for_each: [], content: {} } },
    },
  },
} as const;

/** The file name of the local override in a run folder. */
export const LOCAL_OVERRIDE_FILE = "zz_local_override.tf.json";

/** The emulator's bucket that holds every environment's state, at `<env>/terraform.tfstate`. */
export const LOCAL_STATE_BUCKET = "webtier-local-state";

/** The emulator accepts any keys; these say where they belong. */
export const LOCAL_CREDENTIALS = { accessKey: "AKIALOCALEMULATOR", secretKey: "local-emulator-secret" } as const;

/**
 * The provider's endpoint name for each resource type prefix the stacks use (longest prefix
 * wins). A type with no entry would reach real AWS, so a test checks every synthesized type.
 */
export const LOCAL_SERVICES: Readonly<Record<string, string>> = {
  aws_acm_: "acm",
  aws_autoscaling_: "autoscaling",
  aws_cloudwatch_log_: "cloudwatchlogs",
  aws_cloudwatch_: "cloudwatch",
  aws_default_security_group: "ec2",
  aws_eip: "ec2",
  aws_flow_log: "ec2",
  aws_iam_: "iam",
  aws_instance: "ec2",
  aws_internet_gateway: "ec2",
  aws_kms_: "kms",
  aws_launch_template: "ec2",
  aws_lb: "elbv2",
  aws_nat_gateway: "ec2",
  aws_route53_: "route53",
  aws_route: "ec2",
  aws_s3_: "s3",
  aws_security_group: "ec2",
  aws_sns_: "sns",
  aws_sqs_: "sqs",
  aws_subnet: "ec2",
  aws_vpc: "ec2",
  aws_wafv2_: "wafv2",
};

/** The endpoint name a resource type is served by, or undefined when none is configured. */
export function localServiceOf(type: string): string | undefined {
  const prefix = Object.keys(LOCAL_SERVICES)
    .filter((p) => type.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : LOCAL_SERVICES[prefix];
}

/**
 * Where an environment's state lives in the emulator at `endpoint`, as S3 settings: the local
 * backend's, and what a `terraform_remote_state` reader (a consumer's) needs to read it there.
 */
export function localStateSettings(environment: string, endpoint: string) {
  return {
    bucket: LOCAL_STATE_BUCKET,
    key: `${environment}/terraform.tfstate`,
    region: "us-east-1",
    endpoints: { s3: endpoint, sts: endpoint, iam: endpoint },
    use_path_style: true,
    access_key: LOCAL_CREDENTIALS.accessKey,
    secret_key: LOCAL_CREDENTIALS.secretKey,
    skip_credentials_validation: true,
    skip_region_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_s3_checksum: true,
  };
}

/**
 * The override that points a stack at the emulator at `endpoint`: the provider's endpoints for
 * every service, path-style S3, placeholder keys; the S3 backend in the emulator's bucket with
 * its lock file. The account pin and the assumed role are lifted as offline (the emulator has one
 * account of its own); the account id itself is read from the emulator's STS, as from AWS. Given
 * the synthesized stack, it also ignores on its resources the attributes the emulator gets wrong
 * (emulator-gaps.ts).
 */
export function localOverride(environment: string, endpoint: string, stack: Parameters<typeof emulatorIgnores>[0] = {}): object {
  const ignores = emulatorIgnores(stack);
  const services = [...new Set([...Object.values(LOCAL_SERVICES), "sts"])].sort();
  return {
    terraform: { backend: { s3: { ...localStateSettings(environment, endpoint), use_lockfile: true } } },
    provider: {
      aws: {
        access_key: LOCAL_CREDENTIALS.accessKey,
        secret_key: LOCAL_CREDENTIALS.secretKey,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        s3_use_path_style: true,
        allowed_account_ids: null,
        dynamic: { assume_role: { for_each: [], content: {} } },
        endpoints: [Object.fromEntries(services.map((s) => [s, endpoint]))],
      },
    },
    ...(Object.keys(ignores).length > 0 ? { resource: ignores } : {}),
  };
}
