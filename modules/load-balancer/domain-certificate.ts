import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Fn, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { forEachValue } from "../core/for-each";
import { nameTags } from "../core/tags";
import type { DomainOptions } from "./props";

export interface DomainCertificateProps extends DomainOptions {
  /** Name of the load balancer, for tags. */
  readonly name: string;
  /** DNS name and hosted zone of the load balancer, for the alias record. */
  readonly albDnsName: string;
  readonly albZoneId: string;
  /** Whether the load balancer is dual-stack, so an AAAA alias joins the A alias. */
  readonly ipv6?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The load balancer under a name of its own: an ACM certificate for `recordName` (and the
 * alternative names), DNS-validated by records in the hosted zone, and an alias A record from
 * `recordName` to the load balancer.
 *
 * The validation records are one resource with `for_each` over the names given here, which
 * Terraform knows when it plans; each reads its name, type and value from the certificate's
 * `domain_validation_options` by domain name, values only known once ACM has issued them.
 * Keying `for_each` on `domain_validation_options` instead would rest on the provider filling
 * in that set's domain names at plan time (it does, but then the keys are the provider's, not
 * ours), and a plan would fail wherever it does not.
 */
export class DomainCertificate extends Construct {
  /** ARN of the certificate once validated: listeners that use it wait for the validation. */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DomainCertificateProps) {
    super(scope, id);
    const alternatives = props.alternativeNames ?? [];
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.recordName,
      subjectAlternativeNames: Token.isUnresolved(alternatives) || alternatives.length > 0 ? [...alternatives] : undefined,
      validationMethod: "DNS",
      tags: nameTags(props.name, props.tags),
      // A change of names replaces the certificate: the listener must move to the new one first.
      lifecycle: { createBeforeDestroy: true },
    });

    const options = TerraformIterator.fromList(certificate.domainValidationOptions);
    const byName = options.forExpressionForMap("val.domain_name", "val");
    const names = Token.isUnresolved(alternatives)
      ? Token.asList(Fn.concat([[props.recordName], alternatives]))
      : [props.recordName, ...alternatives];
    const records = forEachValue(this, "validation-record", names, (scope, recordId, name, forEach) => {
      const option = (attribute: string) => Token.asString(Fn.lookupNested(byName, [name, attribute]));
      return new Route53Record(scope, recordId, {
        forEach,
        zoneId: props.zoneId,
        name: option("resource_record_name"),
        type: option("resource_record_type"),
        records: [option("resource_record_value")],
        ttl: 60,
        // A name and its wildcard (example.com, *.example.com) share one validation record.
        allowOverwrite: true,
      });
    })!;

    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).forExpressionForList("val.fqdn")),
    });
    this.certificateArn = validation.certificateArn;

    new Route53Record(this, "alias-a", {
      zoneId: props.zoneId,
      name: props.recordName,
      type: "A",
      alias: { name: props.albDnsName, zoneId: props.albZoneId, evaluateTargetHealth: true },
    });
    if (props.ipv6) {
      new Route53Record(this, "alias-aaaa", {
        zoneId: props.zoneId,
        name: props.recordName,
        type: "AAAA",
        alias: { name: props.albDnsName, zoneId: props.albZoneId, evaluateTargetHealth: true },
      });
    }
  }
}
