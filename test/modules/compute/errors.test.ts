import { describe, expect, it } from "vitest";
import { findingPathsOf, validationErrorOf } from "../../support/findings";
import type { ComputeProps } from "../../../modules/compute";
import { build, onPort, WIRED } from "./helpers";

function problems(props: Partial<ComputeProps> & Pick<ComputeProps, "mode">): string[] {
  return findingPathsOf(() => build({ ...WIRED, subnetIds: [...WIRED.subnetIds], ...props } as ComputeProps));
}

const asg = (sizes: { minSize: number; maxSize: number; desiredCapacity?: number; minHealthyPercentage?: number }) =>
  problems({ mode: "asg", ...sizes });

describe("compute validation", () => {
  it("throws when maxSize is below minSize", () => {
    expect(asg({ minSize: 2, maxSize: 1 })).toEqual(["maxSize"]);
  });

  it("throws when desiredCapacity is outside minSize..maxSize", () => {
    expect(asg({ minSize: 2, maxSize: 4, desiredCapacity: 1 })).toEqual(["desiredCapacity"]);
    expect(asg({ minSize: 2, maxSize: 4, desiredCapacity: 5 })).toEqual(["desiredCapacity"]);
  });

  it("throws when maxSize is below 1", () => {
    expect(asg({ minSize: 0, maxSize: 0 })).toEqual(["maxSize"]);
  });

  it("accepts min 0 / max 3 / desired 1, as in seed 002, when a refresh may launch first", () => {
    expect(
      problems({ mode: "asg", minSize: 0, maxSize: 3, desiredCapacity: 1, minHealthyPercentage: 100, maxHealthyPercentage: 200 }),
    ).toEqual([]);
  });

  it("throws when an instance refresh would have no room to replace an instance without downtime", () => {
    expect(asg({ minSize: 1, maxSize: 3, desiredCapacity: 1, minHealthyPercentage: 90 })).toEqual(["minHealthyPercentage"]);
  });

  it("throws when the refresh bounds break AWS's rules", () => {
    expect(problems({ mode: "asg", minSize: 2, maxSize: 4, minHealthyPercentage: 50, maxHealthyPercentage: 200 })).toEqual([
      "maxHealthyPercentage",
    ]);
    expect(problems({ mode: "asg", minSize: 2, maxSize: 4, maxHealthyPercentage: 99 })).toEqual(["maxHealthyPercentage"]);
  });

  it("throws on a managed policy that is not an IAM policy ARN", () => {
    expect(problems({ mode: "ec2", managedPolicyArns: ["CloudWatchAgentServerPolicy"] })).toEqual(["managedPolicyArns[0]"]);
  });

  it("throws when instanceCount is outside 1 to 20", () => {
    expect(problems({ mode: "ec2", instanceCount: 0 })).toEqual(["instanceCount"]);
    expect(problems({ mode: "ec2", instanceCount: 21 })).toEqual(["instanceCount"]);
    expect([problems({ mode: "ec2", instanceCount: 1 }), problems({ mode: "ec2", instanceCount: 20 })]).toEqual([[], []]);
  });

  it("throws on a malformed instance type", () => {
    expect(problems({ mode: "ec2", instanceType: "t3micro" })).toEqual(["instanceType"]);
    expect(problems({ mode: "ec2", instanceType: "T3.micro" })).toEqual(["instanceType"]);
  });

  it("throws when the load balancer's target port (the app's) is out of range", () => {
    expect(problems({ mode: "ec2", ...onPort(65536) })).toEqual(["loadBalancer.targetPort"]);
    expect(problems({ mode: "ec2", ...onPort(65535) })).toEqual([]);
  });

  it("throws when user data is over 16 KB", () => {
    expect(problems({ mode: "ec2", userData: "#".repeat(16 * 1024 + 1) })).toEqual(["userData"]);
  });

  it("throws on a malformed image id and a root volume smaller than the AMI's", () => {
    expect(problems({ mode: "ec2", imageId: "ubuntu", rootVolumeSizeGiB: 4 })).toEqual(["imageId", "rootVolumeSizeGiB"]);
  });

  it("throws on an unknown mode", () => {
    expect(problems({ mode: "lambda" as never })).toEqual(["mode"]);
  });

  it("lists every problem of shape in one error naming the construct, then the rules across fields whose fields hold", () => {
    const all = validationErrorOf(() => build({ ...WIRED, subnetIds: [], mode: "asg", minSize: 3, maxSize: 2, instanceType: "big" }));
    expect(all.subject).toBe("Compute test/compute");
    expect(all.findings.map((f) => f.path)).toEqual(["subnetIds", "instanceType", "maxSize"]);
    // desiredCapacity reads minSize and maxSize, which conflict: only their own finding is reported.
    expect(
      validationErrorOf(() => build({ ...WIRED, mode: "asg", minSize: 3, maxSize: 2, desiredCapacity: 1 })).findings.map((f) => f.path),
    ).toEqual(["maxSize"]);
  });
});
