import { Lb } from "@cdktf/provider-aws/lib/lb";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { numberText, providerRegion } from "../core/aws";
import { LockedSecurityGroup } from "../core/security-group";
import { nameTags } from "../core/tags";
import { assertValid, isToken, pathOf } from "../core/validation";
import { AccessLogBucket } from "./access-log-bucket";
import { DomainCertificate } from "./domain-certificate";
import { healthCheckBlock } from "./health-check";
import type { LoadBalancerOutputs } from "./outputs";
import { ListenerCertificates } from "./listener-certificates";
import { ListenerRules } from "./listener-rules";
import { LOAD_BALANCER_DEFAULTS, type LoadBalancerProps } from "./props";
import { DEFAULT_TARGET_GROUP } from "./routing";
import { StressGuard } from "./stress-guard";
import { TargetGroups } from "./target-groups";
import { validateLoadBalancerProps } from "./validate";
import { LoadBalancerWebAcl } from "./web-acl";

/**
 * An Application Load Balancer with its own security group, one target group of instances on
 * the app port, and listeners: HTTP forwarding, or with a certificate (given, or issued for its
 * `domain`) HTTPS forwarding and HTTP redirecting to it. Optionally a web ACL, access logs (to
 * a bucket it creates or yours), and a guard that keeps the targets' `/stress` endpoint to
 * listed sources. Consumed through {@link LoadBalancer.outputs}.
 */
export class LoadBalancer extends Construct {
  readonly outputs: LoadBalancerOutputs;
  /** The load balancer: an escape hatch (`addOverride`, references) for what the props do not cover. */
  readonly alb: Lb;
  /** The target group the instances register with. */
  readonly targetGroup: LbTargetGroup;
  /** The listener on `httpPort`: forwarding, or redirecting to HTTPS. */
  readonly httpListener: LbListener;
  /** The HTTPS listener, when there is a certificate or a domain. */
  readonly httpsListener?: LbListener;
  /** The load balancer's security group. */
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    const region = providerRegion(scope);
    assertValid(`LoadBalancer ${pathOf(scope, id)}`, props, (p) => validateLoadBalancerProps(p, region));
    super(scope, id);

    const d = LOAD_BALANCER_DEFAULTS;
    const targetPort = props.targetPort ?? d.targetPort;
    const httpPort = props.httpPort ?? d.httpPort;
    const httpsPort = props.httpsPort ?? d.httpsPort;
    const https = props.certificateArn !== undefined || props.domain !== undefined;

    const securityGroup = new LockedSecurityGroup(this, "security-group", {
      name: `${props.name}-alb`,
      description: `Load balancer ${props.name}: listeners in, app port out to the VPC`,
      vpcId: props.vpcId,
      tags: props.tags,
    });
    const clients = props.ingressCidrs ?? d.ingressCidrs;
    securityGroup.allowIngressFromCidrs("http", httpPort, clients, "HTTP from clients");
    if (https) securityGroup.allowIngressFromCidrs("https", httpsPort, clients, "HTTPS from clients");
    const dualstack = (props.ipAddressType ?? d.ipAddressType) === "dualstack";
    // A dual-stack load balancer open to all of IPv4 is open to all of IPv6 as well.
    if (dualstack && !isToken(clients) && clients.includes("0.0.0.0/0")) {
      securityGroup.allowIngressFromAnyIpv6("http", httpPort, "HTTP from IPv6 clients");
      if (https) securityGroup.allowIngressFromAnyIpv6("https", httpsPort, "HTTPS from IPv6 clients");
    }
    // Out only to the targets' port inside the VPC: the ALB has no business anywhere else.
    securityGroup.allowEgress(targetPort, { cidr: props.vpcCidr, key: "vpc" }, "App port on targets in the VPC");
    const services = props.targetGroups ?? [];
    // Other services' ports too, each once: those groups' targets live in the VPC as well.
    for (const port of new Set(services.map((g) => g.port).filter((p) => p !== targetPort))) {
      securityGroup.allowEgress(port, { cidr: props.vpcCidr, key: "vpc" }, "Service port on targets in the VPC");
    }

    const targetGroup = new LbTargetGroup(this, "target-group", {
      namePrefix: props.targetGroupNamePrefix ?? d.targetGroupNamePrefix,
      port: targetPort,
      protocol: "HTTP",
      targetType: "instance",
      vpcId: props.vpcId,
      deregistrationDelay: numberText(props.deregistrationDelaySeconds ?? d.deregistrationDelaySeconds),
      slowStart: props.slowStartSeconds ?? d.slowStartSeconds,
      loadBalancingAlgorithmType: props.loadBalancingAlgorithm ?? d.loadBalancingAlgorithm,
      stickiness: props.stickiness
        ? { type: "lb_cookie", enabled: true, cookieDuration: props.stickiness.durationSeconds ?? d.stickiness.durationSeconds }
        : undefined,
      healthCheck: healthCheckBlock({ ...d.healthCheck, ...props.healthCheck }, "HTTP"),
      tags: nameTags(`${props.name}-targets`, props.tags),
      // A port or protocol change replaces the group: the new one must exist before the
      // listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
    const extraGroups =
      services.length > 0
        ? new TargetGroups(this, "target-groups", {
            name: props.name,
            vpcId: props.vpcId,
            namePrefix: props.targetGroupNamePrefix ?? d.targetGroupNamePrefix,
            groups: services,
            tags: props.tags,
          }).groups
        : {};
    const targetGroupArns: Record<string, string> = { [DEFAULT_TARGET_GROUP]: targetGroup.arn };
    for (const [name, group] of Object.entries(extraGroups)) targetGroupArns[name] = group.arn;

    const logs = props.accessLogs;
    const logPrefix = logs?.prefix ?? props.name;
    // The bucket's policy scopes log delivery to this account, read from the target group's ARN
    // (the load balancer's own would make the policy wait for the load balancer it must precede).
    const logBucket =
      logs && logs.bucket === undefined
        ? new AccessLogBucket(this, "access-logs", {
            name: props.name,
            prefix: logPrefix,
            expirationDays: logs.expirationDays ?? d.accessLogs.expirationDays,
            region,
            accountArn: targetGroup.arn,
            tags: props.tags,
          })
        : undefined;

    const alb = new Lb(this, "alb", {
      name: props.name,
      loadBalancerType: "application",
      internal: props.internal ?? d.internal,
      ...(dualstack ? { ipAddressType: "dualstack" } : {}),
      subnets: [...props.subnetIds],
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? d.deletionProtection,
      idleTimeout: props.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
      accessLogs: logs ? { bucket: logs.bucket ?? logBucket!.bucketName, prefix: logPrefix, enabled: true } : undefined,
      tags: nameTags(props.name, props.tags),
      // AWS writes a test object when logging is turned on: the bucket policy must be in place.
      dependsOn: logBucket ? [logBucket.policy] : undefined,
    });

    const http = new LbListener(this, "http", {
      loadBalancerArn: alb.arn,
      port: httpPort,
      protocol: "HTTP",
      defaultAction: https
        ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(httpsPort), statusCode: "HTTP_301" } }]
        : forward,
      tags: nameTags(`${props.name}-http`, props.tags),
    });

    const domain = props.domain
      ? new DomainCertificate(this, "domain", {
          ...props.domain,
          name: props.name,
          albDnsName: alb.dnsName,
          albZoneId: alb.zoneId,
          ipv6: dualstack,
          tags: props.tags,
        })
      : undefined;
    const httpsListener = https
      ? new LbListener(this, "https", {
          loadBalancerArn: alb.arn,
          port: httpsPort,
          protocol: "HTTPS",
          sslPolicy: props.sslPolicy ?? d.sslPolicy,
          certificateArn: domain?.certificateArn ?? props.certificateArn,
          defaultAction: forward,
          tags: nameTags(`${props.name}-https`, props.tags),
        })
      : undefined;
    const listener = httpsListener ?? http;

    if (props.stressEndpoint ?? d.stressEndpoint) {
      new StressGuard(this, "stress-guard", {
        name: props.name,
        listenerArn: listener.arn,
        targetGroupArn: targetGroup.arn,
        allowedCidrs: props.stressAllowedCidrs ?? d.stressAllowedCidrs,
        tags: props.tags,
      });
    }
    if ((props.listenerRules ?? []).length > 0) {
      new ListenerRules(this, "listener-rules", {
        name: props.name,
        listenerArn: listener.arn,
        rules: props.listenerRules!,
        targetGroupArns,
        tags: props.tags,
      });
    }
    if (httpsListener && props.additionalCertificateArns) {
      new ListenerCertificates(this, "certificates", { listenerArn: httpsListener.arn, certificateArns: props.additionalCertificateArns });
    }
    const webAcl = props.webAcl
      ? new LoadBalancerWebAcl(this, "waf", { ...props.webAcl, name: props.name, albArn: alb.arn, tags: props.tags })
      : undefined;

    this.alb = alb;
    this.targetGroup = targetGroup;
    this.httpListener = http;
    this.httpsListener = httpsListener;
    this.securityGroup = securityGroup.resource;
    this.outputs = {
      albArn: alb.arn,
      albDnsName: alb.dnsName,
      albZoneId: alb.zoneId,
      albArnSuffix: alb.arnSuffix,
      securityGroupId: securityGroup.id,
      targetGroupArn: targetGroup.arn,
      targetGroupArnSuffix: targetGroup.arnSuffix,
      targetGroupArns,
      listenerArn: listener.arn,
      httpsListenerArn: httpsListener?.arn,
      targetPort,
      certificateArn: domain?.certificateArn ?? props.certificateArn,
      webAclArn: webAcl?.webAclArn,
      accessLogsBucket: logs ? (logs.bucket ?? logBucket!.bucketName) : undefined,
    };
  }
}
