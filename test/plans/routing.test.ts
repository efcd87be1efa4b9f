import type { App } from "cdktf";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../envs";
import { prod } from "../../envs/prod";
import { stage } from "../../envs/stage";
import { ExampleStack } from "../../examples/modules/example-stack";
import { routingExample } from "../../examples/modules/routing";
import { guard } from "../../scripts/lib/guard";
import { summarize, type PlanSummary } from "../../scripts/lib/plan-summary";
import { simulateDeploy } from "../support/simulated-deploy";
import {
  createdCountsByType,
  describeTerraform,
  planStack,
  runOffline,
  synthesizedEnvironment,
  tempApp,
  type PlanJson,
} from "../support/terraform";

/** The environment as deployed before it routed /api/*: no other target group, no rule of its own. */
function withoutRouting(config: EnvironmentConfig): EnvironmentConfig {
  const { targetGroups: _, listenerRules: __, ...loadBalancer } = config.loadBalancer!;
  return { ...config, loadBalancer };
}

type Change = NonNullable<PlanJson["resource_changes"]>[number];
const afterOf = (rc: Change) => rc.change.after as Record<string, unknown>;

/** A simulated deploy of a whole environment plans it several times: minutes on a loaded machine. */
const DEPLOYED_PLAN_TIMEOUT = 1_200_000;

/**
 * The routing opt-ins of stage and prod, added to the environment as deployed before them: a real
 * plan against a simulated state of that deploy, summarized and guarded as `npm run plan` does.
 */
describeTerraform("routing added to deployed environments", () => {
  const summaries = new Map<string, Promise<{ summary: PlanSummary; plan: PlanJson }>>();

  beforeAll(() => {
    for (const config of [stage, prod]) {
      const run = simulateDeploy(synthesizedEnvironment(withoutRouting(config))).then(async ({ state }) => {
        const { plan } = await runOffline(synthesizedEnvironment(config), { state, validate: false });
        return { plan: plan!, summary: summarize(config.name, plan!, { production: config.production === true }) };
      });
      run.catch(() => undefined);
      summaries.set(config.name, run);
    }
  });

  describe.each([stage, prod])("$name", (config) => {
    it(
      "creates the api target group, its /api/* rule and the load balancer's egress to port 8080, and changes nothing else",
      async () => {
        const { summary, plan } = await summaries.get(config.name)!;
        expect(summary.counts).toEqual({ create: 3, update: 0, replace: 0, destroy: 0, move: 0, forget: 0 });
        const created = (plan.resource_changes ?? []).filter((rc) => rc.change.actions.join() === "create");
        const byType = Object.fromEntries(created.map((rc) => [rc.type, rc]));
        expect(afterOf(byType.aws_lb_target_group!)).toMatchObject({
          port: 8080,
          protocol: "HTTP",
          health_check: [expect.objectContaining({ path: "/api/health" })],
        });
        expect(afterOf(byType.aws_lb_listener_rule!)).toMatchObject({
          priority: 100,
          condition: [expect.objectContaining({ path_pattern: [{ values: ["/api/*"] }] })],
        });
        expect(afterOf(byType.aws_vpc_security_group_egress_rule!)).toMatchObject({
          from_port: 8080,
          to_port: 8080,
          cidr_ipv4: config.network.cidr,
        });
      },
      DEPLOYED_PLAN_TIMEOUT,
    );

    it(
      "passes the guard as not disruptive, and the risk checks stay quiet",
      async () => {
        const { summary } = await summaries.get(config.name)!;
        expect(summary.protection.protected).toBe(config.production === true);
        expect(guard([summary], false)).toEqual({ blocked: false, reasons: [] });
        expect(summary.warnings).toEqual([]);
      },
      DEPLOYED_PLAN_TIMEOUT,
    );
  });
});

describeTerraform("the routing example plans offline", () => {
  let plan: PlanJson;
  beforeAll(async () => {
    const app: App = tempApp();
    routingExample(new ExampleStack(app, "routing"));
    ({ plan } = (await planStack(app, "routing")) as { plan: PlanJson });
  });

  it("creates three target groups, five listener rules on the HTTPS listener and the SNI certificate", () => {
    expect(createdCountsByType(plan)).toMatchObject({
      aws_lb_target_group: 3,
      aws_lb_listener_rule: 5,
      aws_lb_listener_certificate: 1,
      aws_lb_listener: 2,
    });
  });

  it("plans each action as written: forward, fixed response, redirect", () => {
    const rules = Object.fromEntries(
      (plan.resource_changes ?? [])
        .filter((rc) => rc.type === "aws_lb_listener_rule")
        .map((rc) => [String(afterOf(rc).priority), afterOf(rc)]),
    );
    expect(rules["10"]!.condition).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ host_header: [{ values: ["admin.example.com"] }] }),
        expect.objectContaining({ source_ip: [{ values: ["203.0.113.0/24"] }] }),
      ]),
    );
    expect(rules["11"]!.action).toEqual([
      expect.objectContaining({ type: "fixed-response", fixed_response: [expect.objectContaining({ status_code: "403" })] }),
    ]);
    expect(rules["15"]!.condition).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ http_header: [{ http_header_name: "X-Canary", values: ["on"] }] }),
        expect.objectContaining({ query_string: [{ key: "v", value: "2" }] }),
      ]),
    );
    expect(rules["30"]!.action).toEqual([
      expect.objectContaining({
        type: "redirect",
        redirect: [expect.objectContaining({ host: "blog.example.com", path: "/", status_code: "HTTP_302", port: "#{port}" })],
      }),
    ]);
  });
});
