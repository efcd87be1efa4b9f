/** The full names the module gives its topic and queues, so validation judges what AWS will see. */
export function fullName(prefix: string | undefined, name: string, fifo: boolean, suffix = ""): string {
  return `${prefix ? `${prefix}-` : ""}${name}${suffix}${fifo ? ".fifo" : ""}`;
}

/** The name of the role SNS assumes to log deliveries; IAM allows at most 64 characters. */
export function deliveryStatusRoleName(prefix: string | undefined, topicName: string): string {
  return fullName(prefix, topicName, false, "-delivery-status");
}
