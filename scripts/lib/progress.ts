/**
 * One progress line per environment for commands that plan several at once: on a terminal the
 * lines are redrawn in place as each environment moves on; elsewhere (CI logs, pipes) each step
 * is printed once as a plain line, so logs read in order.
 */
export class Progress {
  private readonly states = new Map<string, string>();
  private readonly started = Date.now();
  private drawn = 0;

  constructor(
    names: readonly string[],
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly live: boolean = stream.isTTY === true && !process.env.CI,
  ) {
    for (const name of names) this.states.set(name, "waiting");
    if (this.live) this.draw();
  }

  /** `env` has reached `step` ("init", "plan", "show", "summarized", "failed"). */
  step(env: string, step: string): void {
    this.states.set(env, step);
    if (this.live) this.draw();
    else this.stream.write(`${env}: ${step} (${this.elapsed()})\n`);
  }

  /** Time since the command started, not the step's duration: "after 22.8 s". */
  private elapsed(): string {
    return `after ${((Date.now() - this.started) / 1000).toFixed(1)} s`;
  }

  private draw(): void {
    // Back to the first line drawn, then every line again, each cleared to its end.
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}F`);
    for (const [name, state] of this.states) this.stream.write(`\x1b[2K  ${name.padEnd(8)} ${state} (${this.elapsed()})\n`);
    this.drawn = this.states.size;
  }
}
