import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { EnvironmentStack, environments } from "../envs";
import {
  diffAddresses,
  explainAddressChange,
  formatAddressList,
  movedAddresses,
  parseAddressList,
  parseMovedList,
  resourceAddresses,
} from "./lib/addresses";
import { command, EXIT, runMain } from "./lib/cli";

export const ADDRESS_DIR = join(__dirname, "..", "envs", "addresses");

/** Compares (or with `update`, rewrites) every environment's committed addresses; returns the exit code. */
function check(update: boolean): number {
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
  return changed ? EXIT.failed : EXIT.ok;
}

export const addresses = command({
  name: "addresses",
  usage: "npm run addresses [-- --update]",
  help: `Compares each environment's resource addresses (and the moved blocks that carry earlier
ones) with the lists committed in envs/addresses/. A changed address makes Terraform destroy the
resource and create another: when one changes, the command says which and how to keep the
resource (cdktf's move API).

  --update   rewrite envs/addresses/ from what synthesizes now

Exit codes: 0 unchanged (or rewritten) · 1 addresses changed · 2 bad usage or invalid configuration.`,
  options: { update: { type: "boolean" } },
  run: ({ values }) => check(values.update === true),
});

if (require.main === module) runMain(addresses);
