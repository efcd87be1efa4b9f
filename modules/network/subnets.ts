import { formatCidr, parseCidr, subnet } from "../core/cidr";
import type { SubnetTier } from "./props";

/** Address slots reserved per tier: room for the 6-zone maximum and a power of two, so each tier aggregates. */
export const SLOTS_PER_TIER = 8;
const TIER_ORDER: readonly SubnetTier[] = ["public", "private", "isolated"];

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  readonly cidr: string;
  /** The subnet's slot in the VPC: its IPv4 block's index, and its IPv6 /64's within the /56. */
  readonly slot: number;
}

/**
 * How many subnet-sized slots a layout needs: each tier owns a fixed block of
 * {@link SLOTS_PER_TIER} slots (public first, then private, then isolated), and the last
 * tier used needs only one slot per zone.
 */
export function slotsNeeded(tiers: readonly SubnetTier[], zoneCount: number): number {
  const last = Math.max(...tiers.map((t) => TIER_ORDER.indexOf(t)));
  return last * SLOTS_PER_TIER + zoneCount;
}

/**
 * Subnet CIDRs for every tier and zone, computed at synth time. Tier `t` in zone `z` takes
 * slot `t * 8 + z`, so adding a zone or a tier never renumbers an existing subnet (which would
 * replace it), and each tier of a /16 with /24 subnets sits in its own /21.
 */
export function planSubnets(
  vpcCidr: string,
  prefixLength: number,
  tiers: readonly SubnetTier[],
  zones: readonly string[],
): PlannedSubnet[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new RangeError(`${vpcCidr} is not an IPv4 CIDR block`);
  return TIER_ORDER.filter((tier) => tiers.includes(tier)).flatMap((tier) =>
    zones.map((zone, z) => {
      const slot = TIER_ORDER.indexOf(tier) * SLOTS_PER_TIER + z;
      return { tier, availabilityZone: zone, cidr: formatCidr(subnet(vpc, prefixLength, slot)), slot };
    }),
  );
}
