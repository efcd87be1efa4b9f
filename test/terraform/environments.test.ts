import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAddressList } from "../../scripts/lib/addresses";
import { environments, type EnvironmentConfig } from "../../envs";
import { describeTerraform, runOffline, synthesizedEnvironment, type PlanJson } from "../support/terraform";

/** The services an environment gets gateway endpoints for, by either spelling. */
function gatewayServices(config: EnvironmentConfig): string[] {
  return [...(config.network.gatewayEndpoints ?? []), ...(config.network.s3GatewayEndpoint ? ["s3"] : [])].sort();
}

function planned(plan: PlanJson, type: string): Record<string, unknown>[] {
  return (plan.resource_changes ?? []).filter((rc) => rc.type === type).map((rc) => rc.change.after as Record<string, unknown>);
}

interface ConfiguredResource {
  readonly type: string;
  readonly name: string;
  readonly expressions: Record<string, { constant_value?: unknown; references?: string[] }>;
}

/** The configuration of each resource of a type, as the plan records it: what is known only as a reference shows there. */
function configured(plan: PlanJson, type: string): ConfiguredResource[] {
  const root = (plan.configuration as { root_module?: { resources?: ConfiguredResource[] } } | undefined)?.root_module;
  return (root?.resources ?? []).filter((r) => r.type === type);
}

/** The address of the tier's alarm topic. */
function alarmTopicAddress(plan: PlanJson, environment: string): string {
  return (plan.resource_changes ?? []).find(
    (rc) => rc.type === "aws_sns_topic" && (rc.change.after as { name?: string }).name === `webtier-${environment}-alarms`,
  )!.address;
}

/**
 * Every environment, synthesized exactly as `main.ts` does, goes through real `terraform init`,
 * `validate` and an offline `plan`; the plan is then read back as JSON.
 */
describeTerraform("every environment validates and plans offline", () => {
  const plans = new Map<string, Promise<PlanJson>>();
  for (const config of environments) {
    // Started together so the environments plan in parallel.
    plans.set(
      config.name,
      runOffline(synthesizedEnvironment(config)).then((run) => run.plan as PlanJson),
    );
  }

  describe.each(environments)("$name", (config) => {
    const plan = () => plans.get(config.name)!;

    it("plans only creations", async () => {
      const p = await plan();
      expect((p.resource_changes ?? []).every((rc) => rc.change.actions.join() === "create")).toBe(true);
    });

    it("plans every address envs/addresses pins for it, and no other", async () => {
      const pinned = parseAddressList(readFileSync(join(__dirname, "..", "..", "envs", "addresses", `${config.name}.txt`), "utf8"));
      expect([...new Set(((await plan()).resource_changes ?? []).map((rc) => rc.address.replace(/\[.*\]$/, "")))].sort()).toEqual(pinned);
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
      expect(planned(p, "aws_flow_log")).toEqual([
        expect.objectContaining({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" }),
      ]);
      expect(planned(p, "aws_cloudwatch_log_group")).toEqual([
        expect.objectContaining({
          name: `/vpc/webtier-${config.name}/flow-logs`,
          retention_in_days: config.network.flowLogs?.retentionDays,
        }),
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
      expect(planned(await plan(), "aws_lb_target_group").filter((g) => g.port === 5000)).toEqual([
        expect.objectContaining({
          port: 5000,
          protocol: "HTTP",
          health_check: [expect.objectContaining({ path: "/health", matcher: "200" })],
        }),
      ]);
    });

    it("plans the edge the environment asks for: HTTPS under its own name, a WAF and access logs in production, the /stress guard where the endpoint is on", async () => {
      const p = await plan();
      const listeners = Object.fromEntries(planned(p, "aws_lb_listener").map((l) => [l.protocol, l]));
      // The guard's rules; the configured ones are checked below.
      const rules = planned(p, "aws_lb_listener_rule").filter((r) =>
        (r.tags as Record<string, string>).Name?.startsWith(`webtier-${config.name}-stress`),
      );
      if (config.production) {
        const domain = config.loadBalancer!.domain!;
        expect(planned(p, "aws_acm_certificate")).toEqual([
          expect.objectContaining({
            domain_name: domain.recordName,
            validation_method: "DNS",
            domain_validation_options: [expect.objectContaining({ domain_name: domain.recordName })],
          }),
        ]);
        expect(planned(p, "aws_acm_certificate_validation")).toHaveLength(1);
        // One validation record per name, keyed by the name although the certificate does not exist yet; and the alias.
        const records = (p.resource_changes ?? []).filter((rc) => rc.type === "aws_route53_record");
        expect(records.map((rc) => /\["(.+)"\]$/.exec(rc.address)?.[1] ?? "alias").sort()).toEqual(["alias", domain.recordName]);
        expect(records.map((rc) => rc.change.after as Record<string, unknown>)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ zone_id: domain.zoneId, allow_overwrite: true, ttl: 60 }),
            expect.objectContaining({
              zone_id: domain.zoneId,
              name: domain.recordName,
              type: "A",
              alias: [expect.objectContaining({ evaluate_target_health: true })],
            }),
          ]),
        );
        expect(listeners.HTTPS).toMatchObject({ port: 443, ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
        expect(listeners.HTTP!.default_action).toEqual([
          expect.objectContaining({
            type: "redirect",
            redirect: [expect.objectContaining({ protocol: "HTTPS", port: "443", status_code: "HTTP_301" })],
          }),
        ]);
        const [acl] = planned(p, "aws_wafv2_web_acl");
        expect(acl).toMatchObject({ scope: "REGIONAL" });
        expect((JSON.parse(String(acl!.rule_json)) as { Name: string }[]).map((r) => r.Name)).toEqual([
          "rate-limit-per-ip",
          "AWSManagedRulesCommonRuleSet",
          "AWSManagedRulesKnownBadInputsRuleSet",
        ]);
        expect(planned(p, "aws_wafv2_web_acl_association")).toHaveLength(1);
        expect(planned(p, "aws_s3_bucket")).toEqual([expect.objectContaining({ bucket_prefix: `webtier-${config.name}-alb-logs-` })]);
        expect(planned(p, "aws_s3_bucket_policy")).toHaveLength(1);
        expect(planned(p, "aws_lb")[0]!.access_logs).toEqual([
          expect.objectContaining({ enabled: true, prefix: `webtier-${config.name}` }),
        ]);
      } else {
        expect(Object.keys(listeners)).toEqual(["HTTP"]);
        expect(planned(p, "aws_wafv2_web_acl_association")).toEqual([]);
      }
      if (config.compute.stressEndpoint) {
        expect(rules).toEqual([
          expect.objectContaining({
            priority: 20,
            condition: [expect.objectContaining({ path_pattern: [{ values: ["/stress*"] }] })],
            action: [
              expect.objectContaining({ type: "fixed-response", fixed_response: [expect.objectContaining({ status_code: "403" })] }),
            ],
          }),
        ]);
      } else {
        expect(rules).toEqual([]);
      }
    });

    it("plans the routing the environment asks for: each other service's target group, and each rule on the forwarding listener", async () => {
      const p = await plan();
      const lb = config.loadBalancer ?? {};
      const groups = planned(p, "aws_lb_target_group").filter((g) => g.port !== 5000);
      expect(groups.map((g) => [g.port, (g.health_check as { path: string }[])[0]!.path])).toEqual(
        (lb.targetGroups ?? []).map((g) => [g.port, g.healthCheck?.path ?? "/"]),
      );
      const rules = planned(p, "aws_lb_listener_rule").filter(
        (r) => !(r.tags as Record<string, string>).Name?.startsWith(`webtier-${config.name}-stress`),
      );
      const paths = (r: Record<string, unknown>) =>
        (r.condition as { path_pattern: { values: string[] }[] }[]).flatMap((c) => c.path_pattern.flatMap((v) => v.values));
      expect(rules.map((r) => [r.priority, paths(r)])).toEqual(
        (lb.listenerRules ?? []).map((r) => [r.priority, r.conditions.pathPatterns ?? []]),
      );
      const forwarding = configured(p, "aws_lb_listener_rule").filter((r) => r.name.includes("listener-rules"));
      expect(forwarding).toHaveLength(lb.listenerRules?.length ?? 0);
      const listener = config.production
        ? /^aws_lb_listener\.load-balancer_https_[0-9A-F]{8}/
        : /^aws_lb_listener\.load-balancer_http_[0-9A-F]{8}/;
      for (const r of forwarding)
        expect(r.expressions.listener_arn?.references).toEqual(expect.arrayContaining([expect.stringMatching(listener)]));
    });

    it("plans instances from a launch template that requires IMDSv2, encrypts the root volume and runs T instances on standard credits", async () => {
      const [template] = planned(await plan(), "aws_launch_template");
      const types =
        config.compute.mode === "asg" && config.compute.mixedInstances
          ? (config.compute.mixedInstances.instanceTypes ?? [])
          : [config.compute.instanceType];
      expect(template).toMatchObject({
        image_id: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        instance_type: types[0],
        credit_specification: [{ cpu_credits: "standard" }],
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

    it("plans every compute event heard: status-check alarms (ec2) or the group's launches and terminations (asg) to the alarm topic", async () => {
      const p = await plan();
      const topic = `${alarmTopicAddress(p, config.name)}.arn`;
      if (config.compute.mode === "asg") {
        expect(planned(p, "aws_autoscaling_notification")).toEqual([
          expect.objectContaining({
            group_names: [`webtier-${config.name}`],
            notifications: [
              "autoscaling:EC2_INSTANCE_LAUNCH",
              "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
              "autoscaling:EC2_INSTANCE_TERMINATE",
              "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
            ],
          }),
        ]);
        expect(configured(p, "aws_autoscaling_notification")[0]!.expressions.topic_arn!.references).toContain(topic);
      } else {
        const statusAlarms = configured(p, "aws_cloudwatch_metric_alarm").filter((a) =>
          String(a.expressions.metric_name?.constant_value).startsWith("StatusCheckFailed_"),
        );
        expect(statusAlarms).toHaveLength(2 * (config.compute.instanceCount ?? 1));
        for (const alarm of statusAlarms) {
          expect(alarm.expressions.alarm_actions!.references).toContain(topic);
          expect(alarm.expressions.ok_actions!.references).toContain(topic);
        }
      }
    });

    it("plans production's group over two On-Demand instance types of one architecture", async () => {
      const groups = planned(await plan(), "aws_autoscaling_group");
      if (!config.production) {
        for (const group of groups) expect(group.mixed_instances_policy ?? []).toEqual([]);
        return;
      }
      expect(groups).toEqual([
        expect.objectContaining({
          capacity_rebalance: false,
          mixed_instances_policy: [
            expect.objectContaining({
              instances_distribution: [
                expect.objectContaining({
                  on_demand_base_capacity: 2,
                  on_demand_percentage_above_base_capacity: 100,
                  on_demand_allocation_strategy: "prioritized",
                  spot_allocation_strategy: "price-capacity-optimized",
                }),
              ],
              launch_template: [
                expect.objectContaining({
                  override: [
                    expect.objectContaining({ instance_type: "t3.small" }),
                    expect.objectContaining({ instance_type: "t3a.small" }),
                  ],
                }),
              ],
            }),
          ],
        }),
      ]);
    });

    it("plans each configured queue and its dead-letter queue, encrypted and long-polling", async () => {
      const queues = Object.fromEntries(planned(await plan(), "aws_sqs_queue").map((q) => [q.name, q]));
      const suffix = config.messaging?.fifo ? ".fifo" : "";
      const configured = config.messaging?.queues ?? [];
      expect(Object.keys(queues).sort()).toEqual(
        configured.flatMap((q) => [`webtier-${config.name}-${q.name}${suffix}`, `webtier-${config.name}-${q.name}-dlq${suffix}`]).sort(),
      );
      for (const q of configured) {
        expect(queues[`webtier-${config.name}-${q.name}${suffix}`]).toMatchObject({
          sqs_managed_sse_enabled: true,
          receive_wait_time_seconds: 20,
          ...(q.visibilityTimeoutSeconds === undefined ? {} : { visibility_timeout_seconds: q.visibilityTimeoutSeconds }),
        });
      }
    });

    it("plans the alarm topic encrypted with its own key, not alias/aws/sns", async () => {
      const topics = planned(await plan(), "aws_sns_topic");
      const messagingTopic = config.messaging
        ? [`webtier-${config.name}-${config.messaging.topicName}${config.messaging.fifo ? ".fifo" : ""}`]
        : [];
      expect(topics.map((t) => t.name).sort()).toEqual([`webtier-${config.name}-alarms`, ...messagingTopic].sort());
      const alarmsTopic = topics.find((t) => t.name === `webtier-${config.name}-alarms`)!;
      expect(alarmsTopic).not.toHaveProperty("kms_master_key_id", "alias/aws/sns");
    });

    it("plans Session Manager endpoints in the private subnets where the network asks for them", async () => {
      const p = await plan();
      const interfaces = planned(p, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface");
      if (!config.network.sessionManagerEndpoints) {
        expect(interfaces).toEqual([]);
        return;
      }
      expect(interfaces.map((e) => e.service_name).sort()).toEqual(
        ["ec2messages", "ssm", "ssmmessages"].map((s) => `com.amazonaws.${config.region}.${s}`),
      );
      for (const endpoint of interfaces) expect(endpoint).toMatchObject({ private_dns_enabled: true });
      const ingress = planned(p, "aws_vpc_security_group_ingress_rule").filter((r) => String(r.description).includes("Session Manager"));
      expect(ingress).toEqual([
        expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: config.network.cidr }),
      ]);
    });

    it("plans the gateway endpoints the network asks for, on the private route tables", async () => {
      const p = await plan();
      const gateways = planned(p, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Gateway");
      expect(gateways.map((e) => e.service_name).sort()).toEqual(gatewayServices(config).map((s) => `com.amazonaws.${config.region}.${s}`));
      for (const endpoint of configured(p, "aws_vpc_endpoint").filter(
        (e) => e.expressions.vpc_endpoint_type?.constant_value === "Gateway",
      )) {
        const tables = endpoint.expressions.route_table_ids!.references!.filter((r) => r.endsWith(".id"));
        expect(tables).toHaveLength(config.network.availabilityZones.length);
        for (const table of tables) expect(table).toMatch(/^aws_route_table\.network_private-route-table-/);
      }
    });

    it("plans the network ACLs the environment asks for, each on all of its tier's subnets, with its rules", async () => {
      const p = await plan();
      const acls = planned(p, "aws_network_acl");
      const asked = Object.entries(config.network.networkAcls ?? {});
      expect(acls.map((a) => (a.tags as Record<string, string>).Name).sort()).toEqual(
        asked.map(([tier]) => `webtier-${config.name}-${tier}`).sort(),
      );
      for (const [tier, rules] of asked) {
        const acl = acls.find((a) => (a.tags as Record<string, string>).Name === `webtier-${config.name}-${tier}`)!;
        const numbers = (entries: unknown) => (entries as { rule_no: number }[]).map((e) => e.rule_no).sort((a, b) => a - b);
        expect(numbers(acl.ingress)).toEqual(rules!.inbound.map((r) => r.ruleNumber).sort((a, b) => a - b));
        expect(numbers(acl.egress)).toEqual(rules!.outbound.map((r) => r.ruleNumber).sort((a, b) => a - b));
        const subnets = configured(p, "aws_network_acl")
          .find((a) => a.name.includes(`network-acl-${tier}`))!
          .expressions.subnet_ids!.references!.filter((r) => r.endsWith(".id"));
        expect(subnets.map((r) => r.replace(/_[0-9A-F]{8}\.id$/, ""))).toEqual(
          config.network.availabilityZones.map((z) => `aws_subnet.network_${tier}-subnet-${z}`),
        );
      }
    });

    it("plans the scaling the environment asks for: request-count tracking, schedules, forecasts", async () => {
      const p = await plan();
      const policies = Object.fromEntries(planned(p, "aws_autoscaling_policy").map((a) => [String(a.name), a]));
      const schedules = planned(p, "aws_autoscaling_schedule");
      const scaling = config.scaling ?? {};
      if (scaling.requestTracking?.enabled) {
        expect(policies[`webtier-${config.name}-requests-target`]).toMatchObject({
          policy_type: "TargetTrackingScaling",
          target_tracking_configuration: [
            expect.objectContaining({
              predefined_metric_specification: [expect.objectContaining({ predefined_metric_type: "ALBRequestCountPerTarget" })],
            }),
          ],
        });
      } else {
        expect(policies).not.toHaveProperty(`webtier-${config.name}-requests-target`);
      }
      if (scaling.predictiveScaling?.enabled) {
        expect(policies[`webtier-${config.name}-predictive`]).toMatchObject({
          policy_type: "PredictiveScaling",
          predictive_scaling_configuration: [expect.objectContaining({ mode: scaling.predictiveScaling.mode })],
        });
      }
      const byName = (a: { name: unknown }, b: { name: unknown }) => String(a.name).localeCompare(String(b.name));
      expect(
        schedules
          .map((a) => ({
            name: a.scheduled_action_name,
            recurrence: a.recurrence,
            timeZone: a.time_zone,
            minSize: a.min_size,
            maxSize: a.max_size,
            desiredCapacity: a.desired_capacity,
          }))
          .sort(byName),
      ).toEqual((scaling.schedules ?? []).map((a) => ({ ...a })).sort(byName));
    });

    it("plans a dashboard whose body is JSON", async () => {
      const [dashboard] = planned(await plan(), "aws_cloudwatch_dashboard");
      expect(dashboard!.dashboard_name).toBe(`webtier-${config.name}`);
    });

    it("tags resources with Project, Environment and ManagedBy through the provider", async () => {
      const vpc = planned(await plan(), "aws_vpc")[0]!;
      expect(vpc.tags_all).toMatchObject({
        Project: "webtier",
        Environment: config.name,
        ManagedBy: "cdktf",
        Name: `webtier-${config.name}`,
      });
    });
  });
});
