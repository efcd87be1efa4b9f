import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments, type EnvironmentConfig } from "../../envs";
import { FIXTURE_ENVIRONMENTS } from "../support/environment-fixture";
import { readJsonDocument } from "../support/json-document";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const resourcesOf = (config: EnvironmentConfig): Resources =>
  (JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config))) as { resource: Resources }).resource;

/** Every JSON document a stack's resources hold (policies, redrive policies, dashboard bodies), parsed, by `type.name.attribute`. */
function documentsOf(config: EnvironmentConfig): Record<string, unknown> {
  const resource = resourcesOf(config);
  const documents: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries(resource)) {
    for (const [name, attributes] of Object.entries(byName)) {
      for (const [attribute, value] of Object.entries(attributes)) {
        if (typeof value === "string" && /^(\{|\[\{|\$\{jsonencode\()/.test(value))
          documents[`${type}.${name}.${attribute}`] = readJsonDocument(value);
      }
    }
  }
  return documents;
}

/** Who may do what: the attributes holding access policies, the only documents pinned to files. */
const POLICY_ATTRIBUTES = new Set(["policy", "assume_role_policy"]);

/** The access policies (IAM, KMS key, topic, queue and bucket policies, trust policies) among a stack's documents. */
function policiesOf(config: EnvironmentConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(documentsOf(config)).filter(([address]) => POLICY_ATTRIBUTES.has(address.split(".").pop()!)));
}

type Metric = readonly unknown[];

/**
 * What each widget of the stack's dashboard graphs, by title: each metric as
 * `namespace name dimension=value…` (and its statistic, where the metric sets its own), sorted.
 * Where and how large a widget is drawn is left out: moving a widget changes nothing here.
 */
function dashboardMetrics(resource: Resources): Record<string, string[]> {
  const dashboards = Object.values(resource.aws_cloudwatch_dashboard ?? {});
  expect(dashboards).toHaveLength(1);
  const body = readJsonDocument(dashboards[0]!.dashboard_body) as { widgets: { properties: { title: string; metrics: Metric[] } }[] };
  return Object.fromEntries(body.widgets.map((w) => [w.properties.title, w.properties.metrics.map(describeMetric).sort()]));
}

function describeMetric(metric: Metric): string {
  const options = metric.find((part): part is { stat?: string } => typeof part === "object" && part !== null);
  const [namespace, name, ...dimensions] = metric.filter((part) => typeof part === "string");
  const pairs = Array.from({ length: dimensions.length / 2 }, (_, i) => `${dimensions[2 * i]}=${dimensions[2 * i + 1]}`);
  return [namespace, name, ...pairs, ...(options?.stat ? [`stat=${options.stat}`] : [])].join(" ");
}

/** `${type.name.attribute}` of every resource of `type` in the stack, as a dashboard names it. */
function references(resource: Resources, type: string, attribute: string): string[] {
  return Object.keys(resource[type] ?? {}).map((name) => `\${${type}.${name}.${attribute}}`);
}

/**
 * What the dashboard must graph, from the stack's own resources: CPU of the group (asg) or of
 * every instance (ec2), the load balancer's requests, 5XX and latency, the target group's hosts,
 * the group's size (asg), and the depth of every queue in the stack, dead-letter queues included.
 */
function expectedDashboardMetrics(config: EnvironmentConfig, resource: Resources): Record<string, string[]> {
  const [lb] = references(resource, "aws_lb", "arn_suffix");
  const [tg] = references(resource, "aws_lb_target_group", "arn_suffix");
  const asg = config.compute.mode === "asg";
  const groups = references(resource, "aws_autoscaling_group", "name");
  const queues = references(resource, "aws_sqs_queue", "name");
  const metrics: Record<string, string[]> = {
    "CPU utilization (%)": asg
      ? groups.map((g) => `AWS/EC2 CPUUtilization AutoScalingGroupName=${g}`)
      : references(resource, "aws_instance", "id").map((id) => `AWS/EC2 CPUUtilization InstanceId=${id}`),
    Requests: [`AWS/ApplicationELB RequestCount LoadBalancer=${lb}`],
    "5XX responses": [
      `AWS/ApplicationELB HTTPCode_ELB_5XX_Count LoadBalancer=${lb}`,
      `AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer=${lb}`,
    ],
    "Healthy and unhealthy hosts": [
      `AWS/ApplicationELB HealthyHostCount TargetGroup=${tg} LoadBalancer=${lb}`,
      `AWS/ApplicationELB UnHealthyHostCount TargetGroup=${tg} LoadBalancer=${lb}`,
    ],
    "Target response time (s)": ["p50", "p90", "p99"].map((p) => `AWS/ApplicationELB TargetResponseTime LoadBalancer=${lb} stat=${p}`),
  };
  if (asg) {
    metrics["Group size"] = [
      "GroupDesiredCapacity",
      "GroupInServiceInstances",
      "GroupPendingInstances",
      "GroupTerminatingInstances",
    ].flatMap((m) => groups.map((g) => `AWS/AutoScaling ${m} AutoScalingGroupName=${g}`));
  }
  if (queues.length > 0)
    metrics["Queue depth (visible messages)"] = queues.map((q) => `AWS/SQS ApproximateNumberOfMessagesVisible QueueName=${q}`);
  return Object.fromEntries(Object.entries(metrics).map(([title, list]) => [title, [...list].sort()]));
}

/** JSON with every object's keys sorted: equal text means equal documents. */
function canonical(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sortKeys(x)]),
          )
        : v;
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
      if (attribute === "assume_role_policy" ? !has(s, "Principal") : !has(s, "Resource", "NotResource"))
        problems.push(`Statement[${i}] has no ${attribute === "assume_role_policy" ? "Principal" : "Resource"}`);
    }
  } else if (attribute === "dashboard_body") {
    const widgets = (document as { widgets?: { type?: unknown; properties?: unknown }[] }).widgets;
    if (!Array.isArray(widgets) || widgets.length === 0) problems.push("no widgets");
    else
      for (const [i, w] of widgets.entries())
        if (typeof w.type !== "string" || typeof w.properties !== "object") problems.push(`widgets[${i}] lacks a type or properties`);
  } else if (attribute === "redrive_policy") {
    const redrive = document as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    if (
      typeof redrive.deadLetterTargetArn !== "string" ||
      !Number.isInteger(redrive.maxReceiveCount) ||
      (redrive.maxReceiveCount as number) < 1
    )
      problems.push("needs a deadLetterTargetArn and a maxReceiveCount of at least 1");
  } else if (attribute === "redrive_allow_policy") {
    const allow = document as { redrivePermission?: unknown; sourceQueueArns?: unknown };
    if (allow.redrivePermission === "byQueue" && (!Array.isArray(allow.sourceQueueArns) || allow.sourceQueueArns.length === 0))
      problems.push("byQueue without sourceQueueArns");
  } else if (attribute === "rule_json") {
    if (
      !Array.isArray(document) ||
      document.some((r: { Name?: unknown; Priority?: unknown }) => typeof r.Name !== "string" || !Number.isInteger(r.Priority))
    )
      problems.push("a rule without a Name or Priority");
  } else {
    problems.push("a document of a kind this test does not know: teach problemsOf to judge it");
  }
  return problems.map((p) => `${address}: ${p}`);
}

describe("JSON documents in the stacks", () => {
  /**
   * The tests' own environments' access policies, parsed, against documents/<name>.json: JSON
   * synth writes them as JSON strings, HCL synth as `jsonencode` (see readJsonDocument); either
   * form must read as the committed document. A change meant to alter a policy updates the file:
   * `npx vitest run -u test/envs/documents.test.ts`.
   */
  it.each(FIXTURE_ENVIRONMENTS.map((e) => [e.name, e] as const))("%s's policies read as committed", async (name, config) => {
    await expect(canonical(policiesOf(config))).toMatchFileSnapshot(`./documents/${name}.json`);
  });

  it.each([...environments, ...FIXTURE_ENVIRONMENTS].map((e) => [e.name, e] as const))(
    "%s's dashboard graphs the metrics of its resources, each under its title",
    (_name, config) => {
      const resource = resourcesOf(config);
      expect(dashboardMetrics(resource)).toEqual(expectedDashboardMetrics(config, resource));
    },
  );

  /** The example environments change as people edit them: every document they hold must be valid, whatever it says. */
  it.each([...environments, ...FIXTURE_ENVIRONMENTS].map((e) => [e.name, e] as const))(
    "every document of %s is a valid one of its kind",
    (_name, config) => {
      const documents = documentsOf(config);
      expect(Object.entries(documents).flatMap(([address, document]) => problemsOf(address, document))).toEqual([]);
    },
  );

  it("finds what is wrong with a document", () => {
    expect(
      problemsOf("aws_sqs_queue_policy.q.policy", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage" }] }),
    ).toEqual(["aws_sqs_queue_policy.q.policy: Statement[0] has no Resource"]);
    expect(
      problemsOf("aws_iam_role.r.assume_role_policy", {
        Version: "2012-10-17",
        Statement: [{ Effect: "allow", Action: "sts:AssumeRole" }],
      }),
    ).toEqual([
      'aws_iam_role.r.assume_role_policy: Statement[0].Effect "allow"',
      "aws_iam_role.r.assume_role_policy: Statement[0] has no Principal",
    ]);
    expect(problemsOf("aws_cloudwatch_dashboard.d.dashboard_body", { widgets: [] })).toEqual([
      "aws_cloudwatch_dashboard.d.dashboard_body: no widgets",
    ]);
    expect(problemsOf("aws_sqs_queue.q.redrive_policy", { deadLetterTargetArn: "${TfToken[TOKEN.1]}", maxReceiveCount: 0 })).toHaveLength(
      2,
    );
  });
});
