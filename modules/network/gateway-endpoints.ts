import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { Construct } from "constructs";
import { nameTags } from "../core/tags";
import { GATEWAY_ENDPOINT_SERVICES, type GatewayEndpointService } from "./props";

export interface GatewayEndpointsProps {
  readonly name: string;
  readonly vpcId: string;
  readonly region: string;
  readonly services: readonly GatewayEndpointService[];
  /** The route tables that get a route to each service's prefix list. */
  readonly routeTableIds: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One gateway endpoint per service, in the network's scope: `s3-endpoint` is the address the
 * older `s3GatewayEndpoint` flag has always used, so moving to the list moves nothing.
 * Created in a fixed order whatever the list's order, so reordering it changes nothing.
 */
export function gatewayEndpoints(scope: Construct, props: GatewayEndpointsProps): Partial<Record<GatewayEndpointService, string>> {
  const ids: Partial<Record<GatewayEndpointService, string>> = {};
  for (const service of GATEWAY_ENDPOINT_SERVICES.filter((s) => props.services.includes(s))) {
    ids[service] = new VpcEndpoint(scope, `${service}-endpoint`, {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.${service}`,
      vpcEndpointType: "Gateway",
      routeTableIds: [...props.routeTableIds],
      tags: nameTags(`${props.name}-${service}`, props.tags),
    }).id;
  }
  return ids;
}
