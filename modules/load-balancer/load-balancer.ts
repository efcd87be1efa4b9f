import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { numberText, providerRegion } from "../core/aws";
import { LockedSecurityGroup } from "../core/security-group";
import { nameTags } from "../core/tags";
import { assertValid, pathOf } from "../core/validation";
import type { LoadBalancerOutputs } from "./outputs";
import { LOAD_BALANCER_DEFAULTS, type LoadBalancerProps } from "./props";
import { validateLoadBalancerProps } from "./validate";

/**
 * An Application Load Balancer with its own security group, one target group of instances on
 * the app port, and listeners: HTTP forwarding, or with a certificate HTTPS forwarding and HTTP
 * redirecting to it. Consumed through {@link LoadBalancer.outputs}.
 */
export class LoadBalancer extends Construct {
  readonly outputs: LoadBalancerOutputs;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    const region = providerRegion(scope);
    assertValid(`LoadBalancer ${pathOf(scope, id)}`, props, (p) => validateLoadBalancerProps(p, region));
    super(scope, id);

    const d = LOAD_BALANCER_DEFAULTS;
    const targetPort = props.targetPort ?? d.targetPort;
    const httpPort = props.httpPort ?? d.httpPort;
    const httpsPort = props.httpsPort ?? d.httpsPort;
    const https = props.certificateArn !== undefined;
    const check = { ...d.healthCheck, ...props.healthCheck };

    const securityGroup = new LockedSecurityGroup(this, "security-group", {
      name: `${props.name}-alb`,
      description: `Load balancer ${props.name}: listeners in, app port out to the VPC`,
      vpcId: props.vpcId,
      tags: props.tags,
    });
    const clients = props.ingressCidrs ?? d.ingressCidrs;
    securityGroup.allowIngressFromCidrs("http", httpPort, clients, "HTTP from clients");
    if (https) securityGroup.allowIngressFromCidrs("https", httpsPort, clients, "HTTPS from clients");
    // Out only to the targets' port inside the VPC: the ALB has no business anywhere else.
    securityGroup.allowEgress(targetPort, { cidr: props.vpcCidr, key: "vpc" }, "App port on targets in the VPC");

    const alb = new Lb(this, "alb", {
      name: props.name,
      loadBalancerType: "application",
      internal: props.internal ?? d.internal,
      subnets: [...props.subnetIds],
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? d.deletionProtection,
      idleTimeout: props.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
      accessLogs: props.accessLogs
        ? { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix ?? props.name, enabled: true }
        : undefined,
      tags: nameTags(props.name, props.tags),
    });

    const targetGroup = new LbTargetGroup(this, "target-group", {
      namePrefix: props.targetGroupNamePrefix ?? d.targetGroupNamePrefix,
      port: targetPort,
      protocol: "HTTP",
      targetType: "instance",
      vpcId: props.vpcId,
      deregistrationDelay: numberText(props.deregistrationDelaySeconds ?? d.deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: check.path,
        matcher: check.matcher,
        interval: check.intervalSeconds,
        timeout: check.timeoutSeconds,
        healthyThreshold: check.healthyThreshold,
        unhealthyThreshold: check.unhealthyThreshold,
      },
      tags: nameTags(`${props.name}-targets`, props.tags),
      // A port or protocol change replaces the group: the new one must exist before the
      // listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

    const http = new LbListener(this, "http", {
      loadBalancerArn: alb.arn,
      port: httpPort,
      protocol: "HTTP",
      defaultAction: https
        ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(httpsPort), statusCode: "HTTP_301" } }]
        : forward,
      tags: nameTags(`${props.name}-http`, props.tags),
    });

    const httpsListener = https
      ? new LbListener(this, "https", {
          loadBalancerArn: alb.arn,
          port: httpsPort,
          protocol: "HTTPS",
          sslPolicy: props.sslPolicy ?? d.sslPolicy,
          certificateArn: props.certificateArn,
          defaultAction: forward,
          tags: nameTags(`${props.name}-https`, props.tags),
        })
      : undefined;

    this.outputs = {
      albArn: alb.arn,
      albDnsName: alb.dnsName,
      albZoneId: alb.zoneId,
      albArnSuffix: alb.arnSuffix,
      securityGroupId: securityGroup.id,
      targetGroupArn: targetGroup.arn,
      targetGroupArnSuffix: targetGroup.arnSuffix,
      listenerArn: (httpsListener ?? http).arn,
      httpsListenerArn: httpsListener?.arn,
      targetPort,
    };
  }
}
