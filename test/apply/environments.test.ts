import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../scripts/lib/emulator";
import { renderEmulatorGaps } from "../../scripts/lib/emulator-gaps";
import { changedAttributes } from "../../scripts/lib/plan-summary";
import type { PlanJson } from "../../scripts/lib/terraform";
import { MESSAGING_OUTPUT_NAMES, WEB_TIER_OUTPUTS } from "../../modules/contract";
import { copyProject, edit, runCli, type CliRun } from "../scripts/run-cli";
import { planConsumer, plannedAttribute, plannedOutputs, prepareCdktfConsumer, prepareHclConsumer, type ConsumerPlan } from "./consumers";
import { MAY_BE_EMPTY, outputProblems } from "./contract-values";
import { boto3, leftInEmulator, storedState, type StoredState } from "./support";

/**
 * Every environment applied for real, into a fresh emulator of its own (moto_server), through
 * the project's commands with --local: the apply, the plan right after it (empty), the outputs,
 * drift made through the emulator's API, the guard over real state, destroy, and the state lock.
 * The environments run side by side; each one's steps in order. APPLY_ENVIRONMENTS=dev,stage runs
 * only those (and only the tests about them).
 */

const ALL = ["dev", "stage", "prod"] as const;
type Env = (typeof ALL)[number];
const ENVIRONMENTS: readonly Env[] = (() => {
  const asked = process.env.APPLY_ENVIRONMENTS?.split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!asked) return ALL;
  const unknown = asked.filter((e) => !(ALL as readonly string[]).includes(e));
  if (unknown.length > 0) throw new Error(`APPLY_ENVIRONMENTS names ${unknown.join(", ")}: expected some of ${ALL.join(", ")}`);
  return ALL.filter((e) => asked.includes(e));
})();
/** The environments whose consumers (examples/hcl-consumer, examples/cdktf-consumer) plan against their applied state. */
const CONSUMER_ENVIRONMENTS: readonly Env[] = ["dev"];

/** Terraform's words when another run holds the state lock. */
const LOCK_MESSAGE = /Error acquiring the state lock/;
const plain = (text: string) => stripVTControlCharacters(text);
/** A failed command's report: the end of its progress, then its error in full (Terraform's is on stderr). */
const failure = (ran: CliRun) => `${plain(ran.stdout).slice(-2000)}\n${plain(ran.stderr)}`;

interface Lifecycle {
  readonly endpoint: string;
  readonly apply: CliRun;
  /** dev only: a second deploy started while the first applies. */
  readonly concurrent?: CliRun;
  readonly afterApply: StoredState;
  /** The output names the applied stack declares (its synthesized `output` blocks). */
  readonly published: string[];
  /** The consumers planned against the applied state (CONSUMER_ENVIRONMENTS only). */
  readonly consumers?: { readonly hcl: ConsumerPlan; readonly cdktf: ConsumerPlan };
  readonly replan: CliRun;
  readonly replanJson: PlanJson;
  /** dev only: drift right after the apply, before anything changed. */
  readonly inSync?: CliRun;
  readonly drift: CliRun;
  /** prod only: production off and the VPC replaced, without and with the override. */
  readonly guarded?: CliRun;
  readonly overridden?: CliRun;
  readonly destroy: CliRun;
  /** After destroy: dev and stage only (prod refuses). */
  readonly afterDestroy?: { state: StoredState; left: string[] };
  readonly seconds: Record<string, number>;
}

const emulators: Emulator[] = [];
const runs = new Map<Env, Promise<Lifecycle>>();
const out = () => mkdtempSync(join(tmpdir(), "apply-out-"));
/** Each step as it ends, so a long run shows where it is. */
const told = (env: Env, step: string, ran: CliRun | undefined) => {
  if (ran) console.log(`${env} ${step}: exit ${ran.code} after ${ran.seconds.toFixed(1)} s`);
  return ran;
};

async function lifecycle(env: Env, started: Promise<Emulator>): Promise<Lifecycle> {
  const { endpoint } = await started;
  const local = ["--local", "--endpoint", endpoint];
  const seconds: Record<string, number> = {};
  // The consumers need no state to be copied, synthesized and initialized: done while the apply runs.
  const prepared = CONSUMER_ENVIRONMENTS.includes(env)
    ? Promise.all([prepareHclConsumer(env, endpoint), prepareCdktfConsumer(env, endpoint)])
    : undefined;
  prepared?.catch(() => undefined);

  // dev proves the lock: a second deploy starts once the first is applying (holding the lock).
  let concurrent: Promise<CliRun> | undefined;
  const apply = await runCli("deploy", [env, ...local, "--yes", "--out", out(), ...(env === "prod" ? ["--empty-state"] : [])], {
    onStdout: (all) => {
      if (env === "dev" && !concurrent && /Creating\.\.\./.test(all))
        concurrent = runCli("deploy", [env, ...local, "--yes", "--out", out()]);
    },
  });
  seconds.apply = told(env, "apply", apply)!.seconds;
  const afterApply = await storedState(endpoint, env);
  const synthesized = join(apply.outdir, "stacks", env, "cdk.tf.json");
  const published = existsSync(synthesized)
    ? Object.keys((JSON.parse(readFileSync(synthesized, "utf8")) as { output?: object }).output ?? {})
    : [];

  // The consumers read the applied state while the re-plan runs: reading takes no lock.
  const consumersStarted = performance.now();
  const replanOut = out();
  const [replan, inSync, consumers] = await Promise.all([
    runCli("plan", [env, ...local, "--out", replanOut]),
    env === "dev" ? runCli("drift", [env, ...local, "--out", out()]) : undefined,
    prepared?.then(async ([hcl, cdktf]) => {
      const [h, c] = await Promise.all([planConsumer(hcl), planConsumer(cdktf)]);
      seconds.consumers = (performance.now() - consumersStarted) / 1000;
      console.log(`${env} consumers: hcl exit ${h.code}, cdktf exit ${c.code} after ${seconds.consumers.toFixed(1)} s`);
      return { hcl: h, cdktf: c };
    }),
  ]);
  seconds["no-op plan"] = told(env, "no-op plan", replan)!.seconds;
  told(env, "drift in sync", inSync);
  const replanJson = JSON.parse(readFileSync(join(replanOut, env, "plan.json"), "utf8")) as PlanJson;

  // Drift: the queue's visibility timeout changed through the emulator's SQS API.
  const queueUrl = afterApply.outputs.queue_url!.value as string;
  await boto3(
    endpoint,
    `client("sqs").set_queue_attributes(QueueUrl=${JSON.stringify(queueUrl)}, Attributes={"VisibilityTimeout": "913"})`,
  );
  const drift = await runCli("drift", [env, ...local, "--out", out()]);
  seconds.drift = told(env, "drift", drift)!.seconds;

  let guarded: CliRun | undefined;
  let overridden: CliRun | undefined;
  if (env === "prod") {
    // The pull request that turns production off and moves the VPC to a new range (a replacement).
    const changed = copyProject();
    edit(changed, "envs/prod.ts", "production: true", "production: false");
    edit(changed, "envs/prod.ts", 'cidr: "10.30.0.0/16"', 'cidr: "10.31.0.0/16"');
    // One after the other: a plan holds the state lock while it runs.
    guarded = await runCli("plan", ["prod", ...local, "--out", out()], { root: changed });
    overridden = await runCli("plan", ["prod", ...local, "--out", out(), "--allow-destroy", "--override-reason", "apply tier"], {
      root: changed,
    });
    seconds.guard = told(env, "guarded", guarded)!.seconds + told(env, "overridden", overridden)!.seconds;
  }

  const destroy = await runCli("destroy", [env, ...local, "--yes", "--out", out()]);
  seconds.destroy = told(env, "destroy", destroy)!.seconds;
  const afterDestroy =
    destroy.code === 0 ? { state: await storedState(endpoint, env), left: await leftInEmulator(endpoint, env) } : undefined;
  told(env, "concurrent deploy", await concurrent);
  return {
    endpoint,
    apply,
    concurrent: await concurrent,
    afterApply,
    published,
    consumers,
    replan,
    replanJson,
    inSync,
    drift,
    guarded,
    overridden,
    destroy,
    afterDestroy,
    seconds,
  };
}

const run = (env: Env) => runs.get(env)!;

beforeAll(() => {
  console.log(`Emulator gaps, each handled in one place (scripts/lib/emulator-gaps.ts):\n${renderEmulatorGaps()}`);
  console.log(
    `Outputs that may be empty (test/apply/contract-values.ts):\n${Object.entries(MAY_BE_EMPTY)
      .map(([name, e]) => `- ${name}: ${e.reason}`)
      .join("\n")}`,
  );
  // The emulators start one after another (each loads moto, seconds of CPU); the environments then run side by side.
  let previous: Promise<unknown> = Promise.resolve();
  for (const env of ENVIRONMENTS) {
    const started = previous
      .then(() => startEmulator())
      .then((e) => {
        emulators.push(e);
        return e;
      });
    previous = started.catch(() => undefined);
    const promise = lifecycle(env, started);
    promise.catch(() => undefined);
    runs.set(env, promise);
  }
});

afterAll(async () => {
  const done = await Promise.allSettled(ENVIRONMENTS.map(run));
  const rows = done.flatMap((d, i) =>
    d.status === "fulfilled" ? Object.entries(d.value.seconds).map(([step, s]) => `  ${ENVIRONMENTS[i]} ${step}: ${s.toFixed(1)} s`) : [],
  );
  console.log(`Apply tier, seconds per step (environments side by side):\n${rows.join("\n")}`);
  await Promise.all(emulators.map((e) => e.stop()));
});

const managed = (state: StoredState) => state.resources.filter((r) => r.mode === "managed");

describe.each(ENVIRONMENTS)("%s in the emulator", (env) => {
  it("applies with exit 0, the state in the emulator's S3", async () => {
    const r = await run(env);
    expect(r.apply.code, failure(r.apply)).toBe(0);
    expect(plain(r.apply.stdout)).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    // The outputs, once (Terraform's own, after the apply), and where they live.
    expect(plain(r.apply.stdout).match(/^alb_dns_name = ".+\.elb\.amazonaws\.com"$/gm)).toHaveLength(1);
    expect(r.apply.stdout).toContain(`Applied ${env} in the emulator at ${r.endpoint}; its outputs are above.`);
    expect(managed(r.afterApply).length).toBeGreaterThan(50);
  });

  it("plans no change right after the apply: no perpetual diff", async () => {
    const r = await run(env);
    expect(r.replan.code, plain(r.replan.stderr)).toBe(0);
    const changes = (r.replanJson.resource_changes ?? [])
      .filter((rc) => !["no-op", "read"].includes(rc.change.actions.join()))
      .map(
        (rc) =>
          `${rc.address}: ${rc.change.actions.join()} (${changedAttributes(rc.change)
            .map((c) => c.path)
            .join(", ")})`,
      );
    expect(changes).toEqual([]);
  });

  it("outputs every name of the contract it publishes, each with a real value", async () => {
    const r = await run(env);
    const contract = Object.keys(WEB_TIER_OUTPUTS);
    // What it publishes is the contract (a name outside it is one no test holds), and all of it is in the state.
    expect(r.published.filter((name) => !contract.includes(name))).toEqual([]);
    expect(Object.keys(r.afterApply.outputs).sort()).toEqual([...r.published].sort());
    // Every name of the contract but the messaging ones, which only a tier with messaging publishes.
    expect(r.published.length).toBeGreaterThanOrEqual(contract.length - MESSAGING_OUTPUT_NAMES.length);
    expect(outputProblems(r.published, r.afterApply)).toEqual([]);
  });

  it("reports drift made through the emulator's API: exit 4, naming the resource and the attribute", async () => {
    const r = await run(env);
    expect(r.drift.code, plain(r.drift.stderr)).toBe(4);
    expect(r.drift.stdout).toMatch(/update\s+aws_sqs_queue\.messaging_queue-order-queue_7F2C60CE \(visibility_timeout_seconds\)/);
  });

  it(
    env === "prod"
      ? "refuses to be destroyed: it is protected (exit 3)"
      : "destroys to nothing: no resource in state, none in the emulator",
    async () => {
      const r = await run(env);
      if (env === "prod") {
        expect(r.destroy.code, plain(r.destroy.stderr)).toBe(3);
        expect(r.destroy.stdout).toMatch(/Nothing destroyed/);
        return;
      }
      expect(r.destroy.code, failure(r.destroy)).toBe(0);
      expect(managed(r.afterDestroy!.state)).toEqual([]);
      expect(r.afterDestroy!.left).toEqual([]);
    },
  );
});

describe.each(CONSUMER_ENVIRONMENTS.filter((env) => ENVIRONMENTS.includes(env)))(
  "%s's consumers, reading its state in the emulator's S3",
  (env) => {
    /** The applied outputs' values, by name: what a consumer must have read. */
    const applied = (r: Lifecycle) => Object.fromEntries(Object.entries(r.afterApply.outputs).map(([name, o]) => [name, o.value]));

    it("examples/hcl-consumer plans with exit 0, reading exactly the applied outputs, and builds on them", async () => {
      const r = await run(env);
      const { hcl } = r.consumers!;
      expect(hcl.code, hcl.output).toBe(0);
      expect(hcl.read).toEqual(applied(r));
      const outputs = applied(r);
      expect(plannedAttribute(hcl.plan!, "aws_security_group.reporting_db", "vpc_id")).toBe(outputs.vpc_id);
      expect(plannedAttribute(hcl.plan!, "aws_vpc_security_group_egress_rule.web_instances_to_db", "security_group_id")).toBe(
        outputs.instance_security_group_id,
      );
      expect(plannedAttribute(hcl.plan!, "aws_sns_topic_subscription.order_audit[0]", "topic_arn")).toBe(outputs.topic_arn);
      expect(plannedOutputs(hcl.plan!).web_url).toBe(`${outputs.https_listener_arn ? "https" : "http"}://${outputs.alb_dns_name}`);
    });

    it("examples/cdktf-consumer's audit stack plans with exit 0 through readWebTierOutputs, reading exactly the applied outputs", async () => {
      const r = await run(env);
      const { cdktf } = r.consumers!;
      expect(cdktf.code, cdktf.output).toBe(0);
      expect(cdktf.read).toEqual(applied(r));
      const outputs = applied(r);
      expect(plannedOutputs(cdktf.plan!).web_vpc_id).toBe(outputs.vpc_id);
      expect(plannedAttribute(cdktf.plan!, "aws_security_group.reporting", "vpc_id")).toBe(outputs.vpc_id);
      expect(plannedAttribute(cdktf.plan!, "aws_sns_topic_subscription.audit-orders", "topic_arn")).toBe(outputs.topic_arn);
    });
  },
);

// Registered only for the environments run (APPLY_ENVIRONMENTS): a test of an environment not applied proves nothing.
describe("against real state", () => {
  if (ENVIRONMENTS.includes("dev")) {
    it("drift reports dev in sync right after its apply (exit 0)", async () => {
      const r = await run("dev");
      expect(r.inSync!.code, plain(r.inSync!.stderr + r.inSync!.stdout)).toBe(0);
      expect(r.inSync!.stdout).toMatch(/^dev: in sync/m);
    });

    it("locks the state: a second deploy while dev applies fails with Terraform's lock message, and the state stays whole", async () => {
      const r = await run("dev");
      expect(r.concurrent, "the second deploy never started").toBeDefined();
      expect(r.concurrent!.code).not.toBe(0);
      expect(plain(r.concurrent!.stderr + r.concurrent!.stdout)).toMatch(LOCK_MESSAGE);
      expect(r.apply.code).toBe(0);
      // Whole: the first apply's state, every resource in it, and the plan after it empty.
      expect(managed(r.afterApply).length).toBe((plain(r.apply.stdout).match(/Creation complete after/g) ?? []).length);
      expect(r.replan.code).toBe(0);
    });
  }
  if (ENVIRONMENTS.includes("prod")) {
    it("the guard blocks turning production off and replacing the VPC over the applied prod (exit 3); the override passes", async () => {
      const r = await run("prod");
      expect(r.guarded!.code, plain(r.guarded!.stderr)).toBe(3);
      expect(r.guarded!.stdout).toMatch(/aws_vpc\.network_vpc_4E8F0223/);
      expect(r.overridden!.code, plain(r.overridden!.stderr)).toBe(0);
    });
  }
});
