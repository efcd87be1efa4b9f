/** The parts of `terraform show -json <plan>` this project reads. */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, Change>>;
  readonly planned_values?: { readonly outputs?: Readonly<Record<string, { readonly value?: unknown; readonly sensitive: boolean }>> };
  readonly configuration?: unknown;
  /** The state the plan was made against (what is deployed), when there was one. */
  readonly prior_state?: { readonly values?: { readonly root_module?: StateModule } };
  /** Changes made outside Terraform that a refreshing plan found. */
  readonly resource_drift?: readonly ResourceChange[];
  /** The attributes of drifted resources that the planned changes depend on (Terraform shows only those). */
  readonly relevant_attributes?: readonly { readonly resource: string; readonly attribute: readonly (string | number)[] }[];
}

/** A module of a state as `terraform show -json` writes it. */
export interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

export interface StateResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly change: Change & { readonly replace_paths?: readonly (readonly (string | number)[])[] };
  readonly action_reason?: string;
}

export interface Change {
  readonly actions: readonly ("no-op" | "create" | "read" | "update" | "delete" | "forget")[];
  readonly before: unknown;
  readonly after: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
}
