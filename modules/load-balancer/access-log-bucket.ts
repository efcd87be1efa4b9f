import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { arnPart, policyDocument } from "../core/aws";
import { nameTags } from "../core/tags";
import { logDeliveryStatement } from "./log-delivery";

export interface AccessLogBucketProps {
  /** The load balancer's name: the bucket's name starts with it. */
  readonly name: string;
  /** Key prefix the load balancer writes under. */
  readonly prefix: string;
  /** Days each log object is kept. */
  readonly expirationDays: number;
  /** The provider's region when known at synth: it decides who delivers the logs. */
  readonly region: string | undefined;
  /** Any ARN of this account that does not depend on the load balancer: its account and partition scope the policy. */
  readonly accountArn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** S3 allows 37 characters for a bucket name prefix; "-alb-logs-" takes 10 of them. */
const NAME_PART = 26;

/**
 * A bucket for the load balancer's access logs: SSE-S3 (the only encryption ALB log delivery
 * supports), public access blocked, ACLs off (BucketOwnerEnforced), objects expiring after
 * `expirationDays`, and a policy that refuses plain HTTP and lets the region's ELB log
 * delivery (see log-delivery.ts) put objects under `<prefix>/AWSLogs/<account>/` only.
 * The load balancer must depend on {@link AccessLogBucket.policy}: AWS checks it when logging
 * is turned on.
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const lowerName = Token.isUnresolved(props.name)
      ? Fn.substr(Fn.lower(props.name), 0, NAME_PART)
      : props.name.toLowerCase().slice(0, NAME_PART);
    const bucket = new S3Bucket(this, "bucket", {
      bucketPrefix: `${lowerName}-alb-logs-`,
      tags: nameTags(`${props.name}-alb-logs`, props.tags),
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const account = arnPart(props.accountArn, "account");
    const partition = arnPart(props.accountArn, "partition");
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: policyDocument(logDeliveryStatement(props.region, partition, `${bucket.arn}/${props.prefix}/AWSLogs/${account}/*`), {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    });
    this.bucketName = bucket.id;
  }
}
