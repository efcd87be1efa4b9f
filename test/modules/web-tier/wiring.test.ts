import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingNotification } from "@cdktf/provider-aws/lib/autoscaling-notification";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { WebTier } from "../../../modules/web-tier";
import { onlyResource, resourcesOf, synth } from "../../support/synth";
import { build, TIER } from "./helpers";

/** `${aws_subnet.<address>.id}` for each subnet of a tier, by its Tier tag. */
function subnetRefs(json: ReturnType<typeof build>["json"], tier: string): string[] {
  return Object.entries(resourcesOf(json, Subnet))
    .filter(([, s]) => (s.tags as Record<string, string>).Tier === tier)
    .map(([address]) => `\${aws_subnet.${address}.id}`);
}

describe("web tier wiring", () => {
  const { json } = build();

  it("puts an internet-facing load balancer in the public subnets and the instances in the private ones", () => {
    expect(onlyResource(json, Lb).subnets).toEqual(subnetRefs(json, "public"));
    expect(onlyResource(json, AutoscalingGroup).vpc_zone_identifier).toEqual(subnetRefs(json, "private"));
  });

  it("puts an internal load balancer in the private subnets", () => {
    const internal = build({ loadBalancer: { internal: true } }).json;
    expect(onlyResource(internal, Lb)).toMatchObject({ internal: true, subnets: subnetRefs(internal, "private") });
  });

  it("registers the group in the load balancer's target group and admits only the load balancer's security group on its target port", () => {
    const group = onlyResource(json, AutoscalingGroup);
    const [targetGroup] = Object.keys(resourcesOf(json, LbTargetGroup));
    expect(group.target_group_arns).toEqual([`\${aws_lb_target_group.${targetGroup}.arn}`]);
    const fromAlb = Object.values(resourcesOf(json, VpcSecurityGroupIngressRule)).filter(
      (r) => r.referenced_security_group_id !== undefined,
    );
    expect(fromAlb).toEqual([
      expect.objectContaining({
        from_port: 5000,
        to_port: 5000,
        referenced_security_group_id: expect.stringMatching(/aws_security_group\.tier_load-balancer_security-group_/),
      }),
    ]);
  });

  it("runs the default workload on the load balancer's target port, defaulted once", () => {
    const moved = build({ loadBalancer: { targetPort: 8080 } }).json;
    expect(onlyResource(moved, LbTargetGroup).port).toBe(8080);
    const userData = Buffer.from(String(onlyResource(moved, LaunchTemplate).user_data), "base64").toString("utf8");
    expect(userData).toContain("Environment=APP_PORT=8080");
    expect(Object.values(resourcesOf(moved, VpcSecurityGroupIngressRule)).map((r) => r.from_port)).toContain(8080);
  });

  it("has every alarm of messaging and scaling notify the one alarm topic", () => {
    const alarmTopic = Object.entries(resourcesOf(json, SnsTopic)).find(([, t]) => t.name === "shop-dev-alarms")![0];
    const alarms = Object.values(resourcesOf(json, CloudwatchMetricAlarm)).filter((a) => a.namespace !== "AWS/EC2");
    // Both modules' alarms are among them: the queue's (messaging) and the load balancer's (scaling).
    expect(alarms.map((a) => a.namespace)).toEqual(expect.arrayContaining(["AWS/SQS", "AWS/ApplicationELB"]));
    for (const alarm of alarms) expect(alarm.alarm_actions, String(alarm.alarm_name)).toEqual([`\${aws_sns_topic.${alarmTopic}.arn}`]);
  });

  it("has the group's launch and terminate events, and ec2 mode's status-check alarms, notify the alarm topic", () => {
    const topicOf = (j: typeof json) =>
      `\${aws_sns_topic.${Object.entries(resourcesOf(j, SnsTopic)).find(([, t]) => t.name === "shop-dev-alarms")![0]}.arn}`;
    expect(onlyResource(json, AutoscalingNotification).topic_arn).toBe(topicOf(json));
    const ec2 = build({ compute: { mode: "ec2" } }).json;
    const statusAlarms = Object.values(resourcesOf(ec2, CloudwatchMetricAlarm)).filter(
      (a) => a.namespace === "AWS/EC2" && String(a.metric_name).startsWith("StatusCheckFailed_"),
    );
    expect(statusAlarms).toHaveLength(2);
    for (const alarm of statusAlarms) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^arn:aws:automate:us-east-1:ec2:(recover|reboot)$/), topicOf(ec2)]);
      expect(alarm.ok_actions).toEqual([topicOf(ec2)]);
    }
  });

  it("names every resource after the tier", () => {
    expect(onlyResource(json, Lb).name).toBe(TIER.name);
    expect(onlyResource(json, AutoscalingGroup).name).toBe(TIER.name);
    expect(
      Object.values(resourcesOf(json, SnsTopic))
        .map((t) => t.name)
        .sort(),
    ).toEqual(["shop-dev-alarms", "shop-dev-orders"]);
  });

  it("gives every module the tier's tags", () => {
    const tagged = build({ tags: { Team: "web" } }).json;
    for (const [type, byName] of Object.entries(tagged.resource ?? {})) {
      for (const [name, resource] of Object.entries(byName)) {
        if ("tags" in resource) expect((resource.tags as Record<string, string>).Team, `${type}.${name}`).toBe("web");
      }
    }
  });

  it("copies the provider's default tags onto the instances the group launches, which the provider does not reach", () => {
    const stack = new TerraformStack(Testing.app(), "tagged");
    new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: { Project: "shop", Owner: "web" } }] });
    new WebTier(stack, "tier", TIER);
    const template = onlyResource(synth(stack).json, LaunchTemplate);
    expect(template.tag_specifications).toEqual([
      { resource_type: "instance", tags: { Project: "shop", Owner: "web", Name: "shop-dev" } },
      { resource_type: "volume", tags: { Project: "shop", Owner: "web", Name: "shop-dev" } },
    ]);
  });
});
