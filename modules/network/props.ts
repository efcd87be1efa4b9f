import { availabilityZone, cidrBlock, tags } from "../core/fields";
import { boolean, integer, list, literal, object, oneOf, omit, required, string, type ShapeOf } from "../core/shape";

/** How private subnets reach the internet. */
export type NatGatewayStrategy = "none" | "single" | "per-az";

/** The subnet tiers a network can have, in the order their address blocks are reserved. */
export type SubnetTier = "public" | "private" | "isolated";

/** AWS services reachable through a (free) gateway endpoint, routed by the private route tables. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** A service with a gateway endpoint: `s3` or `dynamodb`. */
export type GatewayEndpointService = (typeof GATEWAY_ENDPOINT_SERVICES)[number];

/** Retention periods CloudWatch Logs accepts, in days (0 keeps logs forever). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface FlowLogOptions {
  /**
   * Whether to capture VPC flow logs to CloudWatch Logs.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days to keep flow log records; one of CloudWatch Logs' retention periods.
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Which traffic to record.
   * @default "ALL"
   */
  readonly trafficType?: "ALL" | "ACCEPT" | "REJECT";
}

/** What a network ACL rule matches: `all` is every protocol (AWS's `-1`). */
export type NetworkAclProtocol = "tcp" | "udp" | "icmp" | "all";

export interface NetworkAclRule {
  /** Rules are evaluated in ascending number and the first match decides; 1 to 32766, unique per direction. */
  readonly ruleNumber: number;
  /**
   * Whether matching traffic is let through.
   * @default "allow"
   */
  readonly action?: "allow" | "deny";
  /** The protocol: `tcp` and `udp` need ports; `icmp` matches every ICMP type; `all` every protocol and port. */
  readonly protocol: NetworkAclProtocol;
  /** IPv4 CIDR block the rule matches: the source inbound, the destination outbound. */
  readonly cidr: string;
  /**
   * First port of the range, for `tcp` and `udp` (required there).
   * @default - none
   */
  readonly fromPort?: number;
  /**
   * Last port of the range, for `tcp` and `udp`.
   * @default - fromPort
   */
  readonly toPort?: number;
}

/** A tier's network ACL. Network ACLs are stateless: return traffic needs its own rule, usually ephemeral ports 1024-65535. */
export interface NetworkAclRules {
  /** Rules for traffic entering the tier's subnets; anything unmatched is denied. */
  readonly inbound: readonly NetworkAclRule[];
  /** Rules for traffic leaving the tier's subnets; anything unmatched is denied. */
  readonly outbound: readonly NetworkAclRule[];
}

export interface NetworkProps {
  /** Name used in every resource's `Name` tag and in the flow log group, e.g. `webtier-prod`. */
  readonly name: string;
  /**
   * IPv4 CIDR block of the VPC, from /16 to /24.
   * @default "10.0.0.0/16"
   */
  readonly cidr?: string;
  /** Availability zones to spread subnets across, 2 to 6, in the provider's region. */
  readonly availabilityZones: readonly string[];
  /**
   * Subnet tiers to create in every availability zone. Public subnets route to an internet
   * gateway; private ones to NAT (if any); isolated ones nowhere outside the VPC.
   * @default ["public", "private"]
   */
  readonly subnetTiers?: readonly SubnetTier[];
  /**
   * Dual-stack: an Amazon-provided /56 on the VPC, a /64 per subnet (addresses assigned on
   * launch), `::/0` routes (public through the internet gateway, private through an egress-only
   * internet gateway, so nothing outside can open a connection in). Isolated subnets stay unrouted.
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * A DB subnet group (`<name>-database`) over the isolated subnets, for RDS or Aurora to
   * place databases where nothing routes to or from the internet. Needs the isolated tier.
   * @default false
   */
  readonly databaseSubnetGroup?: boolean;
  /**
   * Prefix length of every subnet (a /16 VPC with /24 subnets, as in the seeds).
   * @default 24
   */
  readonly subnetPrefixLength?: number;
  /**
   * NAT gateways for the private tier: none, one shared, or one per availability zone (each
   * with its Elastic IP). `single` is cheaper; `per-az` survives the loss of a zone.
   * @default "single"
   */
  readonly natGateways?: NatGatewayStrategy;
  /**
   * Give instances launched in public subnets a public IPv4 address. The ALB needs none.
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /**
   * VPC flow logs to a CloudWatch Logs group, written by a role scoped to that group.
   * @default - enabled, ALL traffic, 90 days
   */
  readonly flowLogs?: FlowLogOptions;
  /**
   * Add an S3 gateway endpoint to the private route tables (S3 traffic skips the NAT gateway).
   * The same endpoint as `gatewayEndpoints: ["s3"]`, at the same address; use one of the two.
   * @default false
   */
  readonly s3GatewayEndpoint?: boolean;
  /**
   * Gateway endpoints (`s3`, `dynamodb`) on the private route tables: free, and that traffic
   * skips the NAT gateway (and its per-GB charge).
   * @default []
   */
  readonly gatewayEndpoints?: readonly GatewayEndpointService[];
  /**
   * Interface endpoints for Systems Manager (`ssm`, `ssmmessages`, `ec2messages`) in the private
   * subnets, with private DNS, behind a security group admitting HTTPS from the VPC only. Session
   * Manager then works without NAT and its traffic never leaves the VPC. AWS bills each
   * endpoint per zone and hour.
   * @default false
   */
  readonly sessionManagerEndpoints?: boolean;
  /**
   * A dedicated network ACL per tier, on all of that tier's subnets, with these rules (the
   * tiers left out keep the VPC's default ACL, which allows everything).
   * @default - none: every subnet keeps the default network ACL
   */
  readonly networkAcls?: Readonly<Partial<Record<SubnetTier, NetworkAclRules>>>;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const NETWORK_DEFAULTS = {
  cidr: "10.0.0.0/16",
  subnetTiers: ["public", "private"] as readonly SubnetTier[],
  subnetPrefixLength: 24,
  databaseSubnetGroup: false,
  ipv6: false,
  natGateways: "single" as NatGatewayStrategy,
  mapPublicIpOnLaunch: false,
  flowLogsEnabled: true,
  flowLogRetentionDays: 90,
  flowLogTrafficType: "ALL" as const,
  s3GatewayEndpoint: false,
  gatewayEndpoints: [] as readonly GatewayEndpointService[],
  sessionManagerEndpoints: false,
} as const;

/** The services Session Manager reaches, each an interface endpoint when `sessionManagerEndpoints` is on. */
export const SESSION_MANAGER_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;

const FLOW_LOG_SHAPE: ShapeOf<FlowLogOptions> = {
  enabled: boolean(),
  retentionDays: oneOf(LOG_RETENTION_DAYS),
  trafficType: oneOf(["ALL", "ACCEPT", "REJECT"]),
};

/** AWS's default quota of rules per direction of a network ACL. */
export const NETWORK_ACL_MAX_RULES = 20;

const NETWORK_ACL_RULE_SHAPE: ShapeOf<NetworkAclRule> = {
  ruleNumber: required(integer({ min: 1, max: 32766 })),
  action: oneOf(["allow", "deny"]),
  protocol: required(oneOf(["tcp", "udp", "icmp", "all"])),
  cidr: required(cidrBlock()),
  fromPort: integer({ min: 0, max: 65535 }),
  toPort: integer({ min: 0, max: 65535 }),
};

const NETWORK_ACL_DIRECTION = required(
  list(object(NETWORK_ACL_RULE_SHAPE), {
    minItems: 1,
    maxItems: NETWORK_ACL_MAX_RULES,
    noun: ["rule", "rules"],
    why: "an ACL without rules denies everything, and AWS allows 20 per direction by default",
    lengthDecides: "the ACL's rules",
  }),
);

const NETWORK_ACL_SHAPE: ShapeOf<NetworkAclRules> = { inbound: NETWORK_ACL_DIRECTION, outbound: NETWORK_ACL_DIRECTION };

/** Each prop's type and own limits, next to its documentation and default above. */
export const NETWORK_SHAPE: ShapeOf<NetworkProps> = {
  // The flow log role is `<name>-flow-logs` and IAM role names stop at 64 characters.
  name: required(
    string({
      pattern: /^[a-z][a-z0-9-]*$/,
      what: "lowercase letters, digits and hyphens, starting with a letter",
      maxLength: 40,
      limit: "so that the role <name>-flow-logs fits IAM's 64",
    }),
  ),
  cidr: literal(cidrBlock({ min: 16, max: 24, why: "AWS's VPC limits" }), "every subnet's CIDR block"),
  availabilityZones: required(
    list(literal(availabilityZone(), "the names of its subnets' resources"), {
      minItems: 2,
      maxItems: 6,
      noun: ["availability zone", "availability zones"],
      why: "an ALB needs two",
      unique: true,
      lengthDecides: "how many subnets each tier has",
    }),
  ),
  subnetTiers: list(literal(oneOf(["public", "private", "isolated"]), "which subnets exist"), {
    minItems: 1,
    noun: ["tier", "tiers"],
    unique: true,
    lengthDecides: "which subnets exist",
  }),
  databaseSubnetGroup: boolean(),
  ipv6: boolean(),
  subnetPrefixLength: literal(integer({ min: 16, max: 28 }), "every subnet's CIDR block"),
  natGateways: literal(oneOf(["none", "single", "per-az"]), "how many NAT gateways are created"),
  mapPublicIpOnLaunch: boolean(),
  flowLogs: object(FLOW_LOG_SHAPE),
  s3GatewayEndpoint: boolean(),
  gatewayEndpoints: list(literal(oneOf(GATEWAY_ENDPOINT_SERVICES), "which endpoints are created"), {
    noun: ["service", "services"],
    unique: true,
    lengthDecides: "which endpoints are created",
  }),
  sessionManagerEndpoints: boolean(),
  networkAcls: object<Partial<Record<SubnetTier, NetworkAclRules>>>({
    public: object(NETWORK_ACL_SHAPE),
    private: object(NETWORK_ACL_SHAPE),
    isolated: object(NETWORK_ACL_SHAPE),
  }),
  tags: tags(),
};

/** Props a WebTier fills in itself: an environment may not set them (its shape refuses them). */
export const NETWORK_WIRED = ["name", "tags"] as const satisfies readonly (keyof NetworkProps)[];
export type NetworkWired = (typeof NETWORK_WIRED)[number];

/** The network's inputs that are plain data: what an environment's config holds. */
export type NetworkSettings = Omit<NetworkProps, NetworkWired>;

/** The shape of the network's settings. */
export const NETWORK_SETTINGS_SHAPE = omit(NETWORK_SHAPE, ...NETWORK_WIRED);
