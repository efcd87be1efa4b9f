import { Messaging, type MessagingProps } from "../../../modules/messaging";
import { synth, testStack, type SynthesizedJson } from "../../support/synth";

export const ALARM_TOPIC = "arn:aws:sns:us-east-1:123456789012:webtier-dev-alarms";

export function build(overrides: Partial<MessagingProps> = {}) {
  const stack = testStack();
  const messaging = new Messaging(stack, "messaging", {
    namePrefix: "webtier-dev",
    topicName: "order-alerts",
    queues: [{ name: "order-queue" }],
    ...overrides,
  });
  return { messaging, stack, ...synth(stack) };
}

/** Resources of a type keyed by their `name` (queues, topics) or, failing that, logical name. */
export function byName(json: SynthesizedJson, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(json.resource?.[type] ?? {}).map(([logical, r]) => [String(r.name ?? logical), r]));
}

/** The logical name of the resource of `type` whose `name` is `name`, for matching references. */
export function logicalName(json: SynthesizedJson, type: string, name: string): string {
  const found = Object.entries(json.resource?.[type] ?? {}).find(([, r]) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found[0];
}
