import { describe, expect, it } from "vitest";
import type { ProviderSchemas } from "../../scripts/lib/provider-schemas";
import type { PlanJson } from "../../scripts/lib/terraform";
import { applyPlan } from "./simulated-deploy";

const PROVIDER = "registry.terraform.io/hashicorp/aws";

/** A plan creating `resources` (address → planned values and which of them are unknown). */
function planOf(resources: Record<string, { values: Record<string, unknown>; unknown?: Record<string, unknown> }>): PlanJson {
  const parsed = Object.entries(resources).map(([address, r]) => {
    const [, type, name, key] = /^([a-z0-9_]+)\.([^[]+)(?:\["(.+)"\])?$/.exec(address)!;
    return { address, type: type!, name: name!, key, ...r };
  });
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: {
      root_module: {
        resources: parsed.map((r) => ({
          address: r.address,
          mode: "managed",
          type: r.type,
          name: r.name,
          provider_name: PROVIDER,
          schema_version: 0,
          values: r.values,
          ...(r.key ? { index: r.key } : {}),
        })),
      },
    } as PlanJson["planned_values"],
    resource_changes: parsed.map((r) => ({
      address: r.address,
      mode: "managed",
      type: r.type,
      name: r.name,
      change: { actions: ["create"], before: null, after: r.values, after_unknown: r.unknown ?? {} },
    })),
  };
}

const string = { type: "string" };
const schemas = {
  provider_schemas: {
    [PROVIDER]: {
      resource_schemas: {
        aws_sns_topic: { block: { attributes: { arn: string, id: string, name: string } } },
        aws_sns_topic_policy: { block: { attributes: { arn: string, policy: string } } },
        aws_acm_certificate: { block: { attributes: { arn: string, domain_validation_options: { type: ["set", ["object", {}]] } } } },
        aws_route53_record: {
          block: { attributes: { fqdn: string, id: string, name: string, records: { type: ["set", "string"] }, type: string } },
        },
        aws_acm_certificate_validation: { block: { attributes: { id: string, validation_record_fqdns: { type: ["set", "string"] } } } },
      },
    },
  },
} as unknown as ProviderSchemas;

type State = { resources: { type: string; name: string; instances: { index_key?: string; attributes: Record<string, unknown> }[] }[] };
const attributes = (state: string, type: string, name: string, key?: string) =>
  (JSON.parse(state) as State).resources.find((r) => r.type === type && r.name === name)!.instances.find((i) => i.index_key === key)!
    .attributes;

describe("a simulated apply fills what the configuration computes from other resources", () => {
  it("evaluates templates of references and ARN parts, as a policy document writes them", () => {
    const plan = planOf({
      "aws_sns_topic.topic": { values: { name: "alarms" }, unknown: { arn: true, id: true } },
      "aws_sns_topic_policy.policy": { values: {}, unknown: { arn: true, policy: true } },
    });
    const config = {
      aws_sns_topic: { topic: { name: "alarms" } },
      aws_sns_topic_policy: {
        policy: {
          arn: "${aws_sns_topic.topic.arn}",
          policy:
            '{"Principal":{"AWS":"arn:${element(split(":", aws_sns_topic.topic.arn), 1)}:iam::${element(split(":", aws_sns_topic.topic.arn), 4)}:root"},"Resource":"${aws_sns_topic.topic.arn}"}',
        },
      },
    };
    const state = applyPlan(plan, schemas, config);
    const arn = attributes(state, "aws_sns_topic", "topic").arn as string;
    expect(arn).toMatch(/^arn:aws:sns_topic:us-east-1:123456789012:[0-9a-f]{17}$/);
    expect(attributes(state, "aws_sns_topic_policy", "policy")).toEqual({
      arn,
      policy: `{"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Resource":"${arn}"}`,
    });
  });

  it("evaluates DNS validation: each record from its certificate's validation option, the validation from every record", () => {
    const certificate = "aws_acm_certificate.certificate";
    const options =
      "${{ for key, val in toset(tolist(aws_acm_certificate.certificate.domain_validation_options)): val.domain_name => val }[each.value]";
    const plan = planOf({
      [certificate]: {
        values: { domain_validation_options: [{ domain_name: "app.example.com" }] },
        unknown: {
          arn: true,
          domain_validation_options: [{ resource_record_name: true, resource_record_type: true, resource_record_value: true }],
        },
      },
      'aws_route53_record.validation["app.example.com"]': {
        values: { allow_overwrite: true },
        unknown: { fqdn: true, id: true, name: true, records: true, type: true },
      },
      "aws_acm_certificate_validation.validation": { values: {}, unknown: { id: true, validation_record_fqdns: true } },
    });
    const config = {
      aws_route53_record: {
        validation: {
          for_each: '${toset(["app.example.com"])}',
          name: `${options}.resource_record_name}`,
          records: [`${options}.resource_record_value}`],
          type: `${options}.resource_record_type}`,
        },
      },
      aws_acm_certificate_validation: {
        validation: { validation_record_fqdns: "${[ for key, val in aws_route53_record.validation: val.fqdn]}" },
      },
    };
    const state = applyPlan(plan, schemas, config);
    const [option] = attributes(state, "aws_acm_certificate", "certificate").domain_validation_options as Record<string, string>[];
    const record = attributes(state, "aws_route53_record", "validation", "app.example.com");
    // Stored as the provider stores record names: without ACM's trailing dot.
    expect(option!.resource_record_name).toMatch(/^_[0-9a-f]{17}\.app\.example\.com\.$/);
    expect(record).toMatchObject({
      name: option!.resource_record_name!.replace(/\.$/, ""),
      records: [option!.resource_record_value],
      type: "CNAME",
    });
    expect(attributes(state, "aws_acm_certificate_validation", "validation").validation_record_fqdns).toEqual([record.fqdn]);
  });

  it("leaves an expression of any other shape unknown (null), for the next plan to say", () => {
    const plan = planOf({
      "aws_sns_topic.topic": { values: {}, unknown: { arn: true, name: true } },
      "aws_sns_topic_policy.policy": { values: {}, unknown: { policy: true } },
    });
    const config = { aws_sns_topic_policy: { policy: { policy: "${upper(aws_sns_topic.topic.arn)}" } } };
    expect(attributes(applyPlan(plan, schemas, config), "aws_sns_topic_policy", "policy").policy).toBeNull();
  });
});
