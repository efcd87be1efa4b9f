import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { describe, expect, it } from "vitest";
import { COMPUTE_DEFAULTS } from "../../../modules/compute/props";
import { validateWebTierProps } from "../../../modules/web-tier/validate";
import { findingPathsOf } from "../../support/findings";
import { onlyResource } from "../../support/synth";
import { build, WIRED } from "./helpers";

/**
 * The instance refresh's defaults follow the group's size: every group a user can write with
 * sizes from 0 to 3 and no refresh settings synthesizes, and its refresh can replace an
 * instance without downtime.
 */
const SIZES = [0, 1, 2, 3] as const;
const combinations = SIZES.flatMap((minSize) =>
  SIZES.flatMap((maxSize) => [undefined, ...SIZES].map((desiredCapacity) => ({ minSize, maxSize, desiredCapacity }))),
);
/** Sizes AWS accepts for a group: max at least 1 (the shape's), min <= desired <= max. */
const valid = ({ minSize, maxSize, desiredCapacity }: (typeof combinations)[number]) =>
  maxSize >= 1 && minSize <= maxSize && (desiredCapacity === undefined || (minSize <= desiredCapacity && desiredCapacity <= maxSize));

const asg = (sizes: (typeof combinations)[number]) => build({ ...WIRED, subnetIds: [...WIRED.subnetIds], mode: "asg", ...sizes });

/** Whether a refresh of `desired` instances can launch one above it, or stop one, within its bounds (AWS rounds min up, max down). */
function hasRoom(desired: number, min: number, max: number): boolean {
  return Math.floor((max * desired) / 100) > desired || desired - Math.ceil((min * desired) / 100) >= 1;
}

describe("instance refresh defaults", () => {
  it("are 100/200 where the group may run one instance, and 90/190 above", () => {
    expect([0, 1, 2, 3].map((minSize) => COMPUTE_DEFAULTS.minHealthyPercentage(minSize))).toEqual([100, 100, 90, 90]);
    expect([100, 90].map((min) => COMPUTE_DEFAULTS.maxHealthyPercentage(min))).toEqual([200, 190]);
  });

  it("let every group of sizes 0 to 3 synthesize, with a refresh that has room at its desired capacity", () => {
    const built = combinations.filter(valid);
    expect(built).toHaveLength(28);
    for (const sizes of built) {
      const group = onlyResource(asg(sizes).json, AutoscalingGroup) as {
        instance_refresh: { preferences: { min_healthy_percentage: number; max_healthy_percentage: number } };
      };
      const { min_healthy_percentage: min, max_healthy_percentage: max } = group.instance_refresh.preferences;
      const desired = sizes.desiredCapacity ?? sizes.minSize;
      expect({ ...sizes, room: desired === 0 || hasRoom(desired, min, max) }).toEqual({ ...sizes, room: true });
      // Every size the group can be scaled to has room as well.
      for (let running = Math.max(1, sizes.minSize); running <= sizes.maxSize; running++)
        expect({ ...sizes, running, room: hasRoom(running, min, max) }).toMatchObject({ room: true });
    }
  });

  it("never add a finding of their own to sizes that are wrong", () => {
    for (const sizes of combinations.filter((s) => !valid(s))) {
      const problems = findingPathsOf(() => asg(sizes));
      expect(problems.length, JSON.stringify(sizes)).toBeGreaterThan(0);
      expect(problems.filter((p) => !["minSize", "maxSize", "desiredCapacity"].includes(p))).toEqual([]);
    }
  });

  it("are not judged in another report: a tier of one instance with another fault reports that fault alone", () => {
    const findings = validateWebTierProps(
      {
        name: "shop-dev",
        network: { cidr: "10.0.0.0/8", availabilityZones: ["us-east-1a", "us-east-1b"] },
        compute: { mode: "asg", minSize: 1, maxSize: 2 },
        messaging: { topicName: "orders", queues: [{ name: "fulfilment" }] },
      },
      "us-east-1",
    );
    expect(findings.map((f) => f.path)).toEqual(["network.cidr"]);
  });
});
