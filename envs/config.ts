/**
 * The shape of one environment's configuration: plain data, no constructs, no tokens.
 * `dev.ts`, `stage.ts` and `prod.ts` each export one; `validate.ts` checks it before any
 * construct is built, and `environment-stack.ts` turns it into a Terraform stack.
 */
export interface EnvironmentConfig {
  /** Environment name: the stack's name, the `Environment` tag and part of every resource name. */
  readonly name: string;
  /** Project name: the `Project` tag and the first part of every resource name. */
  readonly project: string;
  /** AWS region the environment deploys to, e.g. `us-east-1`. */
  readonly region: string;
  /** Availability zones to spread across, in the region; listed explicitly so no data source is read. */
  readonly availabilityZones: readonly string[];
  /**
   * Tags added to every resource through the provider's default tags.
   * @default - only Project, Environment and ManagedBy
   */
  readonly tags?: Readonly<Record<string, string>>;
}
