import { describe, expect, it } from "vitest";
import { problemsOf } from "../../support/synth";
import type { NetworkProps } from "../../../modules/network";
import { build, ZONES_3 } from "./helpers";

function problems(overrides: Partial<NetworkProps>): string[] {
  return problemsOf(() => build(overrides));
}

const tableName = (json: ReturnType<typeof build>["json"], reference: string) =>
  (json.resource!.aws_route_table![/aws_route_table\.([^.]+)\./.exec(reference)![1]!]!.tags as Record<string, string>).Name;

describe("gateway endpoints", () => {
  it("creates an S3 and a DynamoDB gateway endpoint on every private route table and no other", () => {
    const { json } = build({
      availabilityZones: ZONES_3,
      gatewayEndpoints: ["s3", "dynamodb"],
      subnetTiers: ["public", "private", "isolated"],
    });
    const endpoints = Object.values(json.resource!.aws_vpc_endpoint!);
    expect(endpoints.map((e) => [e.service_name, e.vpc_endpoint_type, (e.tags as Record<string, string>).Name]).sort()).toEqual([
      ["com.amazonaws.us-east-1.dynamodb", "Gateway", "demo-dynamodb"],
      ["com.amazonaws.us-east-1.s3", "Gateway", "demo-s3"],
    ]);
    for (const endpoint of endpoints) {
      expect((endpoint.route_table_ids as string[]).map((r) => tableName(json, r))).toEqual(ZONES_3.map((z) => `demo-private-${z}`));
    }
  });

  it("keeps the address of the s3GatewayEndpoint flag, so moving to the list moves nothing", () => {
    const flag = Object.keys(build({ s3GatewayEndpoint: true }).json.resource!.aws_vpc_endpoint!);
    const listed = Object.keys(build({ gatewayEndpoints: ["s3"] }).json.resource!.aws_vpc_endpoint!);
    expect(listed).toEqual(flag);
    expect(Object.keys(build({ gatewayEndpoints: ["dynamodb", "s3"] }).json.resource!.aws_vpc_endpoint!)).toEqual([
      expect.stringMatching(/^network_dynamodb-endpoint_/),
      ...flag,
    ]);
  });

  it("adds DynamoDB beside the flag's S3 endpoint", () => {
    const { json } = build({ s3GatewayEndpoint: true, gatewayEndpoints: ["dynamodb"] });
    expect(
      Object.values(json.resource!.aws_vpc_endpoint!)
        .map((e) => e.service_name)
        .sort(),
    ).toEqual(["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"]);
  });

  it("publishes each endpoint's id by service, and none by default", () => {
    expect(Object.keys(build({ gatewayEndpoints: ["dynamodb"] }).network.outputs.gatewayEndpointIds)).toEqual(["dynamodb"]);
    expect(build().network.outputs.gatewayEndpointIds).toEqual({});
    expect(build().json.resource!.aws_vpc_endpoint).toBeUndefined();
  });

  it("refuses a service without a gateway endpoint", () => {
    expect(problems({ gatewayEndpoints: ["s3", "sqs" as never] })).toEqual(['gatewayEndpoints[1] ("sqs") must be one of "s3", "dynamodb"']);
  });

  it("refuses a service listed twice", () => {
    expect(problems({ gatewayEndpoints: ["s3", "s3"] })).toEqual(['gatewayEndpoints lists "s3" more than once']);
  });

  it("refuses endpoints without private route tables to attach to", () => {
    expect(problems({ subnetTiers: ["public"], natGateways: "none", gatewayEndpoints: ["dynamodb"] })).toEqual([
      "gatewayEndpoints attach to private route tables, and there is no private tier",
    ]);
  });

  it("refuses S3 asked for by both the flag and the list", () => {
    expect(problems({ s3GatewayEndpoint: true, gatewayEndpoints: ["s3", "dynamodb"] })).toEqual([
      'gatewayEndpoints lists "s3", which s3GatewayEndpoint: true already creates; keep one of the two',
    ]);
  });
});
