/** One queue's part of the contract. */
export interface QueueOutputs {
  readonly queueUrl: string;
  readonly queueArn: string;
  /** Full name (prefixed, with `.fifo` where FIFO): the `QueueName` metric dimension. */
  readonly queueName: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
  readonly dlqName: string;
}

/** What the messaging module gives its consumers: the contract. */
export interface MessagingOutputs {
  readonly topicArn: string;
  readonly topicName: string;
  /** Per queue, by the name it was configured with (`order-queue`). */
  readonly queues: Readonly<Record<string, QueueOutputs>>;
}
