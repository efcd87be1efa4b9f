import { parseCidr } from "../core/cidr";
import { AVAILABILITY_ZONE } from "../core/patterns";
import { check, duplicates, intRange, matches, maxLength, nested, oneOf, when, type Finding, type Rule } from "../core/validation";
import { LOG_RETENTION_DAYS, NETWORK_DEFAULTS, type FlowLogOptions, type NetworkProps, type SubnetTier } from "./props";
import { slotsNeeded } from "./subnets";

/** The network's inputs that are plain data: what an environment's config holds. */
export type NetworkSettings = Omit<NetworkProps, "name" | "tags">;

const MIN_ZONES = 2;
const MAX_ZONES = 6;
const TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/** True when `zone` is an availability zone (or local zone) of `region`: `us-east-1a`, `us-east-1-bos-1a`. */
function zoneInRegion(zone: string, region: string): boolean {
  return zone.startsWith(region) && /^([a-z]|-[a-z0-9-]+)$/.test(zone.slice(region.length));
}

function vpcPrefix(s: NetworkSettings): number | undefined {
  return parseCidr(s.cidr ?? NETWORK_DEFAULTS.cidr)?.prefix;
}

const flowLogRules: readonly Rule<FlowLogOptions>[] = [
  oneOf("retentionDays", (f) => f.retentionDays, LOG_RETENTION_DAYS),
  oneOf("trafficType", (f) => f.trafficType, ["ALL", "ACCEPT", "REJECT"]),
];

function settingsRules(region: string | undefined): readonly Rule<NetworkSettings>[] {
  const tiers = (s: NetworkSettings) => s.subnetTiers ?? NETWORK_DEFAULTS.subnetTiers;
  return [
    when("cidr", (s) => {
      const cidr = s.cidr ?? NETWORK_DEFAULTS.cidr;
      const net = parseCidr(cidr);
      if (!net) return `(${JSON.stringify(cidr)}) is not an IPv4 CIDR block such as 10.0.0.0/16 (host bits must be zero)`;
      return net.prefix < 16 || net.prefix > 24 ? `(${cidr}) must have a prefix from /16 to /24 (AWS's VPC limits)` : undefined;
    }),
    when("availabilityZones", (s) => {
      const n = s.availabilityZones.length;
      return n < MIN_ZONES || n > MAX_ZONES
        ? `must list ${MIN_ZONES} to ${MAX_ZONES} availability zones (got ${n}); an ALB needs two`
        : undefined;
    }),
    when("availabilityZones", (s) => {
      const repeated = duplicates(s.availabilityZones);
      return repeated.length > 0 ? `lists ${repeated.join(", ")} more than once` : undefined;
    }),
    (s) =>
      s.availabilityZones.flatMap((zone, i) => {
        const path = `availabilityZones[${i}]`;
        if (region !== undefined && !zoneInRegion(zone, region)) {
          return [{ path, message: `(${JSON.stringify(zone)}) is not a zone of region ${region}` }];
        }
        if (region === undefined && !AVAILABILITY_ZONE.test(zone)) {
          return [{ path, message: `(${JSON.stringify(zone)}) is not an availability zone name such as us-east-1a` }];
        }
        return [];
      }),
    when("subnetTiers", (s) => (tiers(s).length === 0 ? "must name at least one tier" : undefined)),
    (s) =>
      tiers(s).flatMap((tier, i) =>
        TIERS.includes(tier) ? [] : [{ path: `subnetTiers[${i}]`, message: `(${JSON.stringify(tier)}) must be one of "public", "private", "isolated"` }],
      ),
    when("subnetTiers", (s) => {
      const repeated = duplicates(tiers(s));
      return repeated.length > 0 ? `lists ${repeated.join(", ")} more than once` : undefined;
    }),
    intRange("subnetPrefixLength", (s) => s.subnetPrefixLength, 16, 28),
    when("subnetPrefixLength", (s) => {
      const prefix = s.subnetPrefixLength ?? NETWORK_DEFAULTS.subnetPrefixLength;
      const vpc = vpcPrefix(s);
      if (vpc === undefined || !Number.isInteger(prefix) || prefix < 16 || prefix > 28) return undefined;
      if (prefix <= vpc) return `(/${prefix}) must be longer than the VPC's /${vpc}`;
      const known = tiers(s).filter((t) => TIERS.includes(t));
      if (known.length === 0 || s.availabilityZones.length === 0) return undefined;
      const needed = slotsNeeded(known, s.availabilityZones.length);
      const available = 2 ** (prefix - vpc);
      return needed > available
        ? `(/${prefix}): subnets do not fit: ${known.join(", ")} across ${s.availabilityZones.length} zones need ${needed} /${prefix} blocks ` +
            `(each tier reserves 8) but a /${vpc} VPC holds ${available}; use a larger VPC or a longer prefix`
        : undefined;
    }),
    oneOf("natGateways", (s) => s.natGateways, ["none", "single", "per-az"]),
    when("natGateways", (s) => {
      const nat = s.natGateways ?? NETWORK_DEFAULTS.natGateways;
      if (nat === "none") return undefined;
      if (!tiers(s).includes("public")) return `(${JSON.stringify(nat)}) needs a public tier to put NAT gateways in; add "public" to subnetTiers or use "none"`;
      if (!tiers(s).includes("private")) return `(${JSON.stringify(nat)}) serves the private tier, which is not in subnetTiers; use "none"`;
      return undefined;
    }),
    when("mapPublicIpOnLaunch", (s) =>
      s.mapPublicIpOnLaunch === true && !tiers(s).includes("public") ? "applies to public subnets, and there is no public tier" : undefined,
    ),
    when("s3GatewayEndpoint", (s) =>
      s.s3GatewayEndpoint === true && !tiers(s).includes("private") ? "attaches to private route tables, and there is no private tier" : undefined,
    ),
    nested("flowLogs", (s) => s.flowLogs, flowLogRules),
  ];
}

const NAME = /^[a-z][a-z0-9-]*$/;
const propsRules: readonly Rule<NetworkProps>[] = [
  matches("name", (p) => p.name, NAME, "lowercase letters, digits and hyphens, starting with a letter"),
  // The flow log role is `<name>-flow-logs`; IAM role names stop at 64 characters.
  maxLength("name", (p) => p.name, 40),
];

/**
 * Every problem with the network's settings, paths relative to `at`. `region` (when known)
 * lets availability zones be checked against it.
 */
export function validateNetworkSettings(settings: NetworkSettings, region: string | undefined, at = ""): Finding[] {
  return check(settings, settingsRules(region), at);
}

/** Every problem with the network's props, as the construct sees them. */
export function validateNetworkProps(props: NetworkProps, region: string | undefined, at = ""): Finding[] {
  return [...check(props, propsRules, at), ...validateNetworkSettings(props, region, at)];
}
