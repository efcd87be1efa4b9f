/** Shapes of AWS identifiers that more than one module checks. */

/** A region name: `us-east-1`, `eu-west-2`, `us-gov-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** An availability zone or local zone of some region: `us-east-1a`, `us-east-1-bos-1a`. */
export const AVAILABILITY_ZONE = new RegExp(`${AWS_REGION.source.slice(0, -1)}([a-z]|-[a-z0-9-]+)$`);

/** An S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens. */
export const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
