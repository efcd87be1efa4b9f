import { describe, expect, it } from "vitest";
import { environments, selectEnvironments, validateEnvironment, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { parseCidr, overlaps } from "../../modules/core/cidr";
import { ValidationError } from "../../modules/core/validation";

function problems(overrides: Partial<EnvironmentConfig>): string[] {
  return validateEnvironment({ ...dev, ...overrides }).map((f) => `${f.path} ${f.message}`);
}

describe("environment validation", () => {
  it("accepts every committed environment", () => {
    for (const env of environments) expect(validateEnvironment(env), env.name).toEqual([]);
  });

  it("gives every environment a VPC CIDR that overlaps no other, so they can be peered", () => {
    const nets = environments.map((e) => ({ name: e.name, net: parseCidr(e.network.cidr ?? "")! }));
    for (const a of nets) {
      for (const b of nets) if (a !== b) expect(overlaps(a.net, b.net), `${a.name} and ${b.name}`).toBe(false);
    }
  });

  it("reports network problems under the environment's path, with zones judged against its region", () => {
    expect(problems({ network: { ...dev.network, availabilityZones: ["us-east-1a", "us-west-2b"] } })).toEqual([
      'dev.network.availabilityZones[1] ("us-west-2b") is not a zone of region us-east-1',
    ]);
  });

  it("judges scaling against the environment's compute mode", () => {
    expect(problems({ scaling: { targetTracking: { enabled: true } } })).toEqual([
      "dev.scaling.targetTracking.enabled cannot be true for compute in ec2 mode: single instances have no group to scale; use mode asg",
    ]);
  });

  it("judges queue names with the environment's prefix", () => {
    expect(problems({ messaging: { ...dev.messaging!, queues: [{ name: "q".repeat(70) }] } })).toEqual([
      // dev's messaging is FIFO: the name's .fifo counts.
      `dev.messaging.queues[0].name gives a dead-letter queue named "webtier-dev-${"q".repeat(70)}-dlq.fifo" (91 characters); SQS allows at most 80`,
    ]);
  });

  it("reports problems of every module under its section's path", () => {
    expect(
      problems({
        loadBalancer: { healthCheck: { path: "health" } },
        compute: { mode: "asg", minSize: 3, maxSize: 2 },
        alarmTopic: { emailSubscriptions: ["nobody"] },
      }).sort(),
    ).toEqual([
      'dev.alarmTopic.emailSubscriptions[0] ("nobody") must be an email address',
      "dev.compute.maxSize (2) must be >= minSize (3)",
      'dev.loadBalancer.healthCheck.path ("health") must be a path starting with /',
    ]);
  });

  it("throws on a name ending in a hyphen, which would end up inside every resource name", () => {
    expect(problems({ name: "dev-" })).toEqual(['dev-.name ("dev-") must be lowercase letters and digits in hyphen-separated words, starting with a letter']);
  });

  // How the modules are wired is the tier's to judge (test/modules/web-tier/errors.test.ts): here, that it is judged, under the environment's path.
  it("reports the tier's wiring rules under the environment's path", () => {
    expect(problems({ network: { ...dev.network, natGateways: "none" } })).toEqual([
      'dev.network.natGateways ("none") leaves the private subnets no way to reach Systems Manager, the only way into the instances (no SSH); set network.sessionManagerEndpoints: true to reach it through interface endpoints, or use "single" or "per-az"',
    ]);
  });

  it("throws when the certificate is in another region than the environment", () => {
    expect(problems({ loadBalancer: { ...dev.loadBalancer, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" } })).toEqual([
      "dev.loadBalancer.certificateArn is in eu-west-1; a load balancer in us-east-1 can only use an ACM certificate from its own region",
    ]);
  });

  it("throws on a malformed region and name", () => {
    expect(problems({ region: "useast1", name: "Dev_1" })).toEqual([
      'Dev_1.name ("Dev_1") must be lowercase letters and digits in hyphen-separated words, starting with a letter',
      'Dev_1.region ("useast1") must be an AWS region such as us-east-1',
    ]);
  });

  it("throws on reserved and overlong tags", () => {
    expect(problems({ tags: { "aws:owner": "x", Team: "y".repeat(300), Environment: "z" } })).toEqual([
      'dev.tags.aws:owner key must not start with "aws:" (reserved by AWS)',
      `dev.tags.Team ("${"y".repeat(57)}…") is 300 characters; at most 256 (AWS's limit for tag values)`,
    ]);
    expect(problems({ tags: { Environment: "z" } })).toEqual(["dev.tags must not set Project, Environment or ManagedBy: the stack sets them"]);
  });

  it("lists every problem at once rather than stopping at the first", () => {
    expect(problems({ region: "mars", project: "P", network: { ...dev.network, availabilityZones: ["x"] } })).toEqual([
      'dev.project ("P") must be lowercase letters and digits in hyphen-separated words, starting with a letter',
      'dev.region ("mars") must be an AWS region such as us-east-1',
      "dev.network.availabilityZones must list 2 to 6 availability zones (got 1); an ALB needs two",
      'dev.network.availabilityZones[0] ("x") must be an availability zone name such as us-east-1a',
    ]);
  });

  describe("production", () => {
    const prodProblems = (overrides: Partial<EnvironmentConfig>) =>
      validateEnvironment({ ...prod, ...overrides }).map((f) => `${f.path} ${f.message}`);

    it("throws when flow logs are turned off", () => {
      expect(prodProblems({ network: { ...prod.network, flowLogs: { enabled: false } } })).toEqual([
        "prod.network.flowLogs.enabled must stay on in a production environment (VPC flow logs are the audit trail)",
      ]);
    });

    it("throws when the ALB's deletion protection is off", () => {
      expect(prodProblems({ loadBalancer: { ...prod.loadBalancer, deletionProtection: false } })).toEqual([
        "prod.loadBalancer.deletionProtection must be true in a production environment (a wrong plan must not delete the ALB)",
      ]);
    });

    it("throws when queues are not protected from destroy", () => {
      expect(prodProblems({ messaging: { ...prod.messaging!, preventDestroy: false } })).toEqual([
        "prod.messaging.preventDestroy must be true in a production environment (a wrong plan must not lose queued messages)",
      ]);
    });

    it("throws when nobody would hear its alarms, and accepts any one kind of subscriber", () => {
      expect(prodProblems({ alarmTopic: { emailSubscriptions: [] } })).toEqual([
        "prod.alarmTopic must have a subscriber in a production environment (emailSubscriptions, httpsEndpoints or forwardToTopicArns): its alarms would reach nobody",
      ]);
      expect(prodProblems({ alarmTopic: { httpsEndpoints: ["https://events.example.com/sns"] } })).toEqual([]);
      expect(prodProblems({ alarmTopic: { forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:chatbot-ops"] } })).toEqual([]);
    });

    it("lets a non-production environment go without a subscriber (synth warns instead)", () => {
      expect(problems({ alarmTopic: {} })).toEqual([]);
    });

    it("lets a non-production environment turn them off", () => {
      expect(
        problems({ network: { ...dev.network, flowLogs: { enabled: false } }, loadBalancer: { ...dev.loadBalancer, deletionProtection: false } }),
      ).toEqual([]);
    });
  });
});

describe("environment selection", () => {
  it("selects every environment when no names are given", () => {
    expect(selectEnvironments(undefined).map((e) => e.name)).toEqual(["dev", "stage", "prod"]);
    expect(selectEnvironments("").map((e) => e.name)).toEqual(["dev", "stage", "prod"]);
  });

  it("selects the named environments in promotion order", () => {
    expect(selectEnvironments(" prod, dev ").map((e) => e.name)).toEqual(["dev", "prod"]);
  });

  it("throws when an environment name is unknown, listing the known ones", () => {
    expect(() => selectEnvironments("dev,qa,test")).toThrowError(
      "Environment selection is invalid (2 problems):\n  - qa is not an environment (known: dev, stage, prod)\n  - test is not an environment (known: dev, stage, prod)",
    );
  });

  it("throws when two chosen environments' VPCs overlap, naming the later one", () => {
    const qa = { ...dev, name: "qa", network: { ...dev.network, cidr: "10.10.128.0/17" } };
    expect(() => selectEnvironments(undefined, [dev, qa])).toThrowError(
      'Environment configuration is invalid (1 problem):\n  - qa.network.cidr ("10.10.128.0/17") overlaps dev\'s 10.10.0.0/16: environments need address spaces of their own',
    );
    expect(selectEnvironments("qa", [dev, qa]).map((e) => e.name)).toEqual(["qa"]);
  });

  it("validates every chosen environment before building any, with one error for all", () => {
    const broken = [
      { ...dev, name: "a", network: { ...dev.network, cidr: "10.0.0.0/8" } },
      { ...dev, name: "b", region: "nowhere" },
    ];
    const error = (() => {
      try {
        selectEnvironments(undefined, broken);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).findings.map((f) => f.path)).toEqual(["a.network.cidr", "b.region"]);
  });
});
