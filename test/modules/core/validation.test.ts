import { describe, expect, it } from "vitest";
import { integer, object, required, string, variants } from "../../../modules/core/shape";
import {
  assertValid,
  check,
  each,
  judge,
  sound,
  ValidationError,
  when,
  within,
  type Finding,
  type Rule,
} from "../../../modules/core/validation";

const always = (message: string) => {
  const calls: object[] = [];
  const validate = (props: object): Finding[] => {
    calls.push(props);
    return message ? [{ path: "field", message }] : [];
  };
  return { validate, calls };
};

describe("validating", () => {
  it("throws every finding in one ValidationError naming the subject", () => {
    const { validate } = always("is wrong");
    expect(() => assertValid("Thing a/b", {}, validate)).toThrowError(
      new ValidationError("Thing a/b", [{ path: "field", message: "is wrong" }]),
    );
  });

  it("judges the same object every time it is given: no state lets a check be skipped", () => {
    const { validate, calls } = always("");
    const props = {};
    assertValid("Thing", props, validate);
    assertValid("Thing", props, validate);
    expect(calls).toEqual([props, props]);
  });

  it("checks an equal but different object again", () => {
    const { validate, calls } = always("");
    assertValid("Thing", { a: 1 }, validate);
    assertValid("Thing", { a: 1 }, validate);
    expect(calls).toHaveLength(2);
  });
});

describe("rules run exactly when the fields they read are sound", () => {
  it("calls a field unsound when a finding is at it, holds it or sits inside it, and no other", () => {
    const malformed = ["network.cidr", "queues[1]"];
    expect(["network.cidr", "network", "", "network.cidr.prefix", "queues[1].name", "queues"].filter((p) => sound(p, malformed))).toEqual(
      [],
    );
    expect(["network.cidrr", "network.zones", "queues[10].name", "queues[0]", "compute"].every((p) => sound(p, malformed))).toBe(true);
  });

  type Props = { a?: number; b?: number; items?: { x?: number; y?: number }[] };
  const ran: string[] = [];
  const rules: readonly Rule<Props>[] = [
    when("a", ["a", "b"], () => {
      ran.push("a+b");
      return "a and b";
    }),
    when("b", ["b"], () => {
      ran.push("b");
      return "b";
    }),
    each("items", (p: Props) => p.items, [
      when("y", ["x", "y"], (i) => {
        ran.push(`item ${i.x}`);
        return "x and y";
      }),
    ]),
  ];

  it("skips only the rules reading a malformed field, item by item", () => {
    ran.length = 0;
    const findings = check(
      {
        a: 1,
        b: 2,
        items: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
      rules,
      ["a", "items[0].x"],
      "at",
    );
    expect(ran).toEqual(["b", "item 1"]);
    expect(findings).toEqual([
      { path: "at.b", message: "b" },
      { path: "at.items[1].y", message: "x and y" },
    ]);
  });

  it("moves a part's rules, reads and findings alike, and reads a field that lives elsewhere where it lives", () => {
    const part: readonly Rule<{ own: number; shared: number }>[] = [
      when("own", ["own", "shared"], (p) => (p.own > p.shared ? "too big" : undefined)),
    ];
    const whole = within(
      (path) => (path === "shared" ? "limit" : `section.${path}`),
      (p: { section: { own: number }; limit: number }) => ({ own: p.section.own, shared: p.limit }),
      part,
    );
    expect(check({ section: { own: 2 }, limit: 1 }, whole)).toEqual([{ path: "section.own", message: "too big" }]);
    expect(check({ section: { own: 2 }, limit: 1 }, whole, ["limit"])).toEqual([]);
    expect(check({ section: { own: 2 }, limit: 1 }, whole, ["section.other"])).toEqual([{ path: "section.own", message: "too big" }]);
  });

  it("leaves a whole object unjudged when its discriminant is wrong: its other fields were checked against no shape", () => {
    type Mode = { mode: "a"; size: number } | { mode: "b"; name: string };
    const shape = {
      thing: required(
        variants<Mode, "mode">("mode", {
          a: { mode: required(string<"a">()), size: required(integer()) },
          b: { mode: required(string<"b">()), name: required(string()) },
        }),
      ),
    };
    const sizeRule = when<{ thing: Mode }>("thing.size", ["thing.size"], (p) =>
      (p.thing as { size: unknown }).size === "big" ? "knock-on" : undefined,
    );
    const props = { thing: { mode: "c", size: "big" } } as unknown as { thing: Mode };
    const found = judge(props, object<{ thing: Mode }>(shape).check(props, ""), [sizeRule]);
    // The wrong mode alone: no knock-on finding at thing.size.
    expect(found.map((f) => f.path)).toEqual(["thing.mode"]);
  });
});
