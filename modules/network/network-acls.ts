import { NetworkAcl, type NetworkAclEgress } from "@cdktf/provider-aws/lib/network-acl";
import type { Construct } from "constructs";
import { nameTags } from "../core/tags";
import type { NetworkAclRule, NetworkAclRules, SubnetTier } from "./props";

export interface TierNetworkAclProps {
  readonly name: string;
  readonly vpcId: string;
  readonly tier: SubnetTier;
  readonly subnetIds: readonly string[];
  readonly rules: NetworkAclRules;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A rule as the provider's block: `all` is protocol -1, and protocols without ports take 0 to 0. */
function entry(rule: NetworkAclRule): NetworkAclEgress {
  const ported = rule.protocol === "tcp" || rule.protocol === "udp";
  return {
    ruleNo: rule.ruleNumber,
    action: rule.action ?? "allow",
    protocol: rule.protocol === "all" ? "-1" : rule.protocol,
    cidrBlock: rule.cidr,
    fromPort: ported ? rule.fromPort! : 0,
    toPort: ported ? (rule.toPort ?? rule.fromPort!) : 0,
    // Type and code -1: every ICMP message, which path MTU discovery among others needs.
    ...(rule.protocol === "icmp" ? { icmpType: -1, icmpCode: -1 } : {}),
  };
}

/**
 * A tier's dedicated network ACL, associated with all of its subnets (which leave the VPC's
 * default ACL). Rules are inline, so the ACL holds exactly the configured ones.
 */
export function tierNetworkAcl(scope: Construct, props: TierNetworkAclProps): NetworkAcl {
  return new NetworkAcl(scope, `network-acl-${props.tier}`, {
    vpcId: props.vpcId,
    subnetIds: [...props.subnetIds],
    ingress: props.rules.inbound.map(entry),
    egress: props.rules.outbound.map(entry),
    tags: nameTags(`${props.name}-${props.tier}`, props.tags),
  });
}
