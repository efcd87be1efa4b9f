export interface HealthCheckOptions {
  /**
   * Path the load balancer requests on each target; must start with `/`.
   * @default "/"
   */
  readonly path?: string;
  /**
   * HTTP codes that count as healthy: `200`, `200-299` or `200,302`.
   * @default "200"
   */
  readonly matcher?: string;
  /**
   * Seconds between checks, 5 to 300.
   * @default 15
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds to wait for an answer, 2 to 120, shorter than the interval.
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes before a target counts as healthy, 2 to 10.
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before a target counts as unhealthy, 2 to 10.
   * @default 3
   */
  readonly unhealthyThreshold?: number;
}

export interface AccessLogOptions {
  /** S3 bucket receiving the access logs; its policy must let ELB log delivery write. */
  readonly bucket: string;
  /**
   * Key prefix inside the bucket.
   * @default - the load balancer's name
   */
  readonly prefix?: string;
}

export interface LoadBalancerProps {
  /** Name of the load balancer (at most 32 characters) and prefix of its security group's. */
  readonly name: string;
  /** VPC the load balancer and its targets live in. */
  readonly vpcId: string;
  /** CIDR of the VPC: the security group lets traffic out only to it, on the target port. */
  readonly vpcCidr: string;
  /** Subnets for the load balancer, in at least two availability zones (public ones unless internal). */
  readonly subnetIds: readonly string[];
  /**
   * An internal load balancer has private addresses only.
   * @default false
   */
  readonly internal?: boolean;
  /**
   * IPv4 CIDRs allowed to reach the listener ports.
   * @default ["0.0.0.0/0"]
   */
  readonly ingressCidrs?: readonly string[];
  /**
   * Port the targets (the app) listen on.
   * @default 5000
   */
  readonly targetPort?: number;
  /**
   * Port of the HTTP listener.
   * @default 80
   */
  readonly httpPort?: number;
  /**
   * Port of the HTTPS listener (only with a certificate).
   * @default 443
   */
  readonly httpsPort?: number;
  /**
   * ACM (or IAM server) certificate ARN. With one, HTTPS forwards to the targets and HTTP
   * answers with a 301 redirect to HTTPS.
   * @default - HTTP only
   */
  readonly certificateArn?: string;
  /**
   * TLS negotiation policy of the HTTPS listener.
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3, with 1.2 for older clients)
   */
  readonly sslPolicy?: string;
  /** Target group health check. @default - `/`, `200`, every 15 s, 5 s timeout, 2 healthy, 3 unhealthy */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving in-flight requests, 0 to 3600.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Prefix of the target group's generated name (at most 6 characters). The target group is
   * created before the one it replaces is destroyed, so the names must differ.
   * @default "tg-"
   */
  readonly targetGroupNamePrefix?: string;
  /**
   * Refuse deletion through the API (and so `terraform destroy`).
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds a connection may stay idle, 1 to 4000.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Write access logs to S3.
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogOptions;
  /**
   * Extra tags for every resource of the module.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const LOAD_BALANCER_DEFAULTS = {
  internal: false,
  ingressCidrs: ["0.0.0.0/0"] as readonly string[],
  targetPort: 5000,
  httpPort: 80,
  httpsPort: 443,
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  healthCheck: {
    path: "/",
    matcher: "200",
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
  },
  deregistrationDelaySeconds: 30,
  targetGroupNamePrefix: "tg-",
  deletionProtection: false,
  idleTimeoutSeconds: 60,
} as const;
