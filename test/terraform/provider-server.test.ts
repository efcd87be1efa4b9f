import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { withProviderServer } from "../../scripts/lib/provider-server";
import { DEFAULT_PLUGIN_MIRROR } from "../../scripts/lib/terraform";
import { ROOT } from "../scripts/run-cli";
import { describeTerraform } from "../support/terraform";

/** The mirror's hashicorp/aws binary for this machine. */
function providerBinary(): string {
  const versions = join(process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR, "registry.terraform.io", "hashicorp", "aws");
  for (const version of existsSync(versions) ? readdirSync(versions) : []) {
    const dir = join(versions, version, `linux_${process.arch === "x64" ? "amd64" : process.arch}`);
    const binary = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith("terraform-provider-aws")) : undefined;
    if (binary) return join(dir, binary);
  }
  throw new Error(`no hashicorp/aws binary in the mirror at ${versions}`);
}

const pidOf = (reattach: string) => Object.values(JSON.parse(reattach) as Record<string, { Pid: number }>)[0]!.Pid;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for `pid` to be gone; says whether it went. */
async function gone(pid: number, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (!alive(pid)) return true;
  return !alive(pid);
}

/**
 * A Node process that starts a warm provider, prints its pid, then either ends on its own
 * (`exit`) or waits to be killed (`wait`).
 */
function processWithProvider(binary: string, then: "exit" | "wait") {
  const script = `
    const { withProviderServer } = require(${JSON.stringify(join(ROOT, "scripts", "lib", "provider-server.ts"))});
    withProviderServer(${JSON.stringify(binary)}, process.env, async (reattach) => {
      console.log(Object.values(JSON.parse(reattach))[0].Pid);
    }).then(() => { if (${JSON.stringify(then)} === "wait") setInterval(() => undefined, 1000); });`;
  const child = spawn(process.execPath, ["--require", join(ROOT, "scripts", "register-ts.cjs"), "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const pid = new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing a pid`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, pid, exited };
}

describeTerraform("warm provider processes", () => {
  const binary = providerBinary();

  it("gives each concurrent command its own process, and reuses an idle one", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withProviderServer(binary, process.env, async (reattach) => {
      await held;
      return pidOf(reattach!);
    });
    const second = await withProviderServer(binary, process.env, async (reattach) => pidOf(reattach!));
    release();
    const firstPid = await first;
    expect(second).not.toBe(firstPid);
    expect(await withProviderServer(binary, process.env, async (reattach) => pidOf(reattach!))).toSatisfy((pid: number) => [firstPid, second].includes(pid));
  });

  it("lets the command start the provider itself when no process can be started", async () => {
    const missing = join(ROOT, "no-such-provider-binary");
    expect(await withProviderServer(missing, process.env, async (reattach) => reattach)).toBeUndefined();
  });

  it("does not keep its process alive, and stops with it", async () => {
    const { pid, exited } = processWithProvider(binary, "exit");
    const provider = await pid;
    expect(await exited).toBe(0);
    expect(await gone(provider)).toBe(true);
  });

  it("stops when the process that started it is killed outright", async () => {
    const { child, pid } = processWithProvider(binary, "wait");
    const provider = await pid;
    expect(alive(provider)).toBe(true);
    child.kill("SIGKILL");
    expect(await gone(provider)).toBe(true);
  });
});
