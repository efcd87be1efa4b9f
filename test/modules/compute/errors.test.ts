import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import type { ComputeProps } from "../../../modules/compute";
import { build, onPort, WIRED } from "./helpers";

function problems(props: Partial<ComputeProps> & Pick<ComputeProps, "mode">): string[] {
  return problemsOf(() => build({ ...WIRED, subnetIds: [...WIRED.subnetIds], ...props } as ComputeProps));
}

const asg = (sizes: { minSize: number; maxSize: number; desiredCapacity?: number; minHealthyPercentage?: number }) => problems({ mode: "asg", ...sizes });

describe("compute validation", () => {
  it("throws when maxSize is below minSize", () => {
    expect(asg({ minSize: 2, maxSize: 1 })).toEqual(["maxSize (1) must be >= minSize (2)"]);
  });

  it("throws when desiredCapacity is outside minSize..maxSize", () => {
    expect(asg({ minSize: 2, maxSize: 4, desiredCapacity: 1 })).toEqual(["desiredCapacity (1) must be >= minSize (2)"]);
    expect(asg({ minSize: 2, maxSize: 4, desiredCapacity: 5 })).toEqual(["desiredCapacity (5) must be <= maxSize (4)"]);
  });

  it("throws when maxSize is below 1", () => {
    expect(asg({ minSize: 0, maxSize: 0 })).toEqual(["maxSize (0) must be a whole number from 1 to 1000"]);
  });

  it("accepts min 0 / max 3 / desired 1, as in seed 002, when a refresh may launch first", () => {
    expect(problems({ mode: "asg", minSize: 0, maxSize: 3, desiredCapacity: 1, minHealthyPercentage: 100, maxHealthyPercentage: 200 })).toEqual([]);
  });

  it("throws when an instance refresh would have no room to replace an instance without downtime", () => {
    expect(asg({ minSize: 1, maxSize: 3, desiredCapacity: 1, minHealthyPercentage: 90 })).toEqual([
      "minHealthyPercentage (90) with maxHealthyPercentage 190 leaves an instance refresh of 1 instance(s) no room to replace one without downtime; use minHealthyPercentage 100 and maxHealthyPercentage 200",
    ]);
  });

  it("throws when the refresh bounds break AWS's rules", () => {
    expect(problems({ mode: "asg", minSize: 2, maxSize: 4, minHealthyPercentage: 50, maxHealthyPercentage: 200 })).toEqual([
      "maxHealthyPercentage (200) may exceed minHealthyPercentage (50) by at most 100 (an AWS rule)",
    ]);
    expect(problems({ mode: "asg", minSize: 2, maxSize: 4, maxHealthyPercentage: 99 })).toEqual([
      "maxHealthyPercentage (99) must be a whole number from 100 to 200",
    ]);
  });

  it("throws on a managed policy that is not an IAM policy ARN", () => {
    expect(problems({ mode: "ec2", managedPolicyArns: ["CloudWatchAgentServerPolicy"] })).toEqual([
      'managedPolicyArns[0] ("CloudWatchAgentServerPolicy") must be an IAM policy ARN (arn:aws:iam::<account|aws>:policy/<name>)',
    ]);
  });

  it("throws when instanceCount is outside 1 to 20", () => {
    expect(problems({ mode: "ec2", instanceCount: 0 })).toEqual(["instanceCount (0) must be a whole number from 1 to 20"]);
    expect(problems({ mode: "ec2", instanceCount: 21 })).toEqual(["instanceCount (21) must be a whole number from 1 to 20"]);
  });

  it("throws on a malformed instance type", () => {
    expect(problems({ mode: "ec2", instanceType: "t3micro" })).toEqual(['instanceType ("t3micro") must be an EC2 instance type such as t3.micro']);
    expect(problems({ mode: "ec2", instanceType: "T3.micro" })).toHaveLength(1);
  });

  it("throws when the load balancer's target port (the app's) is out of range", () => {
    expect(problems({ mode: "ec2", ...onPort(65536) })).toEqual(["loadBalancer.targetPort (65536) must be a whole number from 1 to 65535"]);
  });

  it("throws when user data is over 16 KB", () => {
    expect(problems({ mode: "ec2", userData: "#".repeat(16 * 1024 + 1) })).toEqual(["userData is 16385 bytes; AWS allows at most 16384 (16 KB)"]);
  });

  it("throws on a malformed image id and a root volume smaller than the AMI's", () => {
    expect(problems({ mode: "ec2", imageId: "ubuntu", rootVolumeSizeGiB: 4 })).toEqual([
      'imageId ("ubuntu") must be an AMI id (ami-…) or resolve:ssm:<parameter>',
      "rootVolumeSizeGiB (4) must be a whole number from 8 to 16384 GiB",
    ]);
  });

  it("throws on an unknown mode", () => {
    expect(problems({ mode: "lambda" as never })).toEqual(['mode ("lambda") must be one of "ec2", "asg"']);
  });

  it("lists every problem of shape in one error naming the construct, then the rules across fields whose fields hold", () => {
    expect(() => build({ ...WIRED, subnetIds: [], mode: "asg", minSize: 3, maxSize: 2, instanceType: "big" })).toThrowError(
      /^Compute test\/compute is invalid \(3 problems\):\n {2}- subnetIds must list at least 1 subnet \(got 0\)\n {2}- instanceType .*\n {2}- maxSize \(2\) must be >= minSize \(3\)$/,
    );
    expect(() => build({ ...WIRED, mode: "asg", minSize: 3, maxSize: 2, desiredCapacity: 1 })).toThrowError(
      /^Compute test\/compute is invalid \(1 problem\):\n {2}- maxSize \(2\) must be >= minSize \(3\)$/,
    );
  });
});
