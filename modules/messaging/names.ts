/** The full names the module gives its topic and queues, so validation judges what AWS will see. */
export function fullName(prefix: string | undefined, name: string, fifo: boolean, suffix = ""): string {
  return `${prefix ? `${prefix}-` : ""}${name}${suffix}${fifo ? ".fifo" : ""}`;
}
