import { parseCidr } from "../core/cidr";
import { checkShape } from "../core/shape";
import { each, judge, known, rules, when, type Finding, type Rule } from "../core/validation";
import {
  NETWORK_DEFAULTS,
  NETWORK_SETTINGS_SHAPE,
  NETWORK_SHAPE,
  type NetworkAclRule,
  type NetworkProps,
  type NetworkSettings,
  type SubnetTier,
} from "./props";
import { slotsNeeded } from "./subnets";

/** True when `zone` is an availability zone (or local zone) of `region`: `us-east-1a`, `us-east-1-bos-1a`. */
function zoneInRegion(zone: string, region: string): boolean {
  return zone.startsWith(region) && /^([a-z]|-[a-z0-9-]+)$/.test(zone.slice(region.length));
}

const PORTED = ["tcp", "udp"];

/** One network ACL rule: ports exactly where the protocol has them, in order. */
const networkAclRuleRules: readonly Rule<NetworkAclRule>[] = [
  when("fromPort", ["fromPort", "protocol"], (r) =>
    PORTED.includes(r.protocol) && r.fromPort === undefined
      ? `is required for protocol ${JSON.stringify(r.protocol)}: the first port the rule matches`
      : undefined,
  ),
  ...(["fromPort", "toPort"] as const).map((field) =>
    when<NetworkAclRule>(field, [field, "protocol"], (r) =>
      !PORTED.includes(r.protocol) && r[field] !== undefined
        ? `applies to tcp and udp only; protocol ${JSON.stringify(r.protocol)} matches ${r.protocol === "all" ? "every port" : "every ICMP type"}`
        : undefined,
    ),
  ),
  when("toPort", ["toPort", "fromPort", "protocol"], (r) =>
    PORTED.includes(r.protocol) && known(r.fromPort, r.toPort) && r.toPort! < r.fromPort!
      ? `(${r.toPort}) must be at least fromPort (${r.fromPort})`
      : undefined,
  ),
];

/** Each tier's ACL: on a tier that exists, every rule sound, rule numbers unique per direction. */
function networkAclRules(tiers: (s: NetworkSettings) => readonly SubnetTier[]): Rule<NetworkSettings>[] {
  return (["public", "private", "isolated"] as const).flatMap((tier) => [
    when<NetworkSettings>(`networkAcls.${tier}`, [`networkAcls.${tier}`, "subnetTiers"], (s) =>
      s.networkAcls?.[tier] !== undefined && !tiers(s).includes(tier)
        ? `has no subnets to apply to: ${JSON.stringify(tier)} is not in subnetTiers`
        : undefined,
    ),
    ...(["inbound", "outbound"] as const).flatMap((direction) => {
      const field = `networkAcls.${tier}.${direction}`;
      const list = (s: NetworkSettings) => s.networkAcls?.[tier]?.[direction];
      return [
        each(field, list, networkAclRuleRules),
        // AWS keys a direction's rules by number: a second rule of one number is refused.
        rules<NetworkSettings>([field], (s) =>
          (list(s) ?? []).flatMap((r, i, all) => {
            const first = all.findIndex((other) => other.ruleNumber === r.ruleNumber);
            return known(r.ruleNumber) && first < i
              ? [
                  {
                    path: `${field}[${i}].ruleNumber`,
                    message: `(${r.ruleNumber}) is already the number of ${direction}[${first}]; rule numbers must be unique per direction`,
                  },
                ]
              : [];
          }),
        ),
      ];
    }),
  ]);
}

/**
 * Rules across the network's fields, each reading the fields it declares. `region` (when known)
 * lets availability zones be checked against it.
 */
export function networkRules(region: string | undefined): readonly Rule<NetworkSettings>[] {
  const tiers = (s: NetworkSettings) => s.subnetTiers ?? NETWORK_DEFAULTS.subnetTiers;
  return [
    rules(["availabilityZones"], (s) =>
      region === undefined
        ? []
        : s.availabilityZones.flatMap((zone, i) =>
            zoneInRegion(zone, region)
              ? []
              : [{ path: `availabilityZones[${i}]`, message: `(${JSON.stringify(zone)}) is not a zone of region ${region}` }],
          ),
    ),
    when("subnetPrefixLength", ["subnetPrefixLength", "cidr", "subnetTiers", "availabilityZones"], (s) => {
      const prefix = s.subnetPrefixLength ?? NETWORK_DEFAULTS.subnetPrefixLength;
      const vpc = parseCidr(s.cidr ?? NETWORK_DEFAULTS.cidr)?.prefix;
      if (vpc === undefined) return undefined;
      if (prefix <= vpc) return `(/${prefix}) must be longer than the VPC's /${vpc}`;
      const needed = slotsNeeded(tiers(s), s.availabilityZones.length);
      const available = 2 ** (prefix - vpc);
      return needed > available
        ? `(/${prefix}): subnets do not fit: ${tiers(s).join(", ")} across ${s.availabilityZones.length} zones need ${needed} /${prefix} blocks ` +
            `(each tier reserves 8) but a /${vpc} VPC holds ${available}; use a larger VPC or a longer prefix`
        : undefined;
    }),
    when("natGateways", ["natGateways", "subnetTiers"], (s) => {
      const nat = s.natGateways ?? NETWORK_DEFAULTS.natGateways;
      if (nat === "none") return undefined;
      if (!tiers(s).includes("public"))
        return `(${JSON.stringify(nat)}) needs a public tier to put NAT gateways in; add "public" to subnetTiers or use "none"`;
      if (!tiers(s).includes("private")) return `(${JSON.stringify(nat)}) serves the private tier, which is not in subnetTiers; use "none"`;
      return undefined;
    }),
    when("mapPublicIpOnLaunch", ["mapPublicIpOnLaunch", "subnetTiers"], (s) =>
      s.mapPublicIpOnLaunch === true && !tiers(s).includes("public") ? "applies to public subnets, and there is no public tier" : undefined,
    ),
    when("databaseSubnetGroup", ["databaseSubnetGroup", "subnetTiers"], (s) =>
      s.databaseSubnetGroup === true && !tiers(s).includes("isolated")
        ? 'spans the isolated subnets, and there is no isolated tier; add "isolated" to subnetTiers'
        : undefined,
    ),
    when("s3GatewayEndpoint", ["s3GatewayEndpoint", "subnetTiers"], (s) =>
      s.s3GatewayEndpoint === true && !tiers(s).includes("private")
        ? "attaches to private route tables, and there is no private tier"
        : undefined,
    ),
    when("gatewayEndpoints", ["gatewayEndpoints", "subnetTiers"], (s) =>
      (s.gatewayEndpoints?.length ?? 0) > 0 && !tiers(s).includes("private")
        ? "attach to private route tables, and there is no private tier"
        : undefined,
    ),
    when("gatewayEndpoints", ["gatewayEndpoints", "s3GatewayEndpoint"], (s) =>
      s.s3GatewayEndpoint === true && s.gatewayEndpoints?.includes("s3")
        ? 'lists "s3", which s3GatewayEndpoint: true already creates; keep one of the two'
        : undefined,
    ),
    when("sessionManagerEndpoints", ["sessionManagerEndpoints", "subnetTiers"], (s) =>
      s.sessionManagerEndpoints === true && !tiers(s).includes("private")
        ? "puts endpoints in the private subnets, and there is no private tier"
        : undefined,
    ),
    ...networkAclRules(tiers),
    // The ACL rules are IPv4 CIDRs: a dual-stack tier behind one would drop all its IPv6 traffic.
    when("ipv6", ["ipv6", "networkAcls"], (s) =>
      s.ipv6 === true && Object.keys(s.networkAcls ?? {}).length > 0
        ? `cannot be combined with networkAcls (${Object.keys(s.networkAcls!).join(", ")}), whose rules are IPv4 only and would deny every IPv6 packet`
        : undefined,
    ),
  ];
}

/**
 * Every problem with the network's settings, paths relative to `at`: their shape, and each rule
 * across fields whose fields are sound. `region` (when known) lets zones be checked against it.
 */
export function validateNetworkSettings(settings: NetworkSettings, region: string | undefined, at = ""): Finding[] {
  return judge(settings, checkShape(settings, NETWORK_SETTINGS_SHAPE), networkRules(region), at);
}

/** Every problem with the network's props, as the construct sees them. */
export function validateNetworkProps(props: NetworkProps, region: string | undefined, at = ""): Finding[] {
  return judge(props, checkShape(props, NETWORK_SHAPE), networkRules(region), at);
}
