import { describe, expect, it } from "vitest";
import { assertValid, markValidated, ValidationError, type Finding } from "../../../modules/core/validation";

const always = (message: string) => {
  const calls: object[] = [];
  const validate = (props: object): Finding[] => {
    calls.push(props);
    return message ? [{ path: "field", message }] : [];
  };
  return { validate, calls };
};

describe("validating once", () => {
  it("throws every finding in one ValidationError naming the subject", () => {
    const { validate } = always("is wrong");
    expect(() => assertValid("Thing a/b", {}, validate)).toThrowError(new ValidationError("Thing a/b", [{ path: "field", message: "is wrong" }]));
  });

  it("checks the same object only once", () => {
    const { validate, calls } = always("");
    const props = {};
    assertValid("Thing", props, validate);
    assertValid("Thing", props, validate);
    expect(calls).toEqual([props]);
  });

  it("skips objects the caller built from data it validated", () => {
    const { validate, calls } = always("would fail");
    expect(() => assertValid("Thing", markValidated({}), validate)).not.toThrow();
    expect(calls).toEqual([]);
  });

  it("checks an equal but different object again", () => {
    const { validate, calls } = always("");
    assertValid("Thing", { a: 1 }, validate);
    assertValid("Thing", { a: 1 }, validate);
    expect(calls).toHaveLength(2);
  });
});
