import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { createdCountsByType, describeTerraform, planStack, tempApp, type PlanJson } from "../support/terraform";

/** What each environment's plan creates, by resource type. */
const EXPECTED_COUNTS: Record<string, Record<string, number>> = {
  dev: sum(network({ zones: 2, nats: 1 }), loadBalancer(), compute({ instances: 1 })),
  stage: sum(network({ zones: 2, nats: 1 }), loadBalancer(), compute({ asg: true })),
  prod: sum(network({ zones: 3, nats: 3 }), loadBalancer(), compute({ asg: true })),
};

function sum(...parts: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const part of parts) for (const [type, n] of Object.entries(part)) total[type] = (total[type] ?? 0) + n;
  return total;
}

function compute(mode: { instances: number } | { asg: true }): Record<string, number> {
  const shared = {
    aws_security_group: 1,
    aws_vpc_security_group_ingress_rule: 1,
    aws_vpc_security_group_egress_rule: 1,
    aws_iam_role: 1,
    aws_iam_role_policy_attachment: 1,
    aws_iam_instance_profile: 1,
    aws_launch_template: 1,
  };
  if ("asg" in mode) return { ...shared, aws_autoscaling_group: 1 };
  // Per instance: the instance, its target registration, and its recover and reboot alarms.
  return { ...shared, aws_instance: mode.instances, aws_lb_target_group_attachment: mode.instances, aws_cloudwatch_metric_alarm: 2 * mode.instances };
}

function network({ zones, nats }: { zones: number; nats: number }): Record<string, number> {
  return {
    aws_vpc: 1,
    aws_default_security_group: 1,
    aws_subnet: 2 * zones,
    aws_internet_gateway: 1,
    aws_route_table: 1 + zones,
    aws_route: 1 + zones,
    aws_route_table_association: 2 * zones,
    aws_eip: nats,
    aws_nat_gateway: nats,
    aws_vpc_endpoint: 1,
    aws_cloudwatch_log_group: 1,
    aws_iam_role: 1,
    aws_iam_role_policy: 1,
    aws_flow_log: 1,
  };
}

function loadBalancer(): Record<string, number> {
  return {
    aws_security_group: 1,
    aws_vpc_security_group_ingress_rule: 1,
    aws_vpc_security_group_egress_rule: 1,
    aws_lb: 1,
    aws_lb_target_group: 1,
    aws_lb_listener: 1,
  };
}

function planned(plan: PlanJson, type: string): Record<string, unknown>[] {
  return (plan.resource_changes ?? []).filter((rc) => rc.type === type).map((rc) => rc.change.after as Record<string, unknown>);
}

/**
 * Every environment, synthesized exactly as `main.ts` does, goes through real `terraform init`,
 * `validate` and an offline `plan`; the plan is then read back as JSON.
 */
describeTerraform("every environment validates and plans offline", () => {
  const plans = new Map<string, Promise<PlanJson>>();
  for (const config of environments) {
    const app = tempApp();
    new EnvironmentStack(app, config);
    // Started together so the environments plan in parallel.
    plans.set(config.name, planStack(app, config.name).then((run) => run.plan as PlanJson));
  }

  describe.each(environments)("$name", (config) => {
    const plan = () => plans.get(config.name)!;

    it("plans only creations, of the expected resources", async () => {
      const p = await plan();
      expect((p.resource_changes ?? []).every((rc) => rc.change.actions.join() === "create")).toBe(true);
      expect(createdCountsByType(await plan())).toEqual(EXPECTED_COUNTS[config.name]);
    });

    it("plans the VPC and subnets with the configured CIDRs and zones", async () => {
      const p = await plan();
      expect(planned(p, "aws_vpc").map((v) => v.cidr_block)).toEqual([config.network.cidr]);
      const zones = planned(p, "aws_subnet").map((s) => s.availability_zone);
      expect(new Set(zones)).toEqual(new Set(config.network.availabilityZones));
      for (const s of planned(p, "aws_subnet")) expect(s.map_public_ip_on_launch).toBe(false);
    });

    it("plans flow logs of ALL traffic into a CloudWatch Logs group", async () => {
      const p = await plan();
      expect(planned(p, "aws_flow_log")).toEqual([expect.objectContaining({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" })]);
      expect(planned(p, "aws_cloudwatch_log_group")).toEqual([
        expect.objectContaining({ name: `/vpc/webtier-${config.name}/flow-logs`, retention_in_days: config.network.flowLogs?.retentionDays }),
      ]);
    });

    it("plans an ALB that drops invalid headers, deletion-protected in production", async () => {
      expect(planned(await plan(), "aws_lb")).toEqual([
        expect.objectContaining({
          name: `webtier-${config.name}`,
          load_balancer_type: "application",
          internal: false,
          drop_invalid_header_fields: true,
          enable_deletion_protection: config.production === true,
        }),
      ]);
      expect(planned(await plan(), "aws_lb_target_group")).toEqual([
        expect.objectContaining({ port: 5000, protocol: "HTTP", health_check: [expect.objectContaining({ path: "/health", matcher: "200" })] }),
      ]);
    });

    it("plans instances from a launch template that requires IMDSv2 and encrypts the root volume", async () => {
      const [template] = planned(await plan(), "aws_launch_template");
      expect(template).toMatchObject({
        image_id: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        instance_type: config.compute.instanceType,
        metadata_options: [expect.objectContaining({ http_tokens: "required", http_put_response_hop_limit: 1 })],
        block_device_mappings: [expect.objectContaining({ ebs: [expect.objectContaining({ encrypted: "true", volume_type: "gp3" })] })],
      });
      expect(template).not.toHaveProperty("key_name", expect.any(String));
    });

    it("plans the compute mode the environment asks for", async () => {
      const p = await plan();
      if (config.compute.mode === "asg") {
        expect(planned(p, "aws_autoscaling_group")).toEqual([
          expect.objectContaining({
            min_size: config.compute.minSize,
            max_size: config.compute.maxSize,
            desired_capacity: config.compute.desiredCapacity,
            health_check_type: "ELB",
            instance_refresh: [expect.objectContaining({ strategy: "Rolling" })],
          }),
        ]);
      } else {
        expect(planned(p, "aws_instance")).toHaveLength(config.compute.instanceCount ?? 1);
      }
    });

    it("tags resources with Project, Environment and ManagedBy through the provider", async () => {
      const vpc = planned(await plan(), "aws_vpc")[0]!;
      expect(vpc.tags_all).toMatchObject({ Project: "webtier", Environment: config.name, ManagedBy: "cdktf", Name: `webtier-${config.name}` });
    });
  });
});
