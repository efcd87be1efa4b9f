import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { forEachValue } from "./for-each";
import { nameTags } from "./tags";

export interface LockedSecurityGroupProps {
  /** `Name` tag and name prefix of the group. */
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Who a rule lets in or out: a CIDR block or another security group. `key` names the rule's
 * resource; a literal CIDR can name itself, a token cannot.
 */
export type Peer = { readonly cidr: string; readonly key?: string } | { readonly securityGroupId: string; readonly key: string };

/**
 * A security group that starts with no rules at all (Terraform removes AWS's default allow-all
 * egress) and gains one standalone rule resource per port and peer. Standalone rules change
 * without replacing the group; the group itself is name-prefixed and created before the old
 * one is destroyed, so a replacement never leaves a load balancer or instance without one.
 */
export class LockedSecurityGroup extends Construct {
  readonly id: string;
  /** The security group itself, for what the props do not cover. */
  readonly resource: SecurityGroup;

  constructor(scope: Construct, id: string, props: LockedSecurityGroupProps) {
    super(scope, id);
    this.resource = new SecurityGroup(this, "group", {
      namePrefix: `${props.name}-`,
      description: props.description,
      vpcId: props.vpcId,
      tags: nameTags(props.name, props.tags),
      lifecycle: { createBeforeDestroy: true },
    });
    this.id = this.resource.id;
  }

  /** Allows TCP `port` in from `peer`. */
  allowIngress(port: number, peer: Peer, description: string): void {
    new VpcSecurityGroupIngressRule(this, `ingress-${port}-${peerKey(peer)}`, this.tcpRule(port, peer, description));
  }

  /**
   * Allows TCP `port` in from each of `cidrs`, a written-out list or a token (another stack's
   * output): one rule resource named `ingress-<key>`, one instance per CIDR, keyed by the CIDR,
   * so reordering or extending the list changes nothing else. Earlier releases made a resource
   * per CIDR, named after it: their state moves to the instances.
   */
  allowIngressFromCidrs(key: string, port: number, cidrs: readonly string[], description: string): void {
    forEachValue(
      this,
      `ingress-${key}`,
      cidrs,
      (scope, id, cidr, forEach) => new VpcSecurityGroupIngressRule(scope, id, { forEach, ...this.tcpRule(port, { cidr }, description) }),
      (cidr) => `ingress-${port}-${peerKey({ cidr })}`,
    );
  }

  /** Allows TCP `port` in from every IPv6 address: the dual-stack twin of an ingress from 0.0.0.0/0. */
  allowIngressFromAnyIpv6(key: string, port: number, description: string): void {
    new VpcSecurityGroupIngressRule(this, `ingress-${key}-ipv6`, {
      securityGroupId: this.resource.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv6: "::/0",
      description,
    });
  }

  /** Allows TCP `port` out to `peer`. */
  allowEgress(port: number, peer: Peer, description: string): void {
    new VpcSecurityGroupEgressRule(this, `egress-${port}-${peerKey(peer)}`, this.tcpRule(port, peer, description));
  }

  private tcpRule(port: number, peer: Peer, description: string) {
    return {
      securityGroupId: this.resource.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description,
      ...("cidr" in peer ? { cidrIpv4: peer.cidr } : { referencedSecurityGroupId: peer.securityGroupId }),
    };
  }

  /** Allows all outbound IPv4 traffic (instances fetching packages through NAT, calling AWS APIs). */
  allowAllEgress(description: string): void {
    new VpcSecurityGroupEgressRule(this, "egress-all", {
      securityGroupId: this.resource.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description,
    });
  }
}

/** A construct-id-safe key for a peer: its own key, or (for the addresses of earlier releases) `10.0.0.0/16` → `10-0-0-0-16`. */
function peerKey(peer: Peer): string {
  return peer.key ?? ("cidr" in peer ? peer.cidr.replace(/[./]/g, "-") : "");
}
