import { describe, expect, it } from "vitest";
import { guard } from "../../scripts/lib/guard";
import { changedAttributes, summarize } from "../../scripts/lib/plan-summary";
import { renderMarkdown, renderText } from "../../scripts/lib/render-summary";
import type { PlanJson } from "../../scripts/lib/terraform";

const plan = (changes: PlanJson["resource_changes"], outputs: PlanJson["output_changes"] = {}): PlanJson => ({
  format_version: "1.2",
  terraform_version: "1.11.4",
  resource_changes: changes,
  output_changes: outputs,
});

describe("plan summary details", () => {
  it("masks sensitive values but still names the attribute", () => {
    expect(
      changedAttributes({
        actions: ["update"],
        before: { password: "old", size: 1 },
        after: { password: "new", size: 2 },
        before_sensitive: { password: true },
        after_sensitive: { password: true },
      }),
    ).toEqual([
      { path: "password", before: "(sensitive)", after: "(sensitive)" },
      { path: "size", before: "1", after: "2" },
    ]);
  });

  it("shows values only known after apply as such, and nested paths in full", () => {
    expect(
      changedAttributes({
        actions: ["update"],
        before: { launch_template: [{ version: "1" }], tags: { Team: "a" } },
        after: { launch_template: [{}], tags: { Team: "b" } },
        after_unknown: { launch_template: [{ version: true }] },
      }),
    ).toEqual([
      { path: "launch_template[0].version", before: '"1"', after: "(known after apply)" },
      { path: "tags.Team", before: '"a"', after: '"b"' },
    ]);
  });

  it("masks sensitive output values", () => {
    const s = summarize(
      "dev",
      plan([], { token: { actions: ["update"], before: "a", after: "b", before_sensitive: true, after_sensitive: true } }),
    );
    expect(s.outputs).toEqual([{ name: "token", action: "changed", before: "(sensitive)", after: "(sensitive)" }]);
  });

  it("lets non-production environments replace and destroy", () => {
    const s = summarize(
      "dev",
      plan([
        { address: "aws_vpc.v", mode: "managed", type: "aws_vpc", name: "v", change: { actions: ["delete"], before: {}, after: null } },
      ]),
    );
    expect(s.warnings).toEqual(["dev destroys aws_vpc.v: everything in the VPC goes with it"]);
    expect(guard([s], false).blocked).toBe(false);
  });

  it("flags a resource with deletion protection, whatever its type", () => {
    const s = summarize(
      "prod",
      plan([
        {
          address: "aws_db_instance.d",
          mode: "managed",
          type: "aws_db_instance",
          name: "d",
          change: { actions: ["delete", "create"], before: { enable_deletion_protection: true }, after: {} },
        },
      ]),
      { production: true },
    );
    expect(s.warnings).toEqual(["prod replaces aws_db_instance.d: it has deletion protection on"]);
  });

  it("says so when there is nothing to do", () => {
    const s = summarize(
      "stage",
      plan([{ address: "aws_vpc.v", mode: "managed", type: "aws_vpc", name: "v", change: { actions: ["no-op"], before: {}, after: {} } }]),
    );
    expect(renderMarkdown([s])).toContain("### stage\n\nNo changes.");
    expect(renderText([s])).toBe("stage: 0 to create, 0 to update, 0 to replace, 0 to destroy, 0 to move\n");
  });
});
