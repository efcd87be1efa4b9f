import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import { AL2023_IMAGE } from "../../../modules/compute/image";
import { workloadUserData } from "../../../modules/compute/workload";
import { onlyResource } from "../../support/synth";
import { buildAsg, buildEc2, onPort } from "./helpers";

const userDataOf = (template: Record<string, unknown>) => Buffer.from(String(template.user_data), "base64").toString("utf8");

describe.each([
  ["ec2", buildEc2],
  ["asg", buildAsg],
] as const)("launch template (%s mode)", (_mode, build) => {
  const template = onlyResource(build().json, LaunchTemplate);

  it("launches Amazon Linux 2023 resolved by EC2 from SSM, not by a data source", () => {
    expect(template.image_id).toBe(AL2023_IMAGE);
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
  });

  it("requires IMDSv2 with a hop limit of 1", () => {
    expect(template.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
  });

  it("has an encrypted gp3 root volume deleted with the instance", () => {
    expect(template.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_type: "gp3", volume_size: 8, encrypted: "true", delete_on_termination: "true" } },
    ]);
  });

  it("has no key pair: access is through Session Manager", () => {
    expect(template).not.toHaveProperty("key_name");
  });

  it("uses the instance profile, the instances' security group and detailed monitoring", () => {
    expect(template.iam_instance_profile).toEqual({
      arn: expect.stringMatching(/^\$\{aws_iam_instance_profile\.compute_instance-profile_[0-9A-F]{8}\.arn\}$/),
    });
    expect(template.vpc_security_group_ids).toEqual([
      expect.stringMatching(/^\$\{aws_security_group\.compute_security-group_[0-9A-F]{8}\.id\}$/),
    ]);
    expect(template.monitoring).toEqual({ enabled: true });
    expect(template.instance_type).toBe("t3.micro");
  });

  it("propagates tags to the instances and volumes it launches", () => {
    expect(template.tag_specifications).toEqual([
      { resource_type: "instance", tags: { Name: "demo" } },
      { resource_type: "volume", tags: { Name: "demo" } },
    ]);
  });

  it("installs the default workload on the app port, without the stress endpoint", () => {
    expect(userDataOf(template)).toBe(workloadUserData({ port: 5000, stressEndpoint: false }));
  });
});

describe("launch template options", () => {
  it("takes instance type, explicit AMI, volume size, monitoring and user data from props", () => {
    const template = onlyResource(
      buildEc2({
        instanceType: "m7g.large",
        imageId: "ami-0123456789abcdef0",
        rootVolumeSizeGiB: 30,
        detailedMonitoring: false,
        userData: "#!/bin/bash\necho hi\n",
      }).json,
      LaunchTemplate,
    );
    expect(template).toMatchObject({ instance_type: "m7g.large", image_id: "ami-0123456789abcdef0", monitoring: { enabled: false } });
    expect((template.block_device_mappings as { ebs: { volume_size: number } }[])[0]!.ebs.volume_size).toBe(30);
    expect(userDataOf(template)).toBe("#!/bin/bash\necho hi\n");
  });

  it("tags launched instances with the instance tags given (the provider's default tags do not reach them)", () => {
    const template = onlyResource(buildAsg({ instanceTags: { Project: "webtier", Environment: "prod" } }).json, LaunchTemplate);
    expect(template.tag_specifications).toEqual([
      { resource_type: "instance", tags: { Project: "webtier", Environment: "prod", Name: "demo" } },
      { resource_type: "volume", tags: { Project: "webtier", Environment: "prod", Name: "demo" } },
    ]);
  });

  it("launches the arm64 image for a Graviton instance type", () => {
    expect(onlyResource(buildEc2({ instanceType: "t4g.small" }).json, LaunchTemplate).image_id).toBe(
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    );
    expect(onlyResource(buildEc2({ instanceType: "c6gn.large" }).json, LaunchTemplate).image_id).toMatch(/-arm64$/);
    expect(onlyResource(buildEc2({ instanceType: "c6in.large" }).json, LaunchTemplate).image_id).toMatch(/-x86_64$/);
  });

  it("lets the workload bind a port below 1024 only when it must", () => {
    const low = userDataOf(onlyResource(buildEc2(onPort(80)).json, LaunchTemplate));
    expect(low).toContain("AmbientCapabilities=CAP_NET_BIND_SERVICE");
    expect(userDataOf(onlyResource(buildEc2().json, LaunchTemplate))).not.toContain("AmbientCapabilities");
  });

  it("serves the stress endpoint only when asked", () => {
    expect(userDataOf(onlyResource(buildAsg().json, LaunchTemplate))).toContain("Environment=STRESS_ENABLED=0");
    expect(userDataOf(onlyResource(buildAsg({ stressEndpoint: true }).json, LaunchTemplate))).toContain("Environment=STRESS_ENABLED=1");
  });
});
