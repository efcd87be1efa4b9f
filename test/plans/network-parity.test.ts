import { beforeAll, describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../envs";
import { prod } from "../../envs/prod";
import { dualStackExample } from "../../examples/modules/dual-stack";
import { networkExample } from "../../examples/modules/network";
import { ExampleStack } from "../../examples/modules/example-stack";
import { guard } from "../../scripts/lib/guard";
import { summarize, type PlanSummary } from "../../scripts/lib/plan-summary";
import { simulateDeploy } from "../support/simulated-deploy";
import { describeTerraform, planStack, runOffline, synthesizedEnvironment, tempApp, type PlanJson } from "../support/terraform";

/** Prod as deployed before the network's peer-parity items: the S3 endpoint by its flag, no DynamoDB endpoint, no ACLs. */
function beforeParity(config: EnvironmentConfig): EnvironmentConfig {
  const { gatewayEndpoints: _endpoints, networkAcls: _acls, ...network } = config.network;
  return { ...config, network: { ...network, s3GatewayEndpoint: true } };
}

const afterOf = (plan: PlanJson, type: string) =>
  (plan.resource_changes ?? []).filter((rc) => rc.type === type).map((rc) => rc.change.after as Record<string, unknown>);

describeTerraform("network peer parity, planned by real Terraform", () => {
  describe("prod's gateway endpoints and private ACL, added to prod as deployed", () => {
    let summary: PlanSummary;
    let plan: PlanJson;
    beforeAll(async () => {
      const { state } = await simulateDeploy(synthesizedEnvironment(beforeParity(prod)));
      plan = (await runOffline(synthesizedEnvironment(prod), { state, validate: false })).plan as PlanJson;
      summary = summarize("prod", plan, { production: true });
      // A simulated deploy is several plans of all of prod: slow on a shared machine.
    }, 900_000);

    it("creates the DynamoDB endpoint and the private tier's ACL, and touches nothing else", () => {
      expect(summary.counts).toMatchObject({ create: 2, update: 0, replace: 0, destroy: 0 });
      expect(summary.creates.map((a) => a.replace(/_[0-9A-F]{8}$/, "")).sort()).toEqual([
        "aws_network_acl.network_network-acl-private",
        "aws_vpc_endpoint.network_dynamodb-endpoint",
      ]);
      const created = (plan.resource_changes ?? [])
        .filter((rc) => rc.type === "aws_vpc_endpoint" && rc.change.actions.includes("create"))
        .map((rc) => rc.change.after);
      expect(created).toEqual([
        expect.objectContaining({ service_name: "com.amazonaws.us-east-1.dynamodb", vpc_endpoint_type: "Gateway" }),
      ]);
    });

    it("passes the guard, and the risk checks stay quiet", () => {
      expect(guard([summary], false)).toEqual({ blocked: false, reasons: [] });
      expect(summary.warnings).toEqual([]);
    });
  });

  describe("the network example: database subnets and their group, gateway endpoints, an ACL", () => {
    let plan: PlanJson;
    beforeAll(async () => {
      const app = tempApp();
      networkExample(new ExampleStack(app, "network"));
      plan = (await planStack(app, "network")).plan as PlanJson;
    });

    it("plans the DB subnet group over the isolated subnets, which have no route out", () => {
      expect(afterOf(plan, "aws_db_subnet_group")).toEqual([expect.objectContaining({ name: "example-database" })]);
      const isolated = afterOf(plan, "aws_subnet").filter((s) => (s.tags as Record<string, string>).Tier === "isolated");
      expect(isolated.map((s) => s.cidr_block).sort()).toEqual(["10.20.16.0/24", "10.20.17.0/24"]);
      // The public table's and the two private tables': none for the isolated table.
      expect(afterOf(plan, "aws_route").filter((r) => String(r.destination_cidr_block) === "0.0.0.0/0")).toHaveLength(3);
    });

    it("plans both gateway endpoints and the database tier's ACL", () => {
      expect(
        afterOf(plan, "aws_vpc_endpoint")
          .filter((e) => e.vpc_endpoint_type === "Gateway")
          .map((e) => e.service_name)
          .sort(),
      ).toEqual(["com.amazonaws.eu-west-1.dynamodb", "com.amazonaws.eu-west-1.s3"]);
      expect(afterOf(plan, "aws_network_acl")).toEqual([
        expect.objectContaining({
          ingress: [expect.objectContaining({ rule_no: 100, protocol: "tcp", from_port: 5432, to_port: 5432, cidr_block: "10.20.8.0/21" })],
        }),
      ]);
    });
  });

  describe("the dual-stack example: IPv6 through the tier, database subnets", () => {
    let plan: PlanJson;
    beforeAll(async () => {
      const app = tempApp();
      dualStackExample(new ExampleStack(app, "dual-stack"));
      plan = (await planStack(app, "dual-stack")).plan as PlanJson;
    });

    it("plans the VPC's /56, a /64 on every subnet assigned on launch, and ::/0 out through the internet and egress-only gateways", () => {
      expect(afterOf(plan, "aws_vpc")).toEqual([expect.objectContaining({ assign_generated_ipv6_cidr_block: true })]);
      const subnets = afterOf(plan, "aws_subnet");
      expect(subnets).toHaveLength(6);
      for (const s of subnets) expect(s).toMatchObject({ assign_ipv6_address_on_creation: true });
      expect(afterOf(plan, "aws_egress_only_internet_gateway")).toHaveLength(1);
      // The public table's and the two private tables'.
      expect(afterOf(plan, "aws_route").filter((r) => r.destination_ipv6_cidr_block === "::/0")).toHaveLength(3);
    });

    it("plans a dual-stack load balancer open to ::/0 where it is open to 0.0.0.0/0, and an AAAA alias beside the A alias", () => {
      expect(afterOf(plan, "aws_lb")).toEqual([expect.objectContaining({ ip_address_type: "dualstack" })]);
      expect(
        afterOf(plan, "aws_vpc_security_group_ingress_rule")
          .filter((r) => r.cidr_ipv6 === "::/0")
          .map((r) => r.from_port)
          .sort(),
      ).toEqual([443, 80]);
      expect(
        afterOf(plan, "aws_route53_record")
          .filter((r) => (r.alias as unknown[] | undefined)?.length)
          .map((r) => r.type)
          .sort(),
      ).toEqual(["A", "AAAA"]);
    });

    it("plans the DB subnet group", () => {
      expect(afterOf(plan, "aws_db_subnet_group")).toEqual([expect.objectContaining({ name: "example-database" })]);
    });
  });
});
