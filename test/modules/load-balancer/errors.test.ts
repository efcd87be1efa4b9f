import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { build, CERT } from "./helpers";

function problems(overrides: Partial<LoadBalancerProps>): string[] {
  return problemsOf(() => build(overrides));
}

describe("load balancer validation", () => {
  it("throws when fewer than two subnets are given", () => {
    expect(problems({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] })).toEqual([
      "subnetIds must list at least 2 subnets (got 1); an ALB requires two availability zones",
    ]);
  });

  it("throws when a port is out of range", () => {
    expect(problems({ targetPort: 70000, httpPort: 0, httpsPort: 1.5 })).toEqual([
      "targetPort (70000) must be a whole number from 1 to 65535",
      "httpPort (0) must be a whole number from 1 to 65535",
      "httpsPort (1.5) must be a whole number from 1 to 65535",
    ]);
  });

  it("throws when HTTP and HTTPS share a port", () => {
    expect(problems({ certificateArn: CERT, httpPort: 443 })).toEqual(["httpsPort (443) must differ from httpPort (443)"]);
  });

  it("throws when the health-check path lacks a leading slash", () => {
    expect(problems({ healthCheck: { path: "health" } })).toEqual(['healthCheck.path ("health") must be a path starting with /']);
  });

  it("throws when health-check thresholds and timings are outside AWS's ranges", () => {
    expect(
      problems({ healthCheck: { intervalSeconds: 301, timeoutSeconds: 1, healthyThreshold: 1, unhealthyThreshold: 11, matcher: "ok" } }),
    ).toEqual([
      'healthCheck.matcher ("ok") must be HTTP codes from 200 to 499, such as "200", "200-299" or "200,302"',
      "healthCheck.intervalSeconds (301) must be a whole number from 5 to 300 seconds",
      "healthCheck.timeoutSeconds (1) must be a whole number from 2 to 120 seconds",
      "healthCheck.healthyThreshold (1) must be a whole number from 2 to 10",
      "healthCheck.unhealthyThreshold (11) must be a whole number from 2 to 10",
    ]);
  });

  it("throws when the health-check timeout is not shorter than the interval", () => {
    expect(problems({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } })).toEqual([
      "healthCheck.timeoutSeconds (10) must be shorter than intervalSeconds (10)",
    ]);
  });

  it("throws on a matcher code an ALB health check cannot expect", () => {
    expect(problems({ healthCheck: { matcher: "200,503" } })).toEqual([expect.stringMatching(/^healthCheck\.matcher \("200,503"\) .*200 to 499/)]);
    expect(problems({ healthCheck: { matcher: "200-399" } })).toEqual([]);
  });

  it("throws when the certificate is from another region than the provider's", () => {
    expect(problems({ certificateArn: CERT.replace("us-east-1", "eu-west-1") })).toEqual([
      "certificateArn is in eu-west-1; a load balancer in us-east-1 can only use an ACM certificate from its own region",
    ]);
  });

  it("throws when the certificate ARN is malformed", () => {
    expect(problems({ certificateArn: "arn:aws:acm:us-east-1:1234:certificate/abc" })).toEqual([
      'certificateArn ("arn:aws:acm:us-east-1:1234:certificate/abc") must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)',
    ]);
  });

  it("accepts an IAM server certificate ARN", () => {
    expect(problems({ certificateArn: "arn:aws:iam::123456789012:server-certificate/web" })).toEqual([]);
  });

  it("throws when the name is over AWS's 32-character limit or malformed", () => {
    expect(problems({ name: "a".repeat(33) })).toEqual([`name ("${"a".repeat(33)}") is 33 characters; at most 32 (AWS's limit for load balancer names)`]);
    expect(problems({ name: "-demo" })).toEqual(['name ("-demo") must be letters, digits and hyphens, not starting or ending with a hyphen']);
    expect(problems({ name: "internal-web" })).toEqual(['name must not start with "internal-" (reserved by AWS)']);
  });

  it("throws when the target group name prefix is over 6 characters", () => {
    expect(problems({ targetGroupNamePrefix: "webtier-" })).toEqual([
      'targetGroupNamePrefix ("webtier-") must be 1 to 6 letters, digits or hyphens, not starting with a hyphen (AWS\'s name_prefix rules)',
    ]);
  });

  it("throws on a malformed ingress CIDR, naming its index", () => {
    expect(problems({ ingressCidrs: ["0.0.0.0/0", "10.0.0.0/33"] })).toEqual(['ingressCidrs[1] ("10.0.0.0/33") is not an IPv4 CIDR block in canonical form such as 10.0.0.0/16 (no host bits set, no leading zeros)']);
  });

  it("throws on out-of-range delays, idle timeout and a bad bucket name", () => {
    expect(problems({ deregistrationDelaySeconds: 4000, idleTimeoutSeconds: 0, accessLogs: { bucket: "Bad_Bucket" } })).toEqual([
      "deregistrationDelaySeconds (4000) must be a whole number from 0 to 3600 seconds",
      "idleTimeoutSeconds (0) must be a whole number from 1 to 4000 seconds",
      'accessLogs.bucket ("Bad_Bucket") must be an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)',
    ]);
  });

  it("does not judge values that are Terraform tokens", async () => {
    const { Fn } = await import("cdktf");
    expect(problems({ subnetIds: Fn.split(",", "a,b") as unknown as string[] })).toEqual([]);
  });

  it("lists every problem in one error naming the construct", () => {
    expect(() => build({ name: "x".repeat(40), subnetIds: [], targetPort: -1 })).toThrowError(/^LoadBalancer test\/lb is invalid \(3 problems\):/);
  });
});
