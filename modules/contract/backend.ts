import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";

/** Where an environment's Terraform state lives. */
export type StateBackend =
  | {
      readonly kind: "local";
      /** State file path, relative to the stack's working directory (`cdktf.out/stacks/<env>`). */
      readonly path: string;
    }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      /** Object key, by convention `<project>/<env>/terraform.tfstate`. */
      readonly key: string;
      readonly region: string;
      /** Server-side encryption of the state object. @default true */
      readonly encrypt?: boolean;
      /** Terraform's native S3 lock file (Terraform >= 1.10). @default true */
      readonly useLockfile?: boolean;
      /** DynamoDB table for the older lock mechanism, alongside or instead of the lock file. @default - none */
      readonly dynamodbTable?: string;
    }
  | {
      readonly kind: "hcp";
      /** HCP Terraform or Terraform Enterprise organization. */
      readonly organization: string;
      readonly workspace: string;
      /** @default "app.terraform.io" (HCP Terraform); a Terraform Enterprise host otherwise */
      readonly hostname?: string;
    };

export const BACKEND_DEFAULTS = {
  s3: { encrypt: true, useLockfile: true },
} as const;

/** Gives `stack` the backend: `backend "local"`, `backend "s3"` or a `cloud` block. */
export function useBackend(stack: TerraformStack, backend: StateBackend): void {
  switch (backend.kind) {
    case "local":
      new LocalBackend(stack, { path: backend.path });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: backend.encrypt ?? BACKEND_DEFAULTS.s3.encrypt,
        dynamodbTable: backend.dynamodbTable,
      });
      // cdktf 0.21's S3Backend predates the native lock file; Terraform >= 1.10 reads it.
      if (backend.useLockfile ?? BACKEND_DEFAULTS.s3.useLockfile) stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
    case "hcp":
      new CloudBackend(stack, {
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(backend.workspace),
        hostname: backend.hostname,
      });
      return;
  }
}
