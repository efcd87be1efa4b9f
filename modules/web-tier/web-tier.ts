import { Construct } from "constructs";
import { AlarmTopic } from "../alarm-topic/alarm-topic";
import type { AlarmTopicProps, AlarmTopicWired } from "../alarm-topic/props";
import { Compute } from "../compute/compute";
import { COMPUTE_DEFAULTS, type ComputeProps, type ComputeWired } from "../compute/props";
import type { WebTierOutputs } from "../contract/outputs";
import { providerRegion } from "../core/aws";
import { assertValid, pathOf } from "../core/validation";
import { LoadBalancer } from "../load-balancer/load-balancer";
import type { LoadBalancerProps, LoadBalancerWired } from "../load-balancer/props";
import { Messaging } from "../messaging/messaging";
import type { MessagingProps, MessagingWired } from "../messaging/props";
import { Network } from "../network/network";
import type { NetworkProps, NetworkWired } from "../network/props";
import type { ScalingProps, ScalingWired } from "../scaling/props";
import { Scaling } from "../scaling/scaling";
import { webTierOutputs } from "./outputs";
import { WEB_TIER_DEFAULTS, type WebTierProps } from "./props";
import { validateWebTierProps } from "./validate";

/**
 * The whole elastic web tier: a {@link Network}, a {@link LoadBalancer} in its public subnets
 * (private ones when internal), {@link Compute} in its private subnets behind the load balancer,
 * an {@link AlarmTopic}, {@link Messaging} whose queue alarms notify it (where `messaging` is
 * set), and {@link Scaling} with operational alarms and a dashboard. Every section is validated here, once, before any
 * resource exists; the modules it builds do not check again. Consumed through
 * {@link WebTier.outputs}, the stable snake_case contract every environment publishes (without
 * the messaging outputs where there is no messaging: narrow with {@link hasMessagingOutputs}).
 */
export class WebTier extends Construct {
  readonly outputs: WebTierOutputs;
  /** The tier's modules, each with its own resources as properties: the escape hatches. */
  readonly network: Network;
  readonly loadBalancer: LoadBalancer;
  readonly alarmTopic: AlarmTopic;
  readonly compute: Compute;
  /** Absent when the tier has no messaging. */
  readonly messaging?: Messaging;
  readonly scaling: Scaling;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    // Judged before the construct joins the tree, so a bad tier leaves nothing half-built.
    assertValid(`WebTier ${pathOf(scope, id)}`, props, (p) => validateWebTierProps(p, providerRegion(scope)));
    super(scope, id);
    const d = WEB_TIER_DEFAULTS;
    const { name, tags } = props;
    const settings = props.loadBalancer ?? d.loadBalancer;

    // Each module gets the section validated above plus what the tier wires in from others:
    // exactly the module's wired props (its *_WIRED list; `satisfies` refuses any other).
    const network = new Network(this, "network", { ...props.network, ...({ name, tags } satisfies Pick<NetworkProps, NetworkWired>) });
    const loadBalancer = new LoadBalancer(this, "load-balancer", {
      ...settings,
      ...({
        name,
        tags,
        vpcId: network.outputs.vpcId,
        vpcCidr: network.outputs.vpcCidr,
        subnetIds: settings.internal ? network.outputs.privateSubnetIds : network.outputs.publicSubnetIds,
        // Where the instances serve the CPU-burning endpoint, the load balancer guards its path.
        stressEndpoint: props.compute.stressEndpoint ?? COMPUTE_DEFAULTS.stressEndpoint,
        // A dual-stack network puts the load balancer on both stacks.
        ipAddressType: props.network.ipv6 ? "dualstack" : "ipv4",
      } satisfies Pick<LoadBalancerProps, LoadBalancerWired>),
    });
    // Built before the compute, whose status alarms and group events notify it (construct
    // paths, not construction order, make the addresses).
    const alarmTopic = new AlarmTopic(this, "alarm-topic", {
      ...props.alarmTopic,
      ...({ name, tags } satisfies Pick<AlarmTopicProps, AlarmTopicWired>),
    });
    const compute = new Compute(this, "compute", {
      ...props.compute,
      ...({
        name,
        tags,
        vpcId: network.outputs.vpcId,
        subnetIds: network.outputs.privateSubnetIds,
        loadBalancer: loadBalancer.outputs,
        alarmTopicArn: alarmTopic.outputs.topicArn,
      } satisfies Pick<ComputeProps, ComputeWired>),
    });
    const messaging =
      props.messaging &&
      new Messaging(this, "messaging", {
        ...props.messaging,
        ...({ namePrefix: name, alarmTopicArn: alarmTopic.outputs.topicArn, tags } satisfies Pick<MessagingProps, MessagingWired>),
      });
    const scaling = new Scaling(this, "scaling", {
      ...props.scaling,
      ...({
        name,
        tags,
        compute: compute.outputs,
        loadBalancer: loadBalancer.outputs,
        alarmTopicArn: alarmTopic.outputs.topicArn,
        queues: messaging ? Object.values(messaging.outputs.queues) : [],
      } satisfies Pick<ScalingProps, ScalingWired>),
    });

    this.network = network;
    this.loadBalancer = loadBalancer;
    this.alarmTopic = alarmTopic;
    this.compute = compute;
    this.messaging = messaging || undefined;
    this.scaling = scaling;
    this.outputs = webTierOutputs({
      network: network.outputs,
      loadBalancer: loadBalancer.outputs,
      compute: compute.outputs,
      scaling: scaling.outputs,
      messaging: messaging?.outputs,
    });
  }
}
