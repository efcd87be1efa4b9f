import type { TerraformStack } from "cdktf";

/** The versions a stack requires: Terraform's own and the AWS provider's. */
export interface RequiredVersions {
  /** A Terraform version constraint, e.g. `>= 1.10`. */
  readonly terraform: string;
  /** The hashicorp/aws provider version, e.g. `5.100.0`. */
  readonly aws: string;
}

/**
 * Pins Terraform and the AWS provider in `stack`'s `terraform` block, for JSON and HCL synth
 * alike. cdktf 0.21 writes any `terraform` block setting but providers, backend and cloud into
 * HCL as `0 = "required_version"` (its name, under its index), which Terraform rejects; the
 * stack's HCL gets the setting itself instead.
 */
export function pinVersions(stack: TerraformStack, versions: RequiredVersions): void {
  stack.addOverride("terraform.required_providers.aws.version", versions.aws);
  stack.addOverride("terraform.required_version", versions.terraform);
  const renderHcl = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const rendered = renderHcl();
    return {
      ...rendered,
      hcl: String(rendered.hcl).replace(/^\s*0 = "required_version"$/m, `required_version = ${JSON.stringify(versions.terraform)}`),
    };
  };
}
