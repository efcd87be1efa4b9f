import type { StateBackend } from "../modules/contract";
import { when, type Rule } from "../modules/core/validation";
import { resourcePrefix, type BackendSettings, type EnvironmentConfig } from "./config";

/** The variables read, by what they fill in. */
export const BACKEND_VARIABLES = {
  kind: "WEBTIER_BACKEND",
  bucket: "WEBTIER_STATE_BUCKET",
  region: "WEBTIER_STATE_REGION",
  dynamodbTable: "WEBTIER_STATE_DYNAMODB_TABLE",
  organization: "WEBTIER_HCP_ORGANIZATION",
  workspacePrefix: "WEBTIER_HCP_WORKSPACE_PREFIX",
  hostname: "WEBTIER_HCP_HOSTNAME",
} as const;

type Env = Readonly<Record<string, string | undefined>>;
const v = (env: Env, name: string): string | undefined => (env[name] ? env[name] : undefined);

/** The config with its backend completed from variables (config first, then variables, then defaults). */
export function withBackendFromEnv(config: EnvironmentConfig, env: Env): EnvironmentConfig {
  const kind = config.backend?.kind ?? (v(env, BACKEND_VARIABLES.kind) as BackendSettings["kind"] | undefined) ?? "local";
  const given = config.backend?.kind === kind ? config.backend : undefined;
  switch (kind) {
    case "s3": {
      const s3 = given as Extract<BackendSettings, { kind: "s3" }> | undefined;
      return {
        ...config,
        backend: {
          ...s3,
          kind,
          bucket: s3?.bucket ?? v(env, BACKEND_VARIABLES.bucket),
          region: s3?.region ?? v(env, BACKEND_VARIABLES.region) ?? config.region,
          dynamodbTable: s3?.dynamodbTable ?? v(env, BACKEND_VARIABLES.dynamodbTable),
        },
      };
    }
    case "hcp": {
      const hcp = given as Extract<BackendSettings, { kind: "hcp" }> | undefined;
      return {
        ...config,
        backend: {
          kind,
          organization: hcp?.organization ?? v(env, BACKEND_VARIABLES.organization),
          workspace: hcp?.workspace ?? `${v(env, BACKEND_VARIABLES.workspacePrefix) ?? ""}${resourcePrefix(config)}`,
          hostname: hcp?.hostname ?? v(env, BACKEND_VARIABLES.hostname),
        },
      };
    }
    default:
      return { ...config, backend: { kind: kind as "local" } };
  }
}

/** What a complete backend needs, with the variable that can supply each missing value. */
export const backendRules: readonly Rule<EnvironmentConfig>[] = [
  when("backend.bucket", ["backend.kind", "backend.bucket"], (c) =>
    c.backend?.kind === "s3" && !c.backend.bucket
      ? `is required for the s3 backend: set it in the config or ${BACKEND_VARIABLES.bucket}`
      : undefined,
  ),
  when("backend.organization", ["backend.kind", "backend.organization"], (c) =>
    c.backend?.kind === "hcp" && !c.backend.organization
      ? `is required for the hcp backend: set it in the config or ${BACKEND_VARIABLES.organization}`
      : undefined,
  ),
];

/** The state backend of a validated environment (local unless its config says otherwise). */
export function stateBackend(config: EnvironmentConfig): StateBackend {
  const backend = config.backend ?? { kind: "local" };
  switch (backend.kind) {
    case "s3":
      return {
        kind: "s3",
        bucket: backend.bucket!,
        key: `${config.project}/${config.name}/terraform.tfstate`,
        region: backend.region ?? config.region,
        encrypt: backend.encrypt,
        useLockfile: backend.useLockfile,
        dynamodbTable: backend.dynamodbTable,
      };
    case "hcp":
      return {
        kind: "hcp",
        organization: backend.organization!,
        workspace: backend.workspace ?? resourcePrefix(config),
        hostname: backend.hostname,
      };
    default:
      // Relative to the stack's working directory (cdktf.out/stacks/<env>): the state sits at the
      // project root, survives re-synthesis, and the synthesized JSON is the same on every machine.
      return { kind: "local", path: `../../../terraform.${config.name}.tfstate` };
  }
}
