import { Compute, type AsgModeProps, type ComputeProps, type Ec2ModeProps } from "../../../modules/compute";
import { findingPathsOf } from "../../support/findings";
import { synth, testStack } from "../../support/synth";

export const WIRED = {
  name: "demo",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"],
  loadBalancer: {
    targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-demo/0123456789abcdef",
    securityGroupId: "sg-0a1b2c3d4e5f60718",
    targetPort: 5000,
  },
} as const;

/** An alarm topic, as a WebTier wires its AlarmTopic's ARN in. */
export const ALARM_TOPIC = "arn:aws:sns:us-east-1:123456789012:demo-alarms";

/** The wired load balancer with the app on another port. */
export const onPort = (targetPort: number) => ({ loadBalancer: { ...WIRED.loadBalancer, targetPort } });

type Extra<P> = Partial<Omit<P, "mode">>;

export function build(props: ComputeProps) {
  const stack = testStack();
  const compute = new Compute(stack, "compute", props);
  return { compute, stack, ...synth(stack) };
}

export function buildEc2(overrides: Extra<Ec2ModeProps> = {}) {
  return build({ ...WIRED, subnetIds: [...WIRED.subnetIds], mode: "ec2", ...overrides });
}

export function buildAsg(overrides: Extra<AsgModeProps> = {}) {
  return build({ ...WIRED, subnetIds: [...WIRED.subnetIds], mode: "asg", minSize: 2, maxSize: 4, desiredCapacity: 2, ...overrides });
}

/** The paths of the validation findings of props (empty when they build). */
export function problems(props: Partial<ComputeProps> & Pick<ComputeProps, "mode">): string[] {
  return findingPathsOf(() =>
    build({
      ...WIRED,
      subnetIds: [...WIRED.subnetIds],
      ...(props.mode === "asg" ? { minSize: 2, maxSize: 4 } : {}),
      ...props,
    } as ComputeProps),
  );
}
