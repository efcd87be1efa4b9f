import { randomUUID } from "node:crypto";
import type { PlanJson } from "./terraform";

interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version: number;
  readonly values: Record<string, unknown>;
}

/** The AWS provider's default tags, as the plan's configuration records them. */
function defaultTags(plan: PlanJson): Record<string, string> {
  const config = plan.configuration as
    | { provider_config?: Record<string, { expressions?: { default_tags?: { tags?: { constant_value?: Record<string, string> } }[] } }> }
    | undefined;
  return config?.provider_config?.aws?.expressions?.default_tags?.[0]?.tags?.constant_value ?? {};
}

/** Stand-ins for values only AWS would know, shaped so that expressions over them still evaluate. */
function placeholder(key: string, address: string, values: Record<string, unknown>, tags: Record<string, string>): unknown {
  // What the provider itself would compute: its default tags under the resource's own.
  if (key === "tags_all") return { ...tags, ...(values.tags as Record<string, string> | null) };
  if (key === "id") return `placeholder-${address}`;
  if (key === "arn" || key.endsWith("_arn")) return `arn:aws:placeholder:us-east-1:123456789012:${address}`;
  if (key === "url") return `https://placeholder.invalid/${address}`;
  return null;
}

function fillUnknown(values: Record<string, unknown>, unknown: unknown, address: string, tags: Record<string, string>): Record<string, unknown> {
  const filled = { ...values };
  if (typeof unknown !== "object" || unknown === null) return filled;
  for (const [key, flag] of Object.entries(unknown as Record<string, unknown>)) {
    if (flag === true) filled[key] = placeholder(key, address, values, tags);
  }
  return filled;
}

/**
 * A Terraform state (format 4) holding every resource a plan would create, as if it had been
 * applied: planned values, with what only AWS knows (ids, ARNs, URLs) filled with placeholders.
 * Planning a changed configuration against it (with -refresh=false) shows the updates,
 * replacements, moves and destroys that change would cause, without an AWS account.
 */
export function stateFromPlan(plan: PlanJson): string {
  const planned = ((plan as { planned_values?: { root_module?: { resources?: PlannedResource[] } } }).planned_values?.root_module?.resources ?? []).filter(
    (r) => r.mode === "managed",
  );
  const tags = defaultTags(plan);
  const unknownByAddress = new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc.change.after_unknown]));
  return JSON.stringify(
    {
      version: 4,
      terraform_version: plan.terraform_version,
      serial: 1,
      lineage: randomUUID(),
      outputs: {},
      resources: planned.map((r) => ({
        mode: "managed",
        type: r.type,
        name: r.name,
        provider: `provider["${r.provider_name}"]`,
        instances: [{ schema_version: r.schema_version, attributes: fillUnknown(r.values, unknownByAddress.get(r.address), r.address, tags) }],
      })),
    },
    null,
    2,
  );
}
