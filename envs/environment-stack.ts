import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { publishWebTierOutputs, useBackend } from "../modules/contract";
import { assertValid } from "../modules/core/validation";
import { WebTier } from "../modules/web-tier";
import { stateBackend } from "./backend";
import { webTierProps, type EnvironmentConfig } from "./config";
import { environmentProvider } from "./provider";
import { validateEnvironment } from "./validate";
import { pinVersions } from "./versions";

/** The AWS provider release `@cdktf/provider-aws@20.1.0` was generated from; pinned exactly. */
export const AWS_PROVIDER_VERSION = "5.100.0";
/** Oldest Terraform with the S3 backend's native lock file (`use_lockfile`). */
export const TERRAFORM_REQUIRED_VERSION = ">= 1.10";

/**
 * One environment as a Terraform stack: the provider, the backend, one {@link WebTier} and its
 * outputs as the stack's. It creates no resource of its own; the tier's modules do.
 */
export class EnvironmentStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly webTier: WebTier;

  constructor(scope: Construct, config: EnvironmentConfig) {
    // Validated before the stack exists (unless already, where the config entered), so a bad
    // config leaves nothing half-built in the app.
    assertValid(`Environment ${JSON.stringify(config.name)}`, config, validateEnvironment);
    super(scope, config.name);
    this.config = config;

    environmentProvider(this, config);
    pinVersions(this, { terraform: TERRAFORM_REQUIRED_VERSION, aws: AWS_PROVIDER_VERSION });
    useBackend(this, stateBackend(config));

    // "Default" is left out of logical ids, so resources keep the addresses they had before the
    // tier had a construct of its own. Its props come from the config validated above.
    this.webTier = new WebTier(this, "Default", webTierProps(config));
    publishWebTierOutputs(this, this.webTier.outputs);
  }

  /**
   * Whether cdktf should check, at synth, that Terraform >= 1.5 (moved blocks) is installed: it
   * would run `terraform version` for every stack, so that synthesizing needed Terraform. The
   * stack requires Terraform >= 1.10 itself (`required_version`), which Terraform enforces.
   */
  override hasResourceMove(): boolean {
    return false;
  }
}
