import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { TerraformIterator } from "cdktf";
import type { Construct } from "constructs";
import { SCALING_DEFAULTS, type ScheduleOptions } from "./props";

/**
 * The scheduled actions of a group as one resource, one instance per action keyed by its name:
 * adding, removing or reordering actions touches no other action's address. A size left out is
 * null, which Terraform leaves unset (unchanged by the action).
 */
export function scheduledActions(
  scope: Construct,
  id: string,
  asgName: string,
  schedules: readonly ScheduleOptions[],
): AutoscalingSchedule | undefined {
  if (schedules.length === 0) return undefined;
  const each = TerraformIterator.fromMap(
    Object.fromEntries(
      schedules.map((s) => [
        s.name,
        {
          recurrence: s.recurrence,
          time_zone: s.timeZone ?? SCALING_DEFAULTS.scheduleTimeZone,
          min_size: s.minSize ?? null,
          max_size: s.maxSize ?? null,
          desired_capacity: s.desiredCapacity ?? null,
        },
      ]),
    ),
  );
  return new AutoscalingSchedule(scope, id, {
    forEach: each,
    autoscalingGroupName: asgName,
    scheduledActionName: each.key,
    recurrence: each.getString("recurrence"),
    timeZone: each.getString("time_zone"),
    minSize: each.getNumber("min_size"),
    maxSize: each.getNumber("max_size"),
    desiredCapacity: each.getNumber("desired_capacity"),
  });
}

/** True when some action may leave the group with no instance: then "no healthy host" is no outage. */
export function mayScaleToZero(schedules: readonly ScheduleOptions[]): boolean {
  return schedules.some((s) => s.maxSize === 0 || s.desiredCapacity === 0);
}
