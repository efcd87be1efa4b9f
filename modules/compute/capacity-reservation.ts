import type { LaunchTemplateConfig } from "@cdktf/provider-aws/lib/launch-template";
import { oneOf, string, type ShapeOf } from "../core/shape";

/**
 * Which On-Demand Capacity Reservations instances launch into: any open one (or none), a
 * reservation by id, or a resource group of reservations (exactly one of the three).
 */
export interface CapacityReservationOptions {
  /**
   * `open`: run in any open reservation with matching attributes, else On-Demand; `none`: never
   * in a reservation.
   * @default - none: a target is given instead
   */
  readonly preference?: "open" | "none";
  /**
   * A reservation to launch into (`cr-…`).
   * @default - none
   */
  readonly reservationId?: string;
  /**
   * A resource group of reservations to launch into (its ARN).
   * @default - none
   */
  readonly resourceGroupArn?: string;
}

/** The capacity reservation's shape: AWS's names and id formats. */
export const CAPACITY_RESERVATION_SHAPE: ShapeOf<CapacityReservationOptions> = {
  preference: oneOf(["open", "none"]),
  reservationId: string({ pattern: /^cr-[0-9a-f]{17}$/, what: "a capacity reservation id (cr- and 17 hexadecimal digits)" }),
  resourceGroupArn: string({
    pattern: /^arn:aws[a-z-]*:resource-groups:[a-z0-9-]+:\d{12}:group\/[\w.-]{1,128}$/,
    what: "a resource group ARN (arn:aws:resource-groups:<region>:<account>:group/<name>)",
  }),
};

/** The launch template's capacity reservation specification. */
export function capacityReservationSpecification(
  options: CapacityReservationOptions,
): NonNullable<LaunchTemplateConfig["capacityReservationSpecification"]> {
  if (options.preference !== undefined) return { capacityReservationPreference: options.preference };
  return {
    capacityReservationTarget: {
      capacityReservationId: options.reservationId,
      capacityReservationResourceGroupArn: options.resourceGroupArn,
    },
  };
}
