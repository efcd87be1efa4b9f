import type { PolicyStatement } from "../core/aws";

/**
 * Who writes an Application Load Balancer's access logs into S3, by region. AWS documents two
 * bucket policies ("Enable access logs for your Application Load Balancer", step "Attach a
 * policy to your S3 bucket",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html):
 * for the regions listed below, the Elastic Load Balancing account of the region
 * (`arn:aws:iam::<elb-account-id>:root`); for every region not in that list (those opened
 * since, such as Middle East (UAE)), the service principal
 * `logdelivery.elasticloadbalancing.amazonaws.com`.
 *
 * Stacks read no data sources (no `aws_elb_service_account`), so the choice is made at synth
 * from the provider's region. The fallback, for a region missing here and for a region that is
 * not known at synth (a token), is the service principal: AWS's rule for the regions not listed.
 * Where that is wrong, enabling the logs fails at apply ("Access Denied for bucket"), nothing
 * is silently lost. China's regions (aws-cn) are not covered: bring a bucket there.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-south-1": "718504428378",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-gov-west-1": "048591011584",
  "us-gov-east-1": "190560391635",
};

/** The service principal of ALB log delivery in the regions without an ELB account. */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * The statement letting the region's log delivery put objects under `logsArn` (the bucket's
 * `<prefix>/AWSLogs/<account>/*`); `partition` is the partition's name as an expression.
 */
export function logDeliveryStatement(region: string | undefined, partition: string, logsArn: string): PolicyStatement {
  const account = region === undefined ? undefined : ELB_LOG_ACCOUNTS[region];
  return {
    Sid: "ElbAccessLogDelivery",
    Effect: "Allow",
    Principal: account ? { AWS: `arn:${partition}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE },
    Action: "s3:PutObject",
    Resource: logsArn,
  };
}
