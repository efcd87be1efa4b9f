import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { WEB_TIER_OUTPUTS } from "../../modules/contract";

/**
 * The contract other stacks read. This list is written out, not derived: renaming or dropping
 * an output breaks consumers, so doing it must mean changing this test on purpose.
 */
const CONTRACT = [
  "vpc_id",
  "vpc_cidr",
  "availability_zones",
  "public_subnet_ids",
  "private_subnet_ids",
  "nat_public_ips",
  "alb_arn",
  "alb_dns_name",
  "alb_zone_id",
  "alb_security_group_id",
  "target_group_arn",
  "listener_arn",
  "https_listener_arn",
  "compute_mode",
  "instance_security_group_id",
  "instance_role_name",
  "asg_name",
  "asg_arn",
  "instance_ids",
  "alarm_topic_arn",
  "dashboard_name",
  "topic_arn",
  "topic_name",
  "queue_url",
  "queue_arn",
  "queue_name",
  "dlq_url",
  "dlq_arn",
  "target_group_arns",
  "queues",
  "isolated_subnet_ids",
  "database_subnet_group_name",
  "vpc_ipv6_cidr",
];

type Outputs = Record<string, { value: unknown; description: string }>;
const outputsOf = (config: typeof dev): Outputs => JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config))).output;

describe("stack outputs (the contract)", () => {
  it("lists exactly the contract's names in the typed definition", () => {
    expect(Object.keys(WEB_TIER_OUTPUTS)).toEqual(CONTRACT);
  });

  it.each(environments.map((e) => [e.name, e] as const))(
    "%s publishes every contract name, unprefixed, each with a description",
    (_name, config) => {
      const outputs = outputsOf(config);
      expect(Object.keys(outputs).sort()).toEqual([...CONTRACT].sort());
      for (const [name, output] of Object.entries(outputs)) expect(output.description, name).toMatch(/\w{3,}/);
    },
  );

  it("draws each output from the right module", () => {
    const out = outputsOf(prod);
    expect(out.vpc_id!.value).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]{8}\.id\}$/);
    expect(out.alb_dns_name!.value).toMatch(/^\$\{aws_lb\.load-balancer_alb_[0-9A-F]{8}\.dns_name\}$/);
    expect(out.target_group_arn!.value).toMatch(/^\$\{aws_lb_target_group\.load-balancer_target-group_[0-9A-F]{8}\.arn\}$/);
    // Production serves HTTPS only: the forwarding listener is the HTTPS one.
    expect(out.listener_arn!.value).toMatch(/^\$\{aws_lb_listener\.load-balancer_https_[0-9A-F]{8}\.arn\}$/);
    expect(out.https_listener_arn!.value).toBe(out.listener_arn!.value);
    expect(out.topic_arn!.value).toMatch(/^\$\{aws_sns_topic\.messaging_topic_[0-9A-F]{8}\.arn\}$/);
    expect(out.queue_url!.value).toMatch(/^\$\{aws_sqs_queue\.messaging_queue-order-queue_[0-9A-F]{8}\.url\}$/);
    expect(out.dlq_url!.value).toMatch(/^\$\{aws_sqs_queue\.messaging_queue-order-queue_dead-letter-queue_[0-9A-F]{8}\.url\}$/);
    expect(out.queues!.value).toEqual({
      "order-queue": {
        url: out.queue_url!.value,
        arn: out.queue_arn!.value,
        name: out.queue_name!.value,
        dlq_url: out.dlq_url!.value,
        dlq_arn: out.dlq_arn!.value,
      },
    });
    expect(out.alarm_topic_arn!.value).toMatch(/^\$\{aws_sns_topic\.alarm-topic_[0-9A-F]{8}\.arn\}$/);
    expect(out.public_subnet_ids!.value).toHaveLength(prod.network.availabilityZones.length);
  });

  it("fills the mode's outputs and leaves the other mode's empty", () => {
    const asg = outputsOf(prod);
    expect(asg.compute_mode!.value).toBe("asg");
    expect(asg.asg_name!.value).toMatch(/^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.name\}$/);
    expect(asg.instance_ids!.value).toEqual([]);
    const ec2 = outputsOf(dev);
    expect(ec2.compute_mode!.value).toBe("ec2");
    expect(ec2.asg_name!.value).toBe("");
    expect(ec2.instance_ids!.value).toEqual([expect.stringMatching(/^\$\{aws_instance\.compute_instance-1_[0-9A-F]{8}\.id\}$/)]);
  });
});
