import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const read = (name: string) => readFileSync(join(__dirname, "..", ".github", "workflows", name), "utf8");

describe("GitHub workflows", () => {
  it("ci runs .ci/run with the pinned Terraform", () => {
    const ci = read("ci.yml");
    expect(ci).toContain("run: .ci/run");
    expect(ci).toContain("terraform_version: 1.11.4");
  });

  it("plan tests, then plans each environment with OIDC credentials, then updates one comment", () => {
    const plan = read("plan.yml");
    expect(plan).toMatch(/on:\n {2}pull_request:/);
    expect(plan).toContain("environment: [dev, stage, prod]");
    expect(plan).toContain("id-token: write");
    expect(plan).toContain("uses: aws-actions/configure-aws-credentials@v4");
    expect(plan).toContain("role-to-assume: ${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(plan).toContain('npm run plan -- "${{ matrix.environment }}"');
    expect(plan).toContain("npm run plan:comment --");
    expect(plan).toContain('const marker = "<!-- webtier-plan-summary -->";');
    expect(plan).toContain("github.rest.issues.updateComment");
  });

  it("deploy runs dev, then stage, then prod, each with cdktf deploy --auto-approve in its GitHub environment", () => {
    const deploy = read("deploy.yml");
    expect(deploy).toMatch(/branches: \[main\]/);
    expect(deploy).toMatch(/stage:\n {4}needs: dev\n/);
    expect(deploy).toMatch(/prod:\n {4}needs: stage\n/);
    const job = read("deploy-environment.yml");
    expect(job).toContain("environment: ${{ inputs.environment }}");
    expect(job).toContain('npx cdktf deploy "${{ inputs.environment }}" --auto-approve');
  });
});
