import { availableParallelism } from "node:os";

/** Runs async tasks with at most `slots` of them in flight; the rest wait in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly slots: number = availableParallelism()) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`a limiter needs at least one slot (got ${slots})`);
  }

  /** Runs `task` when a slot is free; settles as it does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
