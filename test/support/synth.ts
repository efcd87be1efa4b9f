import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";

/** Synthesized Terraform JSON, as parsed from `Testing.synth`. */
export interface SynthesizedJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown[]>;
}

/** A bare stack with an AWS provider in `region`, for building one module in a unit test. */
export function testStack(region = "us-east-1"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region });
  return stack;
}

/** The stack's Terraform JSON, both as text (for cdktf's matchers) and parsed. */
export function synth(stack: TerraformStack): { text: string; json: SynthesizedJson } {
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) as SynthesizedJson };
}

/** Every resource of one type, by logical name. */
export function resourcesOf(
  json: SynthesizedJson,
  type: { readonly tfResourceType: string },
): Record<string, Record<string, unknown>> {
  return json.resource?.[type.tfResourceType] ?? {};
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResource(json: SynthesizedJson, type: { readonly tfResourceType: string }): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type.tfResourceType}, found ${all.length}`);
  return all[0] as Record<string, unknown>;
}

/** `${aws_vpc.network_vpc_1234.id}`-style reference to a resource by logical name. */
export function ref(type: { readonly tfResourceType: string }, name: string, attribute: string): string {
  return `\${${type.tfResourceType}.${name}.${attribute}}`;
}
