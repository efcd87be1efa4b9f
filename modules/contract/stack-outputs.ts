import { TerraformOutput, type TerraformStack } from "cdktf";
import { WEB_TIER_OUTPUTS, type WebTierOutputName, type WebTierOutputs } from "./outputs";

/**
 * One stack output per contract field, named exactly as the contract says, with its
 * description: what `terraform_remote_state` and {@link readWebTierOutputs} read back.
 */
export function publishWebTierOutputs(stack: TerraformStack, values: WebTierOutputs): void {
  for (const name of Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]) {
    // Created on the stack itself, so the output's name is the id, not a construct path.
    new TerraformOutput(stack, name, { value: values[name], description: WEB_TIER_OUTPUTS[name].description });
  }
}
