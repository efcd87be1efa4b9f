import { Lb } from "@cdktf/provider-aws/lib/lb";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Fn } from "cdktf";
import { describe, expect, it } from "vitest";
import { AWS_REGION } from "../../../modules/core/patterns";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE } from "../../../modules/load-balancer/log-delivery";
import { findingPathsOf } from "../../support/findings";
import { onlyResource, parseJsonTemplate, resolveValues, resourcesOf } from "../../support/synth";
import { build } from "./helpers";

const BUCKET = /aws_s3_bucket\.lb_access-logs_bucket_[0-9A-F]{8}/;
const BUCKET_ID = expect.stringMatching(new RegExp(`^\\$\\{${BUCKET.source}\\.id\\}$`));
const ACCOUNT = String.raw`\$\{element\(split\(":", aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\), 4\)\}`;
const PARTITION = String.raw`\$\{element\(split\(":", aws_lb_target_group\.lb_target-group_[0-9A-F]{8}\.arn\), 1\)\}`;
const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));

type Statement = { Sid: string; Effect: string; Principal: unknown; Action: unknown; Resource: unknown; Condition?: unknown };
function statements(json: ReturnType<typeof build>["json"]): Record<string, Statement> {
  const policy = parseJsonTemplate(onlyResource(json, S3BucketPolicy).policy) as { Statement: Statement[] };
  return Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
}

describe("access logs to a bucket the module creates (accessLogs: {})", () => {
  const { json, loadBalancer, stack } = build({ accessLogs: {} });

  it("creates a bucket named after the load balancer", () => {
    expect(onlyResource(json, S3Bucket)).toMatchObject({ bucket_prefix: "demo-alb-logs-" });
  });

  it("encrypts it with SSE-S3, the only encryption ALB log delivery supports", () => {
    expect(onlyResource(json, S3BucketServerSideEncryptionConfigurationA)).toEqual({
      bucket: BUCKET_ID,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  it("blocks every kind of public access and turns ACLs off (BucketOwnerEnforced)", () => {
    expect(onlyResource(json, S3BucketPublicAccessBlock)).toEqual({
      bucket: BUCKET_ID,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(json, S3BucketOwnershipControls)).toEqual({ bucket: BUCKET_ID, rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  it("expires every log object after 90 days", () => {
    expect(onlyResource(json, S3BucketLifecycleConfiguration).rule).toEqual([
      expect.objectContaining({ status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 90 }] }),
    ]);
  });

  it("refuses every request without TLS", () => {
    expect(statements(json).TlsOnly).toEqual({
      Sid: "TlsOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [
        expect.stringMatching(new RegExp(`^\\$\\{${BUCKET.source}\\.arn\\}$`)),
        expect.stringMatching(new RegExp(`^\\$\\{${BUCKET.source}\\.arn\\}/\\*$`)),
      ],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("lets us-east-1's Elastic Load Balancing account put objects under <prefix>/AWSLogs/<this account>/ only", () => {
    expect(statements(json).ElbAccessLogDelivery).toEqual({
      Sid: "ElbAccessLogDelivery",
      Effect: "Allow",
      Principal: { AWS: expect.stringMatching(new RegExp(`^arn:${PARTITION}:iam::127311923021:root$`)) },
      Action: "s3:PutObject",
      Resource: expect.stringMatching(new RegExp(`^\\$\\{${BUCKET.source}\\.arn\\}/demo/AWSLogs/${ACCOUNT}/\\*$`)),
    });
  });

  it("turns logging on into the created bucket, only once its policy is in place", () => {
    const alb = onlyResource(json, Lb);
    expect(alb.access_logs).toEqual({ bucket: BUCKET_ID, prefix: "demo", enabled: true });
    expect(alb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.lb_access-logs_policy_[0-9A-F]{8}$/)]);
  });

  it("reports the bucket", () => {
    expect(resolveValues(stack, { bucket: loadBalancer.outputs.accessLogsBucket }).bucket).toEqual(BUCKET_ID);
  });
});

describe("log delivery by region", () => {
  const principalIn = (region: string) => statements(build({ accessLogs: {} }, region).json).ElbAccessLogDelivery!.Principal;

  it("uses the region's ELB account in the regions AWS lists", () => {
    expect(principalIn("eu-west-1")).toEqual({ AWS: expect.stringMatching(/:iam::156460612806:root$/) });
    expect(principalIn("us-gov-west-1")).toEqual({ AWS: expect.stringMatching(/:iam::048591011584:root$/) });
  });

  it("uses the log delivery service principal in regions AWS does not list (opened since), such as Jakarta and UAE", () => {
    expect(principalIn("ap-southeast-3")).toEqual({ Service: ELB_LOG_DELIVERY_SERVICE });
    expect(principalIn("me-central-1")).toEqual({ Service: ELB_LOG_DELIVERY_SERVICE });
  });

  it("holds well-formed regions and 12-digit accounts, none twice", () => {
    for (const [region, account] of Object.entries(ELB_LOG_ACCOUNTS)) {
      expect(region).toMatch(AWS_REGION);
      expect(account).toMatch(/^\d{12}$/);
    }
    expect(new Set(Object.values(ELB_LOG_ACCOUNTS)).size).toBe(Object.keys(ELB_LOG_ACCOUNTS).length);
  });
});

describe("access log options", () => {
  it("keeps objects as many days as asked and writes under the given prefix", () => {
    const { json } = build({ accessLogs: { expirationDays: 400, prefix: "edge/alb" } });
    expect(onlyResource(json, S3BucketLifecycleConfiguration).rule).toEqual([expect.objectContaining({ expiration: [{ days: 400 }] })]);
    expect(statements(json).ElbAccessLogDelivery!.Resource).toMatch(/\/edge\/alb\/AWSLogs\//);
    expect(onlyResource(json, Lb).access_logs).toMatchObject({ prefix: "edge/alb" });
  });

  it("writes into your bucket and creates none when one is given", () => {
    const { json, loadBalancer } = build({ accessLogs: { bucket: "my-alb-logs" } });
    expect(resourcesOf(json, S3Bucket)).toEqual({});
    expect(resourcesOf(json, S3BucketPolicy)).toEqual({});
    expect(onlyResource(json, Lb)).not.toHaveProperty("depends_on");
    expect(loadBalancer.outputs.accessLogsBucket).toBe("my-alb-logs");
  });

  it("names the bucket from a name only Terraform knows, cut to S3's prefix limit", () => {
    const { json } = build({ name: Fn.lower("Shop"), accessLogs: {} });
    expect(onlyResource(json, S3Bucket).bucket_prefix).toBe('${substr(lower(lower("Shop")), 0, 26)}-alb-logs-');
  });

  it("cuts a long name so the bucket prefix fits S3's 37 characters", () => {
    const { json } = build({ name: "A".repeat(32), accessLogs: {} });
    const prefix = String(onlyResource(json, S3Bucket).bucket_prefix);
    expect(prefix).toBe(`${"a".repeat(26)}-alb-logs-`);
    expect(prefix.length).toBeLessThanOrEqual(37);
  });
});

describe("access logs, refused values", () => {
  it("throws when an expiry is given with your own bucket, whose lifecycle is yours", () => {
    expect(problems({ accessLogs: { bucket: "my-alb-logs", expirationDays: 30 } })).toEqual(["accessLogs.expirationDays"]);
  });

  it("throws on an expiry under a day", () => {
    expect(problems({ accessLogs: { expirationDays: 0 } })).toEqual(["accessLogs.expirationDays"]);
  });

  it("throws on a prefix holding AWSLogs, which ELB adds itself", () => {
    expect(problems({ accessLogs: { prefix: "alb/AWSLogs" } })).toEqual(["accessLogs.prefix"]);
  });
});
