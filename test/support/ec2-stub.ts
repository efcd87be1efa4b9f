import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface StateResource {
  readonly type: string;
  readonly instances: readonly { readonly attributes: Record<string, any> }[];
}

/**
 * A stand-in for the two EC2 reads the AWS provider makes while planning a change to an
 * instance's launch template version (DescribeTags for the instance's `aws:ec2launchtemplate:*`
 * tags, DescribeLaunchTemplates for the template's versions): it answers them from a simulated
 * state, as EC2 would for that deployment. Any other call fails with the action's name, so a
 * plan that needs more of AWS says so instead of passing on made-up answers.
 */
export async function ec2Stub(state: string): Promise<{ readonly url: string; readonly override: string; close(): Promise<void> }> {
  const resources = (JSON.parse(state) as { resources: StateResource[] }).resources;
  const attributesOf = (type: string) => resources.filter((r) => r.type === type).flatMap((r) => r.instances.map((i) => i.attributes));
  const tags = attributesOf("aws_instance").flatMap((i) => {
    const template = i.launch_template?.[0];
    return template
      ? [
          { resourceId: i.id, key: "aws:ec2launchtemplate:id", value: template.id },
          { resourceId: i.id, key: "aws:ec2launchtemplate:version", value: template.version },
        ]
      : [];
  });
  const templates = attributesOf("aws_launch_template");

  const answer = (params: URLSearchParams): string | undefined => {
    const filters = new Map<string, string[]>();
    for (let n = 1; params.has(`Filter.${n}.Name`); n++) {
      const values: string[] = [];
      for (let v = 1; params.has(`Filter.${n}.Value.${v}`); v++) values.push(params.get(`Filter.${n}.Value.${v}`)!);
      filters.set(params.get(`Filter.${n}.Name`)!, values);
    }
    const matches = (name: string, value: string) => !filters.has(name) || filters.get(name)!.includes(value);
    switch (params.get("Action")) {
      case "DescribeTags": {
        const items = tags.filter((t) => matches("resource-id", t.resourceId) && matches("key", t.key));
        const xml = items.map(
          (t) =>
            `<item><resourceId>${t.resourceId}</resourceId><resourceType>instance</resourceType><key>${t.key}</key><value>${t.value}</value></item>`,
        );
        return `<DescribeTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>stub</requestId><tagSet>${xml.join("")}</tagSet></DescribeTagsResponse>`;
      }
      case "DescribeLaunchTemplates": {
        const ids: string[] = [];
        for (let n = 1; params.has(`LaunchTemplateId.${n}`); n++) ids.push(params.get(`LaunchTemplateId.${n}`)!);
        const items = templates
          .filter((t) => ids.length === 0 || ids.includes(t.id))
          .map(
            (t) =>
              `<item><launchTemplateId>${t.id}</launchTemplateId><launchTemplateName>${t.name}</launchTemplateName>` +
              // A simulated state leaves default_version unknown; with update_default_version it is the latest.
              `<defaultVersionNumber>${t.default_version ?? t.latest_version}</defaultVersionNumber><latestVersionNumber>${t.latest_version}</latestVersionNumber></item>`,
          );
        return `<DescribeLaunchTemplatesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>stub</requestId><launchTemplates>${items.join("")}</launchTemplates></DescribeLaunchTemplatesResponse>`;
      }
      default:
        return undefined;
    }
  };

  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const params = new URLSearchParams(body);
      const xml = answer(params);
      response.writeHead(xml ? 200 : 400, { "Content-Type": "text/xml" });
      response.end(
        xml ??
          `<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>the EC2 stand-in does not answer ${params.get("Action")}</Message></Error></Errors><RequestID>stub</RequestID></Response>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    // An override file that points the AWS provider's EC2 client at the stand-in.
    override: JSON.stringify({ provider: { aws: { endpoints: [{ ec2: url }] } } }),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
