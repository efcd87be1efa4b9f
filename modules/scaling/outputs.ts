/** One alarm: its name (known at synth) and ARN. */
export interface AlarmRef {
  readonly name: string;
  readonly arn: string;
}

/** What the scaling module gives its consumers: the contract. */
export interface ScalingOutputs {
  /** The target tracking policy; undefined when target tracking is off. */
  readonly targetTrackingPolicyArn: string | undefined;
  /** The target tracking policy on requests per target; undefined when it is off. */
  readonly requestTrackingPolicyArn: string | undefined;
  /** The predictive scaling policy; undefined when it is off. */
  readonly predictiveScalingPolicyArn: string | undefined;
  /** The step scale-out policy; undefined when step scaling is off. */
  readonly scaleOutPolicyArn: string | undefined;
  /** The step scale-in policy; undefined when step scaling is off. */
  readonly scaleInPolicyArn: string | undefined;
  /**
   * Every alarm this module created, by role: `cpuHigh` and `cpuLow` (step scaling),
   * `target5xx`, `unhealthyHosts`, `noHealthyHosts`, `responseTime`, and `instance<N>Cpu` in ec2 mode.
   */
  readonly alarms: Readonly<Record<string, AlarmRef>>;
  /** The topic the operational alarms notify. */
  readonly alarmTopicArn: string;
  /** Name of the CloudWatch dashboard; undefined when it is off. */
  readonly dashboardName: string | undefined;
}
