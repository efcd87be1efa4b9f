import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Results that concurrent processes share through a folder, each under a key naming its inputs:
 * the first process to ask for a key computes it (holding `<key>.lock`) while the others wait,
 * then every asker reads the same entry. A failure is not kept: the next asker tries again.
 */

/** How often a waiting process looks again; results take seconds to compute. */
const POLL_MS = 50;
/** A lock whose holder left no pid for this long was abandoned. */
const ABANDONED_MS = 60_000;

const inProcess = new Map<string, Promise<string>>();

/**
 * The folder holding the result for `key` in `dir`, calling `compute` (which fills the folder
 * it is given) when no process has it yet.
 */
export function sharedResult(dir: string, key: string, compute: (into: string) => Promise<void>): Promise<string> {
  const id = join(dir, key);
  let result = inProcess.get(id);
  if (!result) {
    result = obtain(id, compute);
    result.catch(() => inProcess.delete(id));
    inProcess.set(id, result);
  }
  return result;
}

async function obtain(entry: string, compute: (into: string) => Promise<void>): Promise<string> {
  const lock = `${entry}.lock`;
  for (;;) {
    if (existsSync(entry)) return entry;
    if (!tryLock(lock)) {
      if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(POLL_MS);
      continue;
    }
    try {
      // Another process may have finished between the check above and taking the lock.
      if (existsSync(entry)) return entry;
      const staging = `${entry}.${process.pid}.partial`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      await compute(staging);
      renameSync(staging, entry);
      return entry;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  writeFileSync(join(lock, "pid"), String(process.pid));
  return true;
}

/** Whether a lock's holder is gone: its process has exited, or it never wrote its pid. */
function abandoned(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, "pid"), "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return true;
    if (code !== "ENOENT") return false;
    try {
      return Date.now() - statSync(lock).mtimeMs > ABANDONED_MS;
    } catch {
      return false;
    }
  }
}
