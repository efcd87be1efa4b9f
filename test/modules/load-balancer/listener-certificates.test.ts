import { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { resourcesOf } from "../../support/synth";
import { build, CERT, ZONE } from "./helpers";

const OTHER = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const THIRD = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

describe("extra certificates on the HTTPS listener (SNI)", () => {
  it("adds none by default", () => {
    expect(resourcesOf(build({ certificateArn: CERT }).json, LbListenerCertificate)).toEqual({});
  });

  it("attaches each to the HTTPS listener, one instance per ARN, keyed by the ARN", () => {
    const { json } = build({ certificateArn: CERT, additionalCertificateArns: [OTHER, THIRD] });
    const [certificate, ...more] = Object.values(resourcesOf(json, LbListenerCertificate));
    expect(more).toEqual([]);
    expect(certificate).toMatchObject({
      for_each: expect.stringMatching(
        /toset\(\["arn:aws:acm:us-east-1:123456789012:certificate\/1111.*", "arn:aws:acm:us-east-1:123456789012:certificate\/6666.*"\]\)/,
      ),
      listener_arn: expect.stringMatching(/^\$\{aws_lb_listener\.lb_https_[0-9A-F]{8}\.arn\}$/),
      certificate_arn: "${each.value}",
    });
  });

  it("works beside a domain's own certificate", () => {
    const { json } = build({ domain: { zoneId: ZONE, recordName: "app.example.com" }, additionalCertificateArns: [OTHER] });
    expect(Object.values(resourcesOf(json, LbListenerCertificate))).toHaveLength(1);
  });

  it("takes the ARNs from another stack as a token list", () => {
    const { json } = build({ certificateArn: CERT, additionalCertificateArns: Token.asList("certs") });
    expect(Object.values(resourcesOf(json, LbListenerCertificate))).toHaveLength(1);
  });
});
