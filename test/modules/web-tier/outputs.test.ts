import { describe, expect, it } from "vitest";
import { WEB_TIER_OUTPUTS } from "../../../modules/contract";
import { resolveValues } from "../../support/synth";
import { build } from "./helpers";

const ref = (type: string, path: string, attribute: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{${type}\\.tier_${path}_[0-9A-F]{8}\\.${attribute}\\}$`));

describe("web tier outputs (the contract)", () => {
  it("gives every name of the contract, and nothing else", () => {
    expect(Object.keys(build().tier.outputs).sort()).toEqual(Object.keys(WEB_TIER_OUTPUTS).sort());
  });

  it("draws each output from the module that owns it", () => {
    const { tier, stack } = build();
    const out = resolveValues(stack, { ...tier.outputs });
    expect(out).toMatchObject({
      vpc_id: ref("aws_vpc", "network_vpc", "id"),
      vpc_cidr: "10.40.0.0/16",
      availability_zones: ["us-east-1a", "us-east-1b"],
      alb_dns_name: ref("aws_lb", "load-balancer_alb", "dns_name"),
      target_group_arn: ref("aws_lb_target_group", "load-balancer_target-group", "arn"),
      listener_arn: ref("aws_lb_listener", "load-balancer_http", "arn"),
      https_listener_arn: "",
      compute_mode: "asg",
      asg_name: ref("aws_autoscaling_group", "compute_group", "name"),
      instance_ids: [],
      alarm_topic_arn: ref("aws_sns_topic", "alarm-topic", "arn"),
      topic_arn: ref("aws_sns_topic", "messaging_topic", "arn"),
      queue_url: ref("aws_sqs_queue", "messaging_queue-fulfilment_queue", "url"),
      dlq_arn: ref("aws_sqs_queue", "messaging_queue-fulfilment_dead-letter-queue", "arn"),
    });
  });

  it("publishes every queue by its name, the first one also under the queue_* names", () => {
    const { tier, stack } = build({ messaging: { topicName: "orders", queues: [{ name: "fulfilment" }, { name: "billing" }] } });
    const out = resolveValues(stack, { ...tier.outputs });
    expect(Object.keys(out.queues).sort()).toEqual(["billing", "fulfilment"]);
    expect(out.queues.billing).toEqual({
      url: ref("aws_sqs_queue", "messaging_queue-billing_queue", "url"),
      arn: ref("aws_sqs_queue", "messaging_queue-billing_queue", "arn"),
      name: ref("aws_sqs_queue", "messaging_queue-billing_queue", "name"),
      dlq_url: ref("aws_sqs_queue", "messaging_queue-billing_dead-letter-queue", "url"),
      dlq_arn: ref("aws_sqs_queue", "messaging_queue-billing_dead-letter-queue", "arn"),
    });
    expect(out.queues.fulfilment).toEqual({
      url: out.queue_url,
      arn: out.queue_arn,
      name: out.queue_name,
      dlq_url: out.dlq_url,
      dlq_arn: out.dlq_arn,
    });
  });

  it("fills instance ids and leaves the group's outputs empty in ec2 mode", () => {
    const { tier, stack } = build({ compute: { mode: "ec2", instanceCount: 2 } });
    const out = resolveValues(stack, { ...tier.outputs });
    expect(out.asg_name).toBe("");
    expect(out.asg_arn).toBe("");
    expect(out.instance_ids).toEqual([ref("aws_instance", "compute_instance-1", "id"), ref("aws_instance", "compute_instance-2", "id")]);
  });
});
