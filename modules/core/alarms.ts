import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import { nameTags } from "./tags";

export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

export interface MetricAlarmSpec {
  /** Alarm name, unique in the account and region. */
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** A statistic, or a percentile such as `p90`. */
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum" | "SampleCount" | `p${number}`;
  /** Seconds per datapoint. */
  readonly period: number;
  /** Datapoints that must breach in a row. */
  readonly evaluationPeriods: number;
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  /** What a missing datapoint means; chosen per alarm so that "no traffic" is not an alarm. */
  readonly treatMissingData: "missing" | "notBreaching" | "breaching" | "ignore";
  /** Actions on ALARM (topics, scaling policies, EC2 automate ARNs). */
  readonly alarmActions?: readonly string[];
  /** Actions on the return to OK (a topic, so people hear the all-clear). */
  readonly okActions?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/** A CloudWatch alarm on one metric, with every field that matters stated rather than defaulted. */
export function metricAlarm(scope: Construct, id: string, spec: MetricAlarmSpec): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: { ...spec.dimensions },
    ...(spec.statistic.startsWith("p") ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
    period: spec.period,
    evaluationPeriods: spec.evaluationPeriods,
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    treatMissingData: spec.treatMissingData,
    alarmActions: spec.alarmActions ? [...spec.alarmActions] : undefined,
    okActions: spec.okActions ? [...spec.okActions] : undefined,
    tags: nameTags(spec.name, spec.tags),
  });
}
