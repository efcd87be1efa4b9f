import { instanceTypeInfo } from "../core/aws-catalog";
import { known } from "../core/validation";

/** A CPU architecture an instance type runs images of. */
export type Architecture = "x86_64" | "arm64";

/** What the compute module needs to know of an EC2 instance type. */
export interface InstanceTypeTraits {
  /** The CPU architectures its images may have. */
  readonly architectures: readonly Architecture[];
  /** Whether it earns and spends CPU credits (the T families), so takes a credit specification. */
  readonly burstable: boolean;
}

/**
 * The architecture and burstability of an instance type such as `t3.micro`: from the AWS
 * catalog (modules/core/aws-catalog), else from its name for a type newer than the catalog:
 * Graviton families (`t4g`, `m7g`, `c6gn`, `a1`) run arm64 images, the rest x86_64; the T
 * families (`t2`, `t3`, `t3a`, `t4g`) are burstable.
 */
export function instanceTypeTraits(instanceType: string): InstanceTypeTraits {
  const info = instanceTypeInfo(instanceType);
  if (info) return info;
  // A type newer than the catalog (accepted with acceptUnlistedInstanceTypes): judged by its name.
  return {
    architectures: [/^(a1|[a-z]+\d+g[a-z]*)\./.test(instanceType) ? "arm64" : "x86_64"],
    burstable: /^t\d[a-z]*\./.test(instanceType),
  };
}

/** What decides the types a compute launches: one type, a list, or attribute-based requirements. */
export interface LaunchedTypes {
  readonly instanceType?: string;
  readonly mixedInstances?: {
    readonly instanceTypes?: readonly string[];
    readonly instanceRequirements?: { readonly cpuManufacturers: readonly string[]; readonly burstablePerformance?: string };
  };
}

/**
 * The instance types a compute launches by name: its mixed instances policy's, else its one type
 * (or `defaultType`); none where instance requirements choose them.
 */
export function launchedInstanceTypes(c: LaunchedTypes, defaultType: string): readonly string[] {
  return c.mixedInstances ? (c.mixedInstances.instanceTypes ?? []) : [c.instanceType ?? defaultType];
}

/** Whether the launched types are burstable: by name, or as the requirements' burstablePerformance says. */
export function launchedBurstability(c: LaunchedTypes, defaultType: string): "all" | "none" | "some" | undefined {
  const requirements = c.mixedInstances?.instanceRequirements;
  if (requirements) return requirements.burstablePerformance === "required" ? "all" : "none";
  return burstability(launchedInstanceTypes(c, defaultType));
}

/**
 * The architecture every launched type runs: by name, or from the requirements' CPU makers
 * (Graviton is arm64; Intel and AMD x86_64); undefined when they share none.
 */
export function launchedArchitecture(c: LaunchedTypes, defaultType: string): Architecture | undefined {
  const requirements = c.mixedInstances?.instanceRequirements;
  if (!requirements) return commonArchitecture(launchedInstanceTypes(c, defaultType));
  const makers = requirements.cpuManufacturers;
  if (!known(makers) || !makers.every((m) => known(m))) return "x86_64";
  const arm = makers.filter((m) => m === "amazon-web-services").length;
  return arm === 0 ? "x86_64" : arm === makers.length ? "arm64" : undefined;
}

/** Whether every type is burstable, none, or some; undefined while any is a Terraform token. */
export function burstability(types: readonly string[]): "all" | "none" | "some" | undefined {
  if (!known(types) || !types.every((t) => known(t))) return undefined;
  const burstable = types.filter((t) => instanceTypeTraits(t).burstable).length;
  return burstable === types.length ? "all" : burstable === 0 ? "none" : "some";
}

/** The architecture every written-out type runs, or undefined when they share none. */
export function commonArchitecture(types: readonly string[]): Architecture | undefined {
  const literal = known(types) ? types.filter((t) => known(t)) : [];
  const shared = (["x86_64", "arm64"] as const).filter((a) => literal.every((t) => instanceTypeTraits(t).architectures.includes(a)));
  return literal.length === 0 ? "x86_64" : shared[0];
}
