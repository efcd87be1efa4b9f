/**
 * Where the emulator (moto 5.2.1) falls short of AWS for these stacks, each with its reason and
 * how it is handled. Two ways, both outside the synthesized stacks:
 * - `patch`: moto_patched.py makes the emulator answer as AWS does (the named function there);
 * - `ignore`: the local override adds the attribute to `lifecycle.ignore_changes` of every
 *   resource of the type, so the plan after an apply stays empty; the real stack never has it.
 * `npm run test:apply` prints this list, and a unit test checks that each entry is needed (its
 * resource type is in a synthesized stack) and that the real stacks carry none of it.
 */

export interface EmulatorGap {
  /** The resource type it concerns. */
  readonly type: string;
  /** What the emulator does wrong, and what Terraform then saw. */
  readonly reason: string;
  /** `none`: known, and left alone, with why that is safe. */
  readonly handling: { readonly patch: string } | { readonly ignore: readonly string[] } | { readonly none: string };
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    type: "aws_sqs_queue_redrive_allow_policy",
    reason:
      'GetQueueAttributes refuses RedriveAllowPolicy as an attribute name and never returns it: the apply hung in "Still creating", then failed',
    handling: { patch: "sqs_redrive_allow_policy" },
  },
  {
    type: "aws_sqs_queue",
    reason:
      'RedrivePolicy comes back re-serialized with spaces ("a": 1): a whitespace-only update of redrive_policy on every plan; and a removed policy comes back as "" where AWS leaves it out: the destroy of the redrive-allow policy waited forever',
    handling: { patch: "sqs_compact_redrive_policy" },
  },
  {
    type: "aws_sqs_queue_policy",
    reason: "SetQueueAttributes without Policy clears the queue's policy: setting the redrive-allow policy removed the DLQ's policy",
    handling: { patch: "sqs_keep_policy" },
  },
  {
    type: "aws_autoscaling_notification",
    reason: "Put/Describe/DeleteNotificationConfiguration are not implemented: the apply retried until it timed out",
    handling: { patch: "autoscaling_notifications" },
  },
  {
    type: "aws_route53_record",
    reason:
      "a hosted zone's id is chosen by the emulator, but prod names its existing zone by id: the records failed with NoSuchHostedZone",
    handling: { patch: "route53_fixed_zone_id" },
  },
  {
    type: "aws_iam_role_policy_attachment",
    reason:
      "AWS managed policies (AmazonSSMManagedInstanceCore) exist only when moto is told to load them: the attachment failed with NoSuchEntity",
    handling: { patch: "MOTO_IAM_LOAD_MANAGED_POLICIES" },
  },
  {
    type: "aws_launch_template",
    reason:
      "the template's own tags come back as a third tag_specifications entry (resource_type launch-template): an update, a new version, and with it the instance replaced",
    handling: { ignore: ["tag_specifications"] },
  },
  {
    type: "aws_autoscaling_policy",
    reason:
      "Enabled is not stored (always false) and an empty predictive_scaling_configuration comes back for every policy type: an update of each policy on every plan",
    handling: { ignore: ["enabled", "predictive_scaling_configuration"] },
  },
  {
    type: "aws_instance",
    reason:
      "the user data an instance gets from its launch template reads back (DescribeInstanceAttribute) as another value than the provider plans from the template: a user_data update on every plan of ec2 mode",
    handling: { ignore: ["user_data"] },
  },
  {
    type: "aws_sns_topic",
    reason:
      'FifoThroughputScope is not stored (GetTopicAttributes leaves it out): a FIFO topic in high-throughput mode showed an update from "" to "MessageGroup" on every plan',
    handling: { ignore: ["fifo_throughput_scope"] },
  },
  {
    type: "aws_vpc_security_group_ingress_rule",
    reason: "the description of a rule that references a security group is dropped: an update of description on every plan",
    handling: { ignore: ["description"] },
  },
  {
    type: "aws_lb",
    reason: "deletion protection is not enforced: DeleteLoadBalancer succeeds on a load balancer with deletion_protection.enabled",
    handling: {
      none: "no step relies on it: prod's destroy is refused by the guard before Terraform runs; a destroy AWS refuses can pass locally",
    },
  },
];

/** `lifecycle.ignore_changes` for every resource of a gap's type in a synthesized stack, as override `resource` blocks. */
export function emulatorIgnores(stack: {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}): Record<string, Record<string, { lifecycle: { ignore_changes: string[] } }>> {
  const resources: Record<string, Record<string, { lifecycle: { ignore_changes: string[] } }>> = {};
  for (const gap of EMULATOR_GAPS) {
    if (!("ignore" in gap.handling)) continue;
    const names = Object.keys(stack.resource?.[gap.type] ?? {});
    if (names.length === 0) continue;
    const byName = resources[gap.type] ?? {};
    for (const name of names) byName[name] = { lifecycle: { ignore_changes: [...gap.handling.ignore] } };
    resources[gap.type] = byName;
  }
  return resources;
}

/** The list as printed by the apply tier. */
export function renderEmulatorGaps(): string {
  const handled = (h: EmulatorGap["handling"]) =>
    "patch" in h
      ? `emulator patch ${h.patch}`
      : "ignore" in h
        ? `ignore_changes ${h.ignore.join(", ")} (local override only)`
        : `not handled: ${h.none}`;
  return EMULATOR_GAPS.map((g) => `- ${g.type}: ${g.reason}. Handled: ${handled(g.handling)}`).join("\n");
}
