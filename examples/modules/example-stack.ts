import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";

/** A stack with an AWS provider and a local backend: what every module example builds in. */
export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1", defaultTags: [{ tags: { Example: id } }] });
  }
}

/** Synthesizes one example into `cdktf.out/examples/<id>` when its file is run directly. */
export function synthExample(id: string, build: (stack: ExampleStack) => unknown): void {
  const app = new App({ outdir: "cdktf.out/examples" });
  build(new ExampleStack(app, id));
  app.synth();
}
