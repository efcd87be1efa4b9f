// Another team's cdktf project using this library, as installed from the package: one stack
// composes a whole web tier of its own, without messaging; another reads a deployed
// environment's outputs from its remote state and builds beside it.
// `npx tsc -p . && node build/main.js` synthesizes both (README.md has the install).
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import {
  publishWebTierOutputs,
  readWebTierOutputs,
  ValidationError,
  WebTier,
  webTierQueue,
  type WebTierOutputsWithMessaging,
} from "@elastic-web-tier/modules";

/** A reporting team's own tier: the whole thing, wired and validated by the library. */
class ReportsTier extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1", defaultTags: [{ tags: { Team: "reports" } }] });
    const tier = new WebTier(this, "reports", {
      name: "reports",
      network: { cidr: "10.50.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] },
      loadBalancer: { healthCheck: { path: "/health" } },
      compute: { mode: "asg", minSize: 1, maxSize: 3, minHealthyPercentage: 100, maxHealthyPercentage: 200 },
      alarmTopic: { emailSubscriptions: ["reports-oncall@example.com"] },
      // No messaging: no topic, no queue, and no messaging outputs.
    });
    // The outputs every environment of the web tier publishes, but messaging's.
    publishWebTierOutputs(this, tier.outputs);
  }
}

/** A stack beside a deployed environment: it reads the environment's contract from its state. */
class AuditBesideProd extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const web: WebTierOutputsWithMessaging = readWebTierOutputs(this, "web", {
      kind: "s3",
      bucket: "acme-tf-state",
      key: "webtier/prod/terraform.tfstate",
      region: "us-east-1",
    });
    new SecurityGroup(this, "reporting", { name: "reporting", vpcId: web.vpc_id, description: "Reporting jobs in the web tier's VPC" });
    const queue = new SqsQueue(this, "audit", { name: "audit", sqsManagedSseEnabled: true });
    new SnsTopicSubscription(this, "audit-orders", { topicArn: web.topic_arn, protocol: "sqs", endpoint: queue.arn });
    new TerraformOutput(this, "web_vpc_id", { value: web.vpc_id });
    // Any queue of the environment by the name it was configured with, not only the first.
    new TerraformOutput(this, "web_order_dlq_url", { value: webTierQueue(web, "order-queue").dlq_url });
  }
}

// Validation errors are exported too: a consumer can tell bad config from a bug.
try {
  new WebTier(new TerraformStack(new App(), "probe"), "bad", {
    name: "bad",
    network: { availabilityZones: ["eu-west-1a"] },
    compute: { mode: "ec2" },
    messaging: { topicName: "t", queues: [{ name: "q" }] },
  });
  throw new Error("expected a ValidationError");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
}

const app = new App();
new ReportsTier(app, "reports");
new AuditBesideProd(app, "audit");
app.synth();
