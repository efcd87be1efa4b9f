import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, buildEc2, problems } from "./helpers";

describe.each([
  ["ec2", buildEc2],
  ["asg", buildAsg],
] as const)("hibernation (%s mode)", (_mode, build) => {
  it("configures the launch template for hibernation, on the encrypted root volume", () => {
    const template = onlyResource(build({ hibernation: true }).json, LaunchTemplate);
    expect(template.hibernation_options).toEqual({ configured: true });
    expect(JSON.stringify(template.block_device_mappings)).toContain('"encrypted":"true"');
  });

  it("writes no hibernation options unless asked, so existing templates gain no version", () => {
    expect(onlyResource(build().json, LaunchTemplate)).not.toHaveProperty("hibernation_options");
  });
});

describe("hibernation rules", () => {
  it("throws on bare-metal and Mac instance types, which cannot hibernate", () => {
    expect(problems({ mode: "ec2", hibernation: true, instanceType: "m5.metal" })).toEqual(["hibernation"]);
    expect(problems({ mode: "ec2", hibernation: true, instanceType: "mac1.metal" })).toEqual(["hibernation"]);
    expect(problems({ mode: "asg", hibernation: true, mixedInstances: { instanceTypes: ["m5.large", "m5.xlarge"] } })).toEqual([]);
  });
});
