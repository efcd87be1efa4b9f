import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { metricAlarm, type MetricAlarmSpec } from "../core/alarms";
import { arnPart, numberText, providerRegion } from "../core/aws";
import { nameTags } from "../core/tags";
import { assertValid, pathOf } from "../core/validation";
import { dashboardBody } from "./dashboard";
import type { AlarmRef, ScalingOutputs } from "./outputs";
import { SCALING_DEFAULTS, type PredictiveScalingOptions, type ScalingProps, type StepScalingOptions } from "./props";
import { mayScaleToZero, scheduledActions } from "./scheduled-actions";
import { validateScalingProps } from "./validate";

/**
 * The resource label of the load balancer's requests per target:
 * `app/<alb-name>/<alb-id>/targetgroup/<tg-name>/<tg-id>`, from the two ARN suffixes.
 */
export function requestCountResourceLabel(
  loadBalancer: Pick<ScalingProps["loadBalancer"], "albArnSuffix" | "targetGroupArnSuffix">,
): string {
  return `${loadBalancer.albArnSuffix}/${loadBalancer.targetGroupArnSuffix}`;
}

/**
 * How the tier grows and who hears about trouble: target tracking on CPU and on requests per
 * target, step scaling on CPU alarms, scheduled actions and predictive scaling (asg mode),
 * operational alarms on the load balancer's view of the targets (and each instance's CPU in
 * ec2 mode) notifying an encrypted alarm topic on ALARM and OK, and a dashboard. The step
 * scaling alarms act on their policies only: they are in ALARM whenever the group should move,
 * and what the group then does is reported by its own notifications. Consumed through
 * {@link Scaling.outputs}.
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
    let requestTrackingPolicyArn: string | undefined;
    let predictiveScalingPolicyArn: string | undefined;
    let stepPolicies: { scaleOut: string; scaleIn: string } | undefined;
    const schedules = compute.mode === "asg" ? (props.schedules ?? d.schedules) : [];
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
      if (props.stepScaling?.enabled ?? d.stepScalingEnabled)
        stepPolicies = this.stepScaling(props, compute.asgName, props.stepScaling ?? {});
      const requests = props.requestTracking ?? {};
      if (requests.enabled ?? d.requestTrackingEnabled) {
        requestTrackingPolicyArn = new AutoscalingPolicy(this, "request-tracking", {
          name: `${props.name}-requests-target`,
          autoscalingGroupName: compute.asgName,
          policyType: "TargetTrackingScaling",
          estimatedInstanceWarmup: requests.estimatedInstanceWarmupSeconds ?? d.estimatedInstanceWarmupSeconds,
          targetTrackingConfiguration: {
            predefinedMetricSpecification: {
              predefinedMetricType: "ALBRequestCountPerTarget",
              resourceLabel: requestCountResourceLabel(props.loadBalancer),
            },
            targetValue: requests.targetRequestsPerTarget ?? d.targetRequestsPerTarget,
            disableScaleIn: false,
          },
        }).arn;
      }
      const predictive = props.predictiveScaling ?? {};
      if (predictive.enabled ?? d.predictiveScalingEnabled)
        predictiveScalingPolicyArn = this.predictiveScaling(props, compute.asgName, predictive);
      scheduledActions(this, "schedule", compute.asgName, schedules);
    }

    this.operationalAlarms(props, alarmTopicArn, mayScaleToZero(schedules));

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
      requestTrackingPolicyArn,
      predictiveScalingPolicyArn,
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
    const groupCpu = {
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: { AutoScalingGroupName: asgName },
      statistic: "Average",
    } as const;
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

  /** A predictive policy on the group's CPU or on the load balancer's requests per target. */
  private predictiveScaling(props: ScalingProps, asgName: string, options: PredictiveScalingOptions): string {
    const d = SCALING_DEFAULTS;
    const metric = options.metric ?? d.predictiveMetric;
    const pair =
      metric === "cpu"
        ? { predefinedMetricType: "ASGCPUUtilization" }
        : { predefinedMetricType: "ALBRequestCount", resourceLabel: requestCountResourceLabel(props.loadBalancer) };
    return new AutoscalingPolicy(this, "predictive-scaling", {
      name: `${props.name}-predictive`,
      autoscalingGroupName: asgName,
      policyType: "PredictiveScaling",
      predictiveScalingConfiguration: {
        mode: options.mode ?? d.predictiveMode,
        schedulingBufferTime: numberText(options.schedulingBufferSeconds ?? d.schedulingBufferSeconds),
        // The group's maximum stays a ceiling the forecast cannot lift.
        maxCapacityBreachBehavior: "HonorMaxCapacity",
        metricSpecification: {
          targetValue: options.targetValue ?? d.predictiveTarget[metric],
          predefinedMetricPairSpecification: pair,
        },
      },
    }).arn;
  }

  /**
   * "No healthy host" while the group is meant to have capacity: healthy hosts where the
   * group's desired capacity is above zero, 1 (fine) where a schedule has emptied it on purpose.
   * Missing datapoints count as zero, so silence from the load balancer still alarms.
   */
  private noHealthyHostsWhileServing(
    props: ScalingProps,
    asgName: string,
    targets: Record<string, string>,
    notify: { alarmActions: string[]; okActions: string[] },
  ): void {
    const name = `${props.name}-no-healthy-hosts`;
    const alarm = new CloudwatchMetricAlarm(this, "noHealthyHosts", {
      alarmName: name,
      alarmDescription: "No healthy target for 2 minutes while the group should have instances: the site is down",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      evaluationPeriods: 2,
      treatMissingData: "breaching",
      metricQuery: [
        {
          id: "serving",
          expression: "IF(FILL(desired, 0) > 0, FILL(healthy, 0), 1)",
          label: "Healthy hosts while the group wants instances",
          returnData: true,
        },
        {
          id: "healthy",
          metric: { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: targets, period: 60, stat: "Minimum" },
        },
        {
          id: "desired",
          metric: {
            namespace: "AWS/AutoScaling",
            metricName: "GroupDesiredCapacity",
            dimensions: { AutoScalingGroupName: asgName },
            period: 60,
            stat: "Maximum",
          },
        },
      ],
      ...notify,
      tags: nameTags(name, props.tags),
    });
    this.alarms.noHealthyHosts = { name, arn: alarm.arn };
  }

  /** Alarms people act on, notifying the alarm topic on ALARM and on the return to OK. */
  private operationalAlarms(props: ScalingProps, topicArn: string, scheduledToZero: boolean): void {
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
    if (scheduledToZero && props.compute.mode === "asg") {
      this.noHealthyHostsWhileServing(props, props.compute.asgName, targets, notify);
    } else {
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
    }
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
