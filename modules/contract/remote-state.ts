import { DataTerraformRemoteState, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, Token, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import type { StateBackend } from "./backend";
import {
  MESSAGING_OUTPUT_NAMES,
  WEB_TIER_OUTPUTS,
  type OutputKind,
  type WebTierOutputName,
  type WebTierOutputs,
  type WebTierOutputsWithMessaging,
  type WebTierOutputsWithoutMessaging,
} from "./outputs";

/** A `terraform_remote_state` data source reading the state `backend` describes. */
export function remoteState(scope: Construct, id: string, backend: StateBackend): TerraformRemoteState {
  switch (backend.kind) {
    case "local":
      return new DataTerraformRemoteStateLocal(scope, id, { path: backend.path });
    case "s3":
      return new DataTerraformRemoteStateS3(scope, id, { bucket: backend.bucket, key: backend.key, region: backend.region });
    case "hcp":
      return new DataTerraformRemoteState(scope, id, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: { name: backend.workspace },
      });
  }
}

/** Which outputs the environment read from state publishes. */
export interface ReadWebTierOutputsOptions {
  /**
   * Whether its tier has messaging, so its topic and queue outputs can be read.
   * @default true
   */
  readonly messaging?: boolean;
}

/**
 * An environment's outputs, read from its state inside another cdktf stack: every field of
 * the contract as a token (`${data.terraform_remote_state.web.outputs.vpc_id}`), typed. Pass
 * `{ messaging: false }` for an environment without messaging: its messaging outputs are then
 * absent from the result's type, as from its state.
 *
 * ```ts
 * const web = readWebTierOutputs(this, "web", { kind: "s3", bucket, key: "webtier/prod/terraform.tfstate", region });
 * new SecurityGroup(this, "db", { vpcId: web.vpc_id });
 * ```
 */
export function readWebTierOutputs(scope: Construct, id: string, backend: StateBackend, options?: { readonly messaging?: true }): WebTierOutputsWithMessaging;
export function readWebTierOutputs(scope: Construct, id: string, backend: StateBackend, options: { readonly messaging: false }): WebTierOutputsWithoutMessaging;
export function readWebTierOutputs(scope: Construct, id: string, backend: StateBackend, options?: ReadWebTierOutputsOptions): WebTierOutputs;
export function readWebTierOutputs(scope: Construct, id: string, backend: StateBackend, options: ReadWebTierOutputsOptions = {}): WebTierOutputs {
  const state = remoteState(scope, id, backend);
  const messaging = options.messaging ?? true;
  const names = (Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]).filter((name) => messaging || !(MESSAGING_OUTPUT_NAMES as readonly string[]).includes(name));
  const entries = names.map((name) => [name, readOutput(state, name)]);
  return Object.fromEntries(entries) as WebTierOutputs;
}

/** One output of the remote state, typed by its kind in the contract. */
function readOutput(state: TerraformRemoteState, name: WebTierOutputName): string | string[] | Record<string, string> {
  const kind: OutputKind = WEB_TIER_OUTPUTS[name].kind;
  if (kind === "list") return state.getList(name);
  if (kind === "map") return Token.asStringMap(state.get(name));
  return state.getString(name);
}
