import { describe, expect, it } from "vitest";
import { driftOf, renderDriftMarkdown, renderDriftText } from "../../scripts/lib/drift";
import type { PlanJson } from "../../scripts/lib/terraform";
import { change, deployedResource, planOf } from "./plan-fixtures";

const vpc = deployedResource("aws_vpc.v", { cidr_block: "10.0.0.0/16" });

describe("drift", () => {
  it("finds a change made outside Terraform (the refreshed plan's resource_drift) and what a deploy would undo", () => {
    const plan: PlanJson = {
      ...planOf([change("aws_security_group.web", ["update"], { description: "console" }, { description: "managed" })], [vpc]),
      resource_drift: [change("aws_security_group.web", ["update"], { description: "managed" }, { description: "console" })],
    };
    const report = driftOf("prod", plan);
    expect(report).toMatchObject({
      environment: "prod",
      deployed: true,
      drifted: true,
      outside: [{ address: "aws_security_group.web", changes: [{ path: "description" }] }],
    });
    expect(report.pending.counts.update).toBe(1);
    expect(renderDriftMarkdown([report])).toContain("| prod | **drifted** | 1 | 0 to create, 1 to update, 0 to replace, 0 to destroy |");
    expect(renderDriftMarkdown([report])).toContain("### prod: changed outside Terraform\n\n- `aws_security_group.web`: `description`");
    expect(renderDriftText([report])).toContain("  ! changed outside Terraform: aws_security_group.web (description)");
  });

  it("finds a deployed state that a plan would change, with nothing refreshed (offline)", () => {
    expect(driftOf("prod", planOf([change("aws_sqs_queue.q", ["delete"], {}, null)], [vpc])).drifted).toBe(true);
  });

  it("reports an environment in sync, and output-only changes as no drift", () => {
    const report = driftOf(
      "dev",
      planOf([change("aws_vpc.v", ["no-op"])], [vpc], { url: { actions: ["create"], before: null, after: "x" } }),
    );
    expect(report.drifted).toBe(false);
    expect(renderDriftMarkdown([report])).toContain("| dev | in sync | 0 | 0 to create, 0 to update, 0 to replace, 0 to destroy |");
  });

  it("reports an environment whose state holds nothing as not deployed, not drifted", () => {
    const report = driftOf("qa", planOf([change("aws_vpc.v", ["create"], null, {})]));
    expect(report).toMatchObject({ deployed: false, drifted: false });
    expect(renderDriftText([report])).toBe("qa: not deployed\n");
  });
});
