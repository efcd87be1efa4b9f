#!/usr/bin/env node
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { localOverride, OFFLINE_OVERRIDE } from "../lib/overrides";

/**
 * `webtier-plan <stack dir>`: plans a synthesized stack (`cdktf.out/stacks/<name>`) without an
 * AWS account, the way this project's tests do: a temporary copy, an override that swaps the
 * backend for a local file and gives the provider placeholder credentials (or, with
 * `--endpoint`, points it at a local AWS emulator such as moto_server), then `terraform init`
 * and `terraform plan`. The synthesized stack is never changed. Shipped with the package for
 * other projects that compose these modules.
 */

const USAGE = `usage: webtier-plan <stack dir> [--endpoint http://127.0.0.1:<port>] [--environment <name>]

Plans a synthesized stack in a temporary copy with an override file, so no AWS account is needed:
  (default)            a local backend and placeholder credentials; nothing is refreshed
  --endpoint <url>     every AWS service and the S3 state at a local emulator (moto_server)
  --environment <name> the emulator's state key (<name>/terraform.tfstate); default: the folder's name
A filesystem mirror of hashicorp/aws at TF_PLUGIN_MIRROR (or /opt/tf-plugins) is used when present.
Exit codes: Terraform's own; 2 for bad usage.`;

const MIRROR = process.env.TF_PLUGIN_MIRROR || "/opt/tf-plugins";

function fail(message: string): never {
  process.stderr.write(`webtier-plan: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: readonly string[]): { stackDir: string; endpoint?: string; environment?: string } {
  const positional: string[] = [];
  let endpoint: string | undefined;
  let environment: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === "--endpoint") endpoint = argv[++i] ?? fail("--endpoint needs a URL");
    else if (arg === "--environment") environment = argv[++i] ?? fail("--environment needs a name");
    else if (arg.startsWith("-")) fail(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) fail("give one synthesized stack folder");
  const stackDir = resolve(positional[0]!);
  if (!existsSync(join(stackDir, "cdk.tf.json")) && !existsSync(join(stackDir, "cdk.tf")))
    fail(`${stackDir} holds no cdk.tf.json or cdk.tf: synthesize first (cdktf synth)`);
  if (endpoint !== undefined && !/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(endpoint))
    fail(`--endpoint ${endpoint} is not a loopback URL`);
  return { stackDir, endpoint, environment };
}

function main(): number {
  const { stackDir, endpoint, environment } = parse(process.argv.slice(2));
  const workdir = mkdtempSync(join(tmpdir(), "webtier-plan-"));
  try {
    for (const name of readdirSync(stackDir)) {
      if (name === ".terraform" || name.includes(".tfstate") || !statSync(join(stackDir, name)).isFile()) continue;
      copyFileSync(join(stackDir, name), join(workdir, name));
    }
    const stack = existsSync(join(stackDir, "cdk.tf.json")) ? JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) : {};
    const override =
      endpoint === undefined ? OFFLINE_OVERRIDE : localOverride(environment ?? basename(stackDir), endpoint.replace(/\/$/, ""), stack);
    writeFileSync(join(workdir, "zz_webtier_override.tf.json"), JSON.stringify(override, null, 2));
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
    // A CLI config of the user's own is theirs; one named but missing is as good as none.
    const ownConfig =
      process.env.TF_CLI_CONFIG_FILE !== undefined && process.env.TF_CLI_CONFIG_FILE !== "" && existsSync(process.env.TF_CLI_CONFIG_FILE);
    if (!ownConfig && existsSync(join(MIRROR, "registry.terraform.io", "hashicorp", "aws"))) {
      const config = join(workdir, "terraform.rc");
      writeFileSync(
        config,
        `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
      );
      env.TF_CLI_CONFIG_FILE = config;
    }
    const terraform = process.env.TERRAFORM_BINARY_NAME || "terraform";
    const run = (args: string[]) => spawnSync(terraform, args, { cwd: workdir, env, stdio: "inherit" });
    const init = run(["init", "-input=false", "-no-color"]);
    if (init.error) fail(`cannot run ${terraform}: ${init.error.message}`);
    if (init.status !== 0) return init.status ?? 1;
    const plan = run(["plan", "-input=false", "-no-color", ...(endpoint === undefined ? ["-refresh=false", "-lock=false"] : [])]);
    return plan.status ?? 1;
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

process.exit(main());
