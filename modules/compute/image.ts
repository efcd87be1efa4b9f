import { Token } from "cdktf";
import { numberText } from "../core/aws";
import type { Architecture } from "./instance-types";

/** Amazon Linux 2023, resolved by EC2 at launch from the public SSM parameter: no data source. */
export const AL2023_IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/** The same for Graviton (arm64) instance types. */
export const AL2023_ARM64_IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

/** An AMI id, or an SSM parameter EC2 resolves at launch, optionally pinned to a version. */
export const IMAGE = /^(ami-[0-9a-f]{8}([0-9a-f]{9})?|resolve:ssm:\/?[\w./-]+(:\d+)?)$/;

/** What an image id is: an AMI, an SSM parameter at its latest version, or one pinned to a version. */
export function imageKind(imageId: string): "ami" | "parameter" | "pinned-parameter" | undefined {
  if (Token.isUnresolved(imageId)) return undefined;
  if (imageId.startsWith("ami-")) return "ami";
  return /:\d+$/.test(imageId) ? "pinned-parameter" : "parameter";
}

/**
 * The launch template's image: `imageId`, else Amazon Linux 2023 for the architecture; with
 * `version`, the SSM parameter pinned to it (`resolve:ssm:<parameter>:<version>`).
 */
export function launchImage(imageId: string | undefined, architecture: Architecture, version: number | undefined): string {
  const image = imageId ?? (architecture === "arm64" ? AL2023_ARM64_IMAGE : AL2023_IMAGE);
  return version === undefined ? image : `${image}:${numberText(version)}`;
}
