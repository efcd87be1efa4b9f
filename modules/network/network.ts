import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { EgressOnlyInternetGateway } from "@cdktf/provider-aws/lib/egress-only-internet-gateway";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { arnPart, providerRegion } from "../core/aws";
import { nameTags } from "../core/tags";
import { assertValid, pathOf } from "../core/validation";
import { VpcFlowLogs } from "./flow-logs";
import { gatewayEndpoints } from "./gateway-endpoints";
import { tierNetworkAcl } from "./network-acls";
import { SessionManagerEndpoints } from "./session-manager-endpoints";
import type { NetworkOutputs } from "./outputs";
import { NETWORK_DEFAULTS, type NetworkProps, type SubnetTier } from "./props";
import { planSubnets } from "./subnets";
import { validateNetworkProps } from "./validate";

/**
 * A VPC across availability zones: public, private and optional isolated subnets in every
 * zone, an internet gateway, NAT gateways by strategy, flow logs, a default security group with
 * no rules, and optional gateway (S3, DynamoDB) and Session Manager endpoints. Consumed through {@link Network.outputs}.
 */
export class Network extends Construct {
  readonly outputs: NetworkOutputs;
  /** The VPC: an escape hatch (`addOverride`, references) for what the props do not cover. */
  readonly vpc: Vpc;
  /** The subnets of each tier, in zone order. */
  readonly subnets: Readonly<Record<SubnetTier, readonly Subnet[]>>;
  /** The NAT gateways, in zone order (none with `natGateways: "none"`). */
  readonly natGateways: readonly NatGateway[];
  /** The private subnets' route tables, one per zone. */
  readonly privateRouteTables: readonly RouteTable[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    const region = providerRegion(scope);
    assertValid(`Network ${pathOf(scope, id)}`, props, (p) => validateNetworkProps(p, region));
    super(scope, id);

    const cidr = props.cidr ?? NETWORK_DEFAULTS.cidr;
    const tiers = props.subnetTiers ?? NETWORK_DEFAULTS.subnetTiers;
    const nat = props.natGateways ?? NETWORK_DEFAULTS.natGateways;
    const zones = props.availabilityZones;
    const tag = (suffix: string) => nameTags(`${props.name}-${suffix}`, props.tags);
    const ipv6 = props.ipv6 ?? NETWORK_DEFAULTS.ipv6;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      // Only when asked: an IPv4-only VPC's configuration stays exactly as it was.
      ...(ipv6 ? { assignGeneratedIpv6CidrBlock: true } : {}),
      tags: nameTags(props.name, props.tags),
    });

    // Adopting the default security group with no rules removes AWS's allow-all-within-group
    // rules, so nothing that falls back to it by accident can talk to anything.
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: vpc.id,
      tags: tag("default-deny-all"),
    });

    const subnetIds: Record<SubnetTier, string[]> = { public: [], private: [], isolated: [] };
    const subnetByZone: Record<SubnetTier, Map<string, Subnet>> = { public: new Map(), private: new Map(), isolated: new Map() };
    for (const planned of planSubnets(cidr, props.subnetPrefixLength ?? NETWORK_DEFAULTS.subnetPrefixLength, tiers, zones)) {
      // Keyed by zone name, not index: dropping a zone never renames the others' resources.
      const s = new Subnet(this, `${planned.tier}-subnet-${planned.availabilityZone}`, {
        vpcId: vpc.id,
        cidrBlock: planned.cidr,
        availabilityZone: planned.availabilityZone,
        mapPublicIpOnLaunch: planned.tier === "public" ? (props.mapPublicIpOnLaunch ?? NETWORK_DEFAULTS.mapPublicIpOnLaunch) : false,
        // The /64 of the subnet's own slot (8 bits below the /56), so IPv6 blocks never move either.
        ...(ipv6 ? { ipv6CidrBlock: Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, planned.slot), assignIpv6AddressOnCreation: true } : {}),
        tags: { ...tag(`${planned.tier}-${planned.availabilityZone}`), Tier: planned.tier },
      });
      subnetIds[planned.tier].push(s.id);
      subnetByZone[planned.tier].set(planned.availabilityZone, s);
    }

    const natGateways: NatGateway[] = [];
    const natPublicIps: string[] = [];
    if (tiers.includes("public")) {
      const igw = new InternetGateway(this, "internet-gateway", { vpcId: vpc.id, tags: tag("igw") });
      const publicTable = new RouteTable(this, "public-route-table", { vpcId: vpc.id, tags: tag("public") });
      new Route(this, "public-default-route", {
        routeTableId: publicTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: igw.id,
      });
      if (ipv6)
        new Route(this, "public-ipv6-default-route", { routeTableId: publicTable.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id });
      for (const [zone, s] of subnetByZone.public) {
        new RouteTableAssociation(this, `public-association-${zone}`, { subnetId: s.id, routeTableId: publicTable.id });
      }

      const natZones = nat === "per-az" ? zones : nat === "single" ? zones.slice(0, 1) : [];
      for (const zone of natZones) {
        const eip = new Eip(this, `nat-eip-${zone}`, { domain: "vpc", tags: tag(`nat-${zone}`), dependsOn: [igw] });
        natGateways.push(
          new NatGateway(this, `nat-gateway-${zone}`, {
            allocationId: eip.allocationId,
            subnetId: subnetByZone.public.get(zone)!.id,
            connectivityType: "public",
            tags: tag(`nat-${zone}`),
            dependsOn: [igw],
          }),
        );
        natPublicIps.push(eip.publicIp);
      }
    }

    // IPv6 needs no NAT: an egress-only gateway lets the private tier out and nothing in.
    const egressOnly =
      ipv6 && tiers.includes("private")
        ? new EgressOnlyInternetGateway(this, "egress-only-internet-gateway", { vpcId: vpc.id, tags: tag("eigw") })
        : undefined;
    // One route table per zone even with a single NAT, so moving to per-az changes routes only.
    const privateTables: RouteTable[] = [];
    const privateTableIds: string[] = [];
    zones.forEach((zone, i) => {
      const s = subnetByZone.private.get(zone);
      if (!s) return;
      const table = new RouteTable(this, `private-route-table-${zone}`, { vpcId: vpc.id, tags: tag(`private-${zone}`) });
      new RouteTableAssociation(this, `private-association-${zone}`, { subnetId: s.id, routeTableId: table.id });
      const gateway = nat === "per-az" ? natGateways[i] : natGateways[0];
      if (gateway) {
        new Route(this, `private-default-route-${zone}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: gateway.id,
        });
      }
      if (egressOnly) {
        new Route(this, `private-ipv6-default-route-${zone}`, {
          routeTableId: table.id,
          destinationIpv6CidrBlock: "::/0",
          egressOnlyGatewayId: egressOnly.id,
        });
      }
      privateTables.push(table);
      privateTableIds.push(table.id);
    });

    if (tiers.includes("isolated")) {
      // No routes beyond the VPC's own local route: nothing in this tier reaches outside.
      const isolatedTable = new RouteTable(this, "isolated-route-table", { vpcId: vpc.id, tags: tag("isolated") });
      for (const [zone, s] of subnetByZone.isolated) {
        new RouteTableAssociation(this, `isolated-association-${zone}`, { subnetId: s.id, routeTableId: isolatedTable.id });
      }
    }

    // AWS names the group in lowercase and refuses "default"; the validated name is already lowercase.
    const databaseSubnetGroup =
      (props.databaseSubnetGroup ?? NETWORK_DEFAULTS.databaseSubnetGroup)
        ? new DbSubnetGroup(this, "database-subnet-group", {
            name: `${props.name}-database`,
            description: `Isolated subnets of ${props.name}, no route to the internet`,
            subnetIds: subnetIds.isolated,
            tags: tag("database"),
          })
        : undefined;

    const acls = props.networkAcls ?? {};
    const networkAclIds: Partial<Record<SubnetTier, string>> = {};
    for (const tier of tiers) {
      const rules = acls[tier];
      if (rules)
        networkAclIds[tier] = tierNetworkAcl(this, {
          name: props.name,
          vpcId: vpc.id,
          tier,
          subnetIds: subnetIds[tier],
          rules,
          tags: props.tags,
        }).id;
    }

    const serviceRegion = region ?? arnPart(vpc.arn, "region");
    const endpointServices = [...(props.gatewayEndpoints ?? NETWORK_DEFAULTS.gatewayEndpoints)];
    if (props.s3GatewayEndpoint ?? NETWORK_DEFAULTS.s3GatewayEndpoint) endpointServices.push("s3");
    const gatewayEndpointIds = gatewayEndpoints(this, {
      name: props.name,
      vpcId: vpc.id,
      region: serviceRegion,
      services: endpointServices,
      routeTableIds: privateTableIds,
      tags: props.tags,
    });

    const sessionManager = !(props.sessionManagerEndpoints ?? NETWORK_DEFAULTS.sessionManagerEndpoints)
      ? undefined
      : new SessionManagerEndpoints(this, "session-manager", {
          name: props.name,
          vpcId: vpc.id,
          vpcCidr: cidr,
          region: serviceRegion,
          subnetIds: subnetIds.private,
          tags: props.tags,
        });

    const flowLogs = props.flowLogs ?? {};
    const logs = !(flowLogs.enabled ?? NETWORK_DEFAULTS.flowLogsEnabled)
      ? undefined
      : new VpcFlowLogs(this, "flow-logs", {
          name: props.name,
          vpcId: vpc.id,
          vpcArn: vpc.arn,
          retentionDays: flowLogs.retentionDays ?? NETWORK_DEFAULTS.flowLogRetentionDays,
          trafficType: flowLogs.trafficType ?? NETWORK_DEFAULTS.flowLogTrafficType,
          tags: props.tags,
        });

    this.vpc = vpc;
    this.subnets = {
      public: [...subnetByZone.public.values()],
      private: [...subnetByZone.private.values()],
      isolated: [...subnetByZone.isolated.values()],
    };
    this.natGateways = natGateways;
    this.privateRouteTables = privateTables;
    this.outputs = {
      vpcId: vpc.id,
      vpcCidr: cidr,
      vpcIpv6Cidr: ipv6 ? vpc.ipv6CidrBlock : undefined,
      availabilityZones: [...zones],
      publicSubnetIds: subnetIds.public,
      privateSubnetIds: subnetIds.private,
      isolatedSubnetIds: subnetIds.isolated,
      networkAclIds,
      databaseSubnetGroupName: databaseSubnetGroup?.name,
      natGatewayIds: natGateways.map((n) => n.id),
      natPublicIps,
      gatewayEndpointIds,
      sessionManagerEndpointIds: sessionManager?.endpointIds ?? [],
      flowLogGroupName: logs?.logGroupName,
    };
  }
}
