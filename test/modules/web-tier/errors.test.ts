import { describe, expect, it } from "vitest";
import { WebTier, type WebTierProps } from "../../../modules/web-tier";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import { testStack } from "../../support/synth";
import { TIER } from "./helpers";

const problems = (overrides: Partial<WebTierProps>) => findingPathsOf(() => new WebTier(testStack(), "tier", { ...TIER, ...overrides }));

describe("web tier validation", () => {
  it("reports each module's problems under its section, all at once: every section's shape, then the rules across fields", () => {
    expect(
      problems({
        network: { ...TIER.network, cidr: "10.0.0.0/8" },
        loadBalancer: { healthCheck: { path: "health" } },
        compute: { mode: "asg", minSize: 3, maxSize: 2 },
        alarmTopic: { emailSubscriptions: ["nobody"] },
      }),
    ).toEqual(["network.cidr", "loadBalancer.healthCheck.path", "alarmTopic.emailSubscriptions[0]", "compute.maxSize"]);
  });

  it("throws on a spread placement group asked to hold more than 7 running instances in each of the tier's zones", () => {
    const spread = (maxSize: number) =>
      problems({
        compute: {
          mode: "asg",
          minSize: 1,
          maxSize,
          minHealthyPercentage: 100,
          maxHealthyPercentage: 200,
          placementGroup: { strategy: "spread" },
        },
      });
    expect(spread(15)).toEqual(["compute.placementGroup.strategy"]);
    expect(spread(14)).toEqual([]);
  });

  it("judges zones and certificates against the provider's region", () => {
    expect(
      problems({
        network: { ...TIER.network, availabilityZones: ["us-east-1a", "eu-west-1b"] },
        loadBalancer: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" },
      }),
    ).toEqual(["network.availabilityZones[1]", "loadBalancer.certificateArn"]);
  });

  it("judges queue names with the tier's name as their prefix", () => {
    expect(problems({ messaging: { topicName: "orders", queues: [{ name: "q".repeat(70) }] } })).toEqual(["messaging.queues[0].name"]);
  });

  it("judges the messaging FIFO and delivery-status rules under messaging, the role name with the tier's name", () => {
    expect(
      problems({
        messaging: {
          topicName: "t".repeat(40),
          highThroughput: true,
          deliveryStatusLogging: true,
          queues: [{ name: "q", deadLetterRetentionSeconds: 60 }],
        },
      }),
    ).toEqual(["messaging.highThroughput", "messaging.deliveryStatusLogging", "messaging.queues[0].deadLetterRetentionSeconds"]);
  });

  it("judges scaling against the compute mode", () => {
    expect(problems({ compute: { mode: "ec2" }, scaling: { stepScaling: { enabled: true } } })).toEqual(["scaling.stepScaling.enabled"]);
  });

  it("throws when the network has no private tier for the instances", () => {
    // (natGateways "none" leaves Systems Manager unreachable too: its own finding.)
    expect(problems({ network: { ...TIER.network, subnetTiers: ["public"], natGateways: "none" } })).toEqual([
      "network.subnetTiers",
      "network.natGateways",
    ]);
    expect(problems({ network: { ...TIER.network, subnetTiers: ["public", "private"], natGateways: "none" } })).not.toContain(
      "network.subnetTiers",
    );
  });

  it("throws when an internet-facing load balancer has no public tier", () => {
    expect(problems({ network: { ...TIER.network, subnetTiers: ["private", "isolated"], natGateways: "none" } })).toEqual([
      "network.subnetTiers",
      "network.natGateways",
    ]);
    expect(problems({ network: { ...TIER.network, subnetTiers: ["public", "private", "isolated"], natGateways: "none" } })).not.toContain(
      "network.subnetTiers",
    );
  });

  it("throws when private instances would have no NAT to reach Systems Manager", () => {
    expect(problems({ network: { ...TIER.network, natGateways: "none" } })).toEqual(["network.natGateways"]);
  });

  it("accepts private instances without NAT when Session Manager endpoints reach Systems Manager", () => {
    expect(problems({ network: { ...TIER.network, natGateways: "none", sessionManagerEndpoints: true } })).toEqual([]);
  });

  it("throws on a name longer than a load balancer's 32 characters or reserved by AWS", () => {
    expect(problems({ name: "a".repeat(33) })).toEqual(["name"]);
    expect(problems({ name: "internal-shop" })).toEqual(["name"]);
    expect(problems({ name: "Shop_dev" })).toEqual(["name"]);
  });

  it("builds nothing when it throws", () => {
    const stack = testStack();
    const error = validationErrorOf(() => new WebTier(stack, "tier", { ...TIER, name: "Bad" }));
    expect([error.subject, ...error.findings.map((f) => f.path)]).toEqual(["WebTier test/tier", "name"]);
    expect(stack.node.tryFindChild("tier")).toBeUndefined();
  });

  it("accepts a name every module accepts: the tier's rule is the strictest of theirs", () => {
    expect(problems({ name: `a${"-b".repeat(15)}c` })).toEqual([]);
  });
});
