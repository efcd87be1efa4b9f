import { ValidationError } from "../modules/core/validation";
import type { EnvironmentConfig } from "./config";
import { dev } from "./dev";
import { prod } from "./prod";
import { stage } from "./stage";
import { overlappingCidrs, validateEnvironment } from "./validate";

export { BACKEND_VARIABLES, stateBackend, withBackendFromEnv } from "./backend";
export type { BackendSettings, EnvironmentConfig } from "./config";
export { EnvironmentStack } from "./environment-stack";
export { validateEnvironment } from "./validate";

/** Every environment this project deploys, in promotion order. */
export const environments: readonly EnvironmentConfig[] = [dev, stage, prod];

/**
 * Picks environments by name (`"dev,prod"`, or empty for all) and validates them all before
 * anything is built, so one error lists every problem of every chosen environment.
 */
export function selectEnvironments(names: string | undefined, known: readonly EnvironmentConfig[] = environments): EnvironmentConfig[] {
  const wanted = (names ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const unknown = wanted.filter((n) => !known.some((e) => e.name === n));
  if (unknown.length > 0) {
    throw new ValidationError(
      "Environment selection",
      unknown.map((n) => ({
        path: n,
        message: `is not an environment (known: ${known.map((e) => e.name).join(", ")})`,
      })),
    );
  }
  const chosen = wanted.length === 0 ? [...known] : known.filter((e) => wanted.includes(e.name));
  const own = chosen.map(validateEnvironment);
  // Environments are peered and share tooling: their VPCs may not overlap (judged where each one is valid).
  const findings = [...own.flat(), ...overlappingCidrs(chosen.filter((_, i) => own[i]!.length === 0))];
  if (findings.length > 0) throw new ValidationError("Environment configuration", findings);
  // Checked where they entered: the stacks built from them do not check again.
  return chosen;
}
