// The encrypted topic alarms notify, with an email subscriber (who must confirm it).
// Run: node --require ./scripts/register-ts.cjs examples/modules/alarm-topic.ts
import { AlarmTopic } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";

export function alarmTopicExample(stack: ExampleStack): AlarmTopic {
  return new AlarmTopic(stack, "alarm-topic", { name: "example", emailSubscriptions: ["oncall@example.com"] });
}

if (require.main === module) synthExample("alarm-topic", alarmTopicExample);
