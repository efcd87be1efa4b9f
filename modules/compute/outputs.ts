interface CommonComputeOutputs {
  /** Whether instances publish one-minute metrics (else five-minute): alarms on them must not be finer. */
  readonly detailedMonitoring: boolean;
  /** Security group of the instances (admits the load balancer only). */
  readonly securityGroupId: string;
  /** ID of the launch template both modes launch from. */
  readonly launchTemplateId: string;
  /** Name of the instances' IAM role, to attach further policies to (a queue consumer's, say). */
  readonly instanceRoleName: string;
  /** ARN of the instances' IAM role. */
  readonly instanceRoleArn: string;
}

/** What the compute module gives its consumers: the contract, by mode. */
export type ComputeOutputs =
  | (CommonComputeOutputs & {
      readonly mode: "ec2";
      /** IDs of the instances, in creation order. */
      readonly instanceIds: readonly string[];
    })
  | (CommonComputeOutputs & {
      readonly mode: "asg";
      /** Name of the Auto Scaling Group (the `AutoScalingGroupName` metric dimension). */
      readonly asgName: string;
      /** ARN of the Auto Scaling Group. */
      readonly asgArn: string;
    });
