// CPU and request tracking with a night-time schedule for the compute example's group, its
// operational alarms on the alarm topic, and a dashboard.
// Run: node --require ./scripts/register-ts.cjs examples/modules/scaling.ts
import { Scaling } from "../../modules";
import { alarmTopicExample } from "./alarm-topic";
import { computeExample } from "./compute";
import { type ExampleStack, synthExample } from "./example-stack";

export function scalingExample(stack: ExampleStack): Scaling {
  const { loadBalancer, compute } = computeExample(stack);
  const alarmTopic = alarmTopicExample(stack);
  return new Scaling(stack, "scaling", {
    name: "example",
    compute: compute.outputs,
    loadBalancer: loadBalancer.outputs,
    alarmTopicArn: alarmTopic.outputs.topicArn,
    targetTracking: { targetCpuPercent: 60 },
    requestTracking: { enabled: true },
    schedules: [
      { name: "night", recurrence: "0 22 * * *", timeZone: "Europe/Dublin", minSize: 1, maxSize: 2 },
      { name: "morning", recurrence: "0 6 * * *", timeZone: "Europe/Dublin", minSize: 2, maxSize: 6 },
    ],
  });
}

if (require.main === module) synthExample("scaling", scalingExample);
