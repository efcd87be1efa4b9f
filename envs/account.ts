import { string, type ShapeOf } from "../modules/core/shape";
import { when, type Rule } from "../modules/core/validation";

/**
 * Which AWS account an environment deploys to and how the provider gets there. Pinning the
 * account makes Terraform itself refuse the wrong credentials: prod's stack cannot be planned or
 * applied with dev's, whatever the shell or the CI job happens to hold.
 */
export interface AccountSettings {
  /**
   * The AWS account (12 digits) the environment lives in: the provider's `allowed_account_ids`,
   * so Terraform stops before any change when the credentials belong to another account.
   * Required in a production environment.
   * @default - not pinned: whatever account the credentials belong to
   */
  readonly accountId?: string;
  /**
   * An IAM role the provider assumes (`assume_role`) before it reads or changes anything, such as
   * a deploy role in the environment's account reached from a central one. It must be in `accountId`.
   * @default - none: the credentials are used as they are
   */
  readonly assumeRoleArn?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
/** `arn:<partition>:iam::<account>:role/<optional path/><name>`, with IAM's characters for paths and names. */
const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Each account field's type and own limits. */
export const ACCOUNT_SHAPE: ShapeOf<AccountSettings> = {
  accountId: string({ pattern: ACCOUNT_ID, what: "a 12-digit AWS account id such as 123456789012" }),
  assumeRoleArn: string({ pattern: ROLE_ARN, what: "an IAM role ARN such as arn:aws:iam::123456789012:role/deploy" }),
};

/** Rules across the account fields, each reading the fields it declares. */
export const accountRules: readonly Rule<AccountSettings>[] = [
  when("assumeRoleArn", ["assumeRoleArn", "accountId"], (c) => {
    const roleAccount = c.assumeRoleArn ? ROLE_ARN.exec(c.assumeRoleArn)?.[2] : undefined;
    return roleAccount && c.accountId && roleAccount !== c.accountId
      ? `is a role in account ${roleAccount}, not in accountId ${c.accountId}: the provider checks the account of the role it assumes, so every plan would fail`
      : undefined;
  }),
];

/** What a production environment must say about its account. */
export const productionAccountRules: readonly Rule<AccountSettings>[] = [
  when("accountId", ["accountId"], (c) =>
    c.accountId === undefined
      ? "is required in a production environment (the provider is pinned to it, so no other account's credentials can apply this stack)"
      : undefined,
  ),
];
