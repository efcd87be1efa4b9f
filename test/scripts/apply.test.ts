import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyPlan, confirm } from "../../scripts/lib/apply";
import { CommandError } from "../../scripts/lib/cli";

/** A fake Terraform that records its arguments, prints `output` and exits with `code`. */
function fakeTerraform(output: string, code: number): { binary: string; args: () => string } {
  const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
  const binary = join(dir, "terraform");
  writeFileSync(binary, `#!/bin/sh\necho "$*" > "${dir}/args"\necho "${output}" >&2\nexit ${code}\n`);
  chmodSync(binary, 0o755);
  return { binary, args: () => readFileSync(join(dir, "args"), "utf8").trim() };
}

describe("asking before an apply", () => {
  const ask = (answer: string) => confirm("Apply this plan to dev? [y/N]", Readable.from([answer]));
  const quiet = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  afterEach(() => vi.restoreAllMocks());

  it("takes y or yes as a yes", async () => {
    quiet();
    expect(await ask("y\n")).toBe(true);
    expect(await ask("YES\n")).toBe(true);
  });

  it("takes anything else, or no answer at all, as a no", async () => {
    quiet();
    expect(await ask("n\n")).toBe(false);
    expect(await ask("\n")).toBe(false);
    expect(await ask("")).toBe(false);
  });

  it("asks on stderr, so stdout stays the summary", async () => {
    const spy = quiet();
    await ask("n\n");
    expect(spy).toHaveBeenCalledWith("Apply this plan to dev? [y/N] ");
  });
});

describe("applying a saved plan", () => {
  const saved = process.env.TERRAFORM_BINARY_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TERRAFORM_BINARY_NAME;
    else process.env.TERRAFORM_BINARY_NAME = saved;
    vi.restoreAllMocks();
  });
  const apply = async (output: string, code: number) => {
    const fake = fakeTerraform(output, code);
    process.env.TERRAFORM_BINARY_NAME = fake.binary;
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const result = await applyPlan("prod", "/plans/prod/plan.tfplan", tmpdir()).then(
      () => undefined,
      (error: unknown) => error,
    );
    return { result, args: fake.args() };
  };

  it("runs terraform apply on exactly that plan file, without colour codes where no terminal shows them", async () => {
    const { result, args } = await apply("Apply complete!", 0);
    expect(result).toBeUndefined();
    expect(args).toBe(
      process.stdout.isTTY ? "apply -input=false /plans/prod/plan.tfplan" : "apply -input=false -no-color /plans/prod/plan.tfplan",
    );
  });

  it("says in plain words that a stale plan was refused: exit 5", async () => {
    const { result } = await apply("Error: Saved plan is stale", 1);
    expect(result).toBeInstanceOf(CommandError);
    expect(result).toMatchObject({
      code: 5,
      message: expect.stringMatching(/^the saved plan for prod is stale: its state changed after the plan was made/),
    });
  });

  it("reports any other failure as exit 1", async () => {
    const { result } = await apply("Error: creating VPC: UnauthorizedOperation", 1);
    expect(result).toMatchObject({ code: 1, message: "terraform apply failed for prod (its output is above)" });
  });
});
