import { beforeAll, expect, it } from "vitest";
import { computeCapacityExample } from "../../examples/modules/compute-capacity";
import { ExampleStack } from "../../examples/modules/example-stack";
import { prod } from "../../envs/prod";
import type { EnvironmentConfig } from "../../envs";
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

/** What the plan would create of `type`, by construct (the address's prefix after the type). */
function created(plan: PlanJson, type: string): Record<string, Record<string, unknown>> {
  const found = (plan.resource_changes ?? []).filter((rc) => rc.type === type && rc.change.actions.includes("create"));
  return Object.fromEntries(found.map((rc) => [rc.name.split("_")[0]!, rc.change.after as Record<string, unknown>]));
}

/** The one block of a nested attribute, as `terraform show -json` writes blocks: a list. */
const block = (value: unknown): Record<string, unknown> => (value as Record<string, unknown>[])[0]!;
const blocks = (value: unknown): Record<string, unknown>[] => value as Record<string, unknown>[];

describeTerraform("capacity settings, planned by real Terraform", () => {
  let example: Promise<PlanJson>;

  beforeAll(() => {
    const app = tempApp();
    computeCapacityExample(new ExampleStack(app, "compute-capacity"));
    example = planStack(app, "compute-capacity").then((run) => run.plan!);
    example.catch(() => undefined);
  });

  it("plans the example's three groups, their templates and two placement groups", async () => {
    expect(createdCountsByType(await example)).toMatchObject({ aws_autoscaling_group: 3, aws_launch_template: 3, aws_placement_group: 2 });
  });

  it("plans weights and a Spot price cap, a termination order, a lifetime and a default warm-up", async () => {
    const group = created(await example, "aws_autoscaling_group").weighted!;
    const policy = block(group.mixed_instances_policy);
    expect(blocks(block(policy.launch_template).override).map((o) => [o.instance_type, o.weighted_capacity])).toEqual([
      ["m5.large", "1"],
      ["m5.xlarge", "2"],
    ]);
    expect(block(policy.instances_distribution).spot_max_price).toBe("0.10");
    expect(group).toMatchObject({
      termination_policies: ["AllocationStrategy", "OldestLaunchTemplate", "Default"],
      max_instance_lifetime: 604800,
      default_instance_warmup: 120,
    });
    expect(created(await example, "aws_placement_group").weighted).toMatchObject({ strategy: "partition", partition_count: 2 });
  });

  it("plans attribute-based selection, scale-in protection, a suspended process and open capacity reservations", async () => {
    const group = created(await example, "aws_autoscaling_group").attributes!;
    const requirements = block(block(block(block(group.mixed_instances_policy).launch_template).override).instance_requirements);
    expect(requirements).toMatchObject({
      vcpu_count: [{ min: 2, max: 4 }],
      memory_mib: [{ min: 4096, max: 16384 }],
      cpu_manufacturers: ["amd", "intel"],
      instance_generations: ["current"],
    });
    expect(group).toMatchObject({ protect_from_scale_in: true, suspended_processes: ["AZRebalance"] });
    const template = created(await example, "aws_launch_template").attributes!;
    expect(template.instance_type).toBeNull();
    expect(template.capacity_reservation_specification).toEqual([
      { capacity_reservation_preference: "open", capacity_reservation_target: [] },
    ]);
  });

  it("plans a hibernated warm pool on a template configured for hibernation, in a spread placement group", async () => {
    const group = created(await example, "aws_autoscaling_group").hibernated!;
    expect(block(group.warm_pool)).toMatchObject({ pool_state: "Hibernated", min_size: 1 });
    const template = created(await example, "aws_launch_template").hibernated!;
    expect(template.hibernation_options).toEqual([{ configured: true }]);
    expect(created(await example, "aws_placement_group").hibernated).toMatchObject({ strategy: "spread", spread_level: "rack" });
  });
});

describeTerraform("capacity settings added to deployed prod, as the guard sees them", () => {
  const withCompute = (compute: Record<string, unknown>): EnvironmentConfig => ({
    ...prod,
    compute: { ...prod.compute, ...compute } as EnvironmentConfig["compute"],
  });
  const benign = withCompute({
    terminationPolicies: ["OldestLaunchTemplate", "Default"],
    defaultInstanceWarmupSeconds: 120,
    maxInstanceLifetimeSeconds: 14 * 86400,
    suspendedProcesses: ["AZRebalance"],
    capacityReservation: { preference: "open" },
    placementGroup: { strategy: "partition" },
  });
  const launchesSuspended = withCompute({ suspendedProcesses: ["Launch"] });
  let summaries: Promise<[PlanSummary, PlanSummary]>;

  beforeAll(async () => {
    const { state } = await simulateDeploy(synthesizedEnvironment(prod));
    const plan = (config: EnvironmentConfig) =>
      runOffline(synthesizedEnvironment(config), { state, validate: false }).then(({ plan }) =>
        summarize("prod", plan!, { production: true }),
      );
    summaries = Promise.all([plan(benign), plan(launchesSuspended)]);
    summaries.catch(() => undefined);
  });

  it("updates the group and its template in place and creates the placement group: nothing replaced, no risk, the guard passes", async () => {
    const [summary] = await summaries;
    expect(summary.counts).toMatchObject({ create: 1, replace: 0, destroy: 0 });
    expect(summary.creates).toEqual([expect.stringMatching(/^aws_placement_group\.compute_placement-group_/)]);
    const group = summary.updates.find((u) => u.address.startsWith("aws_autoscaling_group."))!;
    expect(group.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(["default_instance_warmup", "max_instance_lifetime", "suspended_processes[0]", "termination_policies[0]"]),
    );
    expect(summary.risks).toEqual([]);
    expect(guard([summary], false)).toEqual({ blocked: false, reasons: [] });
  });

  it("blocks suspending launches in a protected environment: capacity taken away", async () => {
    const [, summary] = await summaries;
    expect(summary.counts).toMatchObject({ replace: 0, destroy: 0 });
    expect(summary.risks).toEqual([
      expect.stringMatching(/^prod suspends Launch on aws_autoscaling_group\.compute_group_[0-9A-F]{8}: it stops launching/),
    ]);
    expect(guard([summary], false).blocked).toBe(true);
  });
});
