import { describe, expect, it } from "vitest";
import { resolveValues } from "../../support/synth";
import { buildAsg, buildEc2 } from "./helpers";

const common = {
  detailedMonitoring: true,
  securityGroupId: expect.stringMatching(/^\$\{aws_security_group\.compute_security-group_[0-9A-F]{8}\.id\}$/),
  launchTemplateId: expect.stringMatching(/^\$\{aws_launch_template\.compute_launch-template_[0-9A-F]{8}\.id\}$/),
  instanceRoleName: expect.stringMatching(/^\$\{aws_iam_role\.compute_role_[0-9A-F]{8}\.name\}$/),
  instanceRoleArn: expect.stringMatching(/^\$\{aws_iam_role\.compute_role_[0-9A-F]{8}\.arn\}$/),
};

describe("compute outputs", () => {
  it("gives the instance ids in ec2 mode", () => {
    const { compute, stack } = buildEc2({ instanceCount: 2 });
    expect(resolveValues(stack, { ...compute.outputs })).toEqual({
      ...common,
      mode: "ec2",
      instanceIds: [
        expect.stringMatching(/^\$\{aws_instance\.compute_instance-1_[0-9A-F]{8}\.id\}$/),
        expect.stringMatching(/^\$\{aws_instance\.compute_instance-2_[0-9A-F]{8}\.id\}$/),
      ],
    });
  });

  it("gives the group's name and ARN in asg mode", () => {
    const { compute, stack } = buildAsg();
    expect(resolveValues(stack, { ...compute.outputs })).toEqual({
      ...common,
      mode: "asg",
      asgName: expect.stringMatching(/^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.name\}$/),
      asgArn: expect.stringMatching(/^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.arn\}$/),
    });
  });
});
