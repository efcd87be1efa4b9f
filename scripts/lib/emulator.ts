import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CommandError, EXIT } from "./cli";
import { LOCAL_STATE_BUCKET } from "./overrides";

/**
 * The local AWS emulator `--local` runs against: moto's server on a loopback port, started with
 * this project's patches for the emulator's gaps (emulator/moto_patched.py, emulator-gaps.ts),
 * or one already running (`--endpoint`). Everything it holds is in memory and ends with it.
 */

/** The Python that runs the emulator: `WEBTIER_PYTHON`, else `python3` on PATH. */
export function pythonBinary(): string {
  return process.env.WEBTIER_PYTHON || "python3";
}

const LAUNCHER = join(__dirname, "emulator", "moto_patched.py");

/** What a user without the emulator reads: one paragraph, with how to install it. */
export function emulatorMissingMessage(detail: string): string {
  return (
    `--local needs the AWS emulator moto_server (moto with its server extras, Python 3.9 or later), and ${JSON.stringify(pythonBinary())} cannot load it (${detail}). ` +
    `Install it with: pip install "moto[server]" (or point WEBTIER_PYTHON at a Python that has it), then run the command again; ` +
    "or start an emulator yourself (npm run emulator) and pass --endpoint http://127.0.0.1:<port>."
  );
}

/** Throws the exit-2 explanation unless moto's server can be loaded. */
export function requireEmulator(): void {
  const probe = spawnSync(pythonBinary(), ["-c", "import moto.server, flask, flask_cors"], { encoding: "utf8" });
  if (probe.error) throw new CommandError(emulatorMissingMessage(`${probe.error.message}`), EXIT.usage);
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split("\n").pop() ?? `exit code ${probe.status}`;
    throw new CommandError(emulatorMissingMessage(last), EXIT.usage);
  }
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Stops it when this process started it; one given by `--endpoint` keeps running. */
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether the emulator answers at `endpoint`: S3's ListBuckets, cheap even while an apply keeps it busy. */
async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/`, { headers: emulatorHeaders("s3"), signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Creates the state bucket unless it is there (path-style S3; the emulator checks no signature). */
export async function ensureStateBucket(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/${LOCAL_STATE_BUCKET}`, { method: "PUT", headers: emulatorHeaders("s3") });
  const body = await response.text();
  if (!response.ok && !/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(body)) {
    throw new CommandError(
      `the emulator at ${endpoint} refused to create the state bucket ${LOCAL_STATE_BUCKET}: ${response.status} ${body.slice(0, 200)}`,
      EXIT.failed,
    );
  }
}

/** Starts the patched emulator on a free loopback port and waits until it answers. */
export async function startEmulator(options: { readonly port?: number; readonly timeoutMs?: number } = {}): Promise<Emulator> {
  requireEmulator();
  const port = options.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  // Its log (a line per request) goes to a file, not a pipe: a caller blocked in a synchronous
  // call (bench's spawnSync) would stop draining a pipe, and the emulator would hang writing.
  const log = join(mkdtempSync(join(tmpdir(), "emulator-")), "moto.log");
  const logFd = openSync(log, "w");
  const child: ChildProcess = spawn(pythonBinary(), [LAUNCHER, "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", logFd, logFd] });
  closeSync(logFd);
  const stderrTail = () => (existsSync(log) ? readFileSync(log, "utf8").slice(-4_000) : "");
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== undefined) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // Loading moto takes a few seconds of CPU; far longer on a busy machine.
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!(await answers(endpoint))) {
    if (exited !== undefined || Date.now() > deadline) {
      await stop();
      throw new CommandError(
        `the emulator did not start on ${endpoint}${exited !== undefined ? ` (exit code ${exited})` : ""}:\n${stderrTail().trim()}`,
        EXIT.failed,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Stopped with this process whatever way it ends, so no emulator outlives its command.
  const onExit = () => child.kill("SIGTERM");
  process.once("exit", onExit);
  await ensureStateBucket(endpoint);
  return {
    endpoint,
    stop: async () => {
      process.off("exit", onExit);
      await stop();
      rmSync(dirname(log), { recursive: true, force: true });
    },
  };
}

/** An emulator already running at `endpoint` (`--endpoint`): checked to answer, left running. */
export async function connectEmulator(endpoint: string): Promise<Emulator> {
  const url = endpoint.replace(/\/+$/, "");
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(url)) {
    throw new CommandError(`--endpoint ${endpoint}: expected a loopback address, http://127.0.0.1:<port>`, EXIT.usage);
  }
  if (!(await answers(url))) {
    throw new CommandError(
      `--endpoint ${endpoint}: no emulator answers there (start one with npm run emulator, or leave out --endpoint to start one for this command)`,
      EXIT.usage,
    );
  }
  await ensureStateBucket(url);
  return { endpoint: url, stop: async () => undefined };
}

/** The CallerReference prefix the patched emulator reads as "give this zone that id" (moto_patched.py). */
const FIXED_ZONE_ID = "webtier-fixed-zone-id:";

/** A request signed only in form: the emulator routes by the service in the credential scope and checks no signature. */
export function emulatorHeaders(service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIALOCALEMULATOR/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    ...extra,
  };
}

/**
 * The hosted zones a synthesized stack names by id (its Route 53 records' literal `zone_id`), with
 * the shortest literal record name in each as the zone's name: zones that exist in the real
 * account before any apply, so the emulator must hold them too.
 */
export function hostedZonesOf(stack: {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}): { id: string; name: string }[] {
  const names = new Map<string, string>();
  for (const record of Object.values(stack.resource?.aws_route53_record ?? {}) as { zone_id?: unknown; name?: unknown }[]) {
    if (typeof record.zone_id !== "string" || record.zone_id.includes("${")) continue;
    const name = typeof record.name === "string" && !record.name.includes("${") ? record.name : undefined;
    const known = names.get(record.zone_id);
    if (name && (!known || name.length < known.length)) names.set(record.zone_id, name);
    else if (!names.has(record.zone_id)) names.set(record.zone_id, "");
  }
  return [...names].map(([id, name]) => ({ id, name: name || `${id.toLowerCase()}.example.com` }));
}

/** Creates each zone in the emulator with its own id, unless it is there. */
export async function seedHostedZones(endpoint: string, zones: readonly { id: string; name: string }[]): Promise<void> {
  for (const zone of zones) {
    const existing = await fetch(`${endpoint}/2013-04-01/hostedzone/${zone.id}`, { headers: emulatorHeaders("route53") });
    await existing.arrayBuffer();
    if (existing.ok) continue;
    const body = `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>${zone.name}</Name><CallerReference>${FIXED_ZONE_ID}${zone.id}</CallerReference></CreateHostedZoneRequest>`;
    const created = await fetch(`${endpoint}/2013-04-01/hostedzone`, {
      method: "POST",
      headers: emulatorHeaders("route53", { "Content-Type": "application/xml" }),
      body,
    });
    const text = await created.text();
    if (!created.ok || !text.includes(`/hostedzone/${zone.id}<`)) {
      throw new CommandError(
        `the emulator at ${endpoint} could not hold hosted zone ${zone.id} (${zone.name}) that the stack names: ${created.status} ${text.slice(0, 200)}`,
        EXIT.failed,
      );
    }
  }
}

/** `--local` and `--endpoint` as the commands take them. */
export interface LocalChoice {
  readonly local?: boolean;
  readonly endpoint?: string;
}

/**
 * Runs `work` with the emulator's endpoint when `--local` asks for one (started for this command,
 * and stopped after it, unless `--endpoint` names one already running), else with undefined.
 */
export async function withEmulator<T>(choice: LocalChoice, work: (endpoint: string | undefined) => Promise<T>): Promise<T> {
  if (!choice.local) return work(undefined);
  const emulator = choice.endpoint !== undefined ? await connectEmulator(choice.endpoint) : await startEmulator();
  if (choice.endpoint === undefined)
    console.error(`Started the AWS emulator (moto_server) at ${emulator.endpoint}; it stops when this command ends.`);
  try {
    return await work(emulator.endpoint);
  } finally {
    await emulator.stop();
  }
}
