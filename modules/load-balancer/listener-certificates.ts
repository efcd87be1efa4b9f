import { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
import { Construct } from "constructs";
import { forEachValue } from "../core/for-each";

export interface ListenerCertificatesProps {
  /** The HTTPS listener. */
  readonly listenerArn: string;
  /** Certificates served besides the listener's default, chosen by SNI. */
  readonly certificateArns: readonly string[];
}

/**
 * Extra certificates on the HTTPS listener: one resource instance per certificate, keyed by its
 * ARN, so adding or removing one leaves the others in place.
 */
export class ListenerCertificates extends Construct {
  constructor(scope: Construct, id: string, props: ListenerCertificatesProps) {
    super(scope, id);
    forEachValue(
      this,
      "certificate",
      props.certificateArns,
      (s, i, arn, forEach) => new LbListenerCertificate(s, i, { forEach, listenerArn: props.listenerArn, certificateArn: arn }),
    );
  }
}
