import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyProject } from "./run-cli";

/** `npm run diff` on two real commits, in a throwaway clone of this repository. */
describe("npm run diff -- --base <ref>", () => {
  let clone: string;
  const run = (args: string[]) =>
    execFileSync(process.execPath, ["--require", join(clone, "scripts", "register-ts.cjs"), "scripts/diff.ts", ...args], {
      cwd: clone,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: clone, stdio: "ignore" });

  beforeAll(() => {
    // A new repository holding this working tree (committed or not) as its first commit.
    clone = copyProject();
    git("init", "--quiet");
    git("add", "-A");
    git("commit", "--quiet", "-m", "base");
    const prod = readFileSync(join(clone, "envs/prod.ts"), "utf8");
    writeFileSync(
      join(clone, "envs/prod.ts"),
      prod.replace('instanceTypes: ["t3.small", "t3a.small"]', 'instanceTypes: ["t3.large", "t3a.large"]'),
    );
    git("commit", "--quiet", "-am", "bigger prod instances");
  }, 60_000);

  it("compares the working tree with a commit, per environment, without Terraform", () => {
    const out = run(["--base", "HEAD~1"]);
    expect(out).toMatch(/^Synthesized changes against HEAD~1 \([0-9a-f]{12}\):/);
    expect(out).toContain("dev: no changes");
    expect(out).toContain("stage: no changes");
    expect(out).toMatch(
      /prod: changed\n {2}~ aws_autoscaling_group\.compute_group_[0-9A-F]{8}: mixed_instances_policy\.launch_template\.override\[0\]\.instance_type, mixed_instances_policy\.launch_template\.override\[1\]\.instance_type\n {2}~ aws_launch_template\.compute_launch-template_[0-9A-F]{8}: instance_type\n/,
    );
  }, 60_000);

  it("refuses a ref that is not a commit", () => {
    expect(() => run(["--base", "no-such-ref"])).toThrow(/no-such-ref is not a commit/);
  });
});
