import { describe, expect, it } from "vitest";
import { Progress } from "../../scripts/lib/progress";

/** A stream that keeps what is written. */
function sink(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream, written };
}

describe("progress lines of environments planned together", () => {
  it("prints each step once as a plain line off a terminal (CI logs)", () => {
    const { stream, written } = sink(false);
    const progress = new Progress(["dev", "prod"], stream, false);
    progress.step("dev", "plan");
    progress.step("prod", "init");
    expect(written.map((w) => w.replace(/ \(after \d+\.\d s\)/, ""))).toEqual(["dev: plan\n", "prod: init\n"]);
  });

  it("redraws one line per environment in place on a terminal", () => {
    const { stream, written } = sink(true);
    const progress = new Progress(["dev", "prod"], stream, true);
    progress.step("prod", "plan");
    const text = written.join("").replace(/ \(after \d+\.\d s\)/g, "");
    // Drawn twice: both waiting, then the cursor back up two lines and both again, prod planning.
    expect(text).toBe("\x1b[2K  dev      waiting\n\x1b[2K  prod     waiting\n\x1b[2F\x1b[2K  dev      waiting\n\x1b[2K  prod     plan\n");
  });
});
