import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { describe, expect, it } from "vitest";
import { resourcesOf } from "../../support/synth";
import { buildEc2 } from "./helpers";

/** test/plans/replacement.test.ts plans such a replacement against a deployed dev. */
describe("replacing an instance in ec2 mode", () => {
  const { json } = buildEc2({ instanceCount: 2 });

  it("creates each successor before destroying its predecessor", () => {
    const instances = Object.values(resourcesOf(json, Instance));
    expect(instances).toHaveLength(2);
    for (const instance of instances) expect(instance.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("registers each successor in the target group before its predecessor's registration goes", () => {
    const attachments = Object.values(resourcesOf(json, LbTargetGroupAttachment));
    expect(attachments).toHaveLength(2);
    for (const attachment of attachments) expect(attachment.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("keeps the status-check alarms, fixed names and all, to follow the successor by an in-place update", () => {
    for (const alarm of Object.values(resourcesOf(json, CloudwatchMetricAlarm))) {
      expect(alarm).not.toHaveProperty("lifecycle");
      expect(alarm.alarm_name).toMatch(/^demo-[12]-(system|instance)-status-check$/);
    }
  });
});
