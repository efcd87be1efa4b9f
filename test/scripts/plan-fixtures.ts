import type { PlanJson, ResourceChange, StateResource } from "../../scripts/lib/terraform";

/** A hand-written plan: resource changes, and what the prior state held. */
export function planOf(
  changes: readonly ResourceChange[],
  deployed: readonly StateResource[] = [],
  outputs: PlanJson["output_changes"] = {},
): PlanJson {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: changes,
    output_changes: outputs,
    prior_state: { values: { root_module: { resources: deployed } } },
  };
}

/** One resource change of `type.name`. */
export function change(
  address: string,
  actions: ResourceChange["change"]["actions"],
  before: unknown = {},
  after: unknown = {},
): ResourceChange {
  const [type, name] = address.split(".") as [string, string];
  return { address, mode: "managed", type, name, change: { actions, before, after } };
}

/** One resource of the prior state. */
export function deployedResource(address: string, values: Readonly<Record<string, unknown>> = {}): StateResource {
  const [type, name] = address.split(".") as [string, string];
  return { address, mode: "managed", type, name, values };
}
