/**
 * npx tsx scripts/refresh-aws-catalog.ts [--moto <path>] [--moto-label <text>] [--date YYYY-MM-DD]
 *                                         [--sdk-core <spec> | --sdk-core-dir <dir>] [--sdk-ec2 <spec> | --no-compare]
 *                                         [--out <dir>]
 *
 * Regenerates the AWS catalog's data files (modules/core/aws-catalog/regions.ts,
 * availability-zones.ts, instance-types.ts), each stamped with its sources and the date.
 *
 * Sources:
 * - Regions: the AWS SDK for JavaScript's partition metadata, from the npm package @aws-sdk/core
 *   (`npm pack` into a temporary folder; --sdk-core picks the version, default latest, or
 *   --sdk-core-dir names an unpacked copy).
 * - Availability zones and instance types: the DescribeInstanceTypes and per-zone
 *   DescribeInstanceTypeOfferings output that the moto project (GitHub repository getmoto/moto)
 *   records from the real EC2 API every month, under moto/ec2/resources/. --moto takes a clone
 *   (work tree or bare), an unpacked moto wheel or site-packages folder, or the moto package folder
 *   itself; without it the script asks `python3` where an installed moto lives. To get one:
 *   `git clone --depth 1 <getmoto/moto>`, or `pip download --no-deps moto` and unzip the wheel.
 *   moto reads the zones from one AWS account; ZONE_SUPPLEMENT below adds the zone names that
 *   other accounts have, each with its evidence.
 * - Cross-check (report only): the EC2 API's instance type enum in the npm package
 *   @aws-sdk/client-ec2 (--sdk-ec2, default latest). Names it has and moto lacks have no known
 *   architecture, so they stay out of the catalog; the script lists them. --no-compare skips it.
 *
 * Exit codes: 0 written (or --help); 1 a source could not be read; 2 bad usage.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The partitions the catalog lists, with what each is. */
const PARTITION_NAMES = { aws: "commercial", "aws-cn": "China", "aws-us-gov": "GovCloud" } as const;
export const PARTITIONS = Object.keys(PARTITION_NAMES) as readonly (keyof typeof PARTITION_NAMES)[];

/**
 * Zone names that exist for some accounts but not for the one moto records from. moto's account
 * sees each region as a new account would; older accounts keep zones since closed to new ones.
 */
export const ZONE_SUPPLEMENT: Readonly<Record<string, { readonly letters: string; readonly evidence: string }>> = {
  "us-west-1": {
    letters: "abc",
    evidence:
      "the region has three zone names and each account sees two of them; moto renames its pair to a and b (getmoto/moto issue 5494, scripts/ec2_get_instance_type_offerings.py)",
  },
  "ap-northeast-1": {
    letters: "abcd",
    evidence:
      "ap-northeast-1b (zone id apne1-az3) remains in accounts created before it closed to new accounts; moto's account sees a, c, d",
  },
};

const CATALOG_DIR = join(__dirname, "..", "modules", "core", "aws-catalog");
const MOTO_RESOURCES = "moto/ec2/resources";
const HELP = readFileSync(__filename, "utf8")
  .match(/\/\*\*([\s\S]*?)\*\//)![1]!
  .replace(/^ \* ?/gm, "")
  .trim();

export class UsageError extends Error {}
export class SourceError extends Error {}

export interface Options {
  readonly moto?: string;
  readonly motoLabel?: string;
  readonly date: string;
  readonly sdkCore: string;
  readonly sdkCoreDir?: string;
  readonly sdkEc2?: string;
  readonly out: string;
}

export function parseArgs(argv: readonly string[], today = new Date().toISOString().slice(0, 10)): Options | "help" {
  const values: Record<string, string> = {};
  let compare = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--no-compare") {
      compare = false;
      continue;
    }
    const name = arg.replace(/^--/, "");
    if (!arg.startsWith("--") || !["moto", "moto-label", "date", "sdk-core", "sdk-core-dir", "sdk-ec2", "out"].includes(name))
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
    values[name] = value;
  }
  const date = values.date ?? today;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new UsageError(`--date ${JSON.stringify(date)} is not a date such as 2026-01-31`);
  return {
    moto: values.moto,
    motoLabel: values["moto-label"],
    date,
    sdkCore: values["sdk-core"] ?? "latest",
    sdkCoreDir: values["sdk-core-dir"],
    sdkEc2: compare ? (values["sdk-ec2"] ?? "latest") : undefined,
    out: resolve(values.out ?? CATALOG_DIR),
  };
}

// ---------------------------------------------------------------------------------------------
// Sources

/** An unpacked npm package in a temporary folder: `npm pack`, then tar. */
function npmPack(spec: string, into: string): { readonly dir: string; readonly version: string } {
  let json: string;
  try {
    json = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", into], {
      cwd: into,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    throw new SourceError(`npm pack ${spec} failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
  const [packed] = JSON.parse(json) as { filename: string; version: string; name: string }[];
  if (!packed) throw new SourceError(`npm pack ${spec} packed nothing`);
  const dir = join(into, packed.name.replace(/[@/]/g, "_"));
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["xzf", join(into, basename(packed.filename)), "-C", dir, "--strip-components", "1"]);
  return { dir, version: packed.version };
}

/** Evaluates an ES module file of a package (the SDK ships its tables as ESM under dist-es). */
async function importEsm(file: string, scratch: string): Promise<Record<string, unknown>> {
  const copy = join(scratch, `${basename(file, ".js")}-${Date.now()}.mjs`);
  copyFileSync(file, copy);
  return (await import(pathToFileURL(copy).href)) as Record<string, unknown>;
}

function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    } else if (entry === name && path.includes("dist-es")) return path;
  }
  return undefined;
}

export interface PartitionTable {
  readonly partitions: readonly {
    readonly id: string;
    readonly regionRegex: string;
    readonly regions: Readonly<Record<string, unknown>>;
  }[];
}

/** Region names per partition; the SDK's pseudo-regions (`aws-global`) fail the partition's own regex and are left out. */
export function regionsByPartition(table: PartitionTable): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const id of PARTITIONS) {
    const partition = table.partitions.find((p) => p.id === id);
    if (!partition) throw new SourceError(`the SDK's partition table has no partition ${id}`);
    const pattern = new RegExp(partition.regionRegex);
    result[id] = Object.keys(partition.regions)
      .filter((name) => pattern.test(name))
      .sort();
  }
  return result;
}

async function loadPartitions(options: Options, scratch: string): Promise<{ readonly table: PartitionTable; readonly source: string }> {
  const pkg = options.sdkCoreDir ? { dir: resolve(options.sdkCoreDir), version: "" } : npmPack(`@aws-sdk/core@${options.sdkCore}`, scratch);
  const version = pkg.version || (JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as { version: string }).version;
  const file = findFile(pkg.dir, "partitions.js");
  if (!file)
    throw new SourceError(
      `@aws-sdk/core ${version} has no dist-es/**/partitions.js: the SDK moved its partition table; update loadPartitions`,
    );
  const module = await importEsm(file, scratch);
  const table = Object.values(module).find(
    (value): value is PartitionTable => typeof value === "object" && value !== null && Array.isArray((value as PartitionTable).partitions),
  );
  if (!table) throw new SourceError(`${file} exports no partition table`);
  return { table, source: `npm package @aws-sdk/core ${version}, ${file.slice(pkg.dir.length + 1)}` };
}

/** Reads moto's EC2 resource files from a clone (work tree or bare), a wheel or site-packages folder, or the moto package folder. */
export class MotoSource {
  private constructor(
    private readonly read: (path: string) => Buffer | undefined,
    private readonly list: (path: string) => string[],
    readonly label: string,
  ) {}

  static open(path: string, label?: string): MotoSource {
    const root = resolve(path);
    if (!existsSync(root)) throw new SourceError(`--moto ${JSON.stringify(path)} does not exist`);
    const isBareGit = existsSync(join(root, "HEAD")) && existsSync(join(root, "objects"));
    const gitDir = isBareGit ? root : existsSync(join(root, ".git")) ? join(root, ".git") : undefined;
    if (gitDir) {
      const git = (...args: string[]) =>
        execFileSync("git", ["--git-dir", gitDir, ...args], { maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] });
      const [commit, day] = git("log", "-1", "--format=%H %cs").toString().trim().split(" ");
      const dataDay = git("log", "-1", "--format=%cs", "--", MOTO_RESOURCES).toString().trim();
      const remote = (() => {
        try {
          return git("config", "--get", "remote.origin.url")
            .toString()
            .trim()
            .replace(/^.*[:/]([^/]+\/[^/]+?)(\.git)?$/, "$1");
        } catch {
          return "getmoto/moto";
        }
      })();
      return new MotoSource(
        (file) => {
          try {
            return git("show", `HEAD:${file}`);
          } catch {
            return undefined;
          }
        },
        (dir) =>
          git("ls-tree", "--name-only", "HEAD", `${dir}/`)
            .toString()
            .split("\n")
            .filter(Boolean)
            .map((entry) => basename(entry)),
        `${label ?? `GitHub repository ${remote}`} at commit ${commit} (${day}; its EC2 data last updated ${dataDay || "unknown"})`,
      );
    }
    const packageDir = [join(root, "moto"), root].find((dir) => existsSync(join(dir, "ec2", "resources")));
    if (!packageDir) throw new SourceError(`--moto ${JSON.stringify(path)} holds neither a git repository nor moto/ec2/resources`);
    const version =
      readFileSync(join(packageDir, "__init__.py"), "utf8").match(/__version__\s*=\s*["']([^"']+)["']/)?.[1] ?? "unknown version";
    const onDisk = (file: string) => join(packageDir, file.replace(/^moto\//, ""));
    return new MotoSource(
      (file) => (existsSync(onDisk(file)) ? readFileSync(onDisk(file)) : undefined),
      (dir) => readdirSync(onDisk(dir)),
      label ?? `moto ${version} (Python package)`,
    );
  }

  /** A JSON resource, stored as `.json` in the repository and `.json.gz` in releases. */
  json<T>(file: string): T {
    const plain = this.read(`${MOTO_RESOURCES}/${file}.json`);
    const zipped = plain ? undefined : this.read(`${MOTO_RESOURCES}/${file}.json.gz`);
    if (!plain && !zipped) throw new SourceError(`moto has no ${MOTO_RESOURCES}/${file}.json(.gz): its layout changed; update MotoSource`);
    return JSON.parse((plain ?? gunzipSync(zipped!)).toString("utf8")) as T;
  }

  /** The names, without extension, of the resource files in a folder. */
  names(dir: string): string[] {
    return this.list(`${MOTO_RESOURCES}/${dir}`)
      .map((entry) => entry.replace(/\.json(\.gz)?$/, ""))
      .sort();
  }
}

function locateInstalledMoto(): string {
  try {
    return execFileSync("python3", ["-c", "import moto, os; print(os.path.dirname(moto.__file__))"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    throw new UsageError(
      "no --moto given and python3 cannot import moto: pass --moto with a clone of getmoto/moto or an unpacked moto wheel",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Facts

export interface DescribedInstanceType {
  readonly ProcessorInfo?: { readonly SupportedArchitectures?: readonly string[] };
  readonly BurstablePerformanceSupported?: boolean;
}

/** The catalog's traits of one instance type, as the key it is grouped under: `arm64`, `x86_64 burstable`, `arm64 mac`. */
export function traitsKey(name: string, described: DescribedInstanceType): string {
  const supported = described.ProcessorInfo?.SupportedArchitectures ?? [];
  // i386 (32-bit) rides along with x86_64 on a few old types; Mac types name their own architectures.
  const architectures = ["x86_64", "arm64"].filter((arch) => supported.includes(arch) || supported.includes(`${arch}_mac`));
  if (architectures.length === 0)
    throw new SourceError(`instance type ${name} has no x86_64 or arm64 architecture (${JSON.stringify(supported)})`);
  const mac = supported.some((arch) => arch.endsWith("_mac"));
  return [...architectures, ...(described.BurstablePerformanceSupported ? ["burstable"] : []), ...(mac ? ["mac"] : [])].join(" ");
}

/** Instance types grouped by traits, each group a list of `family.size size …` lines. */
export function groupInstanceTypes(described: Readonly<Record<string, DescribedInstanceType>>): Record<string, string[]> {
  const families = new Map<string, Map<string, string[]>>();
  for (const name of Object.keys(described).sort(compareInstanceTypes)) {
    const dot = name.indexOf(".");
    if (dot < 1) throw new SourceError(`instance type ${JSON.stringify(name)} is not family.size`);
    const key = traitsKey(name, described[name]!);
    const byFamily = families.get(key) ?? new Map<string, string[]>();
    families.set(key, byFamily);
    const family = name.slice(0, dot);
    byFamily.set(family, [...(byFamily.get(family) ?? []), name.slice(dot + 1)]);
  }
  return Object.fromEntries(
    [...families.keys()].sort().map((key) => [key, [...families.get(key)!].map(([family, sizes]) => `${family}.${sizes.join(" ")}`)]),
  );
}

const SIZE_ORDER = ["nano", "micro", "small", "medium", "large", "xlarge"];

/** Family, then size from smallest (nano) to largest, metal last. */
function compareInstanceTypes(a: string, b: string): number {
  const [fa = "", sa = ""] = a.split(".");
  const [fb = "", sb = ""] = b.split(".");
  if (fa !== fb) return fa < fb ? -1 : 1;
  const rank = (size: string) => {
    if (size.startsWith("metal")) return [1e6, Number(size.match(/\d+/)?.[0] ?? 0)];
    const named = SIZE_ORDER.indexOf(size);
    if (named >= 0) return [named, 0];
    const n = Number(size.match(/^(\d+)xlarge$/)?.[1]);
    return Number.isFinite(n) ? [SIZE_ORDER.length + n, 0] : [1e5, 0];
  };
  const [ra, xa] = rank(sa);
  const [rb, xb] = rank(sb);
  return ra! - rb! || xa! - xb! || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

/** Zone letters per region from moto's per-zone offerings, plus the supplement. */
export function zoneLetters(offeringsByRegion: Readonly<Record<string, readonly { readonly Location: string }[]>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [region, offerings] of Object.entries(offeringsByRegion)) {
    const letters = new Set<string>();
    for (const { Location } of offerings) {
      const letter = Location.startsWith(region) ? Location.slice(region.length) : "";
      // Local and Wavelength zones (us-east-1-bos-1a) are left to the catalog's shape rule.
      if (/^[a-z]$/.test(letter)) letters.add(letter);
      else if (!letter.startsWith("-")) throw new SourceError(`zone ${JSON.stringify(Location)} is not a zone of ${region}`);
    }
    for (const letter of ZONE_SUPPLEMENT[region]?.letters ?? "") letters.add(letter);
    if (letters.size > 0) result[region] = [...letters].sort().join("");
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const GENERATED_BY = "Generated by scripts/refresh-aws-catalog.ts: do not edit by hand; run it again to refresh.";

function header(what: string, lines: readonly string[], date: string): string {
  return [
    "/**",
    ` * ${what}`,
    " *",
    ` * ${GENERATED_BY}`,
    ...lines.map((line) => (line ? ` * ${line}` : " *")),
    ` * Generated: ${date}.`,
    " */",
  ].join("\n");
}

const quote = (value: string) => JSON.stringify(value);
const key = (name: string) => (/^[a-z_$][\w$]*$/i.test(name) ? name : quote(name));

export function renderRegions(regions: Readonly<Record<string, readonly string[]>>, source: string, date: string): string {
  const body = Object.entries(regions)
    .map(([partition, names]) => `  ${key(partition)}: [\n${names.map((n) => `    ${quote(n)},`).join("\n")}\n  ],`)
    .join("\n");
  return `${header(
    "Every AWS region name, by partition.",
    [
      `Source: the AWS SDK for JavaScript's partition metadata, ${source}.`,
      `Partitions: ${PARTITIONS.map((p) => `${p} (${PARTITION_NAMES[p]})`).join(", ")}.`,
      "Left out: the air-gapped aws-iso* partitions and aws-eusc (European Sovereign Cloud).",
      "The SDK lists a region once its endpoints exist, which can be shortly before it opens.",
    ],
    date,
  )}\n\n/** The date this file was generated. */\nexport const REGIONS_GENERATED = ${quote(date)};\n\n/** Region names by partition, sorted. */\nexport const REGIONS_BY_PARTITION = {\n${body}\n} as const;\n`;
}

export function renderZones(letters: Readonly<Record<string, string>>, source: string, date: string): string {
  const supplement = Object.entries(ZONE_SUPPLEMENT).map(([region, { letters: l, evidence }]) => `  ${region} ${l}: ${evidence}.`);
  const body = Object.entries(letters)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([region, l]) => `  ${quote(region)}: ${quote(l)},`)
    .join("\n");
  return `${header(
    "The availability zone names of each region, as the letters after the region name.",
    [
      `Source: the per-zone EC2 instance type offerings (DescribeInstanceTypeOfferings) recorded by moto, ${source}.`,
      "moto records from one account, so zone names that only other accounts have are added:",
      ...supplement,
      "Regions missing here have no zone list in the source (China, GovCloud, the newest regions).",
      "Local and Wavelength zones (us-east-1-bos-1a) are not listed: they need an opt-in and change often.",
    ],
    date,
  )}\n\n/** The date this file was generated. */\nexport const ZONES_GENERATED = ${quote(date)};\n\n/** Zone letters by region: \`"us-east-1": "abcdef"\` means us-east-1a to us-east-1f. */\nexport const ZONE_LETTERS: Readonly<Record<string, string>> = {\n${body}\n};\n`;
}

export function renderInstanceTypes(groups: Readonly<Record<string, readonly string[]>>, source: string, date: string): string {
  const count = Object.values(groups).reduce((sum, lines) => sum + lines.reduce((n, line) => n + line.split(" ").length, 0), 0);
  const body = Object.entries(groups)
    .map(([traits, lines]) => `  ${quote(traits)}: [\n${lines.map((line) => `    ${quote(line)},`).join("\n")}\n  ],`)
    .join("\n");
  return `${header(
    `Every EC2 instance type (${count}) with its CPU architectures, and whether it is burstable.`,
    [
      `Source: the EC2 API's DescribeInstanceTypes output for every region, recorded by moto, ${source}.`,
      "Architectures are ProcessorInfo.SupportedArchitectures: i386 (32-bit, on a few old x86_64 types) is",
      "dropped, and Mac types (x86_64_mac, arm64_mac) are their CPU's architecture plus the trait mac.",
      "Burstable is BurstablePerformanceSupported (the T families).",
    ],
    date,
  )}\n\n/** The date this file was generated. */\nexport const INSTANCE_TYPES_GENERATED = ${quote(date)};\n\n/**\n * Instance types by traits (architectures, then \`burstable\` and \`mac\` when they apply); each line is\n * one family and its sizes: \`"t4g.nano micro small"\` is t4g.nano, t4g.micro and t4g.small.\n */\nexport const INSTANCE_TYPES_BY_TRAITS: Readonly<Record<string, readonly string[]>> = {\n${body}\n};\n`;
}

// ---------------------------------------------------------------------------------------------
// Main

export async function refresh(options: Options, log: (line: string) => void = console.log): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "aws-catalog-"));
  try {
    const moto = MotoSource.open(options.moto ?? locateInstalledMoto(), options.motoLabel);
    const partitions = await loadPartitions(options, scratch);

    const regions = regionsByPartition(partitions.table);
    const known = new Set(Object.values(regions).flat());
    const offerings = Object.fromEntries(
      moto
        .names("instance_type_offerings/availability-zone")
        .map((region) => [region, moto.json<{ Location: string }[]>(`instance_type_offerings/availability-zone/${region}`)]),
    );
    const letters = zoneLetters(offerings);
    const strays = Object.keys(letters).filter((region) => !known.has(region));
    if (strays.length > 0) throw new SourceError(`moto lists zones of regions the SDK does not know: ${strays.join(", ")}`);
    const described = moto.json<Record<string, DescribedInstanceType>>("instance_types");
    const groups = groupInstanceTypes(described);

    mkdirSync(options.out, { recursive: true });
    const files = {
      "regions.ts": renderRegions(regions, partitions.source, options.date),
      "availability-zones.ts": renderZones(letters, moto.label, options.date),
      "instance-types.ts": renderInstanceTypes(groups, moto.label, options.date),
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(options.out, name), text);
      log(`wrote ${join(options.out, name)} (${Buffer.byteLength(text)} bytes)`);
    }
    const zoneCount = Object.values(letters).reduce((n, l) => n + l.length, 0);
    const unlisted = [...known].filter((region) => !letters[region]).sort();
    log(`regions: ${known.size} (${PARTITIONS.map((p) => `${p} ${regions[p]!.length}`).join(", ")})`);
    log(`availability zones: ${zoneCount} in ${Object.keys(letters).length} regions; no zone list for ${unlisted.join(", ") || "none"}`);
    log(`instance types: ${Object.keys(described).length}`);

    if (options.sdkEc2) {
      const ec2 = npmPack(`@aws-sdk/client-ec2@${options.sdkEc2}`, scratch);
      const enums = findFile(ec2.dir, "enums.js");
      const names = enums ? Object.values(((await importEsm(enums, scratch))._InstanceType ?? {}) as Record<string, string>) : [];
      if (names.length === 0) throw new SourceError(`@aws-sdk/client-ec2 ${ec2.version} has no _InstanceType enum: update the cross-check`);
      const missing = names.filter((name) => !(name in described)).sort();
      log(
        `cross-check: @aws-sdk/client-ec2 ${ec2.version} names ${names.length} instance types; ${missing.length} have no DescribeInstanceTypes data here (retired, not yet recorded, or not offered in the recorded regions) and stay out:`,
      );
      log(`  ${missing.join(" ") || "(none)"}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options | "help";
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`refresh-aws-catalog: ${error.message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (options === "help") {
    console.log(HELP);
    return EXIT.ok;
  }
  try {
    await refresh(options);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`refresh-aws-catalog: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof SourceError && !process.env.DEBUG) {
      console.error(`refresh-aws-catalog: ${error.message}`);
      return EXIT.failed;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
