/** What the alarm topic gives its consumers: the contract. */
export interface AlarmTopicOutputs {
  /** ARN of the topic: the action of every alarm that should reach people. */
  readonly topicArn: string;
  /** Name of the topic (`<name>-alarms`). */
  readonly topicName: string;
  /** The customer managed key encrypting the topic. */
  readonly kmsKeyArn: string;
}
