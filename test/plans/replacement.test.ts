import { afterAll, beforeAll, expect, it } from "vitest";
import { dev } from "../../envs/dev";
import { simulateDeploy } from "../support/simulated-deploy";
import { ec2Stub } from "../support/ec2-stub";
import { describeTerraform, runOffline, synthesizedEnvironment, type PlanJson } from "../support/terraform";

/** What the plan does to each resource of a type: its actions, and what forces a replacement. */
function changesOf(plan: PlanJson, type: string) {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.type === type)
    .map((rc) => ({ actions: rc.change.actions, replacePaths: (rc.change as { replace_paths?: unknown }).replace_paths }));
}

/**
 * ec2 mode keeps serving through a launch template change: dev is "deployed" into a simulated
 * state, then a pinned image version (a template change) is planned against it. The provider
 * asks EC2 which template version the instance runs before it decides on a replacement; a
 * stand-in answers from the simulated state.
 */
describeTerraform("a launch template change in ec2 mode, against a deployed dev", () => {
  let plan: PlanJson;
  let ec2: Awaited<ReturnType<typeof ec2Stub>> | undefined;

  beforeAll(async () => {
    const { state } = await simulateDeploy(synthesizedEnvironment(dev));
    ec2 = await ec2Stub(state);
    const changed = synthesizedEnvironment({ ...dev, compute: { ...dev.compute, imageVersion: 7 } });
    plan = (await runOffline(changed, { state, validate: false, extraFiles: { "zz_ec2_stub_override.tf.json": ec2.override } })).plan!;
  });

  afterAll(async () => {
    await ec2?.close();
  });

  it("updates the template in place with the pinned image", () => {
    const [template] = (plan.resource_changes ?? []).filter((rc) => rc.type === "aws_launch_template");
    expect(template!.change.actions).toEqual(["update"]);
    expect((template!.change.after as { image_id: string }).image_id).toBe(
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64:7",
    );
  });

  it("creates the successor instance before destroying its predecessor, forced by the template's version", () => {
    expect(changesOf(plan, "aws_instance")).toEqual([{ actions: ["create", "delete"], replacePaths: [["launch_template", 0, "version"]] }]);
  });

  it("registers the successor in the target group before deregistering its predecessor", () => {
    expect(changesOf(plan, "aws_lb_target_group_attachment")).toEqual([{ actions: ["create", "delete"], replacePaths: [["target_id"]] }]);
  });

  it("points the status-check alarms at the successor in place, keeping their names", () => {
    const alarms = (plan.resource_changes ?? []).filter(
      (rc) => rc.type === "aws_cloudwatch_metric_alarm" && (rc.change.after as { namespace?: string }).namespace === "AWS/EC2",
    );
    expect(alarms.map((a) => [(a.change.after as { alarm_name: string }).alarm_name, a.change.actions])).toEqual(
      expect.arrayContaining([
        ["webtier-dev-1-system-status-check", ["update"]],
        ["webtier-dev-1-instance-status-check", ["update"]],
      ]),
    );
  });

  it("destroys nothing else", () => {
    const destroyed = (plan.resource_changes ?? []).filter((rc) => rc.change.actions.includes("delete")).map((rc) => rc.type);
    expect(destroyed.sort()).toEqual(["aws_instance", "aws_lb_target_group_attachment"]);
  });
});
