import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_OVERRIDE_FILE, localOverride } from "./overrides";
import { copyStack, terraform, terraformEnv } from "./terraform";

/**
 * A run folder for `--local`: a temporary copy of a synthesized stack with the local override
 * beside it, initialized against the emulator's S3 backend.
 */
export interface LocalWorkdir {
  readonly workdir: string;
  /** Removes the folder (the state stays in the emulator). */
  discard(): void;
}

/** Copies `stackDir`, writes the local override for `environment` at `endpoint`, runs `terraform init`. */
export async function initLocal(stackDir: string, environment: string, endpoint: string): Promise<LocalWorkdir> {
  const workdir = mkdtempSync(join(tmpdir(), `tf-local-${environment}-`));
  const discard = () => rmSync(workdir, { recursive: true, force: true });
  try {
    copyStack(stackDir, workdir);
    const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Parameters<typeof localOverride>[2];
    writeFileSync(join(workdir, LOCAL_OVERRIDE_FILE), `${JSON.stringify(localOverride(environment, endpoint, stack), null, 2)}\n`);
    await terraform(["init", "-input=false", "-no-color"], workdir, terraformEnv());
    return { workdir, discard };
  } catch (error) {
    discard();
    throw error;
  }
}
