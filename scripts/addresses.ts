/**
 * npm run addresses              compare each environment's resource addresses with envs/addresses/
 * npm run addresses -- --update  rewrite envs/addresses/ from what synthesizes now
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { EnvironmentStack, environments } from "../envs";
import { diffAddresses, explainAddressChange, formatAddressList, movedAddresses, parseAddressList, parseMovedList, resourceAddresses } from "./lib/addresses";

export const ADDRESS_DIR = join(__dirname, "..", "envs", "addresses");

function main(): void {
  const update = process.argv.includes("--update");
  let changed = false;
  mkdirSync(ADDRESS_DIR, { recursive: true });
  for (const config of environments) {
    const stack = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config)));
    const current = resourceAddresses(stack);
    const moved = movedAddresses(stack);
    const file = join(ADDRESS_DIR, `${config.name}.txt`);
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const change = diffAddresses(parseAddressList(text), current, moved);
    const movesChanged = parseMovedList(text).join() !== moved.join();
    if (change.added.length === 0 && change.removed.length === 0 && !movesChanged && parseAddressList(text).length === current.length) {
      console.log(`${config.name}: ${current.length} addresses, unchanged`);
      continue;
    }
    if (update) {
      writeFileSync(file, formatAddressList(config.name, current, moved));
      console.log(`${config.name}: wrote ${current.length} addresses (${change.added.length} added, ${change.removed.length} removed)`);
    } else {
      changed = true;
      console.error(explainAddressChange(config.name, change));
    }
  }
  if (changed) process.exitCode = 1;
}

main();
