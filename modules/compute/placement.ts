import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import type { Construct } from "constructs";
import { integer, oneOf, string, type ShapeOf } from "../core/shape";

/**
 * Where instances are placed relative to each other: an existing placement group by `name`, or
 * one the module creates with `strategy` (one of the two).
 */
export interface PlacementGroupOptions {
  /**
   * An existing placement group to launch into.
   * @default - none: the module creates one with `strategy`
   */
  readonly name?: string;
  /**
   * The group the module creates: `cluster` (one zone, low latency between instances; no
   * burstable types, and its subnets should all be in one zone), `spread` (each instance on its
   * own rack, at most 7 running per zone) or `partition` (racks in partitions).
   * @default - none: `name` is an existing group
   */
  readonly strategy?: "cluster" | "spread" | "partition";
  /**
   * Partitions per zone, 1 to 7; only with strategy `partition`.
   * @default 2 (AWS's default)
   */
  readonly partitionCount?: number;
}

/** AWS's limit of running instances per zone in a (rack) spread placement group. */
export const SPREAD_INSTANCES_PER_ZONE = 7;

/** The placement group's shape: AWS's names and ranges. */
export const PLACEMENT_GROUP_SHAPE: ShapeOf<PlacementGroupOptions> = {
  name: string({ pattern: /^[\w.:/=+@ -]{1,255}$/, what: "a placement group name", maxLength: 255 }),
  strategy: oneOf(["cluster", "spread", "partition"]),
  partitionCount: integer({ min: 1, max: 7 }),
};

/** The group's name for the launch template: the existing one, or one created here as `<name>` with its strategy. */
export function placementGroupName(
  scope: Construct,
  name: string,
  options: PlacementGroupOptions,
  tags: Readonly<Record<string, string>>,
): string {
  if (options.name !== undefined) return options.name;
  const group = new PlacementGroup(scope, "placement-group", {
    name,
    strategy: options.strategy!,
    partitionCount: options.partitionCount,
    // Rack is the only level outside Outposts.
    spreadLevel: options.strategy === "spread" ? "rack" : undefined,
    tags,
  });
  return group.name;
}
