import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { MESSAGING_OUTPUT_NAMES, WEB_TIER_OUTPUTS } from "../../modules/contract";
import { onlyFencedBlock } from "../support/readme";
import { runOffline } from "../../scripts/lib/terraform";
import { createdAddresses, describeTerraform } from "../support/terraform";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const EXAMPLE = join(ROOT, "examples", "cdktf-consumer");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
/** The example README's commands: an install, then what builds and synthesizes the consumer. */
const [INSTALL, ...BUILD] = onlyFencedBlock(join(EXAMPLE, "README.md"), "sh").trimEnd().split("\n");

/** What a consumer brings beside the library: the packages its constructs are built on. */
const PEERS = { "@cdktf/provider-aws": "^20.1.0", cdktf: "^0.21.0", constructs: "^10.4.2" };

/** Whether `version` is in a caret range (`^1.2.3`: the same major, or minor below 1.0, and no lower). */
function satisfiesCaret(version: string, range: string): boolean {
  const parse = (v: string) => v.replace(/^\^/, "").split(/[.+-]/).slice(0, 3).map(Number) as [number, number, number];
  const [have, want] = [parse(version), parse(range)];
  if (!range.startsWith("^") || have[0] !== want[0] || (want[0] === 0 && have[1] !== want[1])) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i]! > want[i]!;
  return true;
}

/**
 * The library as another team gets it: `npm pack`, the tarball installed into a scratch
 * project beside its peers, a consumer type-checked against the published declarations
 * (resolved through package.json `exports`), synthesized, then validated by real Terraform.
 */
describeTerraform("the packed library in another cdktf project", () => {
  let project: string;
  let outdir: string;
  let packedFiles: string[];

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), "pack-"));
    const { stdout } = await run("npm", ["pack", "--pack-destination", work, "--json"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed!.files.map((f) => f.path).sort();

    project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, dependencies: { [pkg.name]: `file:../${packed!.filename}` } }),
    );
    // npm installs the tarball; the peers are this project's own, linked rather than extracted
    // again (382 MB from the npm cache, 5 s of CPU). Their ranges are checked below, as npm would.
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps"], {
      cwd: project,
    });
    for (const peer of Object.keys(PEERS)) {
      mkdirSync(dirname(join(project, "node_modules", peer)), { recursive: true });
      symlinkSync(join(ROOT, "node_modules", peer), join(project, "node_modules", peer), "dir");
    }
    // The compiler the README installs, linked likewise, with the command `npx tsc` finds.
    symlinkSync(join(ROOT, "node_modules", "typescript"), join(project, "node_modules", "typescript"), "dir");
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    symlinkSync(join("..", "typescript", "bin", "tsc"), join(project, "node_modules", ".bin", "tsc"));
    for (const file of ["main.ts", "tsconfig.json"]) copyFileSync(join(EXAMPLE, file), join(project, file));

    // The README's build line, as written.
    await run("sh", ["-ec", BUILD.join("\n")], { cwd: project, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    outdir = join(project, "cdktf.out");
  });

  it("installs, in the example README, this package and its peers in the package's ranges, and builds as main.ts says", () => {
    const typescript = `typescript@^${pkg.devDependencies.typescript}`;
    const peers = Object.entries(pkg.peerDependencies).map(([name, range]) => `${name}@${range}`);
    expect(INSTALL!.trim().split(/\s+/)).toEqual(["npm", "install", pkg.name, ...peers, typescript]);
    const build = BUILD.map((line) => line.replace(/\s+#.*$/, "").trim()).filter(Boolean);
    expect(build.length).toBeGreaterThan(0);
    for (const line of build) expect(readFileSync(join(EXAMPLE, "main.ts"), "utf8")).toContain(`\`${line}\``);
  });

  it("packs only what a consumer needs: the built modules, their declarations, the workload, the offline helper, README, CHANGELOG", () => {
    const helper = /^dist\/scripts\/(bin\/webtier-plan|lib\/overrides|lib\/emulator-gaps)\.(js|d\.ts)$/;
    const unexpected = packedFiles.filter(
      (path) =>
        !/^dist\/modules\/.+\.(js|d\.ts)$/.test(path) &&
        !helper.test(path) &&
        !["dist/modules/compute/workload/server.py", "README.md", "CHANGELOG.md", "package.json"].includes(path),
    );
    expect(unexpected).toEqual([]);
    expect(packedFiles).toEqual(expect.arrayContaining(["CHANGELOG.md", "README.md", "dist/modules/index.js", "dist/modules/index.d.ts"]));
    // A source map would point at TypeScript the tarball does not hold.
    expect(packedFiles.filter((path) => path.endsWith(".map"))).toEqual([]);
    const js = readFileSync(join(project, "node_modules", pkg.name, "dist", "modules", "web-tier", "web-tier.js"), "utf8");
    expect(js).not.toMatch(/sourceMappingURL/);
  });

  it("names as peers the packages a consumer brings, in ranges the versions it is built and tested with satisfy", () => {
    const installed = JSON.parse(readFileSync(join(project, "node_modules", pkg.name, "package.json"), "utf8")) as {
      peerDependencies?: Record<string, string>;
    };
    expect(installed.peerDependencies).toEqual(PEERS);
    for (const [peer, range] of Object.entries(PEERS)) {
      const { version } = JSON.parse(readFileSync(join(project, "node_modules", peer, "package.json"), "utf8")) as { version: string };
      expect(satisfiesCaret(version, range), `${peer} ${version} in ${range}`).toBe(true);
    }
  });

  it("ships only the built modules, their declarations and the workload's source", async () => {
    const installed = join(project, "node_modules", pkg.name);
    expect(existsSync(join(installed, "dist", "modules", "index.js"))).toBe(true);
    expect(existsSync(join(installed, "dist", "modules", "index.d.ts"))).toBe(true);
    expect(existsSync(join(installed, "dist", "modules", "compute", "workload", "server.py"))).toBe(true);
    expect(existsSync(join(installed, "envs"))).toBe(false);
    expect(existsSync(join(installed, "test"))).toBe(false);
  });

  it("synthesizes a stack composing a whole WebTier without messaging that Terraform validates and plans", async () => {
    const { plan } = await runOffline(join(outdir, "stacks", "reports"));
    expect(createdAddresses(plan!)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_vpc\.reports_network_vpc_/),
        expect.stringMatching(/^aws_lb\.reports_load-balancer_alb_/),
        expect.stringMatching(/^aws_autoscaling_group\.reports_compute_group_/),
      ]),
    );
    // Composed without messaging: no queue, and none of messaging's outputs.
    expect(createdAddresses(plan!).filter((address) => address.startsWith("aws_sqs_queue."))).toEqual([]);
    const messaging: readonly string[] = MESSAGING_OUTPUT_NAMES;
    expect(Object.keys(plan!.planned_values?.outputs ?? {}).sort()).toEqual(
      Object.keys(WEB_TIER_OUTPUTS)
        .filter((name) => !messaging.includes(name))
        .sort(),
    );
  });

  it("plans the consumer's stack offline with the shipped webtier-plan, as the example README says, leaving the stack untouched", async () => {
    const stackDir = join(outdir, "stacks", "reports");
    const before = readFileSync(join(stackDir, "cdk.tf.json"), "utf8");
    const command = /^npx (webtier-plan .+)$/m.exec(readFileSync(join(EXAMPLE, "README.md"), "utf8"))![1]!.split(" ");
    const { stdout } = await run(join(project, "node_modules", ".bin", command[0]!), command.slice(1), {
      cwd: project,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/m);
    expect(stdout).toMatch(/# aws_lb\.reports_load-balancer_alb_[0-9A-F]{8} will be created/);
    expect(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")).toBe(before);
    expect(existsSync(join(stackDir, ".terraform"))).toBe(false);
    const { OFFLINE_OVERRIDE, localOverride } = require(
      join(project, "node_modules", pkg.name, "dist", "scripts", "lib", "overrides.js"),
    ) as typeof import("../../scripts/lib/overrides");
    expect(OFFLINE_OVERRIDE.provider.aws.skip_credentials_validation).toBe(true);
    expect(typeof localOverride).toBe("function");
  });

  it("says how to use webtier-plan, and refuses a folder that holds no stack: exit 2", async () => {
    const bin = join(project, "node_modules", ".bin", "webtier-plan");
    expect((await run(bin, ["--help"])).stdout).toMatch(/^usage: webtier-plan <stack dir>/);
    const refused = await run(bin, [project]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^webtier-plan: \S+ holds no cdk\.tf\.json or cdk\.tf: synthesize first/),
    });
  });

  it("synthesizes a stack reading an environment's outputs from remote state that Terraform validates", async () => {
    const stack = JSON.parse(readFileSync(join(outdir, "stacks", "audit", "cdk.tf.json"), "utf8"));
    const [remote] = Object.values(stack.data.terraform_remote_state) as { backend: string; config: Record<string, string> }[];
    expect(remote).toMatchObject({
      backend: "s3",
      config: { bucket: "acme-tf-state", key: "webtier/prod/terraform.tfstate", region: "us-east-1" },
    });
    const [sg] = Object.values(stack.resource.aws_security_group) as { vpc_id: string }[];
    expect(sg!.vpc_id).toMatch(/^\$\{data\.terraform_remote_state\.web\.outputs\.vpc_id\}$/);
    // Reading remote state needs the real bucket, so this stack is validated, not planned.
    await expect(runOffline(join(outdir, "stacks", "audit"), { plan: false })).resolves.toBeDefined();
  });
});
