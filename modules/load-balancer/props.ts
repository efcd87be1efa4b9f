import { cidrBlock, cidrBlocks, s3Bucket, tags } from "../core/fields";
import { boolean, integer, list, literal, object, required, string, type ShapeOf } from "../core/shape";

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

/** Ports reserved for administration: the load balancer never forwards to them (no SSH, no RDP). */
export const ADMIN_PORTS: Readonly<Record<number, string>> = { 22: "SSH", 3389: "RDP" };

// Ports are written out: they shape listeners, rules and the default workload's unit file.
const port = () => literal(integer({ min: 1, max: 65535 }), "the listeners, security group rules and the app's port");
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}|iam::\d{12}:server-certificate\/[\w+=,.@/-]+)$/;
/** HTTP codes an ALB health check may expect: 200 to 499. */
const MATCHER = /^[2-4]\d\d(-[2-4]\d\d)?(,[2-4]\d\d(-[2-4]\d\d)?)*$/;
const ALB_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

const HEALTH_CHECK_SHAPE: ShapeOf<HealthCheckOptions> = {
  path: string({ pattern: /^\//, what: "a path starting with /", maxLength: 1024, limit: "AWS's limit for health check paths" }),
  matcher: string({ pattern: MATCHER, what: 'HTTP codes from 200 to 499, such as "200", "200-299" or "200,302"' }),
  intervalSeconds: integer({ min: 5, max: 300, unit: "seconds" }),
  timeoutSeconds: integer({ min: 2, max: 120, unit: "seconds" }),
  healthyThreshold: integer({ min: 2, max: 10 }),
  unhealthyThreshold: integer({ min: 2, max: 10 }),
};

const ACCESS_LOG_SHAPE: ShapeOf<AccessLogOptions> = {
  bucket: required(s3Bucket()),
  prefix: string({ pattern: /^[^/]([\w!\-.*'()/]*[^/])?$/, what: "an S3 key prefix without leading or trailing slashes" }),
};

/** Each prop's type and own limits, next to its documentation and default above. */
export const LOAD_BALANCER_SHAPE: ShapeOf<LoadBalancerProps> = {
  name: required(
    string({
      pattern: ALB_NAME,
      what: "letters, digits and hyphens, not starting or ending with a hyphen",
      maxLength: 32,
      limit: "AWS's limit for load balancer names",
      refine: (n) => (n.startsWith("internal-") ? 'must not start with "internal-" (reserved by AWS)' : undefined),
    }),
  ),
  vpcId: required(string({ pattern: /^vpc-[0-9a-f]{8,17}$/, what: "a VPC id (vpc-…)" })),
  vpcCidr: required(cidrBlock()),
  subnetIds: required(list(string({ pattern: /^subnet-[0-9a-f]{8,17}$/, what: "a subnet id (subnet-…)" }), { minItems: 2, noun: ["subnet", "subnets"], why: "an ALB requires two availability zones", unique: true })),
  internal: boolean(),
  ingressCidrs: cidrBlocks({ minItems: 1, why: "nothing else reaches the load balancer" }),
  targetPort: port(),
  httpPort: port(),
  httpsPort: port(),
  certificateArn: string({ pattern: CERTIFICATE_ARN, what: "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)" }),
  sslPolicy: string({ pattern: /^ELBSecurityPolicy-[A-Za-z0-9-]+$/, what: "an ELB security policy name such as ELBSecurityPolicy-TLS13-1-2-2021-06" }),
  healthCheck: object(HEALTH_CHECK_SHAPE),
  deregistrationDelaySeconds: integer({ min: 0, max: 3600, unit: "seconds" }),
  targetGroupNamePrefix: string({ pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{0,5}$/, what: "1 to 6 letters, digits or hyphens, not starting with a hyphen (AWS's name_prefix rules)" }),
  deletionProtection: boolean(),
  idleTimeoutSeconds: integer({ min: 1, max: 4000, unit: "seconds" }),
  accessLogs: object(ACCESS_LOG_SHAPE),
  tags: tags(),
};
