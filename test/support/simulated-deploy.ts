import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CtyType, ProviderSchemas, SchemaBlock } from "../../scripts/lib/provider-schemas";
import { runOffline, type PlanJson } from "../../scripts/lib/terraform";

/**
 * A simulated deploy, for tests: what a stack's state would be once applied, built from offline
 * plans without an AWS account, so that changes can be planned against a "deployed" stack.
 *
 * Why it stays beside the emulator: the guard, replacement, moves and red-team tests plan dozens
 * of config edits against a deployed state, each in seconds of offline planning; applying each
 * into moto_server would take minutes per scenario. What only a real apply shows (a refused apply,
 * a perpetual diff, a destroy leaving resources, the lock) is the apply tier's (test/apply/).
 */

interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly provider_name: string;
  readonly schema_version: number;
  readonly values: Record<string, unknown>;
  /** The for_each key or count index of one instance. */
  readonly index?: string | number;
  /** Which values are sensitive, as the plan marks them (`{ "private_key": true }`). */
  readonly sensitive_values?: unknown;
}

/** The AWS provider's default tags, as the plan's configuration records them. */
function defaultTags(plan: PlanJson): Record<string, string> {
  const config = plan.configuration as
    | { provider_config?: Record<string, { expressions?: { default_tags?: { tags?: { constant_value?: Record<string, string> } }[] } }> }
    | undefined;
  return config?.provider_config?.aws?.expressions?.default_tags?.[0]?.tags?.constant_value ?? {};
}

/** Computed attributes other resources refer to: they get a stand-in; other unknowns stay null. */
const REFERENCED = /^(id|arn|arn_suffix|url|name|dns_name|fqdn|zone_id|public_ip|allocation_id|latest_version|key_id|dashboard_name)$/;

/** ID prefixes AWS uses (and the provider checks) for the resources these stacks reference by id. */
const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_vpc: "vpc",
  aws_subnet: "subnet",
  aws_security_group: "sg",
  aws_default_security_group: "sg",
  aws_internet_gateway: "igw",
  aws_nat_gateway: "nat",
  aws_route_table: "rtb",
  aws_eip: "eipalloc",
  aws_launch_template: "lt",
  aws_instance: "i",
  aws_vpc_endpoint: "vpce",
  aws_flow_log: "fl",
  aws_vpc_security_group_ingress_rule: "sgr",
  aws_vpc_security_group_egress_rule: "sgr",
};

/** 17 hex digits derived from the address, so stand-in ids are unique and stable. */
function hexOf(address: string): string {
  let h = 0n;
  for (const c of address) h = (h * 131n + BigInt(c.charCodeAt(0))) % 2n ** 68n;
  return h.toString(16).padStart(17, "0").slice(-17);
}

/**
 * A stand-in for a value only AWS would know, of the attribute's type and shaped so that
 * expressions over it still evaluate and the provider's checks pass (ids with AWS's prefixes,
 * ARNs that split on ":", suffixes for metric dimensions).
 */
function placeholder(key: string, type: CtyType | undefined, resourceType: string, address: string): unknown {
  const kind = Array.isArray(type) ? type[0] : type;
  if (!REFERENCED.test(key)) return kind === "list" || kind === "set" ? [] : kind === "map" ? {} : null;
  if (kind === "number") return 1;
  if (kind !== "string") return null;
  const hex = hexOf(address);
  switch (key) {
    case "id":
    case "allocation_id":
      return ID_PREFIX[resourceType] ? `${key === "allocation_id" ? "eipalloc" : ID_PREFIX[resourceType]}-${hex}` : `placeholder-${hex}`;
    case "arn":
      return `arn:aws:${resourceType.replace(/^aws_/, "")}:us-east-1:123456789012:${hex}`;
    case "arn_suffix":
      return `app/placeholder/${hex.slice(1)}`;
    case "url":
      return `https://sqs.us-east-1.amazonaws.com/123456789012/${hex}`;
    case "public_ip":
      return `203.0.113.${parseInt(hex.slice(-2), 16) % 250}`;
    case "zone_id":
      // Route 53 zone ids (a load balancer's, for alias records): Z and at most 31 more.
      return `Z${hex.toUpperCase()}`;
    default:
      return `placeholder-${key}-${hex}`;
  }
}

/** Values the provider stores in a normal form (its StateFunc), where a configuration can set them otherwise. */
const STORED_AS: Readonly<Record<string, Readonly<Record<string, (value: unknown) => unknown>>>> = {
  // Route 53 record names: lower case, without the trailing dot ACM's validation names carry.
  aws_route53_record: { name: (value) => (typeof value === "string" ? value.toLowerCase().replace(/\.$/, "") : value) },
};

/** What ACM returns per name of a certificate (`domain_validation_options`): the CNAME that validates it. */
const NESTED_STAND_INS: Readonly<Record<string, (hex: string, item: Record<string, unknown>) => unknown>> = {
  resource_record_name: (hex, item) => `_${hex}.${String(item.domain_name)}.`,
  resource_record_type: () => "CNAME",
  resource_record_value: (hex) => `_${hex}.acm-validations.aws.`,
};

/** Unknowns inside a list or set of objects the plan partly knows (a certificate's per-name validation records). */
function fillNested(items: unknown, unknown: readonly unknown[], address: string): unknown {
  if (!Array.isArray(items)) return items;
  return items.map((item, i) => {
    const flags = unknown[i];
    if (typeof item !== "object" || item === null || typeof flags !== "object" || flags === null) return item;
    const copy = { ...(item as Record<string, unknown>) };
    for (const [key, flag] of Object.entries(flags)) {
      if (flag === true) copy[key] = NESTED_STAND_INS[key]?.(hexOf(`${address}[${i}]`), copy) ?? null;
    }
    return copy;
  });
}

function fillUnknown(
  values: Record<string, unknown>,
  unknown: unknown,
  address: string,
  block: SchemaBlock | undefined,
  tags: Record<string, string>,
  prior: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const filled = { ...values };
  if (typeof unknown !== "object" || unknown === null) return filled;
  for (const [key, flag] of Object.entries(unknown as Record<string, unknown>)) {
    if (Array.isArray(flag) && !block?.block_types?.[key]) filled[key] = fillNested(filled[key], flag, address);
    if (flag !== true) continue;
    // Applying an update keeps what the provider had already computed.
    if (prior && key in prior) filled[key] = prior[key];
    // What the provider itself would compute: its default tags under the resource's own.
    else if (key === "tags_all") filled[key] = { ...tags, ...(values.tags as Record<string, string> | null) };
    else if (block?.block_types?.[key]) filled[key] = block.block_types[key]!.nesting_mode === "single" ? null : [];
    else filled[key] = placeholder(key, block?.attributes?.[key]?.type, address.split(".")[0]!, address);
  }
  return filled;
}

interface StateFile {
  readonly lineage?: string;
  readonly resources: readonly {
    readonly type: string;
    readonly name: string;
    readonly instances: readonly { readonly index_key?: string | number; readonly attributes: Record<string, unknown> }[];
  }[];
}

/** `aws_x.y` or `aws_x.y["key"]`: an instance's address as plans write it. */
const instanceAddress = (resource: string, index: string | number | undefined) =>
  index === undefined ? resource : `${resource}[${JSON.stringify(index)}]`;

/** The plan's sensitivity marks (`{ a: true, b: [{ c: true }] }`) as a state's attribute paths. */
function sensitivePaths(marks: unknown, path: readonly unknown[] = []): unknown[][] {
  if (marks === true) return [[...path]];
  if (Array.isArray(marks))
    return marks.flatMap((m, i) => sensitivePaths(m, [...path, { type: "index", value: { value: i, type: "number" } }]));
  if (typeof marks === "object" && marks !== null)
    return Object.entries(marks).flatMap(([k, m]) => sensitivePaths(m, [...path, { type: "get_attr", value: k }]));
  return [];
}

type Config = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** What an expression can read: an attribute of a resource once it exists, every instance of a for_each resource, and `each.value`. */
interface Scope {
  readonly attribute: (type: string, name: string, attr: string) => unknown;
  readonly instances: (type: string, name: string) => readonly Record<string, unknown>[];
  readonly each?: string;
}

const NAME = "[A-Za-z0-9_-]+";
const RESOURCE = `([a-z0-9_]+)\\.(${NAME})`;
/** The expressions cdktf writes for these stacks, by shape: each is evaluated as Terraform would. */
const SHAPES: readonly [RegExp, (m: RegExpExecArray, scope: Scope) => unknown][] = [
  // aws_vpc.x.id
  [new RegExp(`^${RESOURCE}\\.([a-z0-9_]+)$`), (m, scope) => scope.attribute(m[1]!, m[2]!, m[3]!)],
  // element(split(":", aws_sns_topic.x.arn), 4): a part of an ARN
  [
    /^element\(split\("(.)", (.+)\), (\d+)\)$/,
    (m, scope) => {
      const text = expressionValue(m[2]!, scope);
      return typeof text === "string" ? text.split(m[1]!)[Number(m[3])] : undefined;
    },
  ],
  // [ for key, val in aws_route53_record.x: val.fqdn]: an attribute of every instance, in key order
  [
    new RegExp(`^\\[ for key, val in ${RESOURCE}: val\\.([a-z0-9_]+)\\]$`),
    (m, scope) => scope.instances(m[1]!, m[2]!).map((v) => v[m[3]!]),
  ],
  // { for key, val in toset(tolist(<list>)): val.domain_name => val }[each.value].resource_record_name
  [
    /^\{ for key, val in toset\(tolist\((.+)\)\): val\.([a-z0-9_]+) => val \}\[each\.value\]\.([a-z0-9_]+)$/,
    (m, scope) => {
      const items = expressionValue(m[1]!, scope);
      if (!Array.isArray(items) || scope.each === undefined) return undefined;
      const item = items.find((i) => typeof i === "object" && i !== null && (i as Record<string, unknown>)[m[2]!] === scope.each) as
        | Record<string, unknown>
        | undefined;
      return item?.[m[3]!];
    },
  ],
  [/^each\.value$/, (_m, scope) => scope.each],
];

/** The value of the expression inside `${…}`, or undefined when it is of no known shape or reads what is not known. */
function expressionValue(expression: string, scope: Scope): unknown {
  for (const [shape, value] of SHAPES) {
    const m = shape.exec(expression.trim());
    if (m) return value(m, scope) ?? undefined;
  }
  return undefined;
}

/** A string split into its literal text and its `${…}` expressions (braces and quoted strings inside them balanced). */
function interpolations(text: string): (string | { readonly expression: string })[] | undefined {
  const parts: (string | { readonly expression: string })[] = [];
  let literal = "";
  for (let i = 0; i < text.length; i++) {
    if (!text.startsWith("${", i)) {
      literal += text[i];
      continue;
    }
    let depth = 0;
    let quoted = false;
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quoted) {
        if (c === "\\") j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    if (j >= text.length) return undefined;
    if (literal) parts.push(literal);
    literal = "";
    parts.push({ expression: text.slice(i + 2, j) });
    i = j;
  }
  if (literal) parts.push(literal);
  return parts;
}

/**
 * The value a configuration expression takes once the resources it refers to exist: references,
 * the few functions cdktf writes around them (see SHAPES), lists and objects of those, and
 * templates made of them. Anything else stays unknown (undefined).
 */
function evaluate(expression: unknown, scope: Scope): unknown {
  if (Array.isArray(expression)) {
    const items = expression.map((e) => evaluate(e, scope));
    return items.some((i) => i === undefined) ? undefined : items;
  }
  if (typeof expression === "object" && expression !== null) {
    const entries = Object.entries(expression).map(([k, v]) => [k, evaluate(v, scope)] as const);
    return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
  }
  if (typeof expression !== "string" || !expression.includes("${")) return expression;
  const parts = interpolations(expression);
  if (!parts) return undefined;
  const [only] = parts;
  if (parts.length === 1 && typeof only === "object") return expressionValue(only.expression, scope);
  let text = "";
  for (const part of parts) {
    const value = typeof part === "string" ? part : expressionValue(part.expression, scope);
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    text += String(value);
  }
  return text;
}

/**
 * Sets every still-unknown value that the configuration gives by reference, in nested blocks
 * too (cdktf writes a single block as an object, Terraform plans it as a one-item list).
 */
function resolveConfigured(
  values: Record<string, unknown>,
  unknown: unknown,
  configured: Readonly<Record<string, unknown>>,
  scope: Scope,
): void {
  if (typeof unknown !== "object" || unknown === null) return;
  for (const [key, flag] of Object.entries(unknown as Record<string, unknown>)) {
    if (!(key in configured)) continue;
    if (flag === true) {
      const value = evaluate(configured[key], scope);
      if (value !== undefined) values[key] = value;
    } else if (Array.isArray(flag) && Array.isArray(values[key])) {
      const blocks = values[key] as Record<string, unknown>[];
      const configs = Array.isArray(configured[key])
        ? (configured[key] as Record<string, unknown>[])
        : [configured[key] as Record<string, unknown>];
      values[key] = blocks.map((block, i) => {
        if (typeof block !== "object" || block === null || !configs[i]) return block;
        const copy = { ...block };
        resolveConfigured(copy, flag[i], configs[i]!, scope);
        return copy;
      });
    }
  }
}

/**
 * The state a plan would leave if applied (format 4): the planned values of every managed
 * resource, with what only AWS knows filled in: the prior state's value where the resource
 * existed (`prior`), values that the synthesized configuration (`config`, the stack's
 * `resource` section) sets by reference to other resources, and otherwise a stand-in of the
 * attribute's type from the provider's schema (ids, ARNs, URLs). Planning a changed
 * configuration against it with -refresh=false shows the updates, replacements, moves and
 * destroys that change would cause, without an AWS account.
 */
export function applyPlan(plan: PlanJson, schemas: ProviderSchemas, config: Config, prior?: string): string {
  const planned = (
    (plan as { planned_values?: { root_module?: { resources?: PlannedResource[] } } }).planned_values?.root_module?.resources ?? []
  ).filter((r) => r.mode === "managed");
  const tags = defaultTags(plan);
  const unknownByAddress = new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc.change.after_unknown]));
  const priorState = (prior ? JSON.parse(prior) : { resources: [] }) as StateFile;
  const priorByAddress = new Map(
    priorState.resources.flatMap((r) =>
      r.instances.map((i) => [instanceAddress(`${r.type}.${r.name}`, i.index_key), i.attributes] as const),
    ),
  );
  const byAddress = new Map(planned.map((r) => [r.address, r]));
  const filled = new Map<string, Record<string, unknown>>();
  const visiting = new Set<string>();

  // Depth-first over references, so a resource is filled after those it refers to.
  const fill = (address: string): Record<string, unknown> | undefined => {
    const done = filled.get(address);
    if (done || visiting.has(address)) return done;
    const r = byAddress.get(address);
    if (!r) return undefined;
    visiting.add(address);
    const block = schemas.provider_schemas[r.provider_name]?.resource_schemas?.[r.type]?.block;
    const values = fillUnknown(r.values, unknownByAddress.get(address), address, block, tags, priorByAddress.get(address));
    const scope: Scope = {
      attribute: (type, name, attr) => fill(`${type}.${name}`)?.[attr],
      instances: (type, name) =>
        planned
          .filter((p) => p.type === type && p.name === name && p.index !== undefined)
          .sort((a, b) => (String(a.index) < String(b.index) ? -1 : 1))
          .map((p) => fill(p.address) ?? {}),
      each: typeof r.index === "string" ? r.index : undefined,
    };
    resolveConfigured(values, unknownByAddress.get(address), config[r.type]?.[r.name] ?? {}, scope);
    for (const [key, normalize] of Object.entries(STORED_AS[r.type] ?? {})) values[key] = normalize(values[key]);
    visiting.delete(address);
    filled.set(address, values);
    return values;
  };

  return JSON.stringify(
    {
      version: 4,
      terraform_version: plan.terraform_version,
      serial: 1,
      // A state keeps its lineage; a new one is derived from the configuration, so that
      // deploying the same stack twice gives the same state (and shares its plans).
      lineage: priorState.lineage ?? lineageOf(config),
      outputs: {},
      // One resource per type and name, one instance per for_each key (or the single one).
      resources: [...new Set(planned.map((r) => `${r.type}.${r.name}`))].map((resource) => {
        const instances = planned.filter((r) => `${r.type}.${r.name}` === resource);
        const { type, name, provider_name } = instances[0]!;
        return {
          mode: "managed",
          type,
          name,
          // for_each instances are keyed by strings ("map"), count instances by numbers ("list").
          ...(instances[0]!.index === undefined ? {} : { each: typeof instances[0]!.index === "number" ? "list" : "map" }),
          provider: `provider["${provider_name}"]`,
          instances: instances.map((r) => ({
            ...(r.index === undefined ? {} : { index_key: r.index }),
            schema_version: r.schema_version,
            // Marks the plan carries (a certificate's private key): without them every re-plan would "update" the marks.
            sensitive_attributes: sensitivePaths(r.sensitive_values),
            attributes: fill(r.address),
          })),
        };
      }),
    },
    null,
    2,
  );
}

/** A UUID-shaped lineage derived from the configuration. */
function lineageOf(config: Config): string {
  const hex = createHash("sha256").update(JSON.stringify(config)).digest("hex");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join("-");
}

/**
 * A state as if the stack in `stackDir` had been deployed: plans and simulated applies
 * (`applyPlan`) until a plan against the state shows nothing to do. Fails if it does not settle.
 */
export async function simulateDeploy(stackDir: string, maxRounds = 4): Promise<{ state: string; schemas: ProviderSchemas }> {
  const config = (JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { resource?: Config }).resource ?? {};
  const first = await runOffline(stackDir, { schemas: true });
  const schemas = first.schemas!;
  let state = applyPlan(first.plan!, schemas, config);
  for (let round = 1; round <= maxRounds; round++) {
    const { plan, changed } = await runOffline(stackDir, { state });
    if (!changed) return { state, schemas };
    state = applyPlan(plan!, schemas, config, state);
  }
  throw new Error(`simulated deploy of ${stackDir} did not settle in ${maxRounds} rounds`);
}
