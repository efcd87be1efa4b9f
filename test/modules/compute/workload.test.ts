import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_DATA_MAX_BYTES } from "../../../modules/compute/props";
import { WORKLOAD_SOURCE, workloadUserData } from "../../../modules/compute/workload";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A stand-in for the EC2 metadata service that, like IMDSv2 with tokens required, refuses tokenless reads. */
function fakeImds(): Promise<{ server: Server; url: string; tokenless: number[] }> {
  const tokenless: number[] = [];
  const server = createServer((req, res) => {
    if (req.method === "PUT" && req.url === "/latest/api/token" && req.headers["x-aws-ec2-metadata-token-ttl-seconds"]) {
      res.end("session-token");
      return;
    }
    if (req.headers["x-aws-ec2-metadata-token"] !== "session-token") {
      tokenless.push(Date.now());
      res.statusCode = 401;
      res.end();
      return;
    }
    const values: Record<string, string> = {
      "/latest/meta-data/instance-id": "i-0123456789abcdef0",
      "/latest/meta-data/local-ipv4": "10.30.8.17",
    };
    const value = values[req.url ?? ""];
    res.statusCode = value ? 200 : 404;
    res.end(value ?? "");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tokenless })),
  );
}

/** PIDs whose parent is `pid` (Linux /proc), zombies included. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Fields after the command name (which may hold spaces): state, then ppid.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitForServer(base: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/health`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`workload did not start at ${base}`);
}

describe("default workload service (python3, on loopback)", () => {
  let app: ChildProcess;
  let imds: Awaited<ReturnType<typeof fakeImds>>;
  let base: string;

  beforeAll(async () => {
    imds = await fakeImds();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = spawn("python3", [WORKLOAD_SOURCE], {
      env: {
        ...process.env,
        APP_PORT: String(port),
        APP_BIND: "127.0.0.1",
        IMDS_ENDPOINT: imds.url,
        STRESS_MAX_SECONDS: "3",
        STRESS_WORKERS: "1",
      },
      stdio: "ignore",
    });
    await waitForServer(base);
  });

  afterAll(() => {
    app?.kill();
    imds?.server.close();
  });

  it("answers GET / with the instance id and private IP, read through IMDSv2", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ instance_id: "i-0123456789abcdef0", private_ip: "10.30.8.17" });
    expect(imds.tokenless).toEqual([]);
  });

  it("answers GET /health with 200", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok\n");
  });

  it("answers 404 elsewhere", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it("starts a bounded CPU burn on POST /stress, answers 202 while it runs, and the burn ends by itself", async () => {
    const res = await fetch(`${base}/stress?seconds=1`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ seconds: 1, workers: 1 });
    // Answered before the burn ended: it is still running after the answer.
    expect(await (await fetch(`${base}/stress`)).json()).toMatchObject({ running: true });

    // Polled, not slept: a busy machine runs the burn late, never forever (the poll is bounded).
    let status: unknown;
    for (let i = 0; i < 200; i++) {
      status = await (await fetch(`${base}/stress`)).json();
      if ((status as { running: boolean }).running === false) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toEqual({ running: false, seconds_left: 0 });
    // The burn's child processes are gone, reaped rather than left as zombies.
    expect(childrenOf(app.pid!)).toEqual([]);
  });

  it("caps the burn's length", async () => {
    const res = await fetch(`${base}/stress?seconds=99999`, { method: "POST" });
    expect(await res.json()).toMatchObject({ seconds: 3 });
  });

  it("rejects a non-numeric length", async () => {
    expect((await fetch(`${base}/stress?seconds=lots`, { method: "POST" })).status).toBe(400);
  });
});

describe("default workload user data", () => {
  const script = workloadUserData({ port: 5000, stressEndpoint: true });

  it("embeds the service's source verbatim at synth time, fetching nothing at boot", () => {
    const embedded = /<<'WEBTIER_SERVER_PY'\n([\s\S]*?)\nWEBTIER_SERVER_PY\n/.exec(script)![1];
    expect(embedded).toBe(readFileSync(WORKLOAD_SOURCE, "utf8").trimEnd());
    expect(script).not.toMatch(/curl|wget|git clone|pip install/);
  });

  it("runs it as a systemd service on the app port", () => {
    expect(script).toContain("Environment=APP_PORT=5000");
    expect(script).toContain("ExecStart=/usr/bin/python3 /opt/webtier/server.py");
    expect(script).toContain("systemctl enable --now webtier.service");
  });

  it("is valid bash and fits in EC2's 16 KB of user data", () => {
    expect(() => execFileSync("bash", ["-n"], { input: script })).not.toThrow();
    expect(Buffer.byteLength(script)).toBeLessThan(USER_DATA_MAX_BYTES);
  });
});
