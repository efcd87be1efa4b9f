import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing, TerraformStack } from "cdktf";
import { ValidationError } from "../../modules/core/validation";
import { readJsonDocument } from "./json-document";

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
export function resourcesOf(json: SynthesizedJson, type: { readonly tfResourceType: string }): Record<string, Record<string, unknown>> {
  return json.resource?.[type.tfResourceType] ?? {};
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResource(json: SynthesizedJson, type: { readonly tfResourceType: string }): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type.tfResourceType}, found ${all.length}`);
  return all[0] as Record<string, unknown>;
}

/**
 * Parses a policy document (or any JSON document) as synthesized: a JSON string holding
 * Terraform interpolations, or `jsonencode` of an object. An interpolation such as
 * `${element(split(":", aws_vpc.x.arn), 4)}` or a bare reference is kept verbatim as a
 * `${…}` string value; Terraform evaluates it before the JSON is used.
 */
export function parseJsonTemplate(text: unknown): any {
  return readJsonDocument(text);
}

/**
 * What each value of `values` synthesizes to (tokens become `${aws_x.y.id}` expressions), by
 * emitting them as outputs of `stack` — the way a consumer would use them.
 */
export function resolveValues(stack: TerraformStack, values: Readonly<Record<string, unknown>>): Record<string, any> {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) new TerraformOutput(stack, `resolve-${key}`, { value });
  }
  const out = synth(stack).json.output ?? {};
  return Object.fromEntries(Object.keys(values).map((key) => [key, out[`resolve-${key}`]?.value]));
}

/**
 * The validation problems `build` throws, as `path message` lines (empty when it builds).
 * Anything other than a ValidationError is rethrown: a crash is not a validation message.
 */
export function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error.findings.map((f) => `${f.path} ${f.message}`);
    throw error;
  }
  return [];
}

/**
 * Every instance Terraform would plan for resources of a type: a resource with a written-out
 * `for_each = toset([...])` becomes one copy per value, `${each.value}` and `${each.key}` put in.
 */
export function instancesOf(json: SynthesizedJson, type: { readonly tfResourceType: string }): Record<string, unknown>[] {
  return Object.values(resourcesOf(json, type)).flatMap((resource) => {
    const forEach = resource.for_each;
    if (forEach === undefined) return [resource];
    const m = /^\$\{toset\((\[.*\])\)\}$/s.exec(String(forEach));
    if (!m) throw new Error(`for_each is not a written-out set: ${String(forEach)}`);
    const { for_each: _, ...body } = resource;
    return (JSON.parse(m[1]!) as string[]).map(
      (value) =>
        JSON.parse(JSON.stringify(body).replace(/\$\{each\.(value|key)\}/g, value.replace(/["\\]/g, "\\$&"))) as Record<string, unknown>,
    );
  });
}
