import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { metricAlarm, type MetricAlarmSpec } from "../core/alarms";
import { arnPart, providerRegion } from "../core/aws";
import { assertValid, pathOf } from "../core/validation";
import { dashboardBody } from "./dashboard";
import type { AlarmRef, ScalingOutputs } from "./outputs";
import { SCALING_DEFAULTS, type ScalingProps, type StepScalingOptions } from "./props";
import { validateScalingProps } from "./validate";

/**
 * How the tier grows and who hears about trouble: target tracking and/or step scaling on CPU
 * (asg mode), operational alarms on the load balancer's view of the targets (and each
 * instance's CPU in ec2 mode) notifying an encrypted alarm topic, and a dashboard.
 * Consumed through {@link Scaling.outputs}.
 */
export class Scaling extends Construct {
  readonly outputs: ScalingOutputs;
  private readonly alarms: Record<string, AlarmRef> = {};

  constructor(scope: Construct, id: string, props: ScalingProps) {
    assertValid(`Scaling ${pathOf(scope, id)}`, props, validateScalingProps);
    super(scope, id);
    const d = SCALING_DEFAULTS;
    const { compute } = props;

    const { alarmTopicArn } = props;

    let targetTrackingPolicyArn: string | undefined;
    let stepPolicies: { scaleOut: string; scaleIn: string } | undefined;
    if (compute.mode === "asg") {
      if (props.targetTracking?.enabled ?? d.targetTrackingEnabled) {
        targetTrackingPolicyArn = new AutoscalingPolicy(this, "target-tracking", {
          name: `${props.name}-cpu-target`,
          autoscalingGroupName: compute.asgName,
          policyType: "TargetTrackingScaling",
          estimatedInstanceWarmup: props.targetTracking?.estimatedInstanceWarmupSeconds ?? d.estimatedInstanceWarmupSeconds,
          targetTrackingConfiguration: {
            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
            targetValue: props.targetTracking?.targetCpuPercent ?? d.targetCpuPercent,
            disableScaleIn: false,
          },
        }).arn;
      }
      if (props.stepScaling?.enabled ?? d.stepScalingEnabled) stepPolicies = this.stepScaling(props, compute.asgName, props.stepScaling ?? {});
    }

    this.operationalAlarms(props, alarmTopicArn);

    const dashboardName =
      (props.dashboard ?? d.dashboard)
        ? new CloudwatchDashboard(this, "dashboard", {
            dashboardName: props.name,
            dashboardBody: dashboardBody({
              region: providerRegion(this) ?? arnPart(props.loadBalancer.albArn, "region"),
              compute,
              albArnSuffix: props.loadBalancer.albArnSuffix,
              targetGroupArnSuffix: props.loadBalancer.targetGroupArnSuffix,
              queues: props.queues ?? d.queues,
            }),
          }).dashboardName
        : undefined;

    this.outputs = {
      targetTrackingPolicyArn,
      scaleOutPolicyArn: stepPolicies?.scaleOut,
      scaleInPolicyArn: stepPolicies?.scaleIn,
      alarms: { ...this.alarms },
      alarmTopicArn,
      dashboardName,
    };
  }

  private alarm(key: string, spec: MetricAlarmSpec): void {
    this.alarms[key] = { name: spec.name, arn: metricAlarm(this, key, spec).arn };
  }

  /** A scale-out and a scale-in policy, each driven by a CPU alarm on the group's average. */
  private stepScaling(props: ScalingProps, asgName: string, options: StepScalingOptions): { scaleOut: string; scaleIn: string } {
    const d = SCALING_DEFAULTS;
    const out = { ...d.scaleOut, ...options.scaleOut };
    const into = { ...d.scaleIn, ...options.scaleIn };
    const policy = (id: string, adjustment: number, bound: "metricIntervalLowerBound" | "metricIntervalUpperBound") =>
      new AutoscalingPolicy(this, id, {
        name: `${props.name}-${id}`,
        autoscalingGroupName: asgName,
        policyType: "StepScaling",
        adjustmentType: "ChangeInCapacity",
        metricAggregationType: "Average",
        // AWS applies no cooldown to step policies; warmup keeps one spike from adding twice.
        estimatedInstanceWarmup: options.cooldownSeconds ?? d.cooldownSeconds,
        // Bound 0 is the alarm threshold itself: any breach takes the whole adjustment.
        stepAdjustment: [{ [bound]: "0", scalingAdjustment: adjustment }],
      });
    const scaleOut = policy("scale-out", out.adjustment, "metricIntervalLowerBound");
    const scaleIn = policy("scale-in", into.adjustment, "metricIntervalUpperBound");

    const cpu = (threshold: number, periods: number, period: number) =>
      `average CPU ${threshold}% for ${periods} period${periods === 1 ? "" : "s"} of ${period} s`;
    const groupCpu = { namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { AutoScalingGroupName: asgName }, statistic: "Average" } as const;
    this.alarm("cpuHigh", {
      name: `${props.name}-cpu-high`,
      description: `Scale out by ${out.adjustment} when ${cpu(out.thresholdPercent, out.evaluationPeriods, out.periodSeconds)} is exceeded`,
      ...groupCpu,
      period: out.periodSeconds,
      evaluationPeriods: out.evaluationPeriods,
      comparison: "GreaterThanThreshold",
      threshold: out.thresholdPercent,
      // No datapoints (an empty group) is no reason to add capacity.
      treatMissingData: "notBreaching",
      alarmActions: [scaleOut.arn],
      tags: props.tags,
    });
    this.alarm("cpuLow", {
      name: `${props.name}-cpu-low`,
      description: `Scale in by ${-into.adjustment} when ${cpu(into.thresholdPercent, into.evaluationPeriods, into.periodSeconds)} stays below`,
      ...groupCpu,
      period: into.periodSeconds,
      evaluationPeriods: into.evaluationPeriods,
      comparison: "LessThanThreshold",
      threshold: into.thresholdPercent,
      // Nor is it a reason to remove any.
      treatMissingData: "notBreaching",
      alarmActions: [scaleIn.arn],
      tags: props.tags,
    });
    return { scaleOut: scaleOut.arn, scaleIn: scaleIn.arn };
  }

  /** Alarms people act on, notifying the alarm topic on ALARM and on the return to OK. */
  private operationalAlarms(props: ScalingProps, topicArn: string): void {
    const d = SCALING_DEFAULTS;
    const options = props.alarms ?? {};
    const notify = { alarmActions: [topicArn], okActions: [topicArn], tags: props.tags };
    const lb = { LoadBalancer: props.loadBalancer.albArnSuffix };
    const targets = { TargetGroup: props.loadBalancer.targetGroupArnSuffix, ...lb };
    const alb = { namespace: "AWS/ApplicationELB", period: 60 } as const;

    const fivexx = options.target5xxPerMinute ?? d.target5xxPerMinute;
    this.alarm("target5xx", {
      name: `${props.name}-target-5xx`,
      description: `Targets answered more than ${fivexx} 5XX a minute for 5 minutes`,
      ...alb,
      metricName: "HTTPCode_Target_5XX_Count",
      dimensions: targets,
      statistic: "Sum",
      evaluationPeriods: 5,
      comparison: "GreaterThanThreshold",
      threshold: fivexx,
      // The count is only reported when there are errors: silence means none.
      treatMissingData: "notBreaching",
      ...notify,
    });
    this.alarm("unhealthyHosts", {
      name: `${props.name}-unhealthy-hosts`,
      description: "At least one target has failed its health checks for 2 minutes",
      ...alb,
      metricName: "UnHealthyHostCount",
      dimensions: targets,
      statistic: "Maximum",
      evaluationPeriods: 2,
      comparison: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      ...notify,
    });
    this.alarm("noHealthyHosts", {
      name: `${props.name}-no-healthy-hosts`,
      description: "No healthy target for 2 minutes: the site is down",
      ...alb,
      metricName: "HealthyHostCount",
      dimensions: targets,
      statistic: "Minimum",
      evaluationPeriods: 2,
      comparison: "LessThanThreshold",
      threshold: 1,
      // The load balancer reports host counts every minute, traffic or not: silence is a fault.
      treatMissingData: "breaching",
      ...notify,
    });
    const responseTime = options.responseTimeSeconds ?? d.responseTimeSeconds;
    this.alarm("responseTime", {
      name: `${props.name}-target-response-time`,
      description: `p90 target response time above ${responseTime} s for 5 minutes`,
      ...alb,
      metricName: "TargetResponseTime",
      dimensions: lb,
      statistic: "p90",
      evaluationPeriods: 5,
      comparison: "GreaterThanThreshold",
      threshold: responseTime,
      // Reported only for requests: no traffic is no latency problem.
      treatMissingData: "notBreaching",
      ...notify,
    });

    if (props.compute.mode === "ec2") {
      const cpu = options.instanceCpuPercent ?? d.instanceCpuPercent;
      props.compute.instanceIds.forEach((instanceId, i) => {
        this.alarm(`instance${i + 1}Cpu`, {
          name: `${props.name}-${i + 1}-cpu-high`,
          description: `Instance ${props.name}-${i + 1} above ${cpu}% CPU for 5 minutes`,
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: { InstanceId: instanceId },
          statistic: "Average",
          // One datapoint a minute with detailed monitoring, one every five without.
          period: props.compute.detailedMonitoring ? 60 : 300,
          evaluationPeriods: props.compute.detailedMonitoring ? 5 : 1,
          comparison: "GreaterThanThreshold",
          threshold: cpu,
          // A stopped instance reports nothing; its status-check alarms cover that.
          treatMissingData: "notBreaching",
          ...notify,
        });
      });
    }
  }
}
