import type { ComputeOutputs } from "../compute/outputs";
import { jsonDocument } from "../core/aws";
import type { QueueOutputs } from "../messaging/outputs";

type Metric = readonly unknown[];

interface Widget {
  readonly title: string;
  readonly metrics: readonly Metric[];
  readonly stat?: string;
}

export interface DashboardInputs {
  readonly region: string;
  readonly compute: ComputeOutputs;
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly queues: readonly Pick<QueueOutputs, "queueName" | "dlqName">[];
}

/**
 * The dashboard's body: CPU, requests, 5XX, healthy and unhealthy hosts, response time, group
 * size (asg mode) and queue depth, two widgets to a row. Names and dimensions stay tokens and
 * become Terraform references when synthesized.
 */
export function dashboardBody(inputs: DashboardInputs): string {
  const lb = ["LoadBalancer", inputs.albArnSuffix] as const;
  const tg = ["TargetGroup", inputs.targetGroupArnSuffix, ...lb] as const;
  const { compute } = inputs;
  const cpu: Metric[] =
    compute.mode === "asg"
      ? [["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", compute.asgName]]
      : compute.instanceIds.map((id) => ["AWS/EC2", "CPUUtilization", "InstanceId", id]);

  const widgets: Widget[] = [
    { title: "CPU utilization (%)", metrics: cpu, stat: "Average" },
    { title: "Requests", metrics: [["AWS/ApplicationELB", "RequestCount", ...lb]], stat: "Sum" },
    {
      title: "5XX responses",
      metrics: [
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...lb],
        ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...lb],
      ],
      stat: "Sum",
    },
    {
      title: "Healthy and unhealthy hosts",
      metrics: [
        ["AWS/ApplicationELB", "HealthyHostCount", ...tg],
        ["AWS/ApplicationELB", "UnHealthyHostCount", ...tg],
      ],
      stat: "Maximum",
    },
    {
      title: "Target response time (s)",
      metrics: ["p50", "p90", "p99"].map((stat) => ["AWS/ApplicationELB", "TargetResponseTime", ...lb, { stat, label: stat }]),
    },
  ];
  if (compute.mode === "asg") {
    widgets.push({
      title: "Group size",
      metrics: ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances"].map((m) => [
        "AWS/AutoScaling",
        m,
        "AutoScalingGroupName",
        compute.asgName,
      ]),
      stat: "Maximum",
    });
  }
  if (inputs.queues.length > 0) {
    widgets.push({
      title: "Queue depth (visible messages)",
      metrics: inputs.queues.flatMap((q) => [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.queueName],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.dlqName],
      ]),
      stat: "Maximum",
    });
  }

  return jsonDocument({
    widgets: widgets.map((w, i) => ({
      type: "metric",
      x: (i % 2) * 12,
      y: Math.floor(i / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: w.title,
        region: inputs.region,
        view: "timeSeries",
        stacked: false,
        period: 60,
        ...(w.stat ? { stat: w.stat } : {}),
        metrics: w.metrics,
      },
    })),
  });
}
