/**
 * The part of `terraform providers schema -json` this project reads: resource schemas by
 * provider, with each attribute's type. A type of its own so the Terraform runner and the
 * simulated deploy (a test helper) share it without importing each other.
 */

/** A cty type as `terraform providers schema -json` writes it. */
export type CtyType = string | readonly [string, unknown];

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: CtyType }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** Resource schemas by provider (`registry.terraform.io/hashicorp/aws`). */
export interface ProviderSchemas {
  readonly provider_schemas: Readonly<
    Record<string, { readonly resource_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>> }>
  >;
}
