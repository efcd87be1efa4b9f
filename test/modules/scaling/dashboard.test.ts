import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { build, EC2, LB } from "./helpers";

interface Widget {
  type: string;
  properties: { title: string; region: string; metrics: unknown[][] };
}

function widgets(json: ReturnType<typeof build>["json"]): Record<string, Widget> {
  const body = parseJsonTemplate(onlyResource(json, CloudwatchDashboard).dashboard_body) as { widgets: Widget[] };
  return Object.fromEntries(body.widgets.map((w) => [w.properties.title, w]));
}

describe("dashboard", () => {
  const { json } = build({ queues: [{ queueName: "demo-order-queue", dlqName: "demo-order-queue-dlq" }] });
  const byTitle = widgets(json);

  it("is named after the tier and its body parses as JSON", () => {
    expect(onlyResource(json, CloudwatchDashboard).dashboard_name).toBe("demo");
    expect(Object.values(byTitle).every((w) => w.type === "metric" && w.properties.region === "us-east-1")).toBe(true);
  });

  it("shows CPU, requests, 5XX, hosts, response time, group size and queue depth", () => {
    expect(Object.keys(byTitle)).toEqual([
      "CPU utilization (%)",
      "Requests",
      "5XX responses",
      "Healthy and unhealthy hosts",
      "Target response time (s)",
      "Group size",
      "Queue depth (visible messages)",
    ]);
  });

  it("names the right resources in each widget", () => {
    expect(byTitle["CPU utilization (%)"]!.properties.metrics).toEqual([["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", "demo"]]);
    expect(byTitle.Requests!.properties.metrics).toEqual([["AWS/ApplicationELB", "RequestCount", "LoadBalancer", LB.albArnSuffix]]);
    expect(byTitle["Healthy and unhealthy hosts"]!.properties.metrics).toEqual([
      ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", LB.targetGroupArnSuffix, "LoadBalancer", LB.albArnSuffix],
      ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", LB.targetGroupArnSuffix, "LoadBalancer", LB.albArnSuffix],
    ]);
    expect(byTitle["Group size"]!.properties.metrics).toContainEqual([
      "AWS/AutoScaling",
      "GroupInServiceInstances",
      "AutoScalingGroupName",
      "demo",
    ]);
    expect(byTitle["Queue depth (visible messages)"]!.properties.metrics).toEqual([
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "demo-order-queue"],
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "demo-order-queue-dlq"],
    ]);
  });

  it("graphs each instance's CPU and no group size in ec2 mode", () => {
    const ec2 = widgets(build({ compute: EC2 }).json);
    expect(ec2["CPU utilization (%)"]!.properties.metrics).toEqual(
      EC2.mode === "ec2" ? EC2.instanceIds.map((id) => ["AWS/EC2", "CPUUtilization", "InstanceId", id]) : [],
    );
    expect(ec2).not.toHaveProperty("Group size");
    expect(ec2).not.toHaveProperty("Queue depth (visible messages)");
  });

  it("can be turned off", () => {
    expect(resourcesOf(build({ dashboard: false }).json, CloudwatchDashboard)).toEqual({});
  });
});
