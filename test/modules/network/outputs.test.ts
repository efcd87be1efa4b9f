import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { resolveValues } from "../../support/synth";
import { build, ZONES_3 } from "./helpers";

/** Output tokens as the Terraform expressions they stand for. */
function expressions(network: ReturnType<typeof build>["network"]) {
  return resolveValues(TerraformStack.of(network), { ...network.outputs });
}

describe("network outputs", () => {
  it("exposes the VPC, subnets per tier in zone order, NAT gateways and flow log group", () => {
    const { network } = build({
      availabilityZones: ZONES_3,
      natGateways: "per-az",
      subnetTiers: ["public", "private", "isolated"],
      cidr: "10.30.0.0/16",
    });
    const out = expressions(network);
    expect(out.vpcId).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]{8}\.id\}$/);
    expect(out.vpcCidr).toBe("10.30.0.0/16");
    expect(out.availabilityZones).toEqual(ZONES_3);
    for (const tier of ["public", "private", "isolated"]) {
      expect(out[`${tier}SubnetIds`]).toEqual(
        ZONES_3.map((z) => expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.network_${tier}-subnet-${z}_[0-9A-F]{8}\\.id\\}$`))),
      );
    }
    expect(out.natGatewayIds).toEqual(ZONES_3.map((z) => expect.stringMatching(new RegExp(`aws_nat_gateway\\.network_nat-gateway-${z}_`))));
    expect(out.natPublicIps).toEqual(
      ZONES_3.map((z) => expect.stringMatching(new RegExp(`aws_eip\\.network_nat-eip-${z}_[0-9A-F]{8}\\.public_ip`))),
    );
    expect(out.flowLogGroupName).toMatch(/^\$\{aws_cloudwatch_log_group\.network_flow-logs_group_[0-9A-F]{8}\.name\}$/);
  });

  it("gives empty lists for absent tiers and NAT, and no log group when flow logs are off", () => {
    const { network } = build({ natGateways: "none", flowLogs: { enabled: false } });
    const out = expressions(network);
    expect(out.isolatedSubnetIds).toEqual([]);
    expect(out.natGatewayIds).toEqual([]);
    expect(out.natPublicIps).toEqual([]);
    expect(network.outputs.flowLogGroupName).toBeUndefined();
  });
});
