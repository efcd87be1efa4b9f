import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../scripts/run-cli";

/** `--local` as people meet it before anything is applied: usage, and a machine without the emulator. */
describe("--local on the command line", () => {
  it("explains a missing emulator in one paragraph, with how to install it, and exits 2", async () => {
    const runs = await Promise.all(
      (["deploy", "plan", "drift", "destroy"] as const).map((script) =>
        runCli(script, ["dev", "--local", ...(script === "deploy" || script === "destroy" ? ["--yes"] : [])], {
          env: { WEBTIER_PYTHON: "/nonexistent/python3" },
        }),
      ),
    );
    // A Python that runs but has no moto (the system one here), as well as no Python at all.
    const withoutMoto = existsSync("/usr/bin/python3") && spawnSync("/usr/bin/python3", ["-c", "import moto"]).status !== 0;
    if (withoutMoto) runs.push(await runCli("deploy", ["dev", "--local", "--yes"], { env: { WEBTIER_PYTHON: "/usr/bin/python3" } }));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      const message = run.stderr.trim();
      expect(message).toMatch(/--local needs the AWS emulator moto_server/);
      expect(message).toContain('pip install "moto[server]"');
      expect(message.split("\n")).toHaveLength(1);
    }
  });

  it("refuses --endpoint without --local, and --local with --offline (exit 2)", async () => {
    const [endpoint, offline, destroy] = await Promise.all([
      runCli("plan", ["dev", "--endpoint", "http://127.0.0.1:1"]),
      runCli("deploy", ["dev", "--local", "--offline"]),
      runCli("destroy", ["dev", "--endpoint", "http://127.0.0.1:1"]),
    ]);
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toMatch(/--endpoint goes with --local/);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/--local and --offline exclude each other/);
    expect(destroy.code).toBe(2);
  });

  it("says when no emulator answers at --endpoint (exit 2)", async () => {
    const run = await runCli("plan", ["dev", "--local", "--endpoint", "http://127.0.0.1:9"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no emulator answers there/);
  });

  it("destroy and emulator answer --help with their usage", async () => {
    const [destroy, emulator] = await Promise.all([runCli("destroy", ["--help"]), runCli("emulator", ["--help"])]);
    expect(destroy.stdout).toMatch(/^usage: npm run destroy -- <env>/);
    expect(emulator.stdout).toMatch(/^usage: npm run emulator/);
  });
});
