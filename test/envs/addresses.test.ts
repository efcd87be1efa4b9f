import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack, environments } from "../../envs";
import {
  diffAddresses,
  explainAddressChange,
  movedAddresses,
  parseAddressList,
  parseMovedList,
  resourceAddresses,
} from "../../scripts/lib/addresses";
import { testStack } from "../support/synth";

const file = (env: string) => readFileSync(join(__dirname, "..", "..", "envs", "addresses", `${env}.txt`), "utf8");
const committed = (env: string) => parseAddressList(file(env));
const stackOf = (config: (typeof environments)[number]) => JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config)));
const current = (config: (typeof environments)[number]) => resourceAddresses(stackOf(config));

describe("resource addresses", () => {
  it.each(environments.map((e) => [e.name, e] as const))("%s matches its committed list in envs/addresses/", (name, config) => {
    const change = diffAddresses(committed(name), current(config));
    // On failure the message says which addresses moved and how to keep the resources.
    expect(change, explainAddressChange(name, change)).toEqual({ added: [], removed: [] });
  });

  it.each(environments.map((e) => [e.name, e] as const))(
    "%s carries every address of an earlier release to a resource it still has",
    (name, config) => {
      const stack = stackOf(config);
      const moves = movedAddresses(stack);
      expect(moves, "moved blocks changed: npm run addresses -- --update").toEqual(parseMovedList(file(name)));
      const addresses = new Set(resourceAddresses(stack));
      for (const move of moves) expect(addresses.has(move.split(" -> ")[1]!.replace(/\[.*\]$/, "")), move).toBe(true);
    },
  );

  it("counts an address a moved block carries away as moved, not removed", () => {
    const change = diffAddresses(["aws_sqs_queue.old"], ["aws_sqs_queue.new"], ['moved aws_sqs_queue.old -> aws_sqs_queue.new["a"]']);
    expect(change).toEqual({ added: ["aws_sqs_queue.new"], removed: [] });
  });

  it("notices a renamed construct and explains the move API", () => {
    const [dev] = environments;
    const renamed = current(dev!).map((a) => a.replace("network_vpc_", "net_vpc_"));
    const change = diffAddresses(committed("dev"), renamed);
    expect(change.removed).toEqual([expect.stringMatching(/^aws_vpc\.network_vpc_[0-9A-F]{8}$/)]);
    expect(explainAddressChange("dev", change)).toMatch(/moveFromId\("<old address>"\)/);
  });

  it("turns cdktf's moveFromId into a Terraform moved block", () => {
    const stack = testStack();
    const queue = new SqsQueue(stack, "renamed", { name: "q" });
    queue.moveFromId("aws_sqs_queue.original_1234ABCD");
    const json = JSON.parse(Testing.synth(stack));
    expect(json.moved).toEqual([{ from: "aws_sqs_queue.original_1234ABCD", to: "aws_sqs_queue.renamed" }]);
  });
});
