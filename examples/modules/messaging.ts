// A topic fanned out to two queues, each with its dead-letter queue and alarms on the alarm topic;
// SNS logs deliveries through its own role, and one queue is encrypted with a customer managed key.
// Run: node --require ./scripts/register-ts.cjs examples/modules/messaging.ts
import { Messaging } from "../../modules";
import { alarmTopicExample } from "./alarm-topic";
import { type ExampleStack, synthExample } from "./example-stack";

export function messagingExample(stack: ExampleStack): Messaging {
  const alarmTopic = alarmTopicExample(stack);
  return new Messaging(stack, "messaging", {
    namePrefix: "example",
    topicName: "orders",
    // Every failed delivery, and one success in ten, in CloudWatch Logs.
    deliveryStatusLogging: true,
    deliveryStatusSuccessSampleRate: 10,
    queues: [
      {
        name: "fulfilment",
        maxReceiveCount: 3,
        messageRetentionSeconds: 86_400,
        // A week for a person to look at a failed order.
        deadLetterRetentionSeconds: 604_800,
        // The key's policy must let sns.amazonaws.com use it; an hour per data key keeps KMS calls down.
        kmsKeyId: "alias/example-orders",
        kmsDataKeyReusePeriodSeconds: 3600,
      },
      { name: "audit", messageRetentionSeconds: 1_209_600 },
    ],
    alarmTopicArn: alarmTopic.outputs.topicArn,
  });
}

if (require.main === module) synthExample("messaging", messagingExample);
