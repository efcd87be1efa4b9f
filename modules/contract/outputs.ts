/** What an output holds: a string, a list of strings, or a map by name (of strings; of a queue's fields for `queues`). */
export type OutputKind = "string" | "list" | "map";

/**
 * The outputs every web tier environment publishes: the contract other stacks read through
 * remote state. Names are stable snake_case; renaming or dropping one breaks consumers, so
 * a test holds this list. Outputs that do not apply (`asg_name` in ec2 mode,
 * `https_listener_arn` without a certificate) are empty, and `compute_mode` says which apply.
 * The messaging outputs ({@link MESSAGING_OUTPUT_NAMES}) exist only where the tier has
 * messaging: a tier without it publishes none of them. The `queue_*` and `dlq_*` outputs name
 * the first queue (kept for existing consumers); `queues` holds every queue by its name.
 */

export const WEB_TIER_OUTPUTS = {
  vpc_id: { kind: "string", description: "ID of the VPC" },
  vpc_cidr: { kind: "string", description: "IPv4 CIDR block of the VPC" },
  availability_zones: { kind: "list", description: "Availability zones the subnets span, in order" },
  public_subnet_ids: { kind: "list", description: "Public subnet IDs, one per availability zone" },
  private_subnet_ids: { kind: "list", description: "Private subnet IDs, one per availability zone" },
  nat_public_ips: { kind: "list", description: "Public IPs of the NAT gateways (what outside services see from private subnets)" },
  alb_arn: { kind: "string", description: "ARN of the Application Load Balancer" },
  alb_dns_name: { kind: "string", description: "DNS name of the Application Load Balancer" },
  alb_zone_id: { kind: "string", description: "Route 53 hosted zone ID of the load balancer, for alias records" },
  alb_security_group_id: { kind: "string", description: "Security group of the load balancer" },
  target_group_arn: { kind: "string", description: "ARN of the target group the instances register in" },
  listener_arn: { kind: "string", description: "ARN of the listener that forwards to the target group" },
  https_listener_arn: { kind: "string", description: "ARN of the HTTPS listener; empty without a certificate" },
  compute_mode: { kind: "string", description: 'How instances run: "ec2" (single instances) or "asg" (Auto Scaling Group)' },
  instance_security_group_id: { kind: "string", description: "Security group of the instances" },
  instance_role_name: { kind: "string", description: "IAM role of the instances, to attach further policies to" },
  asg_name: { kind: "string", description: "Name of the Auto Scaling Group; empty in ec2 mode" },
  asg_arn: { kind: "string", description: "ARN of the Auto Scaling Group; empty in ec2 mode" },
  instance_ids: { kind: "list", description: "IDs of the instances in ec2 mode; empty in asg mode" },
  alarm_topic_arn: { kind: "string", description: "SNS topic the alarms notify" },
  dashboard_name: { kind: "string", description: "Name of the CloudWatch dashboard" },
  topic_arn: { kind: "string", description: "ARN of the messaging topic" },
  topic_name: { kind: "string", description: "Name of the messaging topic" },
  queue_url: { kind: "string", description: "URL of the first queue subscribed to the topic" },
  queue_arn: { kind: "string", description: "ARN of the first queue subscribed to the topic" },
  queue_name: { kind: "string", description: "Name of the first queue subscribed to the topic" },
  dlq_url: { kind: "string", description: "URL of the first queue's dead-letter queue" },
  dlq_arn: { kind: "string", description: "ARN of the first queue's dead-letter queue" },
  target_group_arns: {
    kind: "map",
    description:
      "ARN of every target group by name: the instances' under \"default\", each other service's under its own (where that service registers its targets)",
  },
  queues: { kind: "map", description: "Every queue subscribed to the topic, by its configured name: { url, arn, name, dlq_url, dlq_arn }" },
  isolated_subnet_ids: {
    kind: "list",
    description: "Isolated subnet IDs (no route to the internet), one per availability zone; empty without the tier",
  },
  database_subnet_group_name: { kind: "string", description: "DB subnet group over the isolated subnets, for RDS; empty without one" },
  vpc_ipv6_cidr: { kind: "string", description: "Amazon-provided IPv6 CIDR block of the VPC; empty when the network is IPv4 only" },
} as const satisfies Record<string, { readonly kind: OutputKind; readonly description: string }>;

/** One queue in the contract's `queues` map. */
export interface WebTierQueueOutputs {
  readonly url: string;
  readonly arn: string;
  /** Full name (prefixed, with `.fifo` where FIFO). */
  readonly name: string;
  readonly dlq_url: string;
  readonly dlq_arn: string;
}

/** The fields of one queue in the `queues` map, in order. */
export const QUEUE_OUTPUT_FIELDS = ["url", "arn", "name", "dlq_url", "dlq_arn"] as const satisfies readonly (keyof WebTierQueueOutputs)[];

export type WebTierOutputName = keyof typeof WEB_TIER_OUTPUTS;

/** The outputs only a tier with messaging publishes: its topic, its first queue and every queue by name. */
export const MESSAGING_OUTPUT_NAMES = [
  "topic_arn",
  "topic_name",
  "queue_url",
  "queue_arn",
  "queue_name",
  "dlq_url",
  "dlq_arn",
  "queues",
] as const satisfies readonly WebTierOutputName[];

export type MessagingOutputName = (typeof MESSAGING_OUTPUT_NAMES)[number];

type KindOf<K extends WebTierOutputName> = (typeof WEB_TIER_OUTPUTS)[K]["kind"];
/** `queues` maps names to a queue's fields; every other map maps names to strings. */
type ValueOf<K extends WebTierOutputName> = K extends "queues"
  ? Readonly<Record<string, WebTierQueueOutputs>>
  : KindOf<K> extends "list"
    ? readonly string[]
    : KindOf<K> extends "map"
      ? Readonly<Record<string, string>>
      : string;

/** The outputs every tier publishes. */
export type WebTierCoreOutputs = { readonly [K in Exclude<WebTierOutputName, MessagingOutputName>]: ValueOf<K> };

/** A tier with messaging: every output of the contract. */
export type WebTierOutputsWithMessaging = WebTierCoreOutputs & { readonly [K in MessagingOutputName]: ValueOf<K> };

/** A tier without messaging: the messaging outputs are absent (typed `never`, so reading one does not compile as a string). */
export type WebTierOutputsWithoutMessaging = WebTierCoreOutputs & { readonly [K in MessagingOutputName]?: never };

/**
 * The contract's values: strings, lists of strings and maps (tokens when read from remote
 * state: read one queue there with {@link webTierQueue}).
 * Which of the two a tier has is told by `topic_arn`: narrow with {@link hasMessagingOutputs}
 * (or `outputs.topic_arn !== undefined`) before reading a messaging output.
 */
export type WebTierOutputs = WebTierOutputsWithMessaging | WebTierOutputsWithoutMessaging;

/** Whether `outputs` come from a tier with messaging, so its topic and queue outputs exist. */
export function hasMessagingOutputs(outputs: WebTierOutputs): outputs is WebTierOutputsWithMessaging {
  return outputs.topic_arn !== undefined;
}

/** The contract's names that `outputs` holds, in the contract's order. */
export function webTierOutputNames(outputs: WebTierOutputs): WebTierOutputName[] {
  return (Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]).filter((name) => outputs[name] !== undefined);
}
