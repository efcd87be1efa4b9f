import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { command, runMain, UsageError } from "./lib/cli";
import { startEmulator } from "./lib/emulator";
import { terraformAvailability } from "./lib/terraform";

const ROOT = resolve(__dirname, "..");
const TIME = "/usr/bin/time";
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const HOOK = join(ROOT, "scripts", "register-ts.cjs");

/** How long is acceptable for what people wait for, on a 2-core machine. */
export const TARGETS = {
  synthRatio: 2.5,
  synthMiB: 160,
  marginalMs: 40,
  /** The app cdktf.json runs (so `cdktf synth`, `diff`, `deploy`) against `npm run synth`. */
  cdktfAppRatio: 1.1,
  unitSeconds: 10,
  /** The heavier scenarios run as `npm run test:plans`, outside this budget. */
  testSeconds: 100,
  planAllSeconds: 8,
} as const;

interface Measurement {
  readonly label: string;
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Median of each run's peak RSS (largest process), MiB; undefined without /usr/bin/time. */
  readonly peakMiB: number | undefined;
  /**
   * Median CPU time the whole machine spent busy during a run, seconds (Linux' /proc/stat): the
   * processes a run leaves to others to reap included, which /usr/bin/time misses. Undefined
   * elsewhere.
   */
  readonly cpuSeconds: number | undefined;
}

/** Busy CPU time of the machine so far, seconds, or undefined where /proc/stat is missing. */
function busyCpuSeconds(): number | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  // USER_HZ, which Linux fixes at 100 for /proc/stat on every architecture Node runs on.
  return (user + nice + system + irq + softirq + steal) / 100;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs `argv` `runs` times after `warmup` unmeasured runs; fails loudly if it fails. */
function measure(label: string, argv: readonly string[], runs: number, env: NodeJS.ProcessEnv = {}, warmup = 1): Measurement {
  const withTime = existsSync(TIME);
  const rssFile = join(mkdtempSync(join(tmpdir(), "bench-")), "rss");
  const walls: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const [cmd, ...args] = withTime ? [TIME, "-f", "%M", "-o", rssFile, ...argv] : argv;
    const busy = busyCpuSeconds();
    const started = performance.now();
    const result = spawnSync(cmd!, args, {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const wall = performance.now() - started;
    if (result.status !== 0) throw new Error(`${label} failed (${argv.join(" ")}):\n${result.stderr}`);
    if (i < warmup) continue;
    walls.push(wall);
    if (busy !== undefined) cpu.push(busyCpuSeconds()! - busy);
    if (withTime) rss.push(Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024);
  }
  return {
    label,
    command: argv.map((a) => a.replace(`${ROOT}/`, "")).join(" "),
    runs,
    medianMs: median(walls),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    peakMiB: rss.length ? median(rss) : undefined,
    cpuSeconds: cpu.length ? median(cpu) : undefined,
  };
}

function machine() {
  const terraform = terraformAvailability();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    terraform: terraform.available ? terraform.reason : "not available",
  };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

interface BenchOptions {
  readonly runs: number;
  readonly out: string;
  readonly skipTests: boolean;
  readonly skipApply: boolean;
  /** Only the apply rows: no synth, scaling, plan or test tiers. */
  readonly applyOnly: boolean;
  /** The environments of the apply rows. */
  readonly environments: readonly string[];
}

const ENVIRONMENTS = ["dev", "stage", "prod"] as const;

/**
 * Apply, the no-op plan after it, and destroy of each environment, one run each, in a fresh
 * emulator per environment, one environment at a time (the apply tier runs them side by side).
 */
async function applyRows(environments: readonly string[]): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const env of environments) {
    const emulator = await startEmulator();
    try {
      const local = ["--local", "--endpoint", emulator.endpoint];
      const plans = mkdtempSync(join(tmpdir(), "bench-local-"));
      const cli = (name: string, ...args: string[]) => ["npm", "run", "--silent", name, "--", env, ...local, "--out", plans, ...args];
      rows.push(
        measure(
          `npm run deploy -- ${env} --local --yes (apply)`,
          cli("deploy", "--yes", ...(env === "prod" ? ["--empty-state"] : [])),
          1,
          {},
          0,
        ),
      );
      rows.push(measure(`npm run plan -- ${env} --local (no-op plan)`, cli("plan"), 1, {}, 0));
      // prod refuses: it is protected, and its queues carry prevent_destroy.
      if (env !== "prod") rows.push(measure(`npm run destroy -- ${env} --local --yes`, cli("destroy", "--yes"), 1, {}, 0));
    } finally {
      await emulator.stop();
    }
  }
  return rows;
}

/** The apply rows alone (--apply-only): printed and written like the full run's. */
async function benchApplyOnly(out: string, environments: readonly string[]): Promise<number> {
  if (!terraformAvailability().available) throw new UsageError(`--apply-only needs Terraform: ${terraformAvailability().reason}`);
  console.error(`measuring apply, no-op plan and destroy of ${environments.join(", ")} in the emulator (one run each)…`);
  const measurements = await applyRows(environments);
  const results = { machine: machine(), runs: 1, measurements };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results.machine, measurements);
  console.log(`\nFigures written to ${out.replace(`${ROOT}/`, "")}`);
  return 0;
}

function printTable(m: ReturnType<typeof machine>, measurements: readonly Measurement[]): void {
  console.log(`${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · Node ${m.node} · ${m.terraform}`);
  console.log("");
  console.log("| what | median | min–max | peak RSS | CPU, whole machine |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const x of measurements) {
    const cpu = x.cpuSeconds === undefined ? "n/a" : `${x.cpuSeconds.toFixed(1)} s`;
    console.log(
      `| ${x.label} | ${fmtMs(x.medianMs)} | ${fmtMs(x.minMs)}–${fmtMs(x.maxMs)} | ${x.peakMiB === undefined ? "n/a" : `${x.peakMiB.toFixed(0)} MiB`} | ${cpu} |`,
    );
  }
}

async function bench({ runs, out, skipTests, skipApply, applyOnly, environments }: BenchOptions): Promise<number> {
  if (applyOnly) return benchApplyOnly(out, environments);
  const synthOut = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const empty = join(mkdtempSync(join(tmpdir(), "bench-empty-")), "empty.ts");
  writeFileSync(empty, "export {};\n");

  console.error("measuring floors and synth…");
  const nodeFloor = measure("node (empty script)", [process.execPath, "-e", "0"], runs);
  const tsxFloor = measure("node + tsx (empty script)", [process.execPath, TSX, empty], runs);
  const synthAll = measure("npm run synth (all 3 environments)", ["npm", "run", "--silent", "synth"], runs, { CDKTF_OUTDIR: synthOut });
  const synthOne = measure("npm run synth (prod only)", ["npm", "run", "--silent", "synth"], runs, {
    CDKTF_OUTDIR: synthOut,
    ENVIRONMENTS: "prod",
  });
  const synthTsx = measure("tsx main.ts (as cdktf.json ran it before)", [process.execPath, TSX, "main.ts"], runs, {
    CDKTF_OUTDIR: synthOut,
  });
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const cdktfApp = measure(`cdktf app (cdktf.json: ${app})`, ["sh", "-c", app], runs, { CDKTF_OUTDIR: synthOut });

  console.error("measuring scaling…");
  const scaleRuns = Math.max(3, Math.ceil(runs / 2));
  const scale = [1, 10, 50].map((n) =>
    measure(`${n} × prod in one app`, [process.execPath, "--require", HOOK, join(ROOT, "scripts", "bench-scale.ts"), String(n)], scaleRuns),
  );
  const marginalMs = (scale[2]!.medianMs - scale[0]!.medianMs) / 49;
  const marginalMiB =
    scale[2]!.peakMiB !== undefined && scale[0]!.peakMiB !== undefined ? (scale[2]!.peakMiB - scale[0]!.peakMiB) / 49 : undefined;

  let planAll: Measurement | undefined;
  let tiers: Measurement[] = [];
  if (terraformAvailability().available) {
    console.error("measuring npm run plan -- all --offline…");
    const planOut = mkdtempSync(join(tmpdir(), "bench-plan-"));
    planAll = measure(
      "npm run plan -- all --offline",
      ["npm", "run", "--silent", "plan", "--", "all", "--offline", "--out", planOut],
      Math.max(3, Math.ceil(runs / 2)),
    );
  }
  if (!skipTests) {
    console.error("measuring the test tiers (one run each)…");
    const ci = { CI: "true" };
    tiers = [
      measure("npm run test:unit", ["npm", "run", "--silent", "test:unit"], 1, ci, 0),
      measure("npm run test:commands", ["npm", "run", "--silent", "test:commands"], 1, ci, 0),
      measure("npm run test:terraform", ["npm", "run", "--silent", "test:terraform"], 1, ci, 0),
      measure("npm test (all three tiers)", ["npm", "test", "--silent"], 1, ci, 0),
      measure("npm run test:plans", ["npm", "run", "--silent", "test:plans"], 1, ci, 0),
    ];
  }
  const [unit, , , wholeSuite] = tiers;
  let applied: Measurement[] = [];
  if (!skipApply && terraformAvailability().available) {
    console.error("measuring apply, no-op plan and destroy of each environment in the emulator (one run each)…");
    applied = await applyRows(environments);
  }

  const ratio = synthAll.medianMs / tsxFloor.medianMs;
  const checks = [
    {
      target: `synth of all environments ≤ ${TARGETS.synthRatio} × the node + tsx floor`,
      value: `${ratio.toFixed(2)} ×`,
      pass: ratio <= TARGETS.synthRatio,
    },
    {
      target: `synth of all environments ≤ ${TARGETS.synthMiB} MiB peak`,
      value: `${synthAll.peakMiB?.toFixed(0) ?? "n/a"} MiB`,
      pass: synthAll.peakMiB === undefined || synthAll.peakMiB <= TARGETS.synthMiB,
    },
    {
      target: `marginal cost per environment ≤ ${TARGETS.marginalMs} ms`,
      value: `${marginalMs.toFixed(1)} ms`,
      pass: marginalMs <= TARGETS.marginalMs,
    },
    {
      target: `cdktf's app ≤ ${TARGETS.cdktfAppRatio} × npm run synth`,
      value: `${(cdktfApp.medianMs / synthAll.medianMs).toFixed(2)} × (${fmtMs(cdktfApp.medianMs)})`,
      pass: cdktfApp.medianMs <= TARGETS.cdktfAppRatio * synthAll.medianMs,
    },
    ...(planAll
      ? [
          {
            target: `npm run plan -- all --offline ≤ ${TARGETS.planAllSeconds} s`,
            value: fmtMs(planAll.medianMs),
            pass: planAll.medianMs <= TARGETS.planAllSeconds * 1000,
          },
        ]
      : []),
    ...(unit
      ? [{ target: `unit tier ≤ ${TARGETS.unitSeconds} s`, value: fmtMs(unit.medianMs), pass: unit.medianMs <= TARGETS.unitSeconds * 1000 }]
      : []),
    ...(wholeSuite
      ? [
          {
            target: `npm test ≤ ${TARGETS.testSeconds} s`,
            value: fmtMs(wholeSuite.medianMs),
            pass: wholeSuite.medianMs <= TARGETS.testSeconds * 1000,
          },
        ]
      : []),
  ];

  const results = {
    machine: machine(),
    runs,
    measurements: [
      nodeFloor,
      tsxFloor,
      synthAll,
      synthOne,
      synthTsx,
      cdktfApp,
      ...scale,
      ...(planAll ? [planAll] : []),
      ...tiers,
      ...applied,
    ],
    marginalMs,
    marginalMiB,
    ratio,
    checks,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  printTable(results.machine, results.measurements);
  console.log("");
  console.log(
    `Marginal cost of an environment (50 × prod against 1 × prod): ${marginalMs.toFixed(1)} ms${marginalMiB === undefined ? "" : `, ${marginalMiB.toFixed(2)} MiB`}`,
  );
  console.log(`npm run synth / node + tsx floor: ${ratio.toFixed(2)} ×`);
  console.log("");
  for (const c of checks) console.log(`${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.value}`);
  console.log(`\nFigures written to ${out.replace(`${ROOT}/`, "")}`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

export const benchmark = command({
  name: "bench",
  usage: "npm run bench [-- --runs <n>] [--skip-tests] [--skip-apply | --apply-only] [--environments <env,...>] [--out <file>]",
  help: `Times what users wait for, as whole processes, after a warm-up run: \`npm run synth\` for all
environments and for one, the Node and Node + tsx floors measured in the same run (so the
figures read as ratios on a noisy machine), the app cdktf.json runs (what \`cdktf synth\`,
\`diff\` and \`deploy\` wait for), synth of 1, 10 and 50 copies of prod in one app (the marginal
cost of an environment), \`npm run plan -- all --offline\`, one run each of the unit, commands
and Terraform tiers, of the whole \`npm test\` and of the plans tier, and one run each of the apply, the no-op plan
after it and the destroy (dev and stage; prod refuses) with --local, a fresh emulator each.
Wall time is median and min–max; peak resident memory comes from the OS's accounting
(/usr/bin/time), for the largest process of each command.

  --runs <n>      measured runs of each command (default 7)
  --skip-tests    leave out the test tiers
  --skip-apply    leave out apply, no-op plan and destroy in the emulator (needs moto_server)
  --apply-only    measure only apply, no-op plan and destroy in the emulator
  --environments <env,...>  the environments of those rows (default dev,stage,prod)
  --out <file>    where the figures go (default .bench/results.json)

Exit codes: 0 every target met · 1 a target missed or a command failed · 2 bad usage.`,
  options: {
    runs: { type: "string" },
    "skip-tests": { type: "boolean" },
    "skip-apply": { type: "boolean" },
    "apply-only": { type: "boolean" },
    environments: { type: "string" },
    out: { type: "string" },
  },
  run({ values }) {
    const runs = Number(values.runs ?? "7");
    if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number >= 1, got ${values.runs}`);
    if (values["apply-only"] && values["skip-apply"]) throw new UsageError("--apply-only and --skip-apply exclude each other");
    const environments = (values.environments ?? ENVIRONMENTS.join(",")).split(",").map((e) => e.trim());
    const unknown = environments.filter((e) => !(ENVIRONMENTS as readonly string[]).includes(e));
    if (unknown.length > 0 || environments.length === 0)
      throw new UsageError(`--environments takes some of ${ENVIRONMENTS.join(", ")}, got ${JSON.stringify(values.environments)}`);
    return bench({
      runs,
      out: resolve(values.out ?? join(ROOT, ".bench", "results.json")),
      skipTests: values["skip-tests"] === true,
      skipApply: values["skip-apply"] === true,
      applyOnly: values["apply-only"] === true,
      environments,
    });
  },
});

if (require.main === module) runMain(benchmark);
