import type { ComputeSettings } from "../modules/compute";
import type { LoadBalancerSettings } from "../modules/load-balancer";
import type { MessagingSettings } from "../modules/messaging";
import type { NetworkSettings } from "../modules/network";
import type { AlarmTopicSettings, ScalingSettings } from "../modules/scaling";
import type { BackendSettings } from "./backend";

/**
 * The shape of one environment's configuration: plain data, no constructs, no tokens.
 * `dev.ts`, `stage.ts` and `prod.ts` each export one; `validate.ts` checks it before any
 * construct is built, and `environment-stack.ts` turns it into a Terraform stack. Each module
 * section has the shape of that module's props, so a problem's path (`prod.network.cidr`)
 * names the field in this file and in the module's documentation alike.
 */
export interface EnvironmentConfig {
  /** Environment name: the stack's name, the `Environment` tag and part of every resource name. */
  readonly name: string;
  /** Project name: the `Project` tag and the first part of every resource name. */
  readonly project: string;
  /** AWS region the environment deploys to, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * A production environment refuses to turn security defaults off and protects its stateful
   * resources (deletion protection, `prevent_destroy`).
   * @default false
   */
  readonly production?: boolean;
  /**
   * Tags added to every resource through the provider's default tags.
   * @default - only Project, Environment and ManagedBy
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Where the state lives: `local`, `s3` or `hcp`; values left out come from WEBTIER_*
   * environment variables (see envs/backend.ts).
   * @default - WEBTIER_BACKEND, else a local state file at the project root
   */
  readonly backend?: BackendSettings;
  /** The VPC: CIDR, availability zones (listed, so no data source is read), NAT strategy, flow logs. */
  readonly network: NetworkSettings;
  /** The Application Load Balancer: ports, health check, certificate, deletion protection. */
  readonly loadBalancer: LoadBalancerSettings;
  /** The instances: `ec2` mode with a count, or `asg` mode with min, max and desired sizes. */
  readonly compute: ComputeSettings;
  /** The encrypted topic every alarm notifies, and who is emailed from it. */
  readonly alarmTopic: AlarmTopicSettings;
  /** The SNS topic fanned out to SQS queues (names are prefixed with `<project>-<env>-`). */
  readonly messaging: MessagingSettings;
  /** Target tracking and/or step scaling (asg mode), operational alarms and the dashboard. */
  readonly scaling: ScalingSettings;
}

/** `webtier-prod`: the prefix of every resource name in an environment. */
export function resourcePrefix(config: Pick<EnvironmentConfig, "project" | "name">): string {
  return `${config.project}-${config.name}`;
}
