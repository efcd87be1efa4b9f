import { Network, type NetworkProps } from "../../../modules/network";
import { synth, testStack, type SynthesizedJson } from "../../support/synth";

export const ZONES_2 = ["us-east-1a", "us-east-1b"];
export const ZONES_3 = ["us-east-1a", "us-east-1b", "us-east-1c"];

/** Builds a Network in a fresh stack and returns it with its synthesized JSON. */
export function build(overrides: Partial<NetworkProps> = {}, region = "us-east-1") {
  const stack = testStack(region);
  const network = new Network(stack, "network", { name: "demo", availabilityZones: ZONES_2, ...overrides });
  return { network, ...synth(stack) };
}

type Resources = Record<string, Record<string, unknown>>;

function all(json: SynthesizedJson, type: string): Resources {
  return json.resource?.[type] ?? {};
}

function nameTag(resource: Record<string, unknown> | undefined): string {
  return ((resource?.tags as Record<string, string> | undefined)?.Name ?? "?").toString();
}

/** Resolves `${aws_x.NAME.attr}` to the referenced resource of `type`. */
function target(json: SynthesizedJson, type: string, reference: unknown): Record<string, unknown> | undefined {
  const m = new RegExp(`^\\$\\{${type}\\.([^.]+)\\.`).exec(String(reference));
  return m ? all(json, type)[m[1]!] : undefined;
}

/** `subnet Name tag → route table Name tag` for every association, sorted. */
export function associations(json: SynthesizedJson): string[] {
  return Object.values(all(json, "aws_route_table_association"))
    .map((a) => `${nameTag(target(json, "aws_subnet", a.subnet_id))} -> ${nameTag(target(json, "aws_route_table", a.route_table_id))}`)
    .sort();
}

/** `route table Name tag: destination -> gateway Name tag` for every route, sorted. */
export function routes(json: SynthesizedJson): string[] {
  return Object.values(all(json, "aws_route"))
    .map((r) => {
      const via = r.gateway_id
        ? nameTag(target(json, "aws_internet_gateway", r.gateway_id))
        : nameTag(target(json, "aws_nat_gateway", r.nat_gateway_id));
      return `${nameTag(target(json, "aws_route_table", r.route_table_id))}: ${String(r.destination_cidr_block)} -> ${via}`;
    })
    .sort();
}

/** `Name tag = cidr` of every subnet, in synthesized order. */
export function subnetCidrs(json: SynthesizedJson): Record<string, string> {
  return Object.fromEntries(Object.values(all(json, "aws_subnet")).map((s) => [nameTag(s), String(s.cidr_block)]));
}

export function count(json: SynthesizedJson, type: string): number {
  return Object.keys(all(json, type)).length;
}
