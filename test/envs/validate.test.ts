import { describe, expect, it } from "vitest";
import { environments, selectEnvironments, validateEnvironment, type EnvironmentConfig } from "../../envs";
import { dev } from "../../envs/dev";
import { prod } from "../../envs/prod";
import { parseCidr, overlaps } from "../../modules/core/cidr";
import { ValidationError } from "../../modules/core/validation";
import { validationErrorOf } from "../support/findings";

function problems(overrides: Partial<EnvironmentConfig>): string[] {
  return validateEnvironment({ ...dev, ...overrides }).map((f) => f.path);
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
      "dev.network.availabilityZones[1]",
    ]);
  });

  it("judges scaling against the environment's compute mode", () => {
    expect(problems({ scaling: { targetTracking: { enabled: true } } })).toEqual(["dev.scaling.targetTracking.enabled"]);
  });

  it("judges queue names with the environment's prefix", () => {
    expect(problems({ messaging: { ...dev.messaging!, queues: [{ name: "q".repeat(70) }] } })).toEqual(["dev.messaging.queues[0].name"]);
  });

  it("reports problems of every module under its section's path", () => {
    expect(
      problems({
        loadBalancer: { healthCheck: { path: "health" } },
        compute: { mode: "asg", minSize: 3, maxSize: 2 },
        alarmTopic: { emailSubscriptions: ["nobody"] },
      }).sort(),
    ).toEqual(["dev.alarmTopic.emailSubscriptions[0]", "dev.compute.maxSize", "dev.loadBalancer.healthCheck.path"]);
  });

  it("throws on a name ending in a hyphen, which would end up inside every resource name", () => {
    expect(problems({ name: "dev-" })).toEqual(["dev-.name"]);
  });

  // How the modules are wired is the tier's to judge (test/modules/web-tier/errors.test.ts): here, that it is judged, under the environment's path.
  it("reports the tier's wiring rules under the environment's path", () => {
    expect(problems({ network: { ...dev.network, natGateways: "none" } })).toEqual(["dev.network.natGateways"]);
  });

  it("throws when the certificate is in another region than the environment", () => {
    expect(
      problems({
        loadBalancer: {
          ...dev.loadBalancer,
          certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
        },
      }),
    ).toEqual(["dev.loadBalancer.certificateArn"]);
  });

  it("throws on a malformed region and name", () => {
    expect(problems({ region: "useast1", name: "Dev_1" })).toEqual(["Dev_1.name", "Dev_1.region"]);
  });

  it("throws on reserved and overlong tags", () => {
    expect(problems({ tags: { "aws:owner": "x", Team: "y".repeat(300), Environment: "z" } })).toEqual([
      "dev.tags.aws:owner",
      "dev.tags.Team",
    ]);
    expect(problems({ tags: { Environment: "z" } })).toEqual(["dev.tags"]);
  });

  it("lists every problem at once rather than stopping at the first", () => {
    expect(problems({ region: "mars", project: "P", network: { ...dev.network, availabilityZones: ["x"] } })).toEqual([
      "dev.project",
      "dev.region",
      "dev.network.availabilityZones",
      "dev.network.availabilityZones[0]",
    ]);
  });

  describe("production", () => {
    const prodProblems = (overrides: Partial<EnvironmentConfig>) => validateEnvironment({ ...prod, ...overrides }).map((f) => f.path);

    it("throws when flow logs are turned off", () => {
      expect(prodProblems({ network: { ...prod.network, flowLogs: { enabled: false } } })).toEqual(["prod.network.flowLogs.enabled"]);
    });

    it("throws when the ALB's deletion protection is off", () => {
      expect(prodProblems({ loadBalancer: { ...prod.loadBalancer, deletionProtection: false } })).toEqual([
        "prod.loadBalancer.deletionProtection",
      ]);
    });

    it("throws when queues are not protected from destroy", () => {
      expect(prodProblems({ messaging: { ...prod.messaging!, preventDestroy: false } })).toEqual(["prod.messaging.preventDestroy"]);
    });

    it("throws when nobody would hear its alarms, and accepts any one kind of subscriber", () => {
      expect(prodProblems({ alarmTopic: { emailSubscriptions: [] } })).toEqual(["prod.alarmTopic"]);
      expect(prodProblems({ alarmTopic: { httpsEndpoints: ["https://events.example.com/sns"] } })).toEqual([]);
      expect(prodProblems({ alarmTopic: { forwardToTopicArns: ["arn:aws:sns:us-east-1:123456789012:chatbot-ops"] } })).toEqual([]);
    });

    it("lets a non-production environment go without a subscriber (synth warns instead)", () => {
      expect(problems({ alarmTopic: {} })).toEqual([]);
    });

    it("lets a non-production environment turn them off", () => {
      expect(
        problems({
          network: { ...dev.network, flowLogs: { enabled: false } },
          loadBalancer: { ...dev.loadBalancer, deletionProtection: false },
        }),
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
    const error = validationErrorOf(() => selectEnvironments("dev,qa,test"));
    expect([error.subject, ...error.findings.map((f) => f.path)]).toEqual(["Environment selection", "qa", "test"]);
  });

  it("throws when two chosen environments' VPCs overlap, naming the later one", () => {
    const qa = { ...dev, name: "qa", network: { ...dev.network, cidr: "10.10.128.0/17" } };
    const error = validationErrorOf(() => selectEnvironments(undefined, [dev, qa]));
    expect([error.subject, ...error.findings.map((f) => f.path)]).toEqual(["Environment configuration", "qa.network.cidr"]);
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
