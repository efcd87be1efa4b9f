import { describe, expect, it } from "vitest";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { build, CERT } from "./helpers";

function problems(overrides: Partial<LoadBalancerProps>): string[] {
  return findingPathsOf(() => build(overrides));
}

describe("load balancer validation", () => {
  it("throws when fewer than two subnets are given", () => {
    expect(problems({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] })).toEqual(["subnetIds"]);
  });

  it("throws when a port is out of range", () => {
    expect(problems({ targetPort: 70000, httpPort: 0, httpsPort: 1.5 })).toEqual(["targetPort", "httpPort", "httpsPort"]);
    expect(problems({ targetPort: 65535, httpPort: 1 })).toEqual([]);
  });

  it("throws when HTTP and HTTPS share a port", () => {
    expect(problems({ certificateArn: CERT, httpPort: 443 })).toEqual(["httpsPort"]);
  });

  it("throws when the health-check path lacks a leading slash", () => {
    expect(problems({ healthCheck: { path: "health" } })).toEqual(["healthCheck.path"]);
  });

  it("throws when health-check thresholds and timings are outside AWS's ranges", () => {
    expect(
      problems({ healthCheck: { intervalSeconds: 301, timeoutSeconds: 1, healthyThreshold: 1, unhealthyThreshold: 11, matcher: "ok" } }),
    ).toEqual([
      "healthCheck.matcher",
      "healthCheck.intervalSeconds",
      "healthCheck.timeoutSeconds",
      "healthCheck.healthyThreshold",
      "healthCheck.unhealthyThreshold",
    ]);
    expect(
      problems({
        healthCheck: { intervalSeconds: 300, timeoutSeconds: 2, healthyThreshold: 2, unhealthyThreshold: 10, matcher: "200-499" },
      }),
    ).toEqual([]);
    expect(problems({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 4, healthyThreshold: 10, unhealthyThreshold: 2 } })).toEqual([]);
  });

  it("throws when the health-check timeout is not shorter than the interval", () => {
    expect(problems({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } })).toEqual(["healthCheck.timeoutSeconds"]);
  });

  it("throws on a matcher code an ALB health check cannot expect", () => {
    expect(problems({ healthCheck: { matcher: "200,503" } })).toEqual(["healthCheck.matcher"]);
    expect(problems({ healthCheck: { matcher: "200-399" } })).toEqual([]);
  });

  it("throws when the certificate is from another region than the provider's", () => {
    expect(problems({ certificateArn: CERT.replace("us-east-1", "eu-west-1") })).toEqual(["certificateArn"]);
  });

  it("throws when the certificate ARN is malformed", () => {
    expect(problems({ certificateArn: "arn:aws:acm:us-east-1:1234:certificate/abc" })).toEqual(["certificateArn"]);
  });

  it("accepts an IAM server certificate ARN", () => {
    expect(problems({ certificateArn: "arn:aws:iam::123456789012:server-certificate/web" })).toEqual([]);
  });

  it("throws when the name is over AWS's 32-character limit or malformed", () => {
    expect(problems({ name: "a".repeat(33) })).toEqual(["name"]);
    expect(problems({ name: "-demo" })).toEqual(["name"]);
    expect(problems({ name: "internal-web" })).toEqual(["name"]);
  });

  it("throws when the target group name prefix is over 6 characters", () => {
    expect(problems({ targetGroupNamePrefix: "webtier-" })).toEqual(["targetGroupNamePrefix"]);
  });

  it("throws on a malformed ingress CIDR, naming its index", () => {
    expect(problems({ ingressCidrs: ["0.0.0.0/0", "10.0.0.0/33"] })).toEqual(["ingressCidrs[1]"]);
  });

  it("throws on out-of-range delays, idle timeout and a bad bucket name", () => {
    expect(problems({ deregistrationDelaySeconds: 4000, idleTimeoutSeconds: 0, accessLogs: { bucket: "Bad_Bucket" } })).toEqual([
      "deregistrationDelaySeconds",
      "idleTimeoutSeconds",
      "accessLogs.bucket",
    ]);
  });

  it("does not judge values that are Terraform tokens", async () => {
    const { Fn } = await import("cdktf");
    expect(problems({ subnetIds: Fn.split(",", "a,b") as unknown as string[] })).toEqual([]);
  });

  it("lists every problem in one error naming the construct", () => {
    const error = validationErrorOf(() => build({ name: "x".repeat(40), subnetIds: [], targetPort: -1 }));
    expect(error.subject).toBe("LoadBalancer test/lb");
    expect(error.findings.map((f) => f.path)).toEqual(["name", "subnetIds", "targetPort"]);
  });
});
