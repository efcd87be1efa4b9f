import type { GatewayEndpointService, SubnetTier } from "./props";

/**
 * What the network module gives its consumers: the contract. Other modules and stacks use
 * these values and nothing else of the module.
 */
export interface NetworkOutputs {
  /** ID of the VPC. */
  readonly vpcId: string;
  /** IPv4 CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** The VPC's Amazon-provided IPv6 /56; undefined when the network is IPv4 only. */
  readonly vpcIpv6Cidr: string | undefined;
  /** Availability zones the subnets span, in order. */
  readonly availabilityZones: readonly string[];
  /** Public subnet IDs, one per availability zone, in zone order (empty without the tier). */
  readonly publicSubnetIds: readonly string[];
  /** Private subnet IDs, one per availability zone, in zone order (empty without the tier). */
  readonly privateSubnetIds: readonly string[];
  /** Isolated subnet IDs, one per availability zone, in zone order (empty without the tier). */
  readonly isolatedSubnetIds: readonly string[];
  /** The dedicated network ACL of each tier that has one. */
  readonly networkAclIds: Readonly<Partial<Record<SubnetTier, string>>>;
  /** Name of the DB subnet group over the isolated subnets; undefined without `databaseSubnetGroup`. */
  readonly databaseSubnetGroupName: string | undefined;
  /** NAT gateway IDs: none, one, or one per zone. */
  readonly natGatewayIds: readonly string[];
  /** Public IPs of the NAT gateways (what outside services see from private subnets). */
  readonly natPublicIps: readonly string[];
  /** The gateway endpoints by service (`s3`, `dynamodb`), for policies keyed on `aws:sourceVpce`; only those created. */
  readonly gatewayEndpointIds: Readonly<Partial<Record<GatewayEndpointService, string>>>;
  /** The Session Manager interface endpoints (`ssm`, `ssmmessages`, `ec2messages`); empty when they are off. */
  readonly sessionManagerEndpointIds: readonly string[];
  /** CloudWatch Logs group receiving the VPC flow logs; undefined when flow logs are off. */
  readonly flowLogGroupName: string | undefined;
}
