import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { findingPathsOf } from "../../support/findings";
import { onlyResource, resolveValues, resourcesOf } from "../../support/synth";
import { build, count, routes, ZONES_3 } from "./helpers";

/** Interface endpoints by service name. */
function endpoints(json: ReturnType<typeof build>["json"]) {
  return Object.fromEntries(
    Object.values(resourcesOf(json, VpcEndpoint))
      .filter((e) => e.vpc_endpoint_type === "Interface")
      .map((e) => [String(e.service_name), e]),
  );
}

describe("Session Manager endpoints", () => {
  describe("in a network without NAT", () => {
    const { json, network } = build({
      availabilityZones: ZONES_3,
      natGateways: "none",
      sessionManagerEndpoints: true,
      cidr: "10.30.0.0/16",
    });
    const privateSubnets = ZONES_3.map((z) =>
      expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.network_private-subnet-${z}_[0-9A-F]{8}\\.id\\}$`)),
    );

    it("gives private route tables no default route: nothing leaves the VPC", () => {
      expect(count(json, "aws_nat_gateway")).toBe(0);
      expect(routes(json)).toEqual(["demo-public: 0.0.0.0/0 -> demo-igw"]);
      expect(routes(json).filter((r) => r.startsWith("demo-private"))).toEqual([]);
    });

    it("creates interface endpoints for ssm, ssmmessages and ec2messages in every private subnet, with private DNS", () => {
      const byService = endpoints(json);
      expect(Object.keys(byService).sort()).toEqual([
        "com.amazonaws.us-east-1.ec2messages",
        "com.amazonaws.us-east-1.ssm",
        "com.amazonaws.us-east-1.ssmmessages",
      ]);
      for (const endpoint of Object.values(byService)) {
        expect(endpoint).toMatchObject({
          vpc_endpoint_type: "Interface",
          private_dns_enabled: true,
          subnet_ids: privateSubnets,
          vpc_id: expect.stringMatching(/aws_vpc\.network_vpc_/),
        });
        expect(endpoint.security_group_ids).toEqual([
          expect.stringMatching(/^\$\{aws_security_group\.network_session-manager_security-group_[0-9A-F]{8}\.id\}$/),
        ]);
      }
    });

    it("admits HTTPS from the VPC's CIDR to the endpoints, and nothing else in or out", () => {
      expect(onlyResource(json, SecurityGroup)).toMatchObject({
        name_prefix: "demo-ssm-endpoints-",
        vpc_id: expect.stringMatching(/aws_vpc\.network_vpc_/),
      });
      expect(Object.values(resourcesOf(json, VpcSecurityGroupIngressRule))).toEqual([
        expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.30.0.0/16" }),
      ]);
      expect(resourcesOf(json, VpcSecurityGroupEgressRule)).toEqual({});
    });

    it("gives the endpoints' ids as outputs", () => {
      const out = resolveValues(TerraformStack.of(network), { ids: network.outputs.sessionManagerEndpointIds });
      expect(out.ids).toEqual(
        ["ssm", "ssmmessages", "ec2messages"].map((s) =>
          expect.stringMatching(new RegExp(`^\\$\\{aws_vpc_endpoint\\.network_session-manager_${s}-endpoint_[0-9A-F]{8}\\.id\\}$`)),
        ),
      );
    });
  });

  it("uses the provider's region in the service names", () => {
    expect(
      Object.keys(endpoints(build({ availabilityZones: ["eu-west-1a", "eu-west-1b"], sessionManagerEndpoints: true }, "eu-west-1").json)),
    ).toContain("com.amazonaws.eu-west-1.ssm");
  });

  it("creates none by default", () => {
    const { json, network } = build();
    expect(endpoints(json)).toEqual({});
    expect(network.outputs.sessionManagerEndpointIds).toEqual([]);
  });

  it("throws without a private tier to put them in", () => {
    expect(findingPathsOf(() => build({ subnetTiers: ["public"], natGateways: "none", sessionManagerEndpoints: true }))).toEqual([
      "sessionManagerEndpoints",
    ]);
  });
});
