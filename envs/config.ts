import { region, s3Bucket, tags } from "../modules/core/fields";
import { boolean, required, string, variants, type ShapeOf } from "../modules/core/shape";
import { WEB_TIER_SECTIONS_SHAPE, type WebTierProps } from "../modules/web-tier/props";
import { ACCOUNT_SHAPE, type AccountSettings } from "./account";

/**
 * Where an environment keeps its state, as written in its config. Anything left out comes from
 * environment variables (envs/backend.ts), so CI and people share one config; with nothing
 * anywhere, the state is a local file, so a fresh clone works with no cloud account.
 */
export type BackendSettings =
  | { readonly kind: "local" }
  | {
      readonly kind: "s3";
      /** @default - WEBTIER_STATE_BUCKET */
      readonly bucket?: string;
      /** @default - WEBTIER_STATE_REGION, else the environment's region */
      readonly region?: string;
      /** @default - WEBTIER_STATE_DYNAMODB_TABLE, else none (the S3 lock file is used) */
      readonly dynamodbTable?: string;
      /** @default true */
      readonly encrypt?: boolean;
      /** @default true */
      readonly useLockfile?: boolean;
    }
  | {
      readonly kind: "hcp";
      /** @default - WEBTIER_HCP_ORGANIZATION */
      readonly organization?: string;
      /** @default - WEBTIER_HCP_WORKSPACE_PREFIX + `<project>-<env>` */
      readonly workspace?: string;
      /** @default - WEBTIER_HCP_HOSTNAME, else app.terraform.io */
      readonly hostname?: string;
    };

/**
 * The shape of one environment's configuration: plain data, no constructs, no tokens.
 * `dev.ts`, `stage.ts` and `prod.ts` each export one; `validate.ts` checks it where it enters,
 * and `environment-stack.ts` turns it into a stack holding one {@link WebTier}. The module
 * sections (network, loadBalancer, compute, alarmTopic, messaging, scaling) are the tier's
 * props, so a problem's path (`prod.network.cidr`) names the field here and in the module's
 * documentation alike.
 */
export interface EnvironmentConfig extends Omit<WebTierProps, "name" | "tags">, AccountSettings {
  /** Environment name: the stack's name, the `Environment` tag and part of every resource name. */
  readonly name: string;
  /** Project name: the `Project` tag and the first part of every resource name. */
  readonly project: string;
  /** AWS region the environment deploys to, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * A production environment refuses to turn security defaults off and protects its stateful
   * resources (deletion protection, `prevent_destroy`).
   * @default false
   */
  readonly production?: boolean;
  /**
   * Tags added to every resource through the provider's default tags.
   * @default - only Project, Environment and ManagedBy
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Where the state lives: `local`, `s3` or `hcp`; values left out come from WEBTIER_*
   * environment variables (see envs/backend.ts).
   * @default - WEBTIER_BACKEND, else a local state file at the project root
   */
  readonly backend?: BackendSettings;
}

/** `webtier-prod`: the prefix of every resource name in an environment. */
export function resourcePrefix(config: Pick<EnvironmentConfig, "project" | "name">): string {
  return `${config.project}-${config.name}`;
}

/** The tier an environment deploys: its module sections, named with the environment's prefix. */
export function webTierProps(config: EnvironmentConfig): WebTierProps {
  const { network, loadBalancer, compute, alarmTopic, messaging, scaling } = config;
  return { name: resourcePrefix(config), network, loadBalancer, compute, alarmTopic, messaging, scaling };
}

/** Lowercase words joined by single hyphens: they end up inside every resource name. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_RULE = "lowercase letters and digits in hyphen-separated words, starting with a letter";

/** Each field's type and own limits, next to its documentation above; the sections' contents are the tier's to judge. */
export const ENVIRONMENT_SHAPE: ShapeOf<EnvironmentConfig> = {
  name: required(
    string({ pattern: NAME, what: NAME_RULE, maxLength: 10, limit: "the project's limit: it is part of every resource name" }),
  ),
  project: required(string({ pattern: NAME, what: NAME_RULE, maxLength: 12, limit: "the project's limit: it starts every resource name" })),
  region: required(region()),
  production: boolean(),
  ...ACCOUNT_SHAPE,
  tags: tags(),
  backend: variants<BackendSettings, "kind">("kind", {
    local: { kind: required(string<"local">()) },
    s3: {
      kind: required(string<"s3">()),
      bucket: s3Bucket(),
      region: region(),
      dynamodbTable: string({
        pattern: /^[\w.-]{3,255}$/,
        what: "a DynamoDB table name (3 to 255 letters, digits, dots, hyphens and underscores)",
      }),
      encrypt: boolean(),
      useLockfile: boolean(),
    },
    hcp: {
      kind: required(string<"hcp">()),
      organization: string({ pattern: /^[\w-]{1,40}$/, what: "an HCP Terraform organization name" }),
      workspace: string({ pattern: /^[A-Za-z0-9_-]{1,90}$/, what: "1 to 90 letters, digits, hyphens and underscores" }),
      hostname: string({ pattern: /^[a-z0-9.-]+$/, what: "a host name such as app.terraform.io" }),
    },
  }),
  ...WEB_TIER_SECTIONS_SHAPE,
};
