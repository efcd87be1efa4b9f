import type { StoredState } from "./support";

/**
 * What a real value of an applied environment's outputs looks like, for every output of the
 * contract, whatever its name: each leaf of a string, list or map must be non-empty and, where
 * its name says what it is (an id, an ARN, a URL, a DNS name...), shaped like one. Outputs that
 * may be empty are listed here, each with when and why; any other empty value is a fault.
 */

type Outputs = StoredState["outputs"];

/** The outputs that may legitimately be empty: when (read from the applied state), and why. */
export const MAY_BE_EMPTY: Readonly<
  Record<string, { readonly when: (outputs: Outputs, state: StoredState) => boolean; readonly reason: string }>
> = {
  asg_name: { when: (o) => o.compute_mode?.value === "ec2", reason: "ec2 mode runs single instances: there is no Auto Scaling Group" },
  asg_arn: { when: (o) => o.compute_mode?.value === "ec2", reason: "ec2 mode runs single instances: there is no Auto Scaling Group" },
  instance_ids: {
    when: (o) => o.compute_mode?.value === "asg",
    reason: "asg mode: the group launches and replaces its instances, which Terraform does not manage",
  },
  https_listener_arn: {
    when: (_o, state) => !holds(state, "aws_lb_listener", (a) => a.protocol === "HTTPS"),
    reason: "no certificate: the load balancer has no HTTPS listener",
  },
  isolated_subnet_ids: {
    when: (_o, state) => !holds(state, "aws_subnet", (a) => (a.tags as Record<string, string> | undefined)?.Tier === "isolated"),
    reason: "the network has no isolated tier (subnetTiers leaves it out)",
  },
  database_subnet_group_name: {
    when: (_o, state) => !holds(state, "aws_db_subnet_group"),
    reason: "databaseSubnetGroup is off: there is no DB subnet group",
  },
  vpc_ipv6_cidr: {
    when: (_o, state) => !holds(state, "aws_vpc", (a) => a.assign_generated_ipv6_cidr_block === true),
    reason: "ipv6 is off: the VPC has no IPv6 block",
  },
};

/** Whether the applied state holds a resource of `type` with an instance whose attributes pass `test`. */
function holds(state: StoredState, type: string, test: (attributes: Record<string, unknown>) => boolean = () => true): boolean {
  const resources = state.resources as { type: string; instances?: { attributes?: Record<string, unknown> }[] }[];
  return resources.some((r) => r.type === type && (r.instances ?? []).some((i) => test(i.attributes ?? {})));
}

/** The shape a leaf must have, by the name nearest to it (its own key, else its parents', else the output's). */
const SHAPES: readonly { readonly name: RegExp; readonly what: string; readonly value: RegExp }[] = [
  { name: /(^|_)arns?$/, what: "an ARN", value: /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:\S+$/ },
  { name: /(^|_)urls?$/, what: "a URL", value: /^https?:\/\/[^\s/]+(\/\S*)?$/ },
  { name: /(^|_)dns_names?$/, what: "a DNS name", value: /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/ },
  { name: /(^|_)zone_ids?$/, what: "a hosted zone id", value: /^Z[A-Z0-9]{4,31}$/ },
  { name: /(^|_)ids?$/, what: "an AWS id (prefix-hex)", value: /^[a-z]+(-[a-z]+)?-[0-9a-f]{8,17}$/ },
  { name: /(^|_)ips?$/, what: "an IPv4 address", value: /^(\d{1,3}\.){3}\d{1,3}$/ },
  { name: /(^|_)cidrs?$/, what: "an IPv4 CIDR block", value: /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/ },
  { name: /(^|_)availability_zones?$/, what: "an availability zone", value: /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/ },
  { name: /(^|_)(names?|mode)$/, what: "a name", value: /^[A-Za-z0-9][\w.+=@-]{0,254}$/ },
];

function shapeOf(path: readonly (string | number)[]) {
  for (const segment of [...path].reverse()) {
    if (typeof segment !== "string") continue;
    const shape = SHAPES.find((s) => s.name.test(segment));
    if (shape) return shape;
  }
  return undefined;
}

const show = (path: readonly (string | number)[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/** Every problem with one output's value: empty leaves, empty lists or maps, leaves not shaped as their name says. */
function problemsOf(value: unknown, path: readonly (string | number)[]): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${show(path)} is an empty list`];
    return value.flatMap((v, i) => problemsOf(v, [...path, i]));
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${show(path)} is an empty map`];
    return entries.flatMap(([k, v]) => problemsOf(v, [...path, k]));
  }
  if (typeof value === "number" || typeof value === "boolean") return [];
  if (typeof value !== "string" || value === "") return [`${show(path)} is empty (${JSON.stringify(value)})`];
  const shape = shapeOf(path);
  return shape && !shape.value.test(value) ? [`${show(path)} (${JSON.stringify(value)}) is not ${shape.what}`] : [];
}

/** Whether a value is empty as an output that does not apply is: "", null, [] or {}. */
const isEmpty = (value: unknown) =>
  value === "" ||
  value === null ||
  (Array.isArray(value) ? value.length === 0 : typeof value === "object" && Object.keys(value).length === 0);

/**
 * Every problem with an applied environment's outputs: `published` (the names its synthesized
 * stack declares) each present in the state with a real value, unless {@link MAY_BE_EMPTY} says it
 * may be empty here and it is.
 */
export function outputProblems(published: readonly string[], state: StoredState): string[] {
  const outputs = state.outputs;
  return published.flatMap((name) => {
    if (!(name in outputs)) return [`${name} is declared by the stack but not in the applied state`];
    const value = outputs[name]!.value;
    const exempt = MAY_BE_EMPTY[name];
    if (exempt?.when(outputs, state) && isEmpty(value)) return [];
    return problemsOf(value, [name]);
  });
}
