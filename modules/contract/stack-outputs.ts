import { TerraformOutput, type TerraformStack } from "cdktf";
import { WEB_TIER_OUTPUTS, webTierOutputNames, type WebTierOutputs } from "./outputs";

/**
 * One stack output per contract field, named exactly as the contract says, with its
 * description: what `terraform_remote_state` and {@link readWebTierOutputs} read back. A tier
 * without messaging publishes no messaging output.
 */
export function publishWebTierOutputs(stack: TerraformStack, values: WebTierOutputs): void {
  for (const name of webTierOutputNames(values)) {
    // Created on the stack itself, so the output's name is the id, not a construct path.
    new TerraformOutput(stack, name, { value: values[name], description: WEB_TIER_OUTPUTS[name].description });
  }
}
