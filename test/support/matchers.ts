import { testingMatchers } from "cdktf";
import { expect } from "vitest";

/**
 * cdktf's matchers (`toHaveResourceWithProperties` and friends) under vitest. cdktf ships a
 * jest adapter only; this one keeps cdktf's rules (expected keys may be camelCase or
 * snake_case, arrays match item by item and must have the same length, extra received keys
 * are ignored) and adds vitest's asymmetric matchers anywhere in the expected value
 * (`expect.stringMatching(...)`, `expect.arrayContaining(...)`).
 */

interface TerraformConstructor {
  readonly tfResourceType: string;
}

function isAsymmetric(value: unknown): value is { asymmetricMatch(other: unknown): boolean } {
  return typeof value === "object" && value !== null && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === "function";
}

function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Deep partial match: every expected key (camel or snake case) must be present and match. */
export function matchesPartially(expected: unknown, received: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(received);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(received) && expected.length === received.length && expected.every((item, i) => matchesPartially(item, received[i]))
    );
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof received !== "object" || received === null) return false;
    const record = received as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => {
      const found = key in record ? key : snakeCase(key) in record ? snakeCase(key) : undefined;
      return found !== undefined && matchesPartially(value, record[found]);
    });
  }
  return expected === received;
}

function passEvaluation(items: unknown[], properties: Record<string, unknown>): boolean {
  return items.some((item) => matchesPartially(properties, item));
}

const toHaveResource = testingMatchers.getToHaveResourceWithProperties(passEvaluation);
const toHaveDataSource = testingMatchers.getToHaveDataSourceWithProperties(passEvaluation);
const toHaveProvider = testingMatchers.getToHaveProviderWithProperties(passEvaluation);

function jestShape(result: testingMatchers.AssertionReturn) {
  return { pass: result.pass, message: () => result.message };
}

expect.extend({
  toHaveResource: (received: string, type: TerraformConstructor) => jestShape(toHaveResource(received, type, {})),
  toHaveResourceWithProperties: (received: string, type: TerraformConstructor, props: Record<string, unknown>) =>
    jestShape(toHaveResource(received, type, props)),
  toHaveDataSource: (received: string, type: TerraformConstructor) => jestShape(toHaveDataSource(received, type, {})),
  toHaveDataSourceWithProperties: (received: string, type: TerraformConstructor, props: Record<string, unknown>) =>
    jestShape(toHaveDataSource(received, type, props)),
  toHaveProvider: (received: string, type: TerraformConstructor) => jestShape(toHaveProvider(received, type, {})),
  toHaveProviderWithProperties: (received: string, type: TerraformConstructor, props: Record<string, unknown>) =>
    jestShape(toHaveProvider(received, type, props)),
});

interface CdktfMatchers<R = unknown> {
  toHaveResource(type: TerraformConstructor): R;
  toHaveResourceWithProperties(type: TerraformConstructor, properties: Record<string, unknown>): R;
  toHaveDataSource(type: TerraformConstructor): R;
  toHaveDataSourceWithProperties(type: TerraformConstructor, properties: Record<string, unknown>): R;
  toHaveProvider(type: TerraformConstructor): R;
  toHaveProviderWithProperties(type: TerraformConstructor, properties: Record<string, unknown>): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends CdktfMatchers<T> {}
}
