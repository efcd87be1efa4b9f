import type { ComputeOutputs } from "../../../modules/compute";
import { Scaling, type ScalingProps } from "../../../modules/scaling";
import { synth, testStack, type SynthesizedJson } from "../../support/synth";

export const LB = {
  albArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/50dc6c495c0c9188",
  albArnSuffix: "app/demo/50dc6c495c0c9188",
  targetGroupArnSuffix: "targetgroup/tg-demo/6d0ecf831eec9f09",
};
export const TOPIC = "arn:aws:sns:us-east-1:123456789012:demo-alarms";
const common = {
  detailedMonitoring: true,
  securityGroupId: "sg-1",
  launchTemplateId: "lt-1",
  instanceRoleName: "demo-instance",
  instanceRoleArn: "arn:aws:iam::123456789012:role/demo-instance",
};
export const ASG: ComputeOutputs = {
  ...common,
  mode: "asg",
  asgName: "demo",
  asgArn: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x",
};
export const EC2: ComputeOutputs = { ...common, mode: "ec2", instanceIds: ["i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2"] };

export function build(overrides: Partial<ScalingProps> = {}) {
  const stack = testStack();
  const scaling = new Scaling(stack, "scaling", { name: "demo", compute: ASG, loadBalancer: LB, alarmTopicArn: TOPIC, ...overrides });
  return { scaling, stack, ...synth(stack) };
}

/** Alarms by name. */
export function alarms(json: SynthesizedJson): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}).map((a) => [String(a.alarm_name), a]));
}

/** Scaling policies by name. */
export function policies(json: SynthesizedJson): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(json.resource?.aws_autoscaling_policy ?? {}).map((p) => [String(p.name), p]));
}
