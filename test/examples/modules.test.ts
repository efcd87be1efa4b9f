import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { WEB_TIER_OUTPUTS } from "../../modules";
import { alarmTopicExample } from "../../examples/modules/alarm-topic";
import { computeExample } from "../../examples/modules/compute";
import { computeCapacityExample } from "../../examples/modules/compute-capacity";
import { dualStackExample } from "../../examples/modules/dual-stack";
import { ExampleStack } from "../../examples/modules/example-stack";
import { loadBalancerExample } from "../../examples/modules/load-balancer";
import { messagingExample } from "../../examples/modules/messaging";
import { networkExample } from "../../examples/modules/network";
import { routingExample } from "../../examples/modules/routing";
import { scalingExample } from "../../examples/modules/scaling";
import { webTierExample } from "../../examples/modules/web-tier";
import type { SynthesizedJson } from "../support/synth";

/** The example's stack, synthesized as its file would when run. */
function synthesize(build: (stack: ExampleStack) => unknown): SynthesizedJson {
  const stack = new ExampleStack(Testing.app(), "example");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as SynthesizedJson;
}

const resources = (json: SynthesizedJson, type: string) => Object.values(json.resource?.[type] ?? {});

describe("examples/modules", () => {
  it("network: subnets of three tiers in two zones, a DB subnet group, the S3 and DynamoDB gateways, Session Manager endpoints, the database tier's ACL", () => {
    const json = synthesize(networkExample);
    expect(resources(json, "aws_subnet")).toHaveLength(6);
    expect(
      resources(json, "aws_vpc_endpoint")
        .map((e) => e.vpc_endpoint_type)
        .sort(),
    ).toEqual(["Gateway", "Gateway", "Interface", "Interface", "Interface"]);
    expect(resources(json, "aws_db_subnet_group").map((g) => g.name)).toEqual(["example-database"]);
    expect(resources(json, "aws_network_acl").map((a) => (a.tags as Record<string, string>).Name)).toEqual(["example-isolated"]);
  });

  it("dual stack: IPv6 on the VPC, a dual-stack load balancer with an AAAA alias, the DB subnet group", () => {
    const json = synthesize(dualStackExample);
    expect(resources(json, "aws_vpc")[0]).toMatchObject({ assign_generated_ipv6_cidr_block: true });
    expect(resources(json, "aws_lb")[0]).toMatchObject({ ip_address_type: "dualstack" });
    expect(
      resources(json, "aws_route53_record")
        .filter((r) => r.alias)
        .map((r) => r.type)
        .sort(),
    ).toEqual(["A", "AAAA"]);
    expect(resources(json, "aws_db_subnet_group")).toHaveLength(1);
  });

  it("load balancer: the target group on the example's port, a web ACL and an access-log bucket", () => {
    const json = synthesize(loadBalancerExample);
    expect(resources(json, "aws_lb_target_group").map((t) => t.port)).toEqual([8080]);
    expect(resources(json, "aws_wafv2_web_acl")).toHaveLength(1);
    expect(resources(json, "aws_s3_bucket")).toHaveLength(1);
  });

  it("routing: two more target groups, five rules on the HTTPS listener, a second certificate", () => {
    const json = synthesize(routingExample);
    expect(
      resources(json, "aws_lb_target_group")
        .map((t) => t.port)
        .sort(),
    ).toEqual([5000, 8080, 9000]);
    expect(
      resources(json, "aws_lb_listener_rule")
        .map((r) => r.priority)
        .sort(),
    ).toEqual([10, 11, 15, 20, 30]);
    expect(resources(json, "aws_lb_listener_certificate")).toHaveLength(1);
  });

  it("compute: a group of two to six over the two instance types", () => {
    const json = synthesize(computeExample);
    const [group] = resources(json, "aws_autoscaling_group");
    expect(group).toMatchObject({ min_size: 2, max_size: 6 });
    expect(JSON.stringify(group!.mixed_instances_policy)).toContain("t3a.small");
  });

  it("compute capacity: weights and a Spot cap, attribute-based selection, a hibernated warm pool, two placement groups", () => {
    const json = synthesize(computeCapacityExample);
    const groups = JSON.stringify(resources(json, "aws_autoscaling_group"));
    expect(resources(json, "aws_autoscaling_group")).toHaveLength(3);
    for (const part of [
      '"weighted_capacity":"2"',
      '"spot_max_price":"0.10"',
      '"instance_requirements"',
      '"pool_state":"Hibernated"',
      '"protect_from_scale_in":true',
    ])
      expect(groups).toContain(part);
    expect(
      resources(json, "aws_placement_group")
        .map((g) => g.strategy)
        .sort(),
    ).toEqual(["partition", "spread"]);
  });

  it("alarm topic: the email subscriber", () => {
    const json = synthesize(alarmTopicExample);
    expect(resources(json, "aws_sns_topic_subscription").map((s) => s.protocol)).toEqual(["email"]);
  });

  it("messaging: both queues, each with its dead-letter queue", () => {
    const names = resources(synthesize(messagingExample), "aws_sqs_queue")
      .map((q) => q.name)
      .sort();
    expect(names).toEqual(["example-audit", "example-audit-dlq", "example-fulfilment", "example-fulfilment-dlq"]);
  });

  it("messaging: delivery-status logging through its role, and the customer managed key with its reuse period", () => {
    const json = synthesize(messagingExample);
    const [topic] = resources(json, "aws_sns_topic").filter((t) => t.name === "example-orders");
    expect(topic).toMatchObject({
      sqs_success_feedback_sample_rate: 10,
      sqs_failure_feedback_role_arn: expect.stringContaining("aws_iam_role."),
    });
    const fulfilment = resources(json, "aws_sqs_queue").filter((q) => String(q.name).startsWith("example-fulfilment"));
    for (const q of fulfilment)
      expect(q).toMatchObject({ kms_master_key_id: "alias/example-orders", kms_data_key_reuse_period_seconds: 3600 });
  });

  it("scaling: both schedules in their time zone, and a dashboard", () => {
    const json = synthesize(scalingExample);
    expect(JSON.stringify(resources(json, "aws_autoscaling_schedule"))).toContain("Europe/Dublin");
    expect(resources(json, "aws_cloudwatch_dashboard")).toHaveLength(1);
  });

  it("web tier: every output of the contract", () => {
    expect(Object.keys(synthesize(webTierExample).output ?? {}).sort()).toEqual(Object.keys(WEB_TIER_OUTPUTS).sort());
  });
});
