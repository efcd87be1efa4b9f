import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { findingPathsOf } from "../../support/findings";
import { instancesOf, onlyResource, resolveValues, resourcesOf } from "../../support/synth";
import { build, CERT, ZONE } from "./helpers";

const DOMAIN = { zoneId: ZONE, recordName: "app.example.com" };
const CERTIFICATE = /aws_acm_certificate\.lb_domain_certificate_[0-9A-F]{8}/;
const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));

/** The validation records, keyed by their for_each set, with the expression each attribute is read from. */
function validationRecords(json: ReturnType<typeof build>["json"]) {
  const [record] = Object.values(resourcesOf(json, Route53Record)).filter((r) => r.for_each !== undefined);
  return record!;
}

describe("HTTPS under its own name (domain)", () => {
  const { json, loadBalancer, stack } = build({ domain: { ...DOMAIN, alternativeNames: ["www.example.com", "*.example.com"] } });

  it("requests an ACM certificate for the record name and the alternative names, validated by DNS, replaced create-before-destroy", () => {
    expect(onlyResource(json, AcmCertificate)).toMatchObject({
      domain_name: "app.example.com",
      subject_alternative_names: ["www.example.com", "*.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("writes one validation record per name into the zone, keyed by the names written out (known when Terraform plans)", () => {
    const record = validationRecords(json);
    expect(record.for_each).toBe('${toset(["app.example.com", "www.example.com", "*.example.com"])}');
    expect(record).toMatchObject({ zone_id: ZONE, ttl: 60, allow_overwrite: true });
  });

  it("picks each name's record from the certificate's domain_validation_options by domain name", () => {
    const record = validationRecords(json);
    const pick = (attribute: string) =>
      expect.stringMatching(
        new RegExp(
          `^\\$\\{\\{ for key, val in toset\\(tolist\\(${CERTIFICATE.source}\\.domain_validation_options\\)\\): val\\.domain_name => val \\}\\[each\\.value\\]\\.${attribute}\\}$`,
        ),
      );
    expect(record.name).toEqual(pick("resource_record_name"));
    expect(record.type).toEqual(pick("resource_record_type"));
    expect(record.records).toEqual([pick("resource_record_value")]);
  });

  it("waits for the certificate's validation through every record's FQDN", () => {
    expect(onlyResource(json, AcmCertificateValidation)).toEqual({
      certificate_arn: expect.stringMatching(new RegExp(`^\\$\\{${CERTIFICATE.source}\\.arn\\}$`)),
      validation_record_fqdns: expect.stringMatching(
        /^\$\{\[ for key, val in aws_route53_record\.lb_domain_validation-record_[0-9A-F]{8}: val\.fqdn\]\}$/,
      ),
    });
  });

  it("serves HTTPS on the validated certificate with the TLS 1.3 policy, so the listener waits for the validation", () => {
    const https = Object.values(resourcesOf(json, LbListener)).find((l) => l.protocol === "HTTPS");
    expect(https).toMatchObject({
      port: 443,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate_validation\.lb_domain_validation_[0-9A-F]{8}\.certificate_arn\}$/),
    });
  });

  it("answers HTTP only with a 301 to HTTPS", () => {
    const http = Object.values(resourcesOf(json, LbListener)).find((l) => l.protocol === "HTTP");
    expect(http!.default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
  });

  it("points an alias A record for the record name at the load balancer, and none for the alternative names", () => {
    const aliases = Object.values(resourcesOf(json, Route53Record)).filter((r) => r.alias !== undefined);
    expect(aliases).toEqual([
      {
        zone_id: ZONE,
        name: "app.example.com",
        type: "A",
        alias: {
          name: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.dns_name\}$/),
          zone_id: expect.stringMatching(/^\$\{aws_lb\.lb_alb_[0-9A-F]{8}\.zone_id\}$/),
          evaluate_target_health: true,
        },
      },
    ]);
  });

  it("lets HTTPS in as well as HTTP", () => {
    expect(
      instancesOf(json, VpcSecurityGroupIngressRule)
        .map((r) => r.from_port)
        .sort(),
    ).toEqual([443, 80]);
  });

  it("reports the validated certificate and the HTTPS listener as the forwarding one", () => {
    const out = resolveValues(stack, {
      certificateArn: loadBalancer.outputs.certificateArn,
      listenerArn: loadBalancer.outputs.listenerArn,
    });
    expect(out.certificateArn).toMatch(/^\$\{aws_acm_certificate_validation\.lb_domain_validation_[0-9A-F]{8}\.certificate_arn\}$/);
    expect(out.listenerArn).toMatch(/^\$\{aws_lb_listener\.lb_https_[0-9A-F]{8}\.arn\}$/);
  });
});

describe("domain, options", () => {
  it("requests a certificate without alternative names when none are given", () => {
    const { json } = build({ domain: DOMAIN });
    expect(onlyResource(json, AcmCertificate)).not.toHaveProperty("subject_alternative_names");
    expect(validationRecords(json).for_each).toBe('${toset(["app.example.com"])}');
  });

  it("takes the zone and names from another stack's outputs, the names of the records' for_each concatenated by Terraform", () => {
    const { json } = build({
      domain: { zoneId: Fn.lower("Z1"), recordName: Fn.lower("app"), alternativeNames: Token.asList(Fn.split(",", "a,b")) },
    });
    expect(validationRecords(json).for_each).toBe('${toset(concat([lower("app")], split(",", "a,b")))}');
  });

  it("keeps the given certificate when there is no domain, and creates no DNS records", () => {
    const { json } = build({ certificateArn: CERT });
    expect(resourcesOf(json, AcmCertificate)).toEqual({});
    expect(resourcesOf(json, Route53Record)).toEqual({});
    expect(Object.values(resourcesOf(json, LbListener)).find((l) => l.protocol === "HTTPS")!.certificate_arn).toBe(CERT);
  });
});

describe("domain, refused values", () => {
  it("throws when the zone id is not a Route 53 hosted zone id", () => {
    expect(problems({ domain: { ...DOMAIN, zoneId: "z0123" } })).toEqual(["domain.zoneId"]);
    expect(problems({ domain: { ...DOMAIN, zoneId: "example.com" } })).toEqual(["domain.zoneId"]);
  });

  it("throws when the record name is not a fully qualified name, ends with a dot or is uppercase", () => {
    expect(problems({ domain: { ...DOMAIN, recordName: "app" } })).toEqual(["domain.recordName"]);
    expect(problems({ domain: { ...DOMAIN, recordName: "app.example.com." } })).toEqual(["domain.recordName"]);
    expect(problems({ domain: { ...DOMAIN, recordName: "App.example.com" } })).toEqual(["domain.recordName"]);
  });

  it("throws when the record name is a wildcard or longer than ACM's 64 characters for a certificate's first name", () => {
    expect(problems({ domain: { ...DOMAIN, recordName: "*.example.com" } })).toEqual(["domain.recordName"]);
    const long = `${"a".repeat(53)}.example.com`;
    expect(problems({ domain: { ...DOMAIN, recordName: long } })).toEqual(["domain.recordName"]);
  });

  it("throws on alternative names with bad labels, naming each index", () => {
    expect(
      problems({
        domain: { ...DOMAIN, alternativeNames: ["x_y.example.com", `${"b".repeat(64)}.example.com`, "-a.example.com", "*.*.example.com"] },
      }),
    ).toEqual(["domain.alternativeNames[0]", "domain.alternativeNames[1]", "domain.alternativeNames[2]", "domain.alternativeNames[3]"]);
  });

  it("throws when a name is over DNS's 253 characters", () => {
    const name = `${Array.from({ length: 4 }, () => "c".repeat(63)).join(".")}.com`;
    expect(problems({ domain: { ...DOMAIN, alternativeNames: [name] } })).toEqual(["domain.alternativeNames[0]"]);
  });

  it("throws when the record name is listed again among the alternative names, or an alternative twice", () => {
    expect(problems({ domain: { ...DOMAIN, alternativeNames: ["app.example.com"] } })).toEqual(["domain.alternativeNames"]);
    expect(problems({ domain: { ...DOMAIN, alternativeNames: ["www.example.com", "www.example.com"] } })).toEqual([
      "domain.alternativeNames",
    ]);
  });

  it("throws when a domain and a certificate ARN are both given: choose one", () => {
    expect(problems({ domain: DOMAIN, certificateArn: CERT })).toEqual(["domain"]);
  });

  it("throws when HTTPS for the domain would share the HTTP port", () => {
    expect(problems({ domain: DOMAIN, httpPort: 443 })).toEqual(["httpsPort"]);
  });
});
