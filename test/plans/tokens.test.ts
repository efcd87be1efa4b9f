import { expect, it } from "vitest";
import { createdCountsByType, describeTerraform, planStack, tempApp } from "../support/terraform";
import { tokenStack } from "../support/token-stack";

/** What the upstream stack's state says: the values the tokens resolve to at plan time. */
const UPSTREAM = {
  name: "shop",
  retention_days: 30,
  traffic_type: "REJECT",
  team: "web",
  vpc_cidr: "10.60.0.0/16",
  public_subnet_ids: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
  private_subnet_ids: ["subnet-0ccccccccccccccc3", "subnet-0ddddddddddddddd4"],
  client_cidrs: ["203.0.113.0/24", "198.51.100.0/24"],
  certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
  ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  health_path: "/health",
  matcher: "200",
  interval: 15,
  timeout: 5,
  healthy: 2,
  unhealthy: 3,
  deregistration_delay: 20,
  tg_prefix: "tg-",
  idle_timeout: 60,
  log_bucket: "shop-alb-logs",
  log_prefix: "alb",
  web_acl_arn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
  slow_start: 60,
  stickiness_seconds: 3600,
  instance_type: "t3.small",
  image_id: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
  root_gib: 16,
  root_device: "/dev/xvda",
  policy_arns: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
  min_size: 1,
  max_size: 3,
  desired: 1,
  grace: 300,
  min_healthy: 100,
  max_healthy: 200,
  oncall_emails: ["oncall@example.com", "lead@example.com"],
  key_window: 30,
  topic_name: "orders",
  topic_key: "alias/aws/sns",
  order_emails: ["sales@example.com"],
  visibility: 60,
  consumer_timeout: 45,
  max_receives: 5,
  queue_key: "alias/shop-orders",
  depth: 100,
  target_cpu: 50,
  high: 70,
  low: 30,
  up: 1,
  down: -1,
  errors: 10,
  latency: 1,
};

function upstreamState(): string {
  const type = (v: unknown) => (Array.isArray(v) ? ["list", "string"] : typeof v);
  const outputs = Object.fromEntries(Object.entries(UPSTREAM).map(([k, v]) => [k, { value: v, type: type(v) }]));
  return JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "upstream", outputs, resources: [] });
}

describeTerraform("Terraform tokens in every prop, resolved from another stack's state", () => {
  it("plans, with one instance per listed CIDR, policy and email", async () => {
    const app = tempApp();
    tokenStack(app);
    const { plan } = await planStack(app, "tokens", { extraFiles: { "upstream.tfstate": upstreamState() }, validate: false });
    const counts = createdCountsByType(plan!);
    // Two CIDRs on HTTP and on HTTPS; the compute's one extra policy (the group's has none) beside SSM twice.
    expect(counts).toMatchObject({
      aws_vpc_security_group_ingress_rule: 4 + 2,
      aws_iam_role_policy_attachment: 2 + 1,
      aws_sns_topic_subscription: 2 + 1 + 1,
    });
    const rules = (plan!.resource_changes ?? []).filter((rc) => rc.address.includes("ingress-http"));
    expect(rules.map((rc) => rc.address.replace(/_[0-9A-F]{8}/, ""))).toEqual([
      'aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-http["198.51.100.0/24"]',
      'aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-http["203.0.113.0/24"]',
      'aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-https["198.51.100.0/24"]',
      'aws_vpc_security_group_ingress_rule.load-balancer_security-group_ingress-https["203.0.113.0/24"]',
    ]);
    // The load balancer's web ACL and target-group controls, resolved from the upstream state.
    const after = (type: string) =>
      (plan!.resource_changes ?? []).filter((rc) => rc.type === type).map((rc) => rc.change.after as Record<string, unknown>);
    expect(after("aws_wafv2_web_acl_association")).toEqual([expect.objectContaining({ web_acl_arn: UPSTREAM.web_acl_arn })]);
    expect(after("aws_lb_target_group")).toEqual([
      expect.objectContaining({
        slow_start: UPSTREAM.slow_start,
        stickiness: [expect.objectContaining({ type: "lb_cookie", enabled: true, cookie_duration: UPSTREAM.stickiness_seconds })],
      }),
    ]);
  });
});
