import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Long-lived provider processes that offline Terraform commands attach to
 * (`TF_REATTACH_PROVIDERS`), instead of Terraform starting the provider for each command (three
 * times for a plan: to read its schema, to validate, to plan). Attached, plans and shows cost
 * less CPU, and the plan is the same (compared in test/terraform/harness.test.ts).
 *
 * The provider keeps what its last `Configure` set up, so a process serves one command at a time,
 * and each command configures it again. It runs without `AWS_CA_BUNDLE`: the AWS provider cannot
 * configure a second time with a custom CA bundle, and offline runs reach no AWS endpoint that
 * would need one. Where a provider process cannot be started, commands run as Terraform runs
 * them on its own.
 */

/** One provider process in debug mode (under its watching shell), and the reattach setting that points Terraform at it. */
interface Server {
  readonly shell: ChildProcess;
  readonly reattach: string;
  /** The provider's own process id, from the reattach setting. */
  readonly pid: number;
}

/** Idle servers by provider binary. */
const idle = new Map<string, Server[]>();
/** Binaries that could not be started as servers, and why: not tried again. */
const unavailable = new Map<string, string>();
/** Every server started, to stop them when this process exits. */
const started = new Set<Server>();
let folder: string | undefined;

/** Where the servers' sockets go; the servers are stopped and the folder removed when this process exits. */
function socketFolder(): string {
  if (folder === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "tf-providers-"));
    process.once("exit", () => {
      for (const server of started) stop(server);
      rmSync(dir, { recursive: true, force: true });
    });
    folder = dir;
  }
  return folder;
}

function stop(server: Server): void {
  try {
    process.kill(server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

function running(server: Server): boolean {
  if (server.shell.exitCode !== null || server.shell.signalCode !== null) return false;
  try {
    process.kill(server.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The garbage collector's target for a provider that serves many commands: the same CPU as
 * collecting only near 1 GiB (as a one-command Terraform process does), at about half the
 * resident memory.
 */
const SERVER_GOGC = "400";

/** How long a provider may take to say where it listens before it counts as broken. */
const START_TIMEOUT_MS = 30_000;

/**
 * Starts `binary -debug` under a shell that stops it once the shell's stdin closes, which
 * happens when this process ends, however it ends: no provider outlives its user. The shell
 * itself ends with the provider.
 */
function start(binary: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const { AWS_CA_BUNDLE: _, GOGC: __, GOMEMLIMIT: ___, ...rest } = env;
  // Background jobs read /dev/null: the watcher reads the shell's stdin through descriptor 3.
  const watch = 'exec 3<&0; "$0" -debug </dev/null & provider=$!; (read -r _ <&3; kill "$provider" 2>/dev/null) & wait "$provider"';
  const child = spawn("sh", ["-c", watch, binary], {
    env: { ...rest, GOGC: SERVER_GOGC, TMPDIR: socketFolder() },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise<Server>((resolve, reject) => {
    let output = "";
    const fail = (why: string) => {
      child.stdin?.end();
      reject(new Error(`${binary} -debug ${why}:\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`printed no reattach setting within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const reattach = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(output)?.[1];
      if (!reattach) return;
      clearTimeout(timer);
      child.stdout?.off("data", read);
      // Nothing more is read; drained so the provider never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      const pid = (Object.values(JSON.parse(reattach) as Record<string, { Pid?: number }>)[0]?.Pid) ?? -1;
      resolve({ shell: child, reattach, pid });
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(`exited (${code})`);
    });
    child.once("error", (error) => fail(error.message));
  });
}

/**
 * Runs `command` with the reattach setting of a provider process of `binary` that no other
 * command is using, starting one when none is idle; with undefined when no process can be
 * started (the command then starts the provider itself). A process that has exited is not reused.
 */
export async function withProviderServer<T>(binary: string, env: NodeJS.ProcessEnv, command: (reattach: string | undefined) => Promise<T>): Promise<T> {
  if (unavailable.has(binary)) return command(undefined);
  let servers = idle.get(binary);
  if (!servers) idle.set(binary, (servers = []));
  let server: Server | undefined;
  while ((server = servers.pop()) && !running(server)) started.delete(server);
  if (!server) {
    try {
      server = await start(binary, env);
    } catch (error) {
      unavailable.set(binary, error instanceof Error ? error.message : String(error));
      return command(undefined);
    }
    started.add(server);
    // Idle servers must not keep this process alive: nothing of theirs is waited on.
    for (const handle of [server.shell, server.shell.stdin, server.shell.stdout, server.shell.stderr]) (handle as { unref?: () => void } | null)?.unref?.();
  }
  try {
    return await command(server.reattach);
  } finally {
    if (running(server)) servers.push(server);
    else started.delete(server);
  }
}
