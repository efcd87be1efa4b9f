import type { AlarmTopicSettings } from "../alarm-topic/props";
import type { ComputeSettings } from "../compute/props";
import type { LoadBalancerSettings } from "../load-balancer/props";
import type { MessagingSettings } from "../messaging/props";
import type { NetworkSettings } from "../network/props";
import type { ScalingSettings } from "../scaling/props";
import { tags } from "../core/fields";
import { required, section, string, type ShapeOf } from "../core/shape";

/**
 * The whole tier as plain data: one section per module, each with that module's settings
 * (everything but what the tier wires between modules: ids, ARNs, names).
 */
export interface WebTierProps {
  /**
   * Name of the tier and prefix of every resource name, e.g. `webtier-prod`: lowercase words
   * joined by hyphens, at most 32 characters (the load balancer's limit).
   */
  readonly name: string;
  /** The VPC: CIDR, availability zones (listed, so no data source is read), NAT strategy, flow logs. */
  readonly network: NetworkSettings;
  /**
   * The Application Load Balancer: ports, health check, certificate or domain, web ACL, access
   * logs, deletion protection, who may reach the instances' `/stress`.
   * @default - HTTP on port 80 to targets on port 5000, health check on `/`
   */
  readonly loadBalancer?: LoadBalancerSettings;
  /** The instances: `ec2` mode with a count, or `asg` mode with min, max and desired sizes. */
  readonly compute: ComputeSettings;
  /**
   * The encrypted topic every alarm notifies, and who hears it: email, HTTPS, forwarded topics.
   * @default - a topic without subscriptions (synth warns)
   */
  readonly alarmTopic?: AlarmTopicSettings;
  /**
   * The SNS topic fanned out to SQS queues (names are prefixed with the tier's name), their
   * alarms, and the contract's messaging outputs.
   * @default - no topic, no queues, and no messaging outputs
   */
  readonly messaging?: MessagingSettings;
  /**
   * Target tracking and/or step scaling (asg mode), operational alarms and the dashboard.
   * @default - target tracking at 50% CPU in asg mode, the operational alarms and a dashboard
   */
  readonly scaling?: ScalingSettings;
  /**
   * Extra tags for every resource of the tier (a stack's provider default tags apply as well).
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const WEB_TIER_DEFAULTS = {
  loadBalancer: {} as LoadBalancerSettings,
  alarmTopic: {} as AlarmTopicSettings,
  scaling: {} as ScalingSettings,
} as const;

/** That each module's section is an object, and which are required: their contents are each module's to judge. */
export const WEB_TIER_SECTIONS_SHAPE: ShapeOf<Omit<WebTierProps, "name" | "tags">> = {
  network: required(section()),
  loadBalancer: section(),
  compute: required(section()),
  alarmTopic: section(),
  messaging: section(),
  scaling: section(),
};

/**
 * The tier's own fields: its name, tags, and that each section is an object. Each module's
 * validator judges the contents of its section.
 */
export const WEB_TIER_SHAPE: ShapeOf<WebTierProps> = {
  name: required(
    string({
      pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      what: "lowercase letters and digits in hyphen-separated words, starting with a letter",
      // The load balancer is named after the tier.
      maxLength: 32,
      limit: "AWS's limit for load balancer names, which the tier's name is",
      refine: (n) => (n.startsWith("internal-") ? 'must not start with "internal-" (reserved by AWS for load balancer names)' : undefined),
    }),
  ),
  ...WEB_TIER_SECTIONS_SHAPE,
  tags: tags(),
};
