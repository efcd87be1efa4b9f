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

/** The instance types a compute launches: its mixed instances policy's, else its one type (or `defaultType`). */
export function launchedInstanceTypes(
  c: { readonly instanceType?: string; readonly mixedInstances?: { readonly instanceTypes: readonly string[] } },
  defaultType: string,
): readonly string[] {
  return c.mixedInstances?.instanceTypes ?? [c.instanceType ?? defaultType];
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
