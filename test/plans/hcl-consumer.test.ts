import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { MESSAGING_OUTPUT_NAMES, WEB_TIER_OUTPUTS, type WebTierOutputName } from "../../modules/contract";
import { DEFAULT_PLUGIN_MIRROR, runOffline, type PlanJson } from "../../scripts/lib/terraform";
import { onlyFencedBlock } from "../support/readme";
import { describeTerraform } from "../support/terraform";

const run = promisify(execFile);
const EXAMPLE = join(__dirname, "..", "..", "examples", "hcl-consumer");
const ACCOUNT = "123456789012";

/** Values shaped as AWS returns them, for the outputs the example reads; the rest are placeholders. */
function outputValue(name: WebTierOutputName, env: string, https: boolean): string | string[] {
  const values: Partial<Record<WebTierOutputName, string>> = {
    vpc_id: "vpc-0a1b2c3d4e5f60718",
    alb_dns_name: `webtier-${env}-1234567890.us-east-1.elb.amazonaws.com`,
    https_listener_arn: https
      ? `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/webtier-${env}/50dc6c495c0c9188/f2f7dc8efc522ab2`
      : "",
    instance_security_group_id: "sg-0123456789abcdef0",
    topic_arn: `arn:aws:sns:us-east-1:${ACCOUNT}:webtier-${env}-order-alerts`,
    compute_mode: "asg",
  };
  return WEB_TIER_OUTPUTS[name].kind === "list" ? [] : (values[name] ?? `${name}-placeholder`);
}

/** A Terraform state holding only an environment's outputs: what `terraform_remote_state` reads. */
function environmentState(env: string, { https, messaging }: { https: boolean; messaging: boolean }): string {
  const names = (Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]).filter(
    (n) => messaging || !(MESSAGING_OUTPUT_NAMES as readonly string[]).includes(n),
  );
  const outputs = Object.fromEntries(
    names.map((n) => [n, { value: outputValue(n, env, https), type: WEB_TIER_OUTPUTS[n].kind === "list" ? ["list", "string"] : "string" }]),
  );
  return JSON.stringify({
    version: 4,
    terraform_version: "1.11.4",
    serial: 1,
    lineage: "6c1f4c52-5b0e-4b7a-9d57-000000000001",
    outputs,
    resources: [],
  });
}

/** The example planned offline against `state`, with `vars`. */
async function planAgainst(state: string, vars: Record<string, string>): Promise<PlanJson> {
  const dir = mkdtempSync(join(tmpdir(), "hcl-state-"));
  writeFileSync(join(dir, "web.tfstate"), state);
  const tfvars = JSON.stringify({ ...vars, state_path: join(dir, "web.tfstate") });
  return (await runOffline(EXAMPLE, { extraFiles: { "zz_test.auto.tfvars.json": tfvars } })).plan!;
}

const planned = (plan: PlanJson) => Object.fromEntries(Object.entries(plan.planned_values?.outputs ?? {}).map(([k, v]) => [k, v.value]));

describeTerraform("examples/hcl-consumer", () => {
  it("passes terraform validate", async () => {
    await expect(runOffline(EXAMPLE, { plan: false })).resolves.toBeDefined();
  });

  describeTerraform("its README's commands, run as written, against dev's local state", () => {
    let stdout: string;
    beforeAll(async () => {
      // The project's layout: the example two folders below the root, where dev's state file lies.
      const root = mkdtempSync(join(tmpdir(), "hcl-readme-"));
      const folder = join(root, "examples", "hcl-consumer");
      mkdirSync(folder, { recursive: true });
      cpSync(EXAMPLE, folder, { recursive: true });
      writeFileSync(join(root, "terraform.dev.tfstate"), environmentState("dev", { https: false, messaging: true }));
      const block = onlyFencedBlock(join(EXAMPLE, "README.md"), "sh").replaceAll(
        DEFAULT_PLUGIN_MIRROR,
        process.env.TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR,
      );
      const { TF_CLI_CONFIG_FILE: _config, ...env } = process.env;
      const out = await run("bash", ["-ec", block], { cwd: folder, env, maxBuffer: 16 * 1024 * 1024 });
      // Terraform colours its output whatever NO_COLOR says; the README's commands stay as written.
      stdout = stripVTControlCharacters(out.stdout);
    });

    it("plans the security group, its rules and the audit queue with its subscription", () => {
      expect(stdout).toMatch(/Plan: 6 to add, 0 to change, 0 to destroy/);
      expect(stdout).toContain("aws_sns_topic_subscription.order_audit[0] will be created");
    });

    it("gives an http web_url for an environment without an HTTPS listener", () => {
      expect(stdout).toMatch(/web_url\s+= "http:\/\/webtier-dev-1234567890\.us-east-1\.elb\.amazonaws\.com"/);
    });
  });

  it("gives an https web_url for an environment that serves HTTPS, as prod does", async () => {
    const plan = await planAgainst(environmentState("prod", { https: true, messaging: true }), { environment: "prod", offline: "true" });
    expect(planned(plan).web_url).toBe("https://webtier-prod-1234567890.us-east-1.elb.amazonaws.com");
  });

  it("plans no audit queue for an environment without messaging, and still plans the rest", async () => {
    const plan = await planAgainst(environmentState("dev", { https: false, messaging: false }), { environment: "dev", offline: "true" });
    const created = (plan.resource_changes ?? [])
      .filter((rc) => rc.change.actions.includes("create"))
      .map((rc) => rc.type)
      .sort();
    expect(created).toEqual(["aws_security_group", "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule"]);
    expect(planned(plan).order_audit_queue_url).toBeNull();
  });
});
