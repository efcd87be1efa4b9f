import { describe, expect, it } from "vitest";
import { guard, joinVerdicts, protectedList, protectionOf, protectionsTurnedOff, type SynthesizedStack } from "../../scripts/lib/guard";
import { summarize } from "../../scripts/lib/plan-summary";
import { change, deployedResource, planOf } from "./plan-fixtures";

const protectedAlb = deployedResource("aws_lb.alb", { enable_deletion_protection: true });
const queue = deployedResource("aws_sqs_queue.orders", { name: "orders" });

describe("the owner's list of protected environments (WEBTIER_PROTECTED_ENVIRONMENTS)", () => {
  it("protects prod when the variable is unset or blank: the safe default", () => {
    expect(protectedList({}).names).toEqual(["prod"]);
    expect(protectedList({ WEBTIER_PROTECTED_ENVIRONMENTS: "  " }).names).toEqual(["prod"]);
    expect(protectedList({}).source).toBe('WEBTIER_PROTECTED_ENVIRONMENTS (unset: the default, "prod")');
  });

  it("falls back to prod, with a warning, when the variable names no environment", () => {
    for (const raw of [",", " , ,", ",,,"]) {
      const list = protectedList({ WEBTIER_PROTECTED_ENVIRONMENTS: raw });
      expect(list.names, raw).toEqual(["prod"]);
      expect(list.warning, raw).toBe(
        `WEBTIER_PROTECTED_ENVIRONMENTS is ${JSON.stringify(raw.trim())}, which names no environment; protecting the default, prod, instead`,
      );
    }
    expect(protectedList({ WEBTIER_PROTECTED_ENVIRONMENTS: "prod" }).warning).toBeUndefined();
  });

  it("reads a comma-separated list, ignoring spaces and empty entries", () => {
    expect(protectedList({ WEBTIER_PROTECTED_ENVIRONMENTS: "stage, prod,," })).toEqual({
      names: ["stage", "prod"],
      source: 'WEBTIER_PROTECTED_ENVIRONMENTS ("stage, prod,,")',
    });
  });
});

describe("whether an environment is protected", () => {
  it("is decided by the list, whatever the config says", () => {
    const p = protectionOf("prod", planOf([]), { list: protectedList({}), production: false });
    expect(p).toEqual({ protected: true, sources: ['listed in WEBTIER_PROTECTED_ENVIRONMENTS (unset: the default, "prod")'] });
  });

  it("is decided by the deployed state: a load balancer with deletion protection, resources tagged as production", () => {
    const deployed = [
      protectedAlb,
      deployedResource("aws_vpc.v", { tags_all: { Environment: "prod" } }),
      deployedResource("aws_sns_topic.t", { tags: { Production: "true" } }),
    ];
    const p = protectionOf("live", planOf([], deployed), { list: { names: [], source: "x" }, production: false });
    expect(p).toEqual({
      protected: true,
      sources: [
        "the deployed aws_lb.alb has deletion protection on",
        "2 deployed resource(s) are tagged Environment=prod, Production=true",
      ],
    });
  });

  it("is added by the config's production flag", () => {
    expect(protectionOf("qa", planOf([]), { production: true })).toEqual({
      protected: true,
      sources: ["its config says production: true"],
    });
  });

  it("is not protected with none of those: a dev environment with its queues deployed", () => {
    const p = protectionOf(
      "dev",
      planOf([], [queue, deployedResource("aws_lb.alb", { enable_deletion_protection: false, tags_all: { Environment: "dev" } })]),
      {
        list: protectedList({}),
        production: false,
      },
    );
    expect(p).toEqual({ protected: false, sources: [] });
  });
});

describe("protections a plan turns off", () => {
  const isProtected = { protected: true, sources: ["listed"] };
  const stack = (preventDestroy: boolean): SynthesizedStack => ({
    resource: { aws_sqs_queue: { orders: preventDestroy ? { lifecycle: { prevent_destroy: true } } : {} } },
  });

  it("finds a protected environment's config saying production: false", () => {
    expect(protectionsTurnedOff("prod", planOf([]), isProtected, { production: false })).toEqual([
      "prod turns production off (its config does not say production: true), but it is protected: listed",
    ]);
    expect(protectionsTurnedOff("dev", planOf([]), { protected: false, sources: [] }, { production: false })).toEqual([]);
  });

  it("finds deletion protection switched off in an update", () => {
    const plan = planOf(
      [change("aws_lb.alb", ["update"], { enable_deletion_protection: true }, { enable_deletion_protection: false })],
      [protectedAlb],
    );
    expect(protectionsTurnedOff("prod", plan, isProtected)).toEqual(["prod turns deletion protection off on aws_lb.alb"]);
  });

  it("finds a deployed queue that loses prevent_destroy (visible only in the synthesized stack)", () => {
    const plan = planOf([], [queue]);
    expect(protectionsTurnedOff("prod", plan, isProtected, { stack: stack(false) })).toEqual([
      "prod drops prevent_destroy from the deployed queue aws_sqs_queue.orders",
    ]);
    expect(protectionsTurnedOff("prod", plan, isProtected, { stack: stack(true) })).toEqual([]);
  });

  it("says nothing of prevent_destroy on an environment nobody protects, which never had it: no warning for a plan without changes", () => {
    const plan = planOf([], [queue]);
    for (const env of ["dev", "stage"]) {
      const summary = summarize(env, plan, { list: protectedList({}), production: false, stack: stack(false) });
      expect(summary.warnings, env).toEqual([]);
    }
  });

  it("finds flow logs turned off: the flow log destroyed", () => {
    const plan = planOf([change("aws_flow_log.vpc", ["delete"], {}, null)]);
    expect(protectionsTurnedOff("prod", plan, isProtected)).toEqual(["prod turns VPC flow logs off: it destroys aws_flow_log.vpc"]);
  });

  it("lists them first among the summary's warnings", () => {
    const plan = planOf([change("aws_flow_log.vpc", ["delete"], {}, null), change("aws_sqs_queue.orders", ["delete"], {}, null)], [queue]);
    expect(summarize("prod", plan, { list: protectedList({}), production: true }).warnings).toEqual([
      "prod turns VPC flow logs off: it destroys aws_flow_log.vpc",
      "prod destroys aws_sqs_queue.orders: the messages in the queue are lost",
    ]);
  });
});

describe("the guard's verdict", () => {
  const flowLogsOff = planOf([change("aws_flow_log.vpc", ["delete"], {}, null)]);

  it("blocks a protected environment that destroys something or turns a protection off", () => {
    const s = summarize("prod", flowLogsOff, { list: protectedList({}) });
    expect(guard([s])).toEqual({
      blocked: true,
      reasons: ["prod (protected) would replace 0 and destroy 1 resource(s)", "prod (protected) turns 1 protection(s) off"],
    });
  });

  it("lets an unprotected environment through, its warnings kept", () => {
    const s = summarize("dev", flowLogsOff, { list: protectedList({}) });
    expect(s.warnings).toHaveLength(1);
    expect(guard([s])).toEqual({ blocked: false, reasons: [] });
  });

  it("records an override and where it came from", () => {
    const s = summarize("prod", flowLogsOff, { list: protectedList({}) });
    expect(guard([s], { allowDestroy: true, reason: "pull-request label allow-destroy" })).toMatchObject({
      blocked: false,
      overriddenBy: "pull-request label allow-destroy",
    });
    expect(guard([s], true)).toMatchObject({ blocked: false, overriddenBy: "--allow-destroy" });
  });

  it("records no override when there was nothing to override", () => {
    const s = summarize("prod", planOf([]), { list: protectedList({}) });
    expect(guard([s], { allowDestroy: true, reason: "label" })).toEqual({ blocked: false, reasons: [] });
  });

  it("joins saved verdicts: blocked if any is, every reason, every override", () => {
    expect(
      joinVerdicts([
        { blocked: false, reasons: ["a"], overriddenBy: "label" },
        { blocked: true, reasons: ["b"] },
        { blocked: false, reasons: [] },
      ]),
    ).toEqual({
      blocked: true,
      reasons: ["a", "b"],
      overriddenBy: "label",
    });
  });
});
