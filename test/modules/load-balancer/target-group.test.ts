import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Token } from "cdktf";
import { describe, expect, it } from "vitest";
import type { LoadBalancerProps } from "../../../modules/load-balancer";
import { findingPathsOf } from "../../support/findings";
import { onlyResource } from "../../support/synth";
import { build } from "./helpers";

const targetGroup = (overrides: Partial<LoadBalancerProps> = {}) => onlyResource(build(overrides).json, LbTargetGroup);
const problems = (overrides: Partial<LoadBalancerProps>) => findingPathsOf(() => build(overrides));

describe("target group traffic controls", () => {
  it("routes round robin without slow start or stickiness by default, draining for 30 s", () => {
    const tg = targetGroup();
    expect(tg).toMatchObject({ load_balancing_algorithm_type: "round_robin", slow_start: 0, deregistration_delay: "30" });
    expect(tg).not.toHaveProperty("stickiness");
  });

  it("sticks clients to a target with a load-balancer cookie for a day unless told otherwise", () => {
    expect(targetGroup({ stickiness: {} }).stickiness).toEqual({ type: "lb_cookie", enabled: true, cookie_duration: 86400 });
    expect(targetGroup({ stickiness: { durationSeconds: 604_800 } }).stickiness).toMatchObject({ cookie_duration: 604_800 });
  });

  it("warms new targets up with slow start, and routes to the least outstanding requests when asked", () => {
    expect(targetGroup({ slowStartSeconds: 120 }).slow_start).toBe(120);
    expect(targetGroup({ loadBalancingAlgorithm: "least_outstanding_requests" }).load_balancing_algorithm_type).toBe(
      "least_outstanding_requests",
    );
  });

  it("accepts every limit of AWS's ranges, and values from another stack", () => {
    for (const slowStartSeconds of [0, 30, 900]) expect(problems({ slowStartSeconds })).toEqual([]);
    for (const durationSeconds of [1, 604_800]) expect(problems({ stickiness: { durationSeconds } })).toEqual([]);
    expect(problems({ deregistrationDelaySeconds: 3600 })).toEqual([]);
    expect(
      problems({
        slowStartSeconds: Token.asNumber("s"),
        stickiness: { durationSeconds: Token.asNumber("d") },
        loadBalancingAlgorithm: "least_outstanding_requests",
      }),
    ).toEqual([]);
  });
});

describe("target group, refused values", () => {
  it("throws on a slow start between 1 and 29 s or over 900 s", () => {
    expect(problems({ slowStartSeconds: 29 })).toEqual(["slowStartSeconds"]);
    expect(problems({ slowStartSeconds: 901 })).toEqual(["slowStartSeconds"]);
    expect(problems({ slowStartSeconds: 45.5 })).toEqual(["slowStartSeconds"]);
  });

  it("throws on a stickiness duration outside 1 s to 7 days", () => {
    expect(problems({ stickiness: { durationSeconds: 0 } })).toEqual(["stickiness.durationSeconds"]);
    expect(problems({ stickiness: { durationSeconds: 604_801 } })).toEqual(["stickiness.durationSeconds"]);
  });

  it("throws on an algorithm other than round_robin and least_outstanding_requests", () => {
    expect(problems({ loadBalancingAlgorithm: "weighted_random" as "round_robin" })).toEqual(["loadBalancingAlgorithm"]);
  });

  it("throws on a deregistration delay over an hour", () => {
    expect(problems({ deregistrationDelaySeconds: 3601 })).toEqual(["deregistrationDelaySeconds"]);
  });

  it("throws when slow start comes with least_outstanding_requests, which AWS refuses", () => {
    expect(problems({ slowStartSeconds: 60, loadBalancingAlgorithm: "least_outstanding_requests" })).toEqual(["slowStartSeconds"]);
    expect(problems({ slowStartSeconds: 0, loadBalancingAlgorithm: "least_outstanding_requests" })).toEqual([]);
  });
});
