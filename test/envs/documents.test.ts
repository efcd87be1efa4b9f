import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments, type EnvironmentConfig } from "../../envs";
import { FIXTURE_ENVIRONMENTS } from "../support/environment-fixture";
import { readJsonDocument } from "../support/json-document";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Every JSON document a stack's resources hold (policies, redrive policies, dashboard bodies), parsed, by `type.name.attribute`. */
function documentsOf(config: EnvironmentConfig): Record<string, unknown> {
  const { resource } = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config))) as { resource: Resources };
  const documents: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries(resource)) {
    for (const [name, attributes] of Object.entries(byName)) {
      for (const [attribute, value] of Object.entries(attributes)) {
        if (typeof value === "string" && /^(\{|\[\{|\$\{jsonencode\()/.test(value)) documents[`${type}.${name}.${attribute}`] = readJsonDocument(value);
      }
    }
  }
  return documents;
}

/** JSON with every object's keys sorted: equal text means equal documents. */
function canonical(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)])) : v;
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

type Statement = Record<string, unknown>;
const has = (s: Statement, ...keys: string[]) => keys.some((k) => k in s);

/** What is wrong with one document, by its kind (an IAM-style policy, a dashboard, a redrive policy, a web ACL's rules): none for a valid one. */
function problemsOf(address: string, document: unknown): string[] {
  const attribute = address.split(".").pop()!;
  const problems: string[] = [];
  const strings = JSON.stringify(document).match(/TfToken|\bundefined\b|\[object Object\]/g);
  if (strings) problems.push(`holds ${strings.join(", ")}: a value was not resolved`);
  if (attribute === "policy" || attribute === "assume_role_policy") {
    const policy = document as { Version?: unknown; Statement?: Statement[] };
    if (policy.Version !== "2012-10-17") problems.push(`Version ${JSON.stringify(policy.Version)}`);
    if (!Array.isArray(policy.Statement) || policy.Statement.length === 0) return [...problems, "no Statement"];
    const sids = policy.Statement.map((s) => s.Sid).filter((sid) => sid !== undefined);
    if (new Set(sids).size !== sids.length) problems.push("repeats a Sid");
    for (const [i, s] of policy.Statement.entries()) {
      if (s.Effect !== "Allow" && s.Effect !== "Deny") problems.push(`Statement[${i}].Effect ${JSON.stringify(s.Effect)}`);
      if (!has(s, "Action", "NotAction")) problems.push(`Statement[${i}] has no Action`);
      // A trust policy names who may assume the role; every other policy names what it governs.
      if (attribute === "assume_role_policy" ? !has(s, "Principal") : !has(s, "Resource", "NotResource")) problems.push(`Statement[${i}] has no ${attribute === "assume_role_policy" ? "Principal" : "Resource"}`);
    }
  } else if (attribute === "dashboard_body") {
    const widgets = (document as { widgets?: { type?: unknown; properties?: unknown }[] }).widgets;
    if (!Array.isArray(widgets) || widgets.length === 0) problems.push("no widgets");
    else for (const [i, w] of widgets.entries()) if (typeof w.type !== "string" || typeof w.properties !== "object") problems.push(`widgets[${i}] lacks a type or properties`);
  } else if (attribute === "redrive_policy") {
    const redrive = document as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    if (typeof redrive.deadLetterTargetArn !== "string" || !Number.isInteger(redrive.maxReceiveCount) || (redrive.maxReceiveCount as number) < 1) problems.push("needs a deadLetterTargetArn and a maxReceiveCount of at least 1");
  } else if (attribute === "redrive_allow_policy") {
    const allow = document as { redrivePermission?: unknown; sourceQueueArns?: unknown };
    if (allow.redrivePermission === "byQueue" && (!Array.isArray(allow.sourceQueueArns) || allow.sourceQueueArns.length === 0)) problems.push("byQueue without sourceQueueArns");
  } else if (attribute === "rule_json") {
    if (!Array.isArray(document) || document.some((r: { Name?: unknown; Priority?: unknown }) => typeof r.Name !== "string" || !Number.isInteger(r.Priority))) problems.push("a rule without a Name or Priority");
  } else {
    problems.push("a document of a kind this test does not know: teach problemsOf to judge it");
  }
  return problems.map((p) => `${address}: ${p}`);
}

describe("JSON documents in the stacks", () => {
  /**
   * The tests' own environments' documents, parsed, against documents/<name>.json: JSON synth
   * writes them as JSON strings, HCL synth as `jsonencode` (see readJsonDocument); either form
   * must read as the committed document. A change meant to alter a policy updates the file:
   * `npx vitest run -u test/envs/documents.test.ts`.
   */
  it.each(FIXTURE_ENVIRONMENTS.map((e) => [e.name, e] as const))("%s's policies, redrive policies and dashboard read as committed", async (name, config) => {
    const documents = documentsOf(config);
    expect(Object.keys(documents).length).toBeGreaterThan(5);
    await expect(canonical(documents)).toMatchFileSnapshot(`./documents/${name}.json`);
  });

  /** The example environments change as people edit them: every document they hold must be valid, whatever it says. */
  it.each([...environments, ...FIXTURE_ENVIRONMENTS].map((e) => [e.name, e] as const))("every document of %s is a valid one of its kind", (_name, config) => {
    const documents = documentsOf(config);
    expect(Object.keys(documents).length).toBeGreaterThan(5);
    expect(Object.entries(documents).flatMap(([address, document]) => problemsOf(address, document))).toEqual([]);
  });

  it("finds what is wrong with a document", () => {
    expect(problemsOf("aws_sqs_queue_policy.q.policy", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage" }] })).toEqual([
      "aws_sqs_queue_policy.q.policy: Statement[0] has no Resource",
    ]);
    expect(problemsOf("aws_iam_role.r.assume_role_policy", { Version: "2012-10-17", Statement: [{ Effect: "allow", Action: "sts:AssumeRole" }] })).toEqual([
      'aws_iam_role.r.assume_role_policy: Statement[0].Effect "allow"',
      "aws_iam_role.r.assume_role_policy: Statement[0] has no Principal",
    ]);
    expect(problemsOf("aws_cloudwatch_dashboard.d.dashboard_body", { widgets: [] })).toEqual(["aws_cloudwatch_dashboard.d.dashboard_body: no widgets"]);
    expect(problemsOf("aws_sqs_queue.q.redrive_policy", { deadLetterTargetArn: "${TfToken[TOKEN.1]}", maxReceiveCount: 0 })).toHaveLength(2);
  });
});
