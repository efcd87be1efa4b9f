/** What the load balancer module gives its consumers: the contract. */
export interface LoadBalancerOutputs {
  /** ARN of the load balancer. */
  readonly albArn: string;
  /** DNS name clients connect to. */
  readonly albDnsName: string;
  /** Route 53 hosted zone of the load balancer, for alias records. */
  readonly albZoneId: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of CloudWatch metrics. */
  readonly albArnSuffix: string;
  /** Security group of the load balancer: targets admit traffic from it. */
  readonly securityGroupId: string;
  /** ARN of the target group instances register in. */
  readonly targetGroupArn: string;
  /**
   * ARN of every target group by name: the instances' under `"default"`, each of `targetGroups`
   * under its own. Another service registers its targets in its group through this ARN (an Auto
   * Scaling Group's `target_group_arns`, an ECS service's `load_balancer`).
   */
  readonly targetGroupArns: Readonly<Record<string, string>>;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of CloudWatch metrics. */
  readonly targetGroupArnSuffix: string;
  /** The listener that forwards to the target group (HTTPS when there is a certificate or a domain, else HTTP). */
  readonly listenerArn: string;
  /** The HTTPS listener; undefined without a certificate. */
  readonly httpsListenerArn: string | undefined;
  /** Port the targets listen on. */
  readonly targetPort: number;
  /** The HTTPS listener's certificate (the validated one when a `domain` is set); undefined for HTTP only. */
  readonly certificateArn: string | undefined;
  /** The web ACL in front of the load balancer; undefined without one. */
  readonly webAclArn: string | undefined;
  /** Bucket receiving the access logs (created or given); undefined without access logs. */
  readonly accessLogsBucket: string | undefined;
}
