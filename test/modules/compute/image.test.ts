import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, buildEc2, problems } from "./helpers";

const imageOf = (json: ReturnType<typeof buildEc2>["json"]) => onlyResource(json, LaunchTemplate).image_id;
const LATEST = expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.latest_version\}$/);
const X86 = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const ARM = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

describe("image", () => {
  it("is the latest Amazon Linux 2023 at each launch by default, resolved by EC2 from SSM", () => {
    expect(imageOf(buildEc2().json)).toBe(X86);
    expect(imageOf(buildAsg({ instanceType: "c7g.large" }).json)).toBe(ARM);
  });

  it("pins the default parameter to a version, for the instance type's architecture", () => {
    expect(imageOf(buildEc2({ imageVersion: 42 }).json)).toBe(`${X86}:42`);
    expect(imageOf(buildAsg({ instanceType: "t4g.small", imageVersion: 3 }).json)).toBe(`${ARM}:3`);
  });

  it("pins a parameter of one's own, or takes it pinned already, or an AMI id", () => {
    expect(imageOf(buildEc2({ imageId: "resolve:ssm:/golden/web", imageVersion: 5 }).json)).toBe("resolve:ssm:/golden/web:5");
    expect(imageOf(buildEc2({ imageId: "resolve:ssm:/golden/web:5" }).json)).toBe("resolve:ssm:/golden/web:5");
    expect(imageOf(buildEc2({ imageId: "ami-0123456789abcdef0" }).json)).toBe("ami-0123456789abcdef0");
  });

  it("rolls instances when the image changes: the group and each instance follow the template's latest version", () => {
    // A new image is a new template version: the group's instance refresh starts, an ec2-mode instance is replaced.
    const group = onlyResource(buildAsg({ imageVersion: 2 }).json, AutoscalingGroup);
    expect(group.launch_template).toMatchObject({ version: LATEST });
    expect(group.instance_refresh).toMatchObject({ strategy: "Rolling" });
    const mixed = onlyResource(
      buildAsg({ imageVersion: 2, mixedInstances: { instanceTypes: ["t3.small", "t3a.small"] } }).json,
      AutoscalingGroup,
    );
    expect(mixed.mixed_instances_policy).toMatchObject({ launch_template: { launch_template_specification: { version: LATEST } } });
    expect(onlyResource(buildEc2({ imageVersion: 2 }).json, Instance).launch_template).toMatchObject({ version: LATEST });
  });

  it("throws when a version is given for an AMI id, or for a parameter pinned already", () => {
    expect(problems({ mode: "ec2", imageId: "ami-0123456789abcdef0", imageVersion: 3 })).toEqual(["imageVersion"]);
    expect(problems({ mode: "asg", imageId: "resolve:ssm:/golden/web:5", imageVersion: 6 })).toEqual(["imageVersion"]);
  });

  it("throws on a version below 1", () => {
    expect(problems({ mode: "ec2", imageVersion: 0 })).toEqual(["imageVersion"]);
  });
});
