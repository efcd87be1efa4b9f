import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ZONE_LETTERS } from "../../../modules/core/aws-catalog/availability-zones";
import {
  CATALOG_DATE,
  instanceTypeInfo,
  isKnownRegion,
  isKnownZone,
  knownInstanceTypes,
  knownRegions,
  zonesOf,
} from "../../../modules/core/aws-catalog";
import { AVAILABILITY_ZONE, AWS_REGION } from "../../../modules/core/patterns";
import { groupInstanceTypes, parseArgs, regionsByPartition, traitsKey, zoneLetters } from "../../../scripts/refresh-aws-catalog";

const ROOT = join(__dirname, "..", "..", "..");
const CATALOG = join(ROOT, "modules", "core", "aws-catalog");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

describe("regions", () => {
  it("knows commercial, China and GovCloud regions", () => {
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"])
      expect(isKnownRegion(region), region).toBe(true);
  });

  it("refuses regions that do not exist, and near misses", () => {
    for (const region of ["us-east-7", "eu-west-9", "US-EAST-1", "us-east-1a", "useast1", "", "aws-global"])
      expect(isKnownRegion(region), region).toBe(false);
  });

  it("lists only names the project's region pattern accepts, sorted and each once", () => {
    const regions = knownRegions();
    expect(regions.length).toBeGreaterThan(30);
    expect(regions.filter((r) => !AWS_REGION.test(r))).toEqual([]);
    expect([...regions].sort()).toEqual(regions);
    expect(new Set(regions).size).toBe(regions.length);
  });
});

describe("availability zones", () => {
  it("lists a region's zones by name", () => {
    expect(zonesOf("us-east-1")).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
    expect(zonesOf("eu-west-1")).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
  });

  it("has no zone list for an unknown region", () => {
    expect(zonesOf("us-east-7")).toBeUndefined();
    expect(zonesOf("constructor")).toBeUndefined();
  });

  it("refuses zones that do not exist", () => {
    for (const zone of ["us-east-1z", "us-east-1g", "eu-west-1d", "us-east-7a", "ca-central-1c", "us-east-1", "us-east-1ab"])
      expect(isKnownZone(zone), zone).toBe(false);
  });

  it("accepts zone names that only some accounts have", () => {
    expect(isKnownZone("us-west-1c")).toBe(true);
    expect(isKnownZone("ap-northeast-1b")).toBe(true);
  });

  it("accepts any single-letter zone of a known region it has no list for, and says it has none", () => {
    expect(zonesOf("cn-north-1")).toBeUndefined();
    expect(isKnownZone("cn-north-1a")).toBe(true);
  });

  it("accepts well-formed Local and Wavelength Zones of known regions only", () => {
    for (const zone of ["us-east-1-bos-1a", "us-west-2-lax-1b", "us-east-1-wl1-bos-wlz-1"]) expect(isKnownZone(zone), zone).toBe(true);
    for (const zone of ["us-east-7-bos-1a", "us-east-1-bos", "us-east-1-bos-1", "us-east-1--1a"])
      expect(isKnownZone(zone), zone).toBe(false);
  });

  it("puts every zone in a known region, in the project's zone pattern", () => {
    const strays = Object.keys(ZONE_LETTERS).filter((region) => !isKnownRegion(region));
    expect(strays).toEqual([]);
    const zones = Object.keys(ZONE_LETTERS).flatMap((region) => [...(zonesOf(region) ?? [])]);
    expect(zones.length).toBeGreaterThan(80);
    expect(zones.filter((zone) => !AVAILABILITY_ZONE.test(zone) || !isKnownZone(zone))).toEqual([]);
  });
});

describe("instance types", () => {
  it.each([
    ["t3.micro", ["x86_64"], true],
    ["t4g.small", ["arm64"], true],
    ["m7g.large", ["arm64"], false],
    ["c7i.large", ["x86_64"], false],
    ["m1.small", ["x86_64"], false],
  ] as const)("knows %s: %j, burstable %s", (type, architectures, burstable) => {
    expect(instanceTypeInfo(type)).toEqual({ architectures, burstable, mac: false });
  });

  it("marks Mac types, with their CPU's architecture", () => {
    expect(instanceTypeInfo("mac1.metal")).toEqual({ architectures: ["x86_64"], burstable: false, mac: true });
    expect(instanceTypeInfo("mac2.metal")).toEqual({ architectures: ["arm64"], burstable: false, mac: true });
  });

  it("does not know misspelled or made-up types", () => {
    for (const type of ["t3.mega", "t3", "T3.micro", "t3.micro ", "m7g.", ".large", ""])
      expect(instanceTypeInfo(type), type).toBeUndefined();
  });

  it("calls exactly the T2 and later families burstable (t1.micro takes no credit specification)", () => {
    const types = knownInstanceTypes();
    expect(types.length).toBeGreaterThan(1000);
    const mislabeled = types.filter((type) => instanceTypeInfo(type)!.burstable !== /^t[2-9][a-z]*\./.test(type));
    expect(mislabeled).toEqual([]);
    expect(instanceTypeInfo("t1.micro")).toEqual({ architectures: ["x86_64"], burstable: false, mac: false });
  });

  it("gives every type one or more architectures", () => {
    expect(knownInstanceTypes().filter((type) => instanceTypeInfo(type)!.architectures.length === 0)).toEqual([]);
  });
});

describe("catalog date", () => {
  it("is a real calendar date, not in the future", () => {
    expect(CATALOG_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const date = new Date(`${CATALOG_DATE}T00:00:00Z`);
    expect(date.toISOString().slice(0, 10)).toBe(CATALOG_DATE);
    expect(date.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it.each(["regions.ts", "availability-zones.ts", "instance-types.ts"])("stands with its sources in the header of %s", (file) => {
    const text = readFileSync(join(CATALOG, file), "utf8");
    expect(text).toContain(`Generated: ${CATALOG_DATE}.`);
    expect(text).toMatch(
      /Source: .+ (@aws-sdk\/core \d+\.\d+\.\d+|at commit [0-9a-f]{40} \(\d{4}-\d{2}-\d{2}; its EC2 data last updated \d{4}-\d{2}-\d{2}\))/,
    );
  });
});

describe("refresh: turning source records into catalog facts", () => {
  it("keeps x86_64 and arm64, drops i386 and names Mac and burstable types", () => {
    expect(traitsKey("m1.small", { ProcessorInfo: { SupportedArchitectures: ["i386", "x86_64"] } })).toBe("x86_64");
    expect(traitsKey("t4g.nano", { ProcessorInfo: { SupportedArchitectures: ["arm64"] }, BurstablePerformanceSupported: true })).toBe(
      "arm64 burstable",
    );
    expect(traitsKey("mac2.metal", { ProcessorInfo: { SupportedArchitectures: ["arm64_mac"] } })).toBe("arm64 mac");
    expect(() => traitsKey("x.large", { ProcessorInfo: { SupportedArchitectures: ["i386"] } })).toThrow(/no x86_64 or arm64/);
  });

  it("groups types by traits and family, sizes from smallest to metal", () => {
    const arm = { ProcessorInfo: { SupportedArchitectures: ["arm64"] } };
    expect(
      groupInstanceTypes({
        "m7g.metal": arm,
        "m7g.2xlarge": arm,
        "m7g.large": arm,
        "m7g.medium": arm,
        "c7g.xlarge": arm,
        "m7g.12xlarge": arm,
      }),
    ).toEqual({
      arm64: ["c7g.xlarge", "m7g.medium large 2xlarge 12xlarge metal"],
    });
  });

  it("adds zone names other accounts have and skips Local Zones", () => {
    const offerings = (...zones: string[]) => zones.map((Location) => ({ Location, InstanceType: "t3.micro" }));
    expect(
      zoneLetters({
        "us-west-1": offerings("us-west-1a", "us-west-1b"),
        "us-east-1": offerings("us-east-1b", "us-east-1a", "us-east-1-bos-1a"),
      }),
    ).toEqual({
      "us-west-1": "abc",
      "us-east-1": "ab",
    });
    expect(() => zoneLetters({ "us-east-1": offerings("us-east-2a") })).toThrow(/not a zone of us-east-1/);
  });

  it("takes each partition's regions, without the SDK's pseudo-regions", () => {
    const partition = (id: string, regionRegex: string, ...names: string[]) => ({
      id,
      regionRegex,
      regions: Object.fromEntries(names.map((n) => [n, {}])),
    });
    const table = {
      partitions: [
        partition("aws", "^(us|eu)\\-\\w+\\-\\d+$", "us-east-1", "aws-global", "eu-west-1"),
        partition("aws-cn", "^cn\\-\\w+\\-\\d+$", "cn-north-1", "aws-cn-global"),
        partition("aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "us-gov-west-1"),
        partition("aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "us-iso-east-1"),
      ],
    };
    expect(regionsByPartition(table)).toEqual({
      aws: ["eu-west-1", "us-east-1"],
      "aws-cn": ["cn-north-1"],
      "aws-us-gov": ["us-gov-west-1"],
    });
    expect(() => regionsByPartition({ partitions: table.partitions.slice(0, 2) })).toThrow(/no partition aws-us-gov/);
  });

  it("refuses bad arguments and dates", () => {
    expect(parseArgs(["--help"])).toBe("help");
    expect(() => parseArgs(["--mtoo", "x"])).toThrow(/unknown argument "--mtoo"/);
    expect(() => parseArgs(["--moto"])).toThrow(/--moto needs a value/);
    for (const date of ["2026-02-31", "2026-2-3", "tomorrow"]) expect(() => parseArgs(["--date", date]), date).toThrow(/not a date/);
    expect(parseArgs(["--no-compare", "--moto", "m"], "2026-01-02")).toMatchObject({ moto: "m", date: "2026-01-02", sdkEc2: undefined });
  });
});

describe("refresh command", () => {
  const tsx = (args: string[]) =>
    spawnSync(process.execPath, [TSX, "scripts/refresh-aws-catalog.ts", ...args], { cwd: ROOT, encoding: "utf8" });

  it("prints its usage and exits 0 for --help", () => {
    const help = tsx(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("npx tsx scripts/refresh-aws-catalog.ts");
  });

  it("writes data files, from given sources, that the catalog reads", () => {
    const work = mkdtempSync(join(tmpdir(), "aws-catalog-test-"));
    // An unpacked @aws-sdk/core with its partition table where the SDK keeps it.
    const core = join(work, "core");
    const tables = join(core, "dist-es", "submodules", "client", "util-endpoints", "lib", "aws");
    mkdirSync(tables, { recursive: true });
    writeFileSync(join(core, "package.json"), JSON.stringify({ name: "@aws-sdk/core", version: "9.8.7" }));
    const partition = (id: string, regionRegex: string, regions: string[]) => ({
      id,
      regionRegex,
      regions: Object.fromEntries(regions.map((r) => [r, {}])),
    });
    const partitions = [
      partition("aws", "^(us|eu)\\-\\w+\\-\\d+$", ["us-east-1", "eu-west-1", "aws-global"]),
      partition("aws-cn", "^cn\\-\\w+\\-\\d+$", ["cn-north-1"]),
      partition("aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", ["us-gov-west-1"]),
    ];
    writeFileSync(join(tables, "partitions.js"), `export const partitionsInfo = ${JSON.stringify({ partitions })};\n`);
    // A moto release: gzipped resources under moto/ec2/resources.
    const moto = join(work, "site-packages", "moto");
    const offerings = join(moto, "ec2", "resources", "instance_type_offerings", "availability-zone");
    mkdirSync(offerings, { recursive: true });
    writeFileSync(join(moto, "__init__.py"), '__version__ = "5.9.9"\n');
    const type = (arch: string, burstable = false) => ({
      ProcessorInfo: { SupportedArchitectures: [arch] },
      BurstablePerformanceSupported: burstable,
    });
    writeFileSync(
      join(moto, "ec2", "resources", "instance_types.json.gz"),
      gzipSync(JSON.stringify({ "t4g.small": type("arm64", true), "c7i.large": type("x86_64"), "c7i.xlarge": type("x86_64") })),
    );
    writeFileSync(
      join(offerings, "eu-west-1.json.gz"),
      gzipSync(
        JSON.stringify([
          { InstanceType: "c7i.large", Location: "eu-west-1a" },
          { InstanceType: "c7i.large", Location: "eu-west-1b" },
        ]),
      ),
    );
    const out = join(work, "aws-catalog");

    const run = tsx(["--sdk-core-dir", core, "--moto", join(work, "site-packages"), "--no-compare", "--date", "2031-04-05", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("instance types: 3");

    copyFileSync(join(CATALOG, "index.ts"), join(out, "index.ts"));
    const probe = `const c = require(${JSON.stringify(out)}); console.log(JSON.stringify([c.CATALOG_DATE, c.knownRegions(), c.zonesOf("eu-west-1"), c.zonesOf("us-east-1"), c.instanceTypeInfo("t4g.small"), c.knownInstanceTypes()]))`;
    const answers = JSON.parse(
      execFileSync(process.execPath, ["--require", "./scripts/register-ts.cjs", "-e", probe], { cwd: ROOT, encoding: "utf8" }),
    );
    expect(answers).toEqual([
      "2031-04-05",
      ["cn-north-1", "eu-west-1", "us-east-1", "us-gov-west-1"],
      ["eu-west-1a", "eu-west-1b"],
      null,
      { architectures: ["arm64"], burstable: true, mac: false },
      ["c7i.large", "c7i.xlarge", "t4g.small"],
    ]);
    expect(readFileSync(join(out, "instance-types.ts"), "utf8")).toContain("recorded by moto, moto 5.9.9 (Python package)");
    expect(readFileSync(join(out, "regions.ts"), "utf8")).toContain("npm package @aws-sdk/core 9.8.7");
  });
});
