import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { numberText } from "../core/aws";
import { nameTags } from "../core/tags";
import { healthCheckBlock } from "./health-check";
import { LOAD_BALANCER_DEFAULTS } from "./props";
import type { TargetGroupOptions } from "./routing";

export interface TargetGroupsProps {
  /** Name of the load balancer: each group's Name tag is `<name>-<group>-targets`. */
  readonly name: string;
  readonly vpcId: string;
  /** Prefix of each group's generated name (the load balancer's `targetGroupNamePrefix`). */
  readonly namePrefix: string;
  readonly groups: readonly TargetGroupOptions[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The target groups of other services behind the load balancer, one per entry, keyed by its name
 * (so reordering the list moves nothing). Their targets register themselves: nothing here
 * attaches instances.
 */
export class TargetGroups extends Construct {
  /** Each group by its name. */
  readonly groups: Readonly<Record<string, LbTargetGroup>>;

  constructor(scope: Construct, id: string, props: TargetGroupsProps) {
    super(scope, id);
    const d = LOAD_BALANCER_DEFAULTS;
    const groups: Record<string, LbTargetGroup> = {};
    for (const g of props.groups) {
      const protocol = g.protocol ?? "HTTP";
      groups[g.name] = new LbTargetGroup(this, g.name, {
        namePrefix: props.namePrefix,
        port: g.port,
        protocol,
        targetType: g.targetType ?? "instance",
        vpcId: props.vpcId,
        deregistrationDelay: numberText(g.deregistrationDelaySeconds ?? d.deregistrationDelaySeconds),
        healthCheck: healthCheckBlock({ ...d.healthCheck, ...g.healthCheck }, protocol),
        tags: nameTags(`${props.name}-${g.name}-targets`, props.tags),
        // As the default group: a replacement must exist before the rule lets go of the old one.
        lifecycle: { createBeforeDestroy: true },
      });
    }
    this.groups = groups;
  }
}
