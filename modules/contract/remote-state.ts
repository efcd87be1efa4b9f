import {
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  Fn,
  Token,
  type TerraformRemoteState,
} from "cdktf";
import type { Construct } from "constructs";
import type { StateBackend } from "./backend";
import {
  MESSAGING_OUTPUT_NAMES,
  QUEUE_OUTPUT_FIELDS,
  WEB_TIER_OUTPUTS,
  type OutputKind,
  type WebTierOutputName,
  type WebTierOutputs,
  type WebTierOutputsWithMessaging,
  type WebTierOutputsWithoutMessaging,
  type WebTierQueueOutputs,
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
 * const orders = webTierQueue(web, "order-queue");
 * ```
 */
export function readWebTierOutputs(
  scope: Construct,
  id: string,
  backend: StateBackend,
  options?: { readonly messaging?: true },
): WebTierOutputsWithMessaging;
export function readWebTierOutputs(
  scope: Construct,
  id: string,
  backend: StateBackend,
  options: { readonly messaging: false },
): WebTierOutputsWithoutMessaging;
export function readWebTierOutputs(
  scope: Construct,
  id: string,
  backend: StateBackend,
  options?: ReadWebTierOutputsOptions,
): WebTierOutputs;
export function readWebTierOutputs(
  scope: Construct,
  id: string,
  backend: StateBackend,
  options: ReadWebTierOutputsOptions = {},
): WebTierOutputs {
  const state = remoteState(scope, id, backend);
  const messaging = options.messaging ?? true;
  const names = (Object.keys(WEB_TIER_OUTPUTS) as WebTierOutputName[]).filter(
    (name) => messaging || !(MESSAGING_OUTPUT_NAMES as readonly string[]).includes(name),
  );
  const entries = names.map((name) => [name, readOutput(state, name, WEB_TIER_OUTPUTS[name].kind)]);
  return Object.fromEntries(entries) as WebTierOutputs;
}

function readOutput(state: TerraformRemoteState, name: string, kind: OutputKind): unknown {
  switch (kind) {
    case "string":
      return state.getString(name);
    case "list":
      return state.getList(name);
    case "map":
      // One token for the whole map: its keys are known only once the state is read.
      return name === "queues" ? Token.asAnyMap(state.get(name)) : Token.asStringMap(state.get(name));
  }
}

/**
 * One queue of the contract's `queues` map, by the name it was configured with
 * (`order-queue`). From remote state each field is a lookup Terraform resolves
 * (`...outputs.queues["order-queue"].url`), so a queue missing there fails the plan; from a
 * tier built in the same program a missing queue is an error now.
 */
export function webTierQueue(outputs: WebTierOutputsWithMessaging, name: string): WebTierQueueOutputs {
  if (!Token.isUnresolved(outputs.queues)) {
    const queue = outputs.queues[name];
    if (!queue)
      throw new Error(`the web tier has no queue named ${JSON.stringify(name)}: it has ${JSON.stringify(Object.keys(outputs.queues))}`);
    return queue;
  }
  const field = (key: keyof WebTierQueueOutputs) => Token.asString(Fn.lookupNested(outputs.queues, [name, key]));
  return Object.fromEntries(QUEUE_OUTPUT_FIELDS.map((key) => [key, field(key)])) as unknown as WebTierQueueOutputs;
}
