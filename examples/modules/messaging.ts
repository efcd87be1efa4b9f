// A topic fanned out to two queues, each with its dead-letter queue and alarms on the alarm topic.
// Run: node --require ./scripts/register-ts.cjs examples/modules/messaging.ts
import { Messaging } from "../../modules";
import { alarmTopicExample } from "./alarm-topic";
import { type ExampleStack, synthExample } from "./example-stack";

export function messagingExample(stack: ExampleStack): Messaging {
  const alarmTopic = alarmTopicExample(stack);
  return new Messaging(stack, "messaging", {
    namePrefix: "example",
    topicName: "orders",
    queues: [{ name: "fulfilment", maxReceiveCount: 3 }, { name: "audit", messageRetentionSeconds: 1_209_600 }],
    alarmTopicArn: alarmTopic.outputs.topicArn,
  });
}

if (require.main === module) synthExample("messaging", messagingExample);
