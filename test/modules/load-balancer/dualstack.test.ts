import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import { build, ZONE } from "./helpers";

const ingress = (json: ReturnType<typeof build>["json"]) =>
  Object.values(json.resource!.aws_vpc_security_group_ingress_rule!)
    .map((r) => `${r.from_port} ${r.for_each ? "each" : (r.cidr_ipv6 ?? r.cidr_ipv4)}`)
    .sort();

describe("a dual-stack load balancer", () => {
  it("is dualstack, admitting ::/0 on each listener port where it admits 0.0.0.0/0", () => {
    const { json } = build({ ipAddressType: "dualstack", domain: { zoneId: ZONE, recordName: "app.example.com" } });
    expect(Object.values(json.resource!.aws_lb!)[0]).toMatchObject({ ip_address_type: "dualstack" });
    expect(ingress(json)).toEqual(["443 ::/0", "443 each", "80 ::/0", "80 each"]);
  });

  it("admits no IPv6 where its IPv4 clients are limited", () => {
    expect(ingress(build({ ipAddressType: "dualstack", ingressCidrs: ["203.0.113.0/24"] }).json)).toEqual(["80 each"]);
  });

  it("gets an AAAA alias beside the A alias under its domain", () => {
    const { json } = build({ ipAddressType: "dualstack", domain: { zoneId: ZONE, recordName: "app.example.com" } });
    const aliases = Object.values(json.resource!.aws_route53_record!).filter((r) => r.alias);
    expect(aliases.map((r) => [r.type, r.name]).sort()).toEqual([
      ["A", "app.example.com"],
      ["AAAA", "app.example.com"],
    ]);
  });

  it("stays IPv4 only by default: no address type, no ::/0, no AAAA", () => {
    const { json } = build({ domain: { zoneId: ZONE, recordName: "app.example.com" } });
    expect(Object.values(json.resource!.aws_lb!)[0]).not.toHaveProperty("ip_address_type");
    expect(ingress(json)).toEqual(["443 each", "80 each"]);
    expect(Object.values(json.resource!.aws_route53_record!).filter((r) => r.type === "AAAA")).toEqual([]);
  });

  it("refuses an address type AWS does not offer an ALB", () => {
    expect(problemsOf(() => build({ ipAddressType: "ipv6" as never }))).toEqual([
      'ipAddressType ("ipv6") must be one of "ipv4", "dualstack"',
    ]);
  });
});
