import type { LbTargetGroupHealthCheck } from "@cdktf/provider-aws/lib/lb-target-group";
import { integer, string, type ShapeOf } from "../core/shape";

/** How the load balancer tells a healthy target: the default target group's and every other's. */
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

/** HTTP codes an ALB health check may expect: 200 to 499. */
const MATCHER = /^[2-4]\d\d(-[2-4]\d\d)?(,[2-4]\d\d(-[2-4]\d\d)?)*$/;

/** The health check's fields and their limits. */
export const HEALTH_CHECK_SHAPE: ShapeOf<HealthCheckOptions> = {
  path: string({ pattern: /^\//, what: "a path starting with /", maxLength: 1024, limit: "AWS's limit for health check paths" }),
  matcher: string({ pattern: MATCHER, what: 'HTTP codes from 200 to 499, such as "200", "200-299" or "200,302"' }),
  intervalSeconds: integer({ min: 5, max: 300, unit: "seconds" }),
  timeoutSeconds: integer({ min: 2, max: 120, unit: "seconds" }),
  healthyThreshold: integer({ min: 2, max: 10 }),
  unhealthyThreshold: integer({ min: 2, max: 10 }),
};

/** AWS's health check block of a target group, from the options with their defaults filled in. */
export function healthCheckBlock(check: Required<HealthCheckOptions>, protocol: string): LbTargetGroupHealthCheck {
  return {
    enabled: true,
    protocol,
    port: "traffic-port",
    path: check.path,
    matcher: check.matcher,
    interval: check.intervalSeconds,
    timeout: check.timeoutSeconds,
    healthyThreshold: check.healthyThreshold,
    unhealthyThreshold: check.unhealthyThreshold,
  };
}
