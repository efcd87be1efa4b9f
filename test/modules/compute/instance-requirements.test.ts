import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import type { InstanceRequirements } from "../../../modules/compute";
import { onlyResource } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

const REQUIREMENTS: InstanceRequirements = { vcpuCount: { min: 2, max: 4 }, memoryMiB: { min: 4096 }, cpuManufacturers: ["intel", "amd"] };
const withRequirements = (r: Partial<InstanceRequirements>, extra: Record<string, unknown> = {}) =>
  problems({ mode: "asg", mixedInstances: { instanceRequirements: { ...REQUIREMENTS, ...r }, ...extra } });

describe("attribute-based instance selection", () => {
  it("writes one override of instance requirements: ranges, makers and the filters given", () => {
    const { json } = buildAsg({
      mixedInstances: {
        instanceRequirements: {
          ...REQUIREMENTS,
          burstablePerformance: "excluded",
          instanceGenerations: ["current"],
          excludedInstanceTypes: ["c5*.*"],
        },
        onDemandPercentageAboveBaseCapacity: 50,
      },
    });
    const override = (onlyResource(json, AutoscalingGroup).mixed_instances_policy as { launch_template: { override: unknown } })
      .launch_template.override;
    expect(override).toEqual([
      {
        instance_requirements: {
          vcpu_count: { min: 2, max: 4 },
          memory_mib: { min: 4096 },
          cpu_manufacturers: ["intel", "amd"],
          burstable_performance: "excluded",
          instance_generations: ["current"],
          excluded_instance_types: ["c5*.*"],
        },
      },
    ]);
  });

  it("gives the launch template no instance type and no credit specification, an x86_64 image for Intel and AMD", () => {
    const template = onlyResource(buildAsg({ mixedInstances: { instanceRequirements: REQUIREMENTS } }).json, LaunchTemplate);
    expect(template).not.toHaveProperty("instance_type");
    expect(template).not.toHaveProperty("credit_specification");
    expect(template.image_id).toMatch(/x86_64$/);
  });

  it("launches an arm64 image for Graviton, and T types on standard credits where they are required", () => {
    const template = onlyResource(
      buildAsg({
        mixedInstances: {
          instanceRequirements: { ...REQUIREMENTS, cpuManufacturers: ["amazon-web-services"], burstablePerformance: "required" },
        },
      }).json,
      LaunchTemplate,
    );
    expect(template.image_id).toMatch(/arm64$/);
    expect(template.credit_specification).toEqual({ cpu_credits: "standard" });
  });

  it("counts as several types in a production environment (FSBP AutoScaling.6)", async () => {
    const { validateEnvironment } = await import("../../../envs/validate");
    const { prod } = await import("../../../envs/prod");
    const config = { ...prod, compute: { ...prod.compute, mixedInstances: { instanceRequirements: REQUIREMENTS } } };
    expect(validateEnvironment(config as never)).toEqual([]);
  });

  it("throws with instance types as well, or with neither", () => {
    expect(problems({ mode: "asg", mixedInstances: { instanceTypes: ["t3.small"], instanceRequirements: REQUIREMENTS } })).toEqual([
      "mixedInstances",
    ]);
    expect(problems({ mode: "asg", mixedInstances: {} })).toEqual(["mixedInstances"]);
  });

  it("throws on a range whose max is below its min", () => {
    expect(withRequirements({ vcpuCount: { min: 8, max: 4 }, memoryMiB: { min: 8192, max: 1024 } })).toEqual([
      "mixedInstances.instanceRequirements.vcpuCount.max",
      "mixedInstances.instanceRequirements.memoryMiB.max",
    ]);
  });

  it("throws on Graviton mixed with Intel or AMD, which one image cannot run", () => {
    expect(withRequirements({ cpuManufacturers: ["intel", "amazon-web-services"] })).toEqual([
      "mixedInstances.instanceRequirements.cpuManufacturers",
    ]);
  });

  it("throws on allowed and excluded types together", () => {
    expect(withRequirements({ allowedInstanceTypes: ["m*"], excludedInstanceTypes: ["m5.*"] })).toEqual([
      "mixedInstances.instanceRequirements.allowedInstanceTypes",
    ]);
  });

  it("throws on CPU credits where the requirements exclude burstable types", () => {
    expect(problems({ mode: "asg", cpuCredits: "standard", mixedInstances: { instanceRequirements: REQUIREMENTS } })).toEqual([
      "cpuCredits",
    ]);
  });

  it("throws on weights, which weigh named types", () => {
    expect(withRequirements({}, { weights: { "m5.large": 2 } })).toEqual(["mixedInstances.weights"]);
  });

  it("throws on malformed requirements: no makers, unknown names, negative ranges", () => {
    expect(
      withRequirements({
        cpuManufacturers: [],
        burstablePerformance: "included" as never,
        vcpuCount: { min: -1 },
        instanceGenerations: ["next" as never],
      }),
    ).toEqual([
      "mixedInstances.instanceRequirements.vcpuCount.min",
      "mixedInstances.instanceRequirements.cpuManufacturers",
      "mixedInstances.instanceRequirements.burstablePerformance",
      "mixedInstances.instanceRequirements.instanceGenerations[0]",
    ]);
  });
});
