import { parseCidr } from "./cidr";
import { AVAILABILITY_ZONE, AWS_REGION, S3_BUCKET } from "./patterns";
import { CATALOG_DATE, isKnownRegion, isKnownZone, knownRegions } from "./aws-catalog";
import { list, record, string, suggest, type OptionalSpec } from "./shape";

/** Field specs several modules share: one definition of each AWS identifier's shape and limits. */

/** An IPv4 CIDR block in canonical form (no host bits, no leading zeros), optionally with a prefix range. */
export function cidrBlock(prefix?: { readonly min: number; readonly max: number; readonly why: string }): OptionalSpec<string> {
  return string({
    what: "an IPv4 CIDR block such as 10.0.0.0/16",
    refine: (value) => {
      const net = parseCidr(value);
      if (!net)
        return `(${JSON.stringify(value)}) is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)`;
      if (prefix && (net.prefix < prefix.min || net.prefix > prefix.max))
        return `(${JSON.stringify(value)}) must have a prefix from /${prefix.min} to /${prefix.max} (${prefix.why})`;
      return undefined;
    },
  });
}

/** A list of CIDR blocks, none twice. */
export function cidrBlocks(options: { readonly minItems?: number; readonly why?: string } = {}): OptionalSpec<readonly string[]> {
  return list(cidrBlock(), { ...options, noun: ["CIDR block", "CIDR blocks"], unique: true });
}

/** An AWS region name such as us-east-1. */
export const region = (): OptionalSpec<string> =>
  string({
    pattern: AWS_REGION,
    what: "an AWS region such as us-east-1",
    refine: (name) => {
      if (isKnownRegion(name)) return undefined;
      const near = suggest(name, knownRegions());
      return `(${JSON.stringify(name)}) is not an AWS region (catalog of ${CATALOG_DATE})${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`;
    },
  });

/** An availability zone name such as us-east-1a. */
export const availabilityZone = (): OptionalSpec<string> =>
  string({
    pattern: AVAILABILITY_ZONE,
    what: "an availability zone name such as us-east-1a",
    refine: (name) =>
      isKnownZone(name)
        ? undefined
        : `(${JSON.stringify(name)}) is not an availability zone of a known region (catalog of ${CATALOG_DATE})`,
  });

/** An S3 bucket name. */
export const s3Bucket = (): OptionalSpec<string> =>
  string({ pattern: S3_BUCKET, what: "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)" });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Email addresses, each well formed, none twice. */
export const emailAddresses = (): OptionalSpec<readonly string[]> =>
  list(string({ pattern: EMAIL, what: "an email address" }), { noun: ["email address", "email addresses"], unique: true });

/** AWS tag limits: keys 1 to 128 characters, values 0 to 256, the `aws:` prefix reserved. */
export const tags = (): OptionalSpec<Readonly<Record<string, string>>> =>
  record(
    string({ minLength: 0, maxLength: 256, limit: "AWS's limit for tag values" }),
    string({
      maxLength: 128,
      limit: "AWS's limit for tag keys",
      refine: (key) => (key.toLowerCase().startsWith("aws:") ? 'key must not start with "aws:" (reserved by AWS)' : undefined),
    }),
  );

/** An IAM managed policy ARN. */
export const policyArn = (): OptionalSpec<string> =>
  string({
    pattern: /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
    what: "an IAM policy ARN (arn:aws:iam::<account|aws>:policy/<name>)",
  });
