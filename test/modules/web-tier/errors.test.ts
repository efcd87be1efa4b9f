import { describe, expect, it } from "vitest";
import { WebTier, type WebTierProps } from "../../../modules/web-tier";
import { problemsOf, testStack } from "../../support/synth";
import { TIER } from "./helpers";

const problems = (overrides: Partial<WebTierProps>) => problemsOf(() => new WebTier(testStack(), "tier", { ...TIER, ...overrides }));

describe("web tier validation", () => {
  it("reports each module's problems under its section, all at once: every section's shape, then the rules across fields", () => {
    expect(
      problems({
        network: { ...TIER.network, cidr: "10.0.0.0/8" },
        loadBalancer: { healthCheck: { path: "health" } },
        compute: { mode: "asg", minSize: 3, maxSize: 2 },
        alarmTopic: { emailSubscriptions: ["nobody"] },
      }),
    ).toEqual([
      `network.cidr ("10.0.0.0/8") must have a prefix from /16 to /24 (AWS's VPC limits)`,
      'loadBalancer.healthCheck.path ("health") must be a path starting with /',
      'alarmTopic.emailSubscriptions[0] ("nobody") must be an email address',
      "compute.maxSize (2) must be >= minSize (3)",
    ]);
  });

  it("throws on a spread placement group asked to hold more than 7 running instances in each of the tier's zones", () => {
    const spread = (maxSize: number) => problems({ compute: { mode: "asg", minSize: 1, maxSize, minHealthyPercentage: 100, maxHealthyPercentage: 200, placementGroup: { strategy: "spread" } } });
    expect(spread(15)).toEqual([
      'compute.placementGroup.strategy ("spread") holds at most 7 running instances per zone (an AWS rule), 14 across the tier\'s 2 zone(s), and compute.maxSize is 15',
    ]);
    expect(spread(14)).toEqual([]);
  });

  it("judges zones and certificates against the provider's region", () => {
    expect(
      problems({
        network: { ...TIER.network, availabilityZones: ["us-east-1a", "eu-west-1b"] },
        loadBalancer: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" },
      }),
    ).toEqual([
      'network.availabilityZones[1] ("eu-west-1b") is not a zone of region us-east-1',
      "loadBalancer.certificateArn is in eu-west-1; a load balancer in us-east-1 can only use an ACM certificate from its own region",
    ]);
  });

  it("judges queue names with the tier's name as their prefix", () => {
    expect(problems({ messaging: { topicName: "orders", queues: [{ name: "q".repeat(70) }] } })).toEqual([
      `messaging.queues[0].name gives a dead-letter queue named "shop-dev-${"q".repeat(70)}-dlq" (83 characters); SQS allows at most 80`,
    ]);
  });

  it("judges the messaging FIFO and delivery-status rules under messaging, the role name with the tier's name", () => {
    expect(
      problems({ messaging: { topicName: "t".repeat(40), highThroughput: true, deliveryStatusLogging: true, queues: [{ name: "q", deadLetterRetentionSeconds: 60 }] } }),
    ).toEqual([
      "messaging.highThroughput applies to FIFO topics only; set fifo: true or drop it",
      `messaging.deliveryStatusLogging gives its IAM role the name "shop-dev-${"t".repeat(40)}-delivery-status" (65 characters); IAM allows at most 64: shorten topicName`,
      "messaging.queues[0].deadLetterRetentionSeconds (60) must be longer than messageRetentionSeconds (345600), or both 1209600: a standard queue's dead letters keep their first enqueue time, so they could expire as they arrive",
    ]);
  });

  it("judges scaling against the compute mode", () => {
    expect(problems({ compute: { mode: "ec2" }, scaling: { stepScaling: { enabled: true } } })).toEqual([
      "scaling.stepScaling.enabled cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg",
    ]);
  });

  it("throws when the network has no private tier for the instances", () => {
    expect(problems({ network: { ...TIER.network, subnetTiers: ["public"], natGateways: "none" } })).toContainEqual(
      'network.subnetTiers must include "private": the instances (and an internal load balancer) live there',
    );
  });

  it("throws when an internet-facing load balancer has no public tier", () => {
    expect(problems({ network: { ...TIER.network, subnetTiers: ["private", "isolated"], natGateways: "none" } })).toContainEqual(
      'network.subnetTiers must include "public" for an internet-facing load balancer (or set loadBalancer.internal)',
    );
  });

  it("throws when private instances would have no NAT to reach Systems Manager", () => {
    expect(problems({ network: { ...TIER.network, natGateways: "none" } })).toEqual([
      'network.natGateways ("none") leaves the private subnets no way to reach Systems Manager, the only way into the instances (no SSH); set network.sessionManagerEndpoints: true to reach it through interface endpoints, or use "single" or "per-az"',
    ]);
  });

  it("accepts private instances without NAT when Session Manager endpoints reach Systems Manager", () => {
    expect(problems({ network: { ...TIER.network, natGateways: "none", sessionManagerEndpoints: true } })).toEqual([]);
  });

  it("throws on a name longer than a load balancer's 32 characters or reserved by AWS", () => {
    expect(problems({ name: "a".repeat(33) })).toEqual([`name ("${"a".repeat(33)}") is 33 characters; at most 32 (AWS's limit for load balancer names, which the tier's name is)`]);
    expect(problems({ name: "internal-shop" })).toEqual(['name must not start with "internal-" (reserved by AWS for load balancer names)']);
    expect(problems({ name: "Shop_dev" })).toEqual(['name ("Shop_dev") must be lowercase letters and digits in hyphen-separated words, starting with a letter']);
  });

  it("builds nothing when it throws", () => {
    const stack = testStack();
    expect(() => new WebTier(stack, "tier", { ...TIER, name: "Bad" })).toThrowError(/^WebTier test\/tier is invalid \(1 problem\):/);
    expect(stack.node.tryFindChild("tier")).toBeUndefined();
  });

  it("accepts a name every module accepts: the tier's rule is the strictest of theirs", () => {
    expect(problems({ name: `a${"-b".repeat(15)}c` })).toEqual([]);
  });
});
