import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { LockedSecurityGroup } from "../core/security-group";
import { nameTags } from "../core/tags";
import { SESSION_MANAGER_SERVICES } from "./props";

export interface SessionManagerEndpointsProps {
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Region of the service names: `com.amazonaws.<region>.ssm`. */
  readonly region: string;
  /** The private subnets: one endpoint network interface in each. */
  readonly subnetIds: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Interface endpoints for the three services the SSM agent talks to, with private DNS, so the
 * agent's calls to `ssm.<region>.amazonaws.com` and friends resolve to addresses in the VPC: a
 * session needs neither NAT nor internet, and its traffic stays in the VPC. Their security group
 * admits HTTPS from the VPC's own CIDR and nothing else.
 */
export class SessionManagerEndpoints extends Construct {
  readonly endpointIds: string[];

  constructor(scope: Construct, id: string, props: SessionManagerEndpointsProps) {
    super(scope, id);
    const group = new LockedSecurityGroup(this, "security-group", {
      name: `${props.name}-ssm-endpoints`,
      description: "Session Manager endpoints: HTTPS from the VPC only",
      vpcId: props.vpcId,
      tags: props.tags,
    });
    group.allowIngress(443, { cidr: props.vpcCidr, key: "vpc" }, "HTTPS from the VPC to the Session Manager endpoints");

    // Fixed ids from the fixed service list: no value from config names a resource.
    this.endpointIds = SESSION_MANAGER_SERVICES.map(
      (service) =>
        new VpcEndpoint(this, `${service}-endpoint`, {
          vpcId: props.vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          subnetIds: [...props.subnetIds],
          securityGroupIds: [group.id],
          privateDnsEnabled: true,
          tags: nameTags(`${props.name}-${service}`, props.tags),
        }).id,
    );
  }
}
