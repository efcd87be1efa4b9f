import { arnPart, policyDocument, type PolicyStatement } from "./aws";

/**
 * A topic policy that lets only the topic's own account use it, refuses publishing without TLS,
 * and adds `extra` statements (a service principal allowed to publish, say).
 */
export function ownAccountTopicPolicy(topicArn: string, ...extra: readonly PolicyStatement[]): string {
  const account = arnPart(topicArn, "account");
  return policyDocument(
    {
      Sid: "OwnAccountOnly",
      Effect: "Allow",
      Principal: { AWS: `arn:${arnPart(topicArn, "partition")}:iam::${account}:root` },
      Action: [
        "SNS:Publish",
        "SNS:Subscribe",
        "SNS:Receive",
        "SNS:GetTopicAttributes",
        "SNS:SetTopicAttributes",
        "SNS:ListSubscriptionsByTopic",
      ],
      Resource: topicArn,
    },
    ...extra,
    {
      Sid: "TlsOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "SNS:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
}
