import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { describe, expect, it } from "vitest";
import { onlyResource } from "../../support/synth";
import { buildAsg, buildEc2, problems } from "./helpers";

const RESERVATION = "cr-0123456789abcdef0";
const GROUP = "arn:aws:resource-groups:us-east-1:123456789012:group/web-reservations";

describe.each([
  ["ec2", buildEc2],
  ["asg", buildAsg],
] as const)("capacity reservation (%s mode)", (_mode, build) => {
  const specOf = (capacityReservation: Record<string, string>) =>
    onlyResource(build({ capacityReservation }).json, LaunchTemplate).capacity_reservation_specification;

  it("writes a preference, a target reservation or a target resource group on the launch template", () => {
    expect(specOf({ preference: "none" })).toEqual({ capacity_reservation_preference: "none" });
    expect(specOf({ reservationId: RESERVATION })).toEqual({ capacity_reservation_target: { capacity_reservation_id: RESERVATION } });
    expect(specOf({ resourceGroupArn: GROUP })).toEqual({
      capacity_reservation_target: { capacity_reservation_resource_group_arn: GROUP },
    });
  });

  it("writes none unless asked", () => {
    expect(onlyResource(build().json, LaunchTemplate)).not.toHaveProperty("capacity_reservation_specification");
  });
});

describe("capacity reservation rules", () => {
  it("throws unless exactly one of preference, reservation and resource group is given", () => {
    expect(problems({ mode: "ec2", capacityReservation: { preference: "open", reservationId: RESERVATION } })).toEqual([
      "capacityReservation",
    ]);
    expect(problems({ mode: "ec2", capacityReservation: {} })).toEqual(["capacityReservation"]);
  });

  it("throws on a preference AWS does not offer and malformed targets", () => {
    expect(problems({ mode: "ec2", capacityReservation: { preference: "targeted" as never } })).toEqual(["capacityReservation.preference"]);
    expect(problems({ mode: "ec2", capacityReservation: { reservationId: "cr-1" } })).toEqual(["capacityReservation.reservationId"]);
    expect(problems({ mode: "ec2", capacityReservation: { resourceGroupArn: "arn:aws:ec2:us-east-1:123456789012:group/x" } })).toEqual([
      "capacityReservation.resourceGroupArn",
    ]);
  });
});
