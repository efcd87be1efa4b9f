import type { Change, PlanJson, ResourceChange } from "./terraform";

/**
 * What a tired reviewer misses on the first screen of a plan: changes that hurt without
 * destroying anything. Each finding is a sentence naming the address and what it does; the
 * guard blocks a protected environment's plan that has any (see guard.ts), and the summary
 * lists them first everywhere. Values are read from the plan Terraform will apply (the
 * `after` of each change, and the configuration block for provisioners and references).
 */

type Values = Readonly<Record<string, unknown>>;

const WORLD = new Set(["0.0.0.0/0", "::/0"]);
/** The only world-open ingress a web tier needs: HTTP and HTTPS on its load balancer. */
const PUBLIC_WEB_PORTS = new Set([80, 443]);
const PUBLIC_ACCESS_FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;
/** Types that exist to run commands or carry values outside any cloud API. */
const COMMAND_TYPES = new Set(["terraform_data", "null_resource"]);
/** Attribute names whose values decide who may reach or do what. */
const ACCESS_ATTRIBUTE =
  /(^|_)(policy|ingress|egress|cidr_blocks|cidr_ipv[46]|from_port|to_port|principals?|rule|rule_json|action|condition)s?$/;

const isRecord = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);
const actionsOf = (rc: ResourceChange) => rc.change.actions.join(",");
const isWrite = (rc: ResourceChange) => ["create", "update", "delete,create", "create,delete"].includes(actionsOf(rc));
const before = (rc: ResourceChange): Values => (isRecord(rc.change.before) ? rc.change.before : {});
const after = (rc: ResourceChange): Values => (isRecord(rc.change.after) ? rc.change.after : {});
const isUpdate = (rc: ResourceChange) => actionsOf(rc) === "update";

/** `aws_x.y["k"]` → `aws_x.y`, the address of its block in the configuration. */
export const configAddress = (address: string) => address.replace(/\[[^\]]*\]$/, "");

interface ConfigResource {
  readonly address: string;
  readonly type: string;
  readonly provisioners?: readonly {
    readonly type: string;
    readonly expressions?: Readonly<Record<string, { constant_value?: unknown; references?: string[] }>>;
  }[];
  readonly expressions?: Readonly<Record<string, { readonly references?: readonly string[] } | unknown>>;
}

interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** Every resource block of the plan's configuration, child modules included. */
export function configResources(plan: PlanJson): ConfigResource[] {
  const walk = (m: ConfigModule | undefined): ConfigResource[] => [
    ...(m?.resources ?? []),
    ...Object.values(m?.module_calls ?? {}).flatMap((c) => walk(c.module)),
  ];
  return walk((plan as { configuration?: { root_module?: ConfigModule } }).configuration?.root_module);
}

/** The resource addresses an expression of a configuration block refers to (`aws_x.y.id` → `aws_x.y`). */
function referencesOf(resource: ConfigResource | undefined, attribute: string): string[] {
  const expression = resource?.expressions?.[attribute];
  const refs = isRecord(expression) && Array.isArray(expression.references) ? (expression.references as string[]) : [];
  return refs.map((r) => r.split(".").slice(0, 2).join("."));
}

/** JSON text parsed, or undefined where it is not JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A policy document held in a string attribute, or undefined. */
function policyOf(value: unknown): { Statement?: unknown } | undefined {
  if (typeof value !== "string" || !value.includes("Statement")) return undefined;
  const document = parsed(value);
  return isRecord(document) ? document : undefined;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function statementsOf(value: unknown): Values[] {
  return asList(policyOf(value)?.Statement).filter(isRecord);
}

/** Whether a statement allows anyone: `Principal: "*"` or `{"AWS": "*"}` (a list holding "*" too). */
function allowsEveryone(statement: Values): boolean {
  if (statement.Effect !== "Allow") return false;
  const principal = statement.Principal;
  if (principal === "*") return true;
  return isRecord(principal) && Object.values(principal).some((p) => asList(p).includes("*"));
}

/** Who, may do what, on which condition: one line per statement of a policy. */
export function describeStatements(value: unknown): string[] {
  return statementsOf(value).map((s) => {
    const principal = s.Principal === undefined ? "" : ` ${JSON.stringify(s.Principal)}`;
    const actions = asList(s.Action ?? s.NotAction).join(", ");
    const condition = s.Condition === undefined ? "" : ` when ${JSON.stringify(s.Condition)}`;
    return `${s.Effect}${principal}: ${actions}${condition}`;
  });
}

/** Every string attribute of `values` that holds a policy document, by name. */
function policies(values: Values): [string, unknown][] {
  return Object.entries(values).filter(([, v]) => policyOf(v) !== undefined);
}

/** TLS security policies ranked: a higher number is stronger. */
export function tlsRank(policy: unknown): number {
  if (typeof policy !== "string" || policy === "") return 0;
  if (/TLS13-1-3/.test(policy)) return 5;
  if (/TLS13-1-2|FS-1-2/.test(policy)) return 4;
  if (/TLS-1-2/.test(policy)) return 3;
  if (/TLS-1-1|FS-1-1/.test(policy)) return 2;
  return 1; // TLS 1.0: ELBSecurityPolicy-2016-08, -TLS-1-0-2015-04 and the like
}

interface Rule {
  readonly cidrs: readonly string[];
  readonly from: unknown;
  readonly to: unknown;
}

/** The ingress a security-group resource opens, whatever its kind. */
function ingressOf(rc: ResourceChange, values: Values): Rule[] {
  if (rc.type === "aws_vpc_security_group_ingress_rule")
    return [
      {
        cidrs: [values.cidr_ipv4, values.cidr_ipv6].filter((c): c is string => typeof c === "string"),
        from: values.from_port,
        to: values.to_port,
      },
    ];
  if (rc.type === "aws_security_group_rule" && values.type === "ingress") {
    return [
      {
        cidrs: [...asList(values.cidr_blocks), ...asList(values.ipv6_cidr_blocks)].filter((c): c is string => typeof c === "string"),
        from: values.from_port,
        to: values.to_port,
      },
    ];
  }
  if (rc.type === "aws_security_group") {
    return asList(values.ingress)
      .filter(isRecord)
      .map((r) => ({
        cidrs: [...asList(r.cidr_blocks), ...asList(r.ipv6_cidr_blocks)].filter((c): c is string => typeof c === "string"),
        from: r.from_port,
        to: r.to_port,
      }));
  }
  return [];
}

const describeRule = (r: Rule) =>
  `${r.from === r.to ? `port ${String(r.from)}` : `ports ${String(r.from)}-${String(r.to)}`} from ${r.cidrs.join(", ")}`;

/** Security groups the configuration attaches to a load balancer. */
function loadBalancerGroups(config: readonly ConfigResource[]): Set<string> {
  return new Set(config.filter((r) => r.type === "aws_lb").flatMap((r) => referencesOf(r, "security_groups")));
}

function worldIngress(rc: ResourceChange, config: ReadonlyMap<string, ConfigResource>, albGroups: ReadonlySet<string>): string[] {
  const block = config.get(configAddress(rc.address));
  const onAlb =
    rc.type === "aws_security_group"
      ? albGroups.has(configAddress(rc.address))
      : referencesOf(block, "security_group_id").some((g) => albGroups.has(g));
  const open = (values: Values) =>
    ingressOf(rc, values)
      .filter((r) => r.cidrs.some((c) => WORLD.has(c)))
      .filter((r) => !(onAlb && r.from === r.to && PUBLIC_WEB_PORTS.has(r.from as number)))
      .map(describeRule);
  const already = new Set(open(before(rc)));
  return open(after(rc)).filter((r) => !already.has(r));
}

/** Paths marked sensitive in the change's after mirror but not its before one. */
function newlySensitive(change: Change): string[] {
  const paths = (mirror: unknown, prefix = ""): string[] => {
    if (mirror === true) return [prefix];
    if (Array.isArray(mirror)) return mirror.flatMap((m, i) => paths(m, `${prefix}[${i}]`));
    if (isRecord(mirror)) return Object.entries(mirror).flatMap(([k, m]) => paths(m, prefix ? `${prefix}.${k}` : k));
    return [];
  };
  const was = new Set(paths(change.before_sensitive));
  return paths(change.after_sensitive).filter((p) => !was.has(p));
}

/** Whether a listener rule's conditions cover the site root for every host (a path of `/`, `/*` or `*`, or no path at all). */
function coversRoot(values: Values): boolean {
  const conditions = asList(values.condition).filter(isRecord);
  const paths = conditions.flatMap((c) =>
    asList(c.path_pattern)
      .filter(isRecord)
      .flatMap((p) => asList(p.values)),
  );
  if (paths.length === 0) return true;
  return paths.some(
    (p) =>
      typeof p === "string" &&
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      ).test("/"),
  );
}

/** What one listener rule does: its priority, conditions and actions. */
export function describeListenerRule(values: Values): string {
  const conditions = asList(values.condition)
    .filter(isRecord)
    .flatMap((c) =>
      Object.entries(c)
        .filter(([, v]) => asList(v).length > 0)
        .map(
          ([k, v]) =>
            `${k} ${JSON.stringify(
              asList(v)
                .filter(isRecord)
                .flatMap((x) => asList(x.values)),
            )}`,
        ),
    );
  const actions = asList(values.action)
    .filter(isRecord)
    .map((a) => {
      const fixed = asList(a.fixed_response).filter(isRecord)[0];
      const redirect = asList(a.redirect).filter(isRecord)[0];
      if (fixed) return `fixed-response ${String(fixed.status_code)}`;
      if (redirect)
        return `redirect ${String(redirect.status_code)} to ${String(redirect.host ?? "#{host}")}${String(redirect.path ?? "")}`;
      return String(a.type);
    });
  return `priority ${String(values.priority ?? "(next free)")}: ${conditions.join(" and ") || "(no condition)"} → ${actions.join(", ")}`;
}

/** One line per rule, policy statement or listener rule a change creates or changes: what it lets through. */
export function accessOf(rc: ResourceChange): string[] {
  const values = after(rc);
  const unknown = (key: string) => isRecord(rc.change.after_unknown) && rc.change.after_unknown[key] === true;
  const rules = ingressOf(rc, values).map((r) => `ingress ${describeRule(r)}`);
  if (rc.type === "aws_vpc_security_group_ingress_rule" || rc.type === "aws_vpc_security_group_egress_rule") {
    const direction = rc.type.includes("ingress") ? "ingress" : "egress";
    const peer =
      values.cidr_ipv4 ??
      values.cidr_ipv6 ??
      values.prefix_list_id ??
      (values.referenced_security_group_id
        ? `security group ${String(values.referenced_security_group_id)}`
        : unknown("referenced_security_group_id")
          ? "a security group (known after apply)"
          : "(none)");
    return [
      `${direction} ${String(values.ip_protocol)} ${values.from_port === values.to_port ? String(values.from_port) : `${String(values.from_port)}-${String(values.to_port)}`} ${direction === "ingress" ? "from" : "to"} ${String(peer)}`,
    ];
  }
  if (rc.type === "aws_lb_listener_rule") return [describeListenerRule(values)];
  const statements = policies(values).flatMap(([name, v]) => describeStatements(v).map((s) => `${name}: ${s}`));
  const hidden = Object.keys(values).filter(
    (k) => ACCESS_ATTRIBUTE.test(k) && isRecord(rc.change.after_sensitive) && rc.change.after_sensitive[k] === true,
  );
  const pending = Object.keys(isRecord(rc.change.after_unknown) ? rc.change.after_unknown : {}).filter(
    (k) => /(^|_)policy$/.test(k) && unknown(k),
  );
  return [...rules, ...statements, ...hidden.map((k) => `${k}: (sensitive)`), ...pending.map((k) => `${k}: (known after apply)`)];
}

/** The changes of a plan that a reviewer needs to see the access of, with that access. */
export function accessChanges(
  plan: PlanJson,
): { readonly address: string; readonly action: "create" | "update" | "replace"; readonly access: readonly string[] }[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed" && isWrite(rc))
    .map((rc) => ({
      address: rc.address,
      action: (isUpdate(rc) ? "update" : actionsOf(rc) === "create" ? "create" : "replace") as "create" | "update" | "replace",
      access: accessOf(rc),
    }))
    .filter((a) => a.access.length > 0);
}

/**
 * Every finding of the plan, as sentences that start with the environment's name. `deployed`
 * is how many managed resources the state held before the plan.
 */
/** Auto Scaling processes whose suspension keeps a group from adding or restoring serving instances. */
const CAPACITY_PROCESSES: readonly string[] = ["Launch", "AddToLoadBalancer", "ReplaceUnhealthy"];

export function risksOf(environment: string, plan: PlanJson, deployed: number): string[] {
  const changes = (plan.resource_changes ?? []).filter((rc) => rc.mode === "managed");
  const config = configResources(plan);
  const byAddress = new Map(config.map((r) => [r.address, r]));
  const albGroups = loadBalancerGroups(config);
  const found: string[] = [];
  const say = (text: string) => found.push(`${environment} ${text}`);

  for (const r of config) {
    for (const p of r.provisioners ?? []) {
      const command = p.expressions?.command?.constant_value ?? p.expressions?.inline?.constant_value;
      say(
        `runs a ${p.type} provisioner on ${r.address} with the deploy's credentials: ${command === undefined ? "(a computed command)" : JSON.stringify(command)}`,
      );
    }
  }

  for (const rc of changes) {
    const a = actionsOf(rc);
    const was = before(rc);
    const now = after(rc);
    if (a.includes("forget"))
      say(`stops managing ${rc.address} (a removed block): it stays in AWS, out of the state, where no later plan sees or protects it`);
    if (!isWrite(rc)) continue;
    if (COMMAND_TYPES.has(rc.type))
      say(`${a === "create" ? "creates" : "changes"} ${rc.address}, a ${rc.type}: it runs commands or carries values outside AWS`);

    for (const path of newlySensitive(rc.change)) {
      if (ACCESS_ATTRIBUTE.test(path.split(/[.[]/)[0]!))
        say(`hides ${rc.address} ${path} from review: it is newly marked sensitive, so the plan shows no value`);
    }

    // Access opened.
    for (const [name, value] of policies(now)) {
      const had = new Set(
        statementsOf(was[name])
          .filter(allowsEveryone)
          .map((s) => JSON.stringify(s)),
      );
      for (const s of statementsOf(value).filter(allowsEveryone)) {
        if (!had.has(JSON.stringify(s)))
          say(`allows Principal "*" in ${rc.address} ${name}: ${describeStatements(JSON.stringify({ Statement: [s] }))[0]}`);
      }
    }
    for (const rule of worldIngress(rc, byAddress, albGroups)) say(`opens ${rc.address} to the internet: ingress ${rule}`);
    if (rc.type === "aws_s3_bucket_public_access_block") {
      const off = PUBLIC_ACCESS_FLAGS.filter((f) => now[f] === false && was[f] !== false);
      if (off.length > 0) say(`turns S3 public access blocking off on ${rc.address}: ${off.join(", ")}`);
    }
    if (rc.type === "aws_lb_listener" && now.ssl_policy !== undefined && now.ssl_policy !== null) {
      const weaker = isUpdate(rc) ? tlsRank(now.ssl_policy) < tlsRank(was.ssl_policy) : tlsRank(now.ssl_policy) < 3;
      if (weaker) say(`weakens TLS on ${rc.address}: ${JSON.stringify(was.ssl_policy ?? null)} → ${JSON.stringify(now.ssl_policy)}`);
    }
    if (rc.type === "aws_wafv2_web_acl" && isUpdate(rc)) {
      const rules = (v: Values) => asList(v.rule).length + (typeof v.rule_json === "string" ? asList(parsed(v.rule_json)).length : 0);
      if (rules(was) > 0 && rules(now) === 0) say(`empties the WAF web ACL ${rc.address}: it had ${rules(was)} rule(s)`);
    }

    // Data lost.
    if (rc.type === "aws_cloudwatch_log_group" && isUpdate(rc)) {
      const days = (v: unknown) => (typeof v === "number" && v > 0 ? v : Infinity);
      if (days(now.retention_in_days) < days(was.retention_in_days))
        say(
          `shortens log retention on ${rc.address}: ${String(was.retention_in_days || "never expire")} → ${String(now.retention_in_days)} days`,
        );
    }
    if (
      rc.type === "aws_sqs_queue" &&
      isUpdate(rc) &&
      typeof now.message_retention_seconds === "number" &&
      typeof was.message_retention_seconds === "number" &&
      now.message_retention_seconds < was.message_retention_seconds
    ) {
      say(`shortens message retention on ${rc.address}: ${was.message_retention_seconds} → ${now.message_retention_seconds} s`);
    }
    if (now.force_destroy === true && was.force_destroy !== true)
      say(`turns force_destroy on for ${rc.address}: destroying it then deletes everything in it`);
    if (rc.type === "aws_kms_key" && now.is_enabled === false && was.is_enabled !== false)
      say(`disables the KMS key ${rc.address}: what it encrypts can no longer be read`);

    // Capacity taken away.
    if (rc.type === "aws_autoscaling_group" && isUpdate(rc)) {
      for (const key of ["min_size", "max_size"] as const) {
        if (now[key] === 0 && typeof was[key] === "number" && (was[key] as number) > 0)
          say(`sets ${key} of ${rc.address} to 0 (was ${String(was[key])})`);
      }
      // Suspending these stops the group from adding or restoring serving instances; other processes are benign.
      const suspended = (v: unknown) => asList(v).filter((p): p is string => typeof p === "string" && CAPACITY_PROCESSES.includes(p));
      const newly = suspended(now.suspended_processes).filter((p) => !suspended(was.suspended_processes).includes(p));
      if (newly.length > 0)
        say(`suspends ${newly.join(", ")} on ${rc.address}: it stops launching, registering or replacing serving instances`);
    }
    if (
      rc.type === "aws_lb_listener_rule" &&
      asList(now.action).some((x) => isRecord(x) && x.type === "fixed-response") &&
      coversRoot(now)
    ) {
      const same = isUpdate(rc) && JSON.stringify([was.action, was.condition]) === JSON.stringify([now.action, now.condition]);
      if (!same)
        say(`answers the site itself with a fixed response ahead of the default forward: ${rc.address} ${describeListenerRule(now)}`);
    }
  }

  const count = (action: string) => changes.filter((rc) => actionsOf(rc) === action).length;
  const creates = count("create");
  const total = deployed + creates - count("delete") - count("forget");
  if (deployed > 0 && creates > 0 && creates * 2 > total) {
    say(
      `would create ${creates} of its ${total} resources although its state holds ${deployed}: a state that is not this environment's (a backend key pointed elsewhere) looks like this`,
    );
  }
  return found;
}
