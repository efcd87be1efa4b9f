import { describe, expect, it } from "vitest";
import { ALARM_TOPIC_WIRED } from "../../../modules/alarm-topic/props";
import { COMPUTE_WIRED } from "../../../modules/compute/props";
import { LOAD_BALANCER_WIRED } from "../../../modules/load-balancer/props";
import { MESSAGING_WIRED } from "../../../modules/messaging/props";
import { NETWORK_WIRED } from "../../../modules/network/props";
import { SCALING_WIRED } from "../../../modules/scaling/props";
import { WebTier, type WebTierProps } from "../../../modules/web-tier";
import { problemsOf, testStack } from "../../support/synth";
import { TIER } from "./helpers";

/** Each section of the tier and the one list of props the tier fills in for that module. */
const WIRED = {
  network: NETWORK_WIRED,
  loadBalancer: LOAD_BALANCER_WIRED,
  compute: COMPUTE_WIRED,
  alarmTopic: ALARM_TOPIC_WIRED,
  messaging: MESSAGING_WIRED,
  scaling: SCALING_WIRED,
} as const;

const cases = Object.entries(WIRED).flatMap(([section, keys]) => keys.map((key) => [section, key] as const));

describe("wired props (each module's *_WIRED list)", () => {
  it.each(cases)("refuses %s.%s in the tier's props: the tier fills it in", (section, key) => {
    const base = (TIER as unknown as Record<string, Record<string, unknown> | undefined>)[section] ?? {};
    const props = { ...TIER, [section]: { ...base, [key]: "set-by-hand" } } as unknown as WebTierProps;
    const problems = problemsOf(() => new WebTier(testStack(), "tier", props));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${section}\\.${key} is not a known setting`))]);
  });
});
