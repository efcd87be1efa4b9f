import { describe, expect, it } from "vitest";
import { guard, protectedList } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import { COMMENT_LIMIT, renderMarkdown, renderText } from "../../scripts/lib/render-summary";
import { change, deployedResource, planOf } from "./plan-fixtures";

const many = (n: number, type: string) => Array.from({ length: n }, (_, i) => `${type}.r${String(i).padStart(3, "0")}`);
const dashboard = {
  widgets: Array.from({ length: 40 }, (_, i) => ({
    type: "metric",
    properties: { title: `queue ${i}`, metrics: [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", `q${i}`]] },
  })),
};

/** Every fenced block of a Markdown text, by language tag. */
const fences = (markdown: string, lang: string) =>
  [...markdown.matchAll(new RegExp(`(\`{3,})${lang}\\n([\\s\\S]*?)\\n\\1`, "g"))].map((m) => m[2]!);

describe("complete lists", () => {
  const plan = planOf([
    ...many(120, "aws_iam_role").map((a) => change(a, ["delete"], {}, null)),
    ...many(70, "aws_subnet").map((a) => change(a, ["create"], null, {})),
    change(
      "aws_instance.web",
      ["update"],
      Object.fromEntries(many(12, "a").map((k, i) => [k.replace(".", "_"), i])),
      Object.fromEntries(many(12, "a").map((k, i) => [k.replace(".", "_"), i + 1])),
    ),
  ]);
  const s = summarize("dev", plan);

  it("lists every destroy, creation and changed attribute, with no '…and N more'", () => {
    const markdown = renderMarkdown([s]);
    for (const address of [...s.destroys, ...s.creates]) expect(markdown).toContain(`- \`${address}\``);
    expect(markdown).toContain("**Destroy** (120)");
    expect(markdown).toContain("<details><summary>Create (70)</summary>");
    expect(markdown).toContain("`a_r011` (11 → 12)");
    expect(markdown).not.toMatch(/more\b/);
    expect(renderText([s])).toContain("      a_r011: 11 -> 12");
    expect(renderText([s])).not.toMatch(/more\b/);
  });

  it("keeps the first screen as it was: the table of counts, then the warnings, then each environment", () => {
    const markdown = renderMarkdown([s]);
    expect(
      markdown.startsWith(
        "<!-- webtier-plan-summary -->\n## Terraform plan\n\n| environment | create | update | replace | destroy | move |",
      ),
    ).toBe(true);
    expect(markdown).toContain("| dev | 70 | 1 | 0 | 120 | 0 |");
  });
});

describe("long values", () => {
  const body = (n: number) => JSON.stringify({ ...dashboard, widgets: dashboard.widgets.slice(0, n) });
  const plan = planOf([change("aws_cloudwatch_dashboard.d", ["update"], { dashboard_body: body(39) }, { dashboard_body: body(40) })], [], {
    note: { actions: ["update"], before: "short", after: "x".repeat(200) },
  });
  const s = summarize("dev", plan);

  it("are kept whole in the summary", () => {
    expect(JSON.parse(JSON.parse(s.updates[0]!.changes[0]!.after) as string)).toEqual(dashboard);
  });

  it("appear as a line diff of the pretty-printed JSON in a collapsed block: the changed lines with their context", () => {
    const markdown = renderMarkdown([s]);
    expect(markdown).toContain("- `aws_cloudwatch_dashboard.d`: `dashboard_body` (long values, whole below)");
    expect(markdown).toContain("<details><summary>Changed values (2)</summary>");
    const [widgets, note] = fences(markdown, "diff");
    const added = JSON.stringify(dashboard.widgets[39], null, 2).split("\n");
    const lines = widgets!.split("\n");
    // Every line of the added widget, as an addition; nothing of the 39 unchanged widgets but context.
    expect(lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1).trim())).toEqual(
      expect.arrayContaining(added.map((l) => l.trim())),
    );
    expect(lines.filter((l) => l.startsWith("-"))).toEqual(
      lines.filter((l) => l.startsWith("-")).filter((l) => l.trim() === "-  }" || l.trim() === "-}" || l.trim() === "-]"),
    );
    expect(lines.length).toBeLessThan(added.length + 12);
    expect(JSON.stringify(dashboard, null, 2).split("\n").length).toBeGreaterThan(200);
    expect(note).toBe(`-short\n+${"x".repeat(200)}`);
  });

  it("are fenced so that backticks inside cannot end the block", () => {
    const withTicks = summarize(
      "dev",
      planOf([change("aws_ssm_document.d", ["update"], { content: "```".repeat(30) }, { content: "````".repeat(20) })]),
    );
    const markdown = renderMarkdown([withTicks]);
    expect(markdown).toContain(`${"`".repeat(91)}diff\n-${"```".repeat(30)}\n+${"````".repeat(20)}\n${"`".repeat(91)}`);
  });

  it("are named, not printed, in the terminal", () => {
    expect(renderText([s])).toMatch(
      / {6}dashboard_body: \([\d,]+ characters, whole in summary\.md\) -> \([\d,]+ characters, whole in summary\.md\)/,
    );
  });
});

describe("the raw terraform show text", () => {
  const s = summarize("prod", planOf([change("aws_sqs_queue.q", ["delete"], {}, null)]), { list: protectedList({}) });
  const verdict = guard([s]);
  const show = Array.from({ length: 4000 }, (_, i) => `  # aws_thing.r${i} will be destroyed`).join("\n");

  it("is shown whole, collapsed, when it fits", () => {
    const markdown = renderMarkdown([s], verdict, { showTexts: { prod: "Terraform will perform the following actions:\n" } });
    expect(markdown).toContain(
      "<details><summary>terraform show (prod)</summary>\n\n```\nTerraform will perform the following actions:\n```\n\n</details>",
    );
    expect(markdown).not.toContain("Cut to fit");
  });

  it("alone is cut, at a line, to fit GitHub's comment limit, saying so and where the whole plan is", () => {
    const markdown = renderMarkdown([s], verdict, { showTexts: { prod: show }, artifact: "the plan-prod artifact" });
    expect(show.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdown).toMatch(
      /_Cut to fit GitHub's comment limit: the first [\d,]+ of [\d,]+ characters\. The whole plan is `prod\/show\.txt` in the plan-prod artifact\._/,
    );
    const [kept] = fences(markdown, "");
    expect(show.startsWith(`${kept}\n`)).toBe(true);
    expect(kept!.length).toBeGreaterThan(COMMENT_LIMIT - 3000);
    // The first screen and the lists are whole.
    expect(markdown).toContain("> - prod destroys aws_sqs_queue.q: the messages in the queue are lost");
    expect(markdown).toContain("**Blocked:** prod (protected) would replace 0 and destroy 1 resource(s).");
    expect(markdown).toContain("**Destroy** (1)\n\n- `aws_sqs_queue.q`");
  });

  it("shares the room between environments: a short plan stays whole", () => {
    const dev = summarize("dev", planOf([]));
    const markdown = renderMarkdown([dev, s], verdict, { showTexts: { dev: "No changes.", prod: show } });
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdown).toContain("<details><summary>terraform show (dev)</summary>\n\n```\nNo changes.\n```");
  });
});

describe("the warning section", () => {
  it("counts replacing a NAT gateway, a target group or a launch template as disruptive", () => {
    const s = summarize(
      "stage",
      planOf(["aws_nat_gateway.a", "aws_lb_target_group.tg", "aws_launch_template.lt"].map((a) => change(a, ["delete", "create"]))),
    );
    expect(s.warnings).toEqual([
      "stage replaces aws_nat_gateway.a: private subnets lose their route to the internet until the new gateway is up",
      "stage replaces aws_lb_target_group.tg: the listener forwards to a new, empty group: requests fail until targets register and pass health checks",
      "stage replaces aws_launch_template.lt: its id changes: the instances launched from it are replaced",
    ]);
    expect(renderMarkdown([s])).toContain("> - stage replaces aws_nat_gateway.a: private subnets lose their route");
  });

  it("says why an environment is protected, and that and by what the guard was overridden", () => {
    const s = summarize(
      "prod",
      planOf([change("aws_sqs_queue.q", ["delete"], {}, null)], [deployedResource("aws_lb.alb", { enable_deletion_protection: true })]),
      { list: protectedList({}) },
    );
    const verdict = guard([s], { allowDestroy: true, reason: "pull-request label allow-destroy" });
    const markdown = renderMarkdown([s], verdict);
    expect(markdown).toContain(
      '**prod is protected:** listed in WEBTIER_PROTECTED_ENVIRONMENTS (unset: the default, "prod"); the deployed aws_lb.alb has deletion protection on.',
    );
    expect(markdown).toContain(
      "> **Guard overridden by pull-request label allow-destroy:** prod (protected) would replace 0 and destroy 1 resource(s).",
    );
    expect(markdown).not.toContain("**Blocked:**");
    expect(renderText([s], verdict)).toContain(
      "\nGUARD OVERRIDDEN by pull-request label allow-destroy: prod (protected) would replace 0 and destroy 1 resource(s).\n",
    );
    expect(renderText([s], verdict)).toContain(
      '  protected: listed in WEBTIER_PROTECTED_ENVIRONMENTS (unset: the default, "prod"); the deployed aws_lb.alb has deletion protection on\n',
    );
  });
});

describe("addresses", () => {
  const plan = planOf([
    change("aws_sqs_queue.messaging_queue-orders_7F2C60CE", ["delete"], {}, null),
    change("aws_sqs_queue.messaging_queue-audit_0A1B2C3D", ["update"], { x: 1 }, { x: 2 }),
    change("aws_subnet.network_public_AAAAAAAA", ["create"], null, {}),
    change("aws_subnet.network_public_BBBBBBBB", ["create"], null, {}),
  ]);
  const markdown = renderMarkdown([summarize("prod", plan, { list: protectedList({}) })], undefined, {
    showTexts: { prod: "# aws_sqs_queue.messaging_queue-orders_7F2C60CE will be destroyed" },
  });

  it("lose cdktf's hash suffix on the first screen and in the lists where that leaves them unambiguous", () => {
    expect(markdown).toContain("> - prod destroys aws_sqs_queue.messaging_queue-orders: the messages in the queue are lost");
    expect(markdown).toContain("- `aws_sqs_queue.messaging_queue-audit`: `x` (1 → 2)");
    expect(markdown).not.toMatch(/^- `aws_sqs_queue\.messaging_queue-orders_7F2C60CE`/m);
  });

  it("keep it where two would read the same", () => {
    expect(markdown).toContain("- `aws_subnet.network_public_AAAAAAAA`");
    expect(markdown).toContain("- `aws_subnet.network_public_BBBBBBBB`");
  });

  it("are given whole in the details, and in the raw plan", () => {
    expect(markdown).toMatch(
      /<summary>Full addresses \(2\)<\/summary>\n\n- `aws_sqs_queue\.messaging_queue-orders`: `aws_sqs_queue\.messaging_queue-orders_7F2C60CE`\n- `aws_sqs_queue\.messaging_queue-audit`: `aws_sqs_queue\.messaging_queue-audit_0A1B2C3D`/,
    );
    expect(markdown).toContain("# aws_sqs_queue.messaging_queue-orders_7F2C60CE will be destroyed");
  });
});
