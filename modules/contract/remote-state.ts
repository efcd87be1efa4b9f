import { DataTerraformRemoteState, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import type { StateBackend } from "./backend";
import { WEB_TIER_OUTPUTS, type WebTierOutputName, type WebTierOutputs } from "./outputs";

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

/**
 * An environment's outputs, read from its state inside another cdktf stack: every field of
 * the contract as a token (`${data.terraform_remote_state.web.outputs.vpc_id}`), typed.
 *
 * ```ts
 * const web = readWebTierOutputs(this, "web", { kind: "s3", bucket, key: "webtier/prod/terraform.tfstate", region });
 * new SecurityGroup(this, "db", { vpcId: web.vpc_id });
 * ```
 */
export function readWebTierOutputs(scope: Construct, id: string, backend: StateBackend): WebTierOutputs {
  const state = remoteState(scope, id, backend);
  const entries = (Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]).map((name) => [
    name,
    WEB_TIER_OUTPUTS[name].kind === "list" ? state.getList(name) : state.getString(name),
  ]);
  return Object.fromEntries(entries) as WebTierOutputs;
}
