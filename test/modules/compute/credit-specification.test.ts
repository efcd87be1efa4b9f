import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Fn } from "cdktf";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, buildEc2, problems } from "./helpers";

const creditsOf = (json: ReturnType<typeof buildEc2>["json"]) => onlyResource(json, LaunchTemplate).credit_specification;

describe("burstable instances", () => {
  it("launch T instances on standard credits by default, which a CPU-bound loop cannot turn into charges", () => {
    expect(creditsOf(buildEc2().json)).toEqual({ cpu_credits: "standard" });
    expect(creditsOf(buildAsg({ instanceType: "t4g.small" }).json)).toEqual({ cpu_credits: "standard" });
    expect(creditsOf(buildAsg({ instanceType: "t3a.large" }).json)).toEqual({ cpu_credits: "standard" });
  });

  it("launch on unlimited credits when asked", () => {
    expect(creditsOf(buildEc2({ cpuCredits: "unlimited" }).json)).toEqual({ cpu_credits: "unlimited" });
  });

  it("set no credit specification for types that earn no credits", () => {
    expect(onlyResource(buildEc2({ instanceType: "m7i.large" }).json, LaunchTemplate)).not.toHaveProperty("credit_specification");
    expect(
      onlyResource(buildAsg({ mixedInstances: { instanceTypes: ["c6i.large", "c5.large"] } }).json, LaunchTemplate),
    ).not.toHaveProperty("credit_specification");
  });

  it("set standard credits when every type of a mixed instances policy is burstable", () => {
    expect(creditsOf(buildAsg({ mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] } }).json)).toEqual({ cpu_credits: "standard" });
  });

  it("leave a token instance type's credits alone unless asked", () => {
    expect(onlyResource(buildEc2({ instanceType: Fn.lower("x") }).json, LaunchTemplate)).not.toHaveProperty("credit_specification");
    expect(creditsOf(buildEc2({ instanceType: Fn.lower("x"), cpuCredits: "unlimited" }).json)).toEqual({ cpu_credits: "unlimited" });
  });

  it("throws when cpuCredits is set for a type that earns no credits", () => {
    expect(problems({ mode: "ec2", instanceType: "m5.large", cpuCredits: "unlimited" })).toEqual(["cpuCredits"]);
  });

  it("throws when cpuCredits is neither standard nor unlimited", () => {
    expect(problems({ mode: "ec2", cpuCredits: "burst" as never })).toEqual(["cpuCredits"]);
  });
});
