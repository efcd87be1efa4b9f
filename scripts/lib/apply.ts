import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { CommandError, EXIT } from "./cli";
import { terraformBinary, terraformEnv } from "./terraform";

/**
 * Applying a saved plan, and asking first. `terraform apply <plan file>` applies exactly the
 * actions in that file, and refuses (without touching anything) when the state changed since
 * the plan was made: a stale plan, which is said in plain words with its own exit code.
 */

/** Terraform's words when a saved plan no longer matches the state. */
const STALE = /Saved plan is stale|plan file can no longer be applied/i;

/** Asks `question` on stderr and reads one line from stdin; only "y" or "yes" is a yes (end of input is a no). */
export function confirm(question: string, input: NodeJS.ReadableStream = process.stdin): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output: process.stderr, terminal: false });
    let answered = false;
    process.stderr.write(`${question} `);
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(line));
    });
    rl.once("close", () => {
      if (!answered) resolve(false);
    });
  });
}

/**
 * `terraform apply -input=false [-no-color] <planFile>` in `workdir` (an initialized folder of the same
 * configuration), its output passed through. Throws a CommandError: exit 5 for a stale plan,
 * 1 for any other failure.
 */
export function applyPlan(environment: string, planFile: string, workdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Colour codes only where a terminal shows them, not in logs.
    const color = process.stdout.isTTY ? [] : ["-no-color"];
    const child = spawn(terraformBinary(), ["apply", "-input=false", ...color, planFile], {
      cwd: workdir,
      env: terraformEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", (error) => reject(new CommandError(`cannot run ${terraformBinary()}: ${error.message}`, EXIT.failed)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else if (STALE.test(output)) {
        reject(
          new CommandError(
            `the saved plan for ${environment} is stale: its state changed after the plan was made (another apply, or a state edit), so Terraform refused it and nothing was applied. Plan again and review the new summary.`,
            EXIT.stale,
          ),
        );
      } else reject(new CommandError(`terraform apply failed for ${environment} (its output is above)`, EXIT.failed));
    });
  });
}
