import { ValidationError } from "../../modules/core/validation";

/**
 * The paths of the validation findings `build` throws, in order (empty when it builds). Tests
 * outside the corpus assert on these, not on the wording: the corpus snapshots pin the messages.
 * Anything other than a ValidationError is rethrown: a crash is not a finding.
 */
export function findingPathsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error.findings.map((f) => f.path);
    throw error;
  }
  return [];
}

/** The ValidationError `build` throws: its subject and findings, for asserting on them rather than on its text. */
export function validationErrorOf(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError, but it built");
}

/**
 * The paths a command's error output reports, from its `  - <path> <message>` lines: a
 * command's refusal is checked by the paths it names and its exit code, not its wording.
 */
export function reportedPaths(stderr: string): string[] {
  return [...stderr.matchAll(/^ {2}- (\S+)/gm)].map((m) => m[1]!);
}
