import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../scripts/lib/emulator";
import { renderEmulatorGaps } from "../../scripts/lib/emulator-gaps";
import { changedAttributes } from "../../scripts/lib/plan-summary";
import type { PlanJson } from "../../scripts/lib/terraform";
import { WEB_TIER_OUTPUTS } from "../../modules/contract";
import { copyProject, edit } from "../scripts/run-cli";
import { boto3, cli, leftInEmulator, storedState, type Ran, type StoredState } from "./support";

/**
 * Every environment applied for real, into a fresh emulator of its own (moto_server), through
 * the project's commands with --local: the apply, the plan right after it (empty), the outputs,
 * drift made through the emulator's API, the guard over real state, destroy, and the state lock.
 * The environments run side by side; each one's steps in order.
 */

const ENVIRONMENTS = ["dev", "stage", "prod"] as const;
type Env = (typeof ENVIRONMENTS)[number];

/** Terraform's words when another run holds the state lock. */
const LOCK_MESSAGE = /Error acquiring the state lock/;
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

interface Lifecycle {
  readonly endpoint: string;
  readonly apply: Ran;
  /** dev only: a second deploy started while the first applies. */
  readonly concurrent?: Ran;
  readonly afterApply: StoredState;
  readonly replan: Ran;
  readonly replanJson: PlanJson;
  /** dev only: drift right after the apply, before anything changed. */
  readonly inSync?: Ran;
  readonly drift: Ran;
  /** prod only: production off and the VPC replaced, without and with the override. */
  readonly guarded?: Ran;
  readonly overridden?: Ran;
  readonly destroy: Ran;
  /** After destroy: dev and stage only (prod refuses). */
  readonly afterDestroy?: { state: StoredState; left: string[] };
  readonly seconds: Record<string, number>;
}

const emulators: Emulator[] = [];
const runs = new Map<Env, Promise<Lifecycle>>();
const out = () => mkdtempSync(join(tmpdir(), "apply-out-"));
/** Each step as it ends, so a long run shows where it is. */
const told = (env: Env, step: string, ran: Ran | undefined) => {
  if (ran) console.log(`${env} ${step}: exit ${ran.code} after ${ran.seconds.toFixed(1)} s`);
  return ran;
};

async function lifecycle(env: Env, started: Promise<Emulator>): Promise<Lifecycle> {
  const { endpoint } = await started;
  const local = ["--local", "--endpoint", endpoint];
  const seconds: Record<string, number> = {};

  // dev proves the lock: a second deploy starts once the first is applying (holding the lock).
  let concurrent: Promise<Ran> | undefined;
  const apply = await cli("deploy", [env, ...local, "--yes", "--out", out(), ...(env === "prod" ? ["--empty-state"] : [])], {
    onStdout: (all) => {
      if (env === "dev" && !concurrent && /Creating\.\.\./.test(all)) concurrent = cli("deploy", [env, ...local, "--yes", "--out", out()]);
    },
  });
  seconds.apply = told(env, "apply", apply)!.seconds;
  const afterApply = await storedState(endpoint, env);

  const replanOut = out();
  const [replan, inSync] = await Promise.all([
    cli("plan", [env, ...local, "--out", replanOut]),
    env === "dev" ? cli("drift", [env, ...local, "--out", out()]) : undefined,
  ]);
  seconds["no-op plan"] = told(env, "no-op plan", replan)!.seconds;
  told(env, "drift in sync", inSync);
  const replanJson = JSON.parse(readFileSync(join(replanOut, env, "plan.json"), "utf8")) as PlanJson;

  // Drift: the queue's visibility timeout changed through the emulator's SQS API.
  const queueUrl = afterApply.outputs.queue_url!.value as string;
  await boto3(endpoint, `client("sqs").set_queue_attributes(QueueUrl=${JSON.stringify(queueUrl)}, Attributes={"VisibilityTimeout": "913"})`);
  const drift = await cli("drift", [env, ...local, "--out", out()]);
  seconds.drift = told(env, "drift", drift)!.seconds;

  let guarded: Ran | undefined;
  let overridden: Ran | undefined;
  if (env === "prod") {
    // The pull request that turns production off and moves the VPC to a new range (a replacement).
    const changed = copyProject();
    edit(changed, "envs/prod.ts", "production: true", "production: false");
    edit(changed, "envs/prod.ts", 'cidr: "10.30.0.0/16"', 'cidr: "10.31.0.0/16"');
    // One after the other: a plan holds the state lock while it runs.
    guarded = await cli("plan", ["prod", ...local, "--out", out()], { root: changed });
    overridden = await cli("plan", ["prod", ...local, "--out", out(), "--allow-destroy", "--override-reason", "apply tier"], { root: changed });
    seconds.guard = told(env, "guarded", guarded)!.seconds + told(env, "overridden", overridden)!.seconds;
  }

  const destroy = await cli("destroy", [env, ...local, "--yes", "--out", out()]);
  seconds.destroy = told(env, "destroy", destroy)!.seconds;
  const afterDestroy = destroy.code === 0 ? { state: await storedState(endpoint, env), left: await leftInEmulator(endpoint, env) } : undefined;
  told(env, "concurrent deploy", await concurrent);
  return { endpoint, apply, concurrent: await concurrent, afterApply, replan, replanJson, inSync, drift, guarded, overridden, destroy, afterDestroy, seconds };
}

const run = (env: Env) => runs.get(env)!;

beforeAll(() => {
  console.log(`Emulator gaps, each handled in one place (scripts/lib/emulator-gaps.ts):\n${renderEmulatorGaps()}`);
  // The emulators start one after another (each loads moto, seconds of CPU); the environments then run side by side.
  let previous: Promise<unknown> = Promise.resolve();
  for (const env of ENVIRONMENTS) {
    const started = previous.then(() => startEmulator()).then((e) => (emulators.push(e), e));
    previous = started.catch(() => undefined);
    const promise = lifecycle(env, started);
    promise.catch(() => undefined);
    runs.set(env, promise);
  }
});

afterAll(async () => {
  const done = await Promise.allSettled(ENVIRONMENTS.map(run));
  const rows = done.flatMap((d, i) => (d.status === "fulfilled" ? Object.entries(d.value.seconds).map(([step, s]) => `  ${ENVIRONMENTS[i]} ${step}: ${s.toFixed(1)} s`) : []));
  console.log(`Apply tier, seconds per step (environments side by side):\n${rows.join("\n")}`);
  await Promise.all(emulators.map((e) => e.stop()));
});

const managed = (state: StoredState) => state.resources.filter((r) => r.mode === "managed");

describe.each(ENVIRONMENTS)("%s in the emulator", (env) => {
  it("applies with exit 0, the state in the emulator's S3", async () => {
    const r = await run(env);
    expect(r.apply.code, plain(r.apply.stderr + r.apply.stdout).slice(-3000)).toBe(0);
    expect(plain(r.apply.stdout)).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(managed(r.afterApply).length).toBeGreaterThan(50);
  });

  it("plans no change right after the apply: no perpetual diff", async () => {
    const r = await run(env);
    expect(r.replan.code, plain(r.replan.stderr)).toBe(0);
    const changes = (r.replanJson.resource_changes ?? [])
      .filter((rc) => !["no-op", "read"].includes(rc.change.actions.join()))
      .map((rc) => `${rc.address}: ${rc.change.actions.join()} (${changedAttributes(rc.change).map((c) => c.path).join(", ")})`);
    expect(changes).toEqual([]);
  });

  it("outputs the contract's 28 names, each with a real value", async () => {
    const { outputs } = (await run(env)).afterApply;
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(WEB_TIER_OUTPUTS).sort());
    expect(Object.keys(outputs)).toHaveLength(28);
    expect(outputs.vpc_id!.value).toMatch(/^vpc-[0-9a-f]+$/);
    expect(outputs.alb_arn!.value).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/webtier-/);
    expect(outputs.alb_dns_name!.value).toMatch(/\.elb\.amazonaws\.com$/);
    expect(outputs.queue_url!.value).toMatch(new RegExp(`/123456789012/webtier-${env}-order-queue$`));
    expect(outputs.dlq_arn!.value).toMatch(/^arn:aws:sqs:us-east-1:123456789012:webtier-/);
    expect(outputs.topic_arn!.value).toMatch(/^arn:aws:sns:us-east-1:123456789012:/);
    expect(outputs.private_subnet_ids!.value).toEqual(expect.arrayContaining([expect.stringMatching(/^subnet-/)]));
    const compute = outputs.compute_mode!.value === "asg" ? outputs.asg_arn!.value : (outputs.instance_ids!.value as string[])[0];
    expect(compute).toMatch(/^(arn:aws:autoscaling:|i-)/);
  });

  it("reports drift made through the emulator's API: exit 4, naming the resource and the attribute", async () => {
    const r = await run(env);
    expect(r.drift.code, plain(r.drift.stderr)).toBe(4);
    expect(r.drift.stdout).toMatch(/update\s+aws_sqs_queue\.messaging_queue-order-queue_7F2C60CE \(visibility_timeout_seconds\)/);
  });

  it(env === "prod" ? "refuses to be destroyed: it is protected (exit 3)" : "destroys to nothing: no resource in state, none in the emulator", async () => {
    const r = await run(env);
    if (env === "prod") {
      expect(r.destroy.code, plain(r.destroy.stderr)).toBe(3);
      expect(r.destroy.stdout).toMatch(/Nothing destroyed/);
      return;
    }
    expect(r.destroy.code, plain(r.destroy.stderr + r.destroy.stdout).slice(-3000)).toBe(0);
    expect(managed(r.afterDestroy!.state)).toEqual([]);
    expect(r.afterDestroy!.left).toEqual([]);
  });
});

describe("against real state", () => {
  it("drift reports dev in sync right after its apply (exit 0)", async () => {
    const r = await run("dev");
    expect(r.inSync!.code, plain(r.inSync!.stderr + r.inSync!.stdout)).toBe(0);
    expect(r.inSync!.stdout).toMatch(/^dev: in sync/m);
  });

  it("the guard blocks turning production off and replacing the VPC over the applied prod (exit 3); the override passes", async () => {
    const r = await run("prod");
    expect(r.guarded!.code, plain(r.guarded!.stderr)).toBe(3);
    expect(r.guarded!.stdout).toMatch(/aws_vpc\.network_vpc_4E8F0223/);
    expect(r.overridden!.code, plain(r.overridden!.stderr)).toBe(0);
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
});
