import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Fn, Lazy, TerraformStack, Token } from "cdktf";
import type { IConstruct } from "constructs";

/** The stack's AWS provider without an alias, if any. */
function defaultProvider(scope: IConstruct): AwsProvider | undefined {
  return TerraformStack.of(scope)
    .node.children.filter((c): c is AwsProvider => c instanceof AwsProvider)
    .find((p) => p.alias === undefined);
}

/**
 * The region of the stack's default AWS provider when it is a literal, else undefined.
 * Modules use it to judge availability zones at synth time; they never read a data source.
 */
export function providerRegion(scope: IConstruct): string | undefined {
  const region = defaultProvider(scope)?.region;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * The default tags of the stack's default AWS provider when they are literal, else none. The
 * provider applies them to every resource it creates, but not to instances and volumes an Auto
 * Scaling Group launches: launch templates copy them.
 */
export function providerDefaultTags(scope: IConstruct): Readonly<Record<string, string>> {
  const blocks = defaultProvider(scope)?.defaultTags;
  const tags: Record<string, string> = {};
  if (!Array.isArray(blocks)) return tags;
  for (const { tags: block } of blocks as { tags?: Record<string, string> }[]) {
    if (block && !Token.isUnresolved(block)) Object.assign(tags, block);
  }
  return tags;
}

/**
 * A part of an ARN as a Terraform expression: `arnPart(vpc.arn, "account")`. Lets a stack use
 * its account id and region without the `aws_caller_identity` data source, which needs AWS.
 */
export function arnPart(arn: string, part: "partition" | "region" | "account"): string {
  const index = { partition: 1, region: 3, account: 4 }[part];
  return Fn.element(Fn.split(":", arn), index);
}

/** A number for a string attribute of the provider: a literal as its digits, a token as a string token. */
export function numberText(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}

/** One statement of an IAM policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | "*";
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * An IAM policy document (see {@link jsonDocument}). References to other resources stay in it as
 * expressions, so the document reads like the policy it is.
 */
export function policyDocument(...statements: readonly PolicyStatement[]): string {
  return jsonDocument({ Version: "2012-10-17", Statement: statements });
}

/**
 * A JSON document holding references (a policy, a dashboard body): in JSON output a JSON string
 * with the references interpolated; in HCL output (`cdktf synth --hcl`), whose renderer mangles
 * such strings, Terraform's `jsonencode` of it. Both are the same document to Terraform; the
 * string is the cheaper to synthesize (jsonencode resolves every value of the document anew).
 */
export function jsonDocument(document: unknown): string {
  return Lazy.stringValue({
    produce: (context) => (App.of(context.scope).hclOutput ? Fn.jsonencode(document) : JSON.stringify(document)),
  });
}
