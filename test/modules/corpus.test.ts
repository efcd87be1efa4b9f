import { Fn, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { AlarmTopic, Compute, LoadBalancer, Messaging, Network, Scaling, WebTier } from "../../modules";
import { synthWarnings } from "../../envs/warnings";
import { problemsOf, testStack } from "../support/synth";

/**
 * Module props from JavaScript callers (or `as any`): no type checker stands between them and
 * the construct. Each bad case is refused with its paths, never a crash; every message is
 * snapshotted for review. Good edge cases, tokens among them, are accepted.
 */
const LB_OUTPUTS = {
  targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-demo/0123456789abcdef",
  securityGroupId: "sg-0a1b2c3d4e5f60718",
  targetPort: 5000,
};
const ASG_OUTPUTS = {
  mode: "asg",
  detailedMonitoring: true,
  securityGroupId: "sg-1",
  launchTemplateId: "lt-1",
  instanceRoleName: "demo",
  instanceRoleArn: "arn:aws:iam::123456789012:role/demo",
  asgName: "demo",
  asgArn: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x",
};
const ALB = {
  albArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/1",
  albArnSuffix: "app/demo/1",
  targetGroupArnSuffix: "targetgroup/tg/1",
};
const TOPIC = "arn:aws:sns:us-east-1:123456789012:demo-alarms";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
/** A listener rule forwarding a path to the instances' target group. */
const ROUTE = (name: string, priority: number) => ({
  name,
  priority,
  conditions: { pathPatterns: [`/${name}/*`] },
  action: { type: "forward", targetGroup: "default" },
});
/** A string only Terraform knows (Token.asString of a string is the string itself). */
const token = (name: string) => Fn.lower(name);

const build: Record<string, (props: any) => unknown> = {
  Network: (p) => new Network(testStack(), "network", { name: "demo", availabilityZones: ["us-east-1a", "us-east-1b"], ...p }),
  LoadBalancer: (p) =>
    new LoadBalancer(testStack(), "lb", {
      name: "demo",
      vpcId: "vpc-0123456789abcdef0",
      vpcCidr: "10.0.0.0/16",
      subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
      ...p,
    }),
  Compute: (p) =>
    new Compute(testStack(), "compute", {
      name: "demo",
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"],
      loadBalancer: LB_OUTPUTS,
      mode: "ec2",
      ...p,
    }),
  AlarmTopic: (p) => new AlarmTopic(testStack(), "alarm-topic", { name: "demo", ...p }),
  Messaging: (p) => new Messaging(testStack(), "messaging", { topicName: "orders", queues: [{ name: "q" }], ...p }),
  Scaling: (p) =>
    new Scaling(testStack(), "scaling", { name: "demo", compute: ASG_OUTPUTS, loadBalancer: ALB, alarmTopicArn: TOPIC, ...p }),
  WebTier: (p) =>
    new WebTier(testStack(), "tier", {
      name: "demo",
      network: { availabilityZones: ["us-east-1a", "us-east-1b"] },
      compute: { mode: "ec2" },
      messaging: { topicName: "orders", queues: [{ name: "q" }] },
      ...p,
    }),
};

const BAD: readonly (readonly [string, string, Record<string, unknown>, readonly string[]])[] = [
  ["Network", "without zones", { availabilityZones: undefined }, ["availabilityZones"]],
  ["Network", "with a token CIDR, which every subnet is cut from", { cidr: token("x") }, ["cidr"]],
  [
    "Network",
    "with zones as a token list, whose length decides the subnets",
    { availabilityZones: Token.asList("x") },
    ["availabilityZones"],
  ],
  ["Network", "with a name IAM would cut", { name: "n".repeat(41) }, ["name"]],
  [
    "Network",
    "with token zone names, which name its subnets' resources",
    { availabilityZones: [token("a"), token("b")] },
    ["availabilityZones[0]", "availabilityZones[1]"],
  ],
  ["LoadBalancer", "with a malformed VPC id", { vpcId: "vpc-1" }, ["vpcId"]],
  ["LoadBalancer", "with one subnet", { subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] }, ["subnetIds"]],
  ["LoadBalancer", "with a token port", { httpPort: Token.asNumber("x") }, ["httpPort"]],
  ["LoadBalancer", "with an empty client list", { ingressCidrs: [] }, ["ingressCidrs"]],
  ["LoadBalancer", "with a name AWS reserves", { name: "internal-web" }, ["name"]],
  ["LoadBalancer", "with a domain missing its zone", { domain: { recordName: "app.example.com" } }, ["domain.zoneId"]],
  ["LoadBalancer", "with a domain given as a string", { domain: "app.example.com" }, ["domain"]],
  [
    "LoadBalancer",
    "with a domain and a certificate",
    {
      domain: { zoneId: "Z0123456789ABCDEFGHIJ", recordName: "app.example.com" },
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    },
    ["domain"],
  ],
  ["LoadBalancer", "with a WAF rate limit over AWS's 2,000,000,000", { webAcl: { rateLimit: 3e9 } }, ["webAcl.rateLimit"]],
  [
    "LoadBalancer",
    "with stress sources as a token list, whose length decides the rules",
    { stressEndpoint: true, stressAllowedCidrs: Token.asList("x") },
    ["stressAllowedCidrs"],
  ],
  ["LoadBalancer", "with the stress endpoint as a string", { stressEndpoint: "yes" }, ["stressEndpoint"]],
  ["LoadBalancer", "with two rules of one priority", { listenerRules: [ROUTE("a", 100), ROUTE("b", 100)] }, ["listenerRules[1].priority"]],
  ["LoadBalancer", "with a rule priority over AWS's 50000", { listenerRules: [ROUTE("a", 50001)] }, ["listenerRules[0].priority"]],
  [
    "LoadBalancer",
    "with a rule without conditions",
    { listenerRules: [{ ...ROUTE("a", 1), conditions: {} }] },
    ["listenerRules[0].conditions"],
  ],
  [
    "LoadBalancer",
    "with four values in one condition",
    { listenerRules: [{ ...ROUTE("a", 1), conditions: { pathPatterns: ["/a", "/b", "/c", "/d"] } }] },
    ["listenerRules[0].conditions.pathPatterns"],
  ],
  [
    "LoadBalancer",
    "with six values in one rule",
    {
      listenerRules: [
        {
          ...ROUTE("a", 1),
          conditions: { pathPatterns: ["/a", "/b", "/c"], hostHeaders: ["a.example.com", "b.example.com", "c.example.com"] },
        },
      ],
    },
    ["listenerRules[0].conditions"],
  ],
  [
    "LoadBalancer",
    "with a host condition AWS refuses and a path with a space",
    { listenerRules: [{ ...ROUTE("a", 1), conditions: { hostHeaders: ["localhost"], pathPatterns: ["/a b"] } }] },
    ["listenerRules[0].conditions.hostHeaders[0]", "listenerRules[0].conditions.pathPatterns[0]"],
  ],
  [
    "LoadBalancer",
    "with a forward to a target group that does not exist",
    { listenerRules: [{ ...ROUTE("a", 1), action: { type: "forward", targetGroup: "api" } }] },
    ["listenerRules[0].action.targetGroup"],
  ],
  [
    "LoadBalancer",
    "with a redirect to the same URL",
    { listenerRules: [{ ...ROUTE("a", 1), action: { type: "redirect" } }] },
    ["listenerRules[0].action"],
  ],
  [
    "LoadBalancer",
    "with target groups as a token list, whose length decides the groups",
    { targetGroups: Token.asList("x") },
    ["targetGroups"],
  ],
  ["LoadBalancer", "with an extra certificate and no HTTPS listener", { additionalCertificateArns: [CERT] }, ["additionalCertificateArns"]],
  ["Compute", "without a load balancer", { loadBalancer: undefined }, ["loadBalancer"]],
  ["Compute", "with the SSH port as the app's", { loadBalancer: { ...LB_OUTPUTS, targetPort: "22" } }, ["loadBalancer.targetPort"]],
  ["Compute", "with an instance count as a token", { instanceCount: Token.asNumber("x") }, ["instanceCount"]],
  ["Compute", "in asg mode without sizes", { mode: "asg" }, ["minSize", "maxSize"]],
  ["Compute", "with an alarm topic that is a queue", { alarmTopicArn: "arn:aws:sqs:us-east-1:123456789012:alarms" }, ["alarmTopicArn"]],
  [
    "Compute",
    "with mixed instance types as a token list, whose length decides the overrides",
    { mode: "asg", minSize: 1, maxSize: 2, mixedInstances: { instanceTypes: Token.asList("x") } },
    ["mixedInstances.instanceTypes"],
  ],
  ["Compute", "in ec2 mode with a warm pool", { warmPool: {} }, ["warmPool"]],
  [
    "Compute",
    "with instance types and instance requirements",
    {
      mode: "asg",
      minSize: 1,
      maxSize: 2,
      mixedInstances: {
        instanceTypes: ["m5.large"],
        instanceRequirements: { vcpuCount: { min: 2 }, memoryMiB: { min: 4096 }, cpuManufacturers: ["intel"] },
      },
    },
    ["mixedInstances"],
  ],
  [
    "Compute",
    "with a Spot max price as a number",
    {
      mode: "asg",
      minSize: 1,
      maxSize: 2,
      mixedInstances: { instanceTypes: ["m5.large"], onDemandPercentageAboveBaseCapacity: 0, spotMaxPrice: 0.05 },
    },
    ["mixedInstances.spotMaxPrice"],
  ],
  [
    "Compute",
    "with weights for a type not listed",
    { mode: "asg", minSize: 1, maxSize: 2, mixedInstances: { instanceTypes: ["m5.large"], weights: { "m5.large": 1, "m5.xlarge": 2 } } },
    ["mixedInstances.weights.m5.xlarge"],
  ],
  [
    "Compute",
    "with an instance lifetime under a day",
    { mode: "asg", minSize: 1, maxSize: 2, maxInstanceLifetimeSeconds: 3600 },
    ["maxInstanceLifetimeSeconds"],
  ],
  [
    "Compute",
    "with a termination policy AWS does not know",
    { mode: "asg", minSize: 1, maxSize: 2, terminationPolicies: ["Newest"] },
    ["terminationPolicies[0]"],
  ],
  [
    "Compute",
    "with scale-in protection an instance refresh ignores",
    { mode: "asg", minSize: 1, maxSize: 2, protectFromScaleIn: true },
    ["protectFromScaleIn"],
  ],
  [
    "Compute",
    "with a default warm-up over an hour",
    { mode: "asg", minSize: 1, maxSize: 2, defaultInstanceWarmupSeconds: 7200 },
    ["defaultInstanceWarmupSeconds"],
  ],
  [
    "Compute",
    "with a placement group both named and created",
    { placementGroup: { name: "shared", strategy: "spread" } },
    ["placementGroup"],
  ],
  [
    "Compute",
    "with a capacity reservation preference and target",
    { capacityReservation: { preference: "open", reservationId: "cr-0123456789abcdef0" } },
    ["capacityReservation"],
  ],
  [
    "Compute",
    "with a hibernated warm pool of instances that cannot hibernate",
    { mode: "asg", minSize: 1, maxSize: 2, warmPool: { poolState: "Hibernated" } },
    ["warmPool.poolState"],
  ],
  ["AlarmTopic", "with a name SNS refuses", { name: "on call" }, ["name"]],
  ["AlarmTopic", "with emails as an object", { emailSubscriptions: { a: "b" } }, ["emailSubscriptions"]],
  ["Messaging", "with queues as a token list", { queues: Token.asList("x") }, ["queues"]],
  ["Messaging", "with a token queue name, which names its resources", { queues: [{ name: token("x") }] }, ["queues[0].name"]],
  ["Messaging", "with a queue that is not an object", { queues: ["orders"] }, ["queues[0]"]],
  [
    "Messaging",
    "with high throughput on a standard topic and its queue",
    { highThroughput: true, queues: [{ name: "q", highThroughput: true }] },
    ["highThroughput", "queues[0].highThroughput"],
  ],
  [
    "Messaging",
    "with content-based deduplication on a standard queue",
    { queues: [{ name: "q", contentBasedDeduplication: true }] },
    ["queues[0].contentBasedDeduplication"],
  ],
  [
    "Messaging",
    "with dead letters kept shorter than the standard queue's messages",
    { queues: [{ name: "q", messageRetentionSeconds: 86400, deadLetterRetentionSeconds: 3600 }] },
    ["queues[0].deadLetterRetentionSeconds"],
  ],
  [
    "Messaging",
    "with a data key reuse period and no KMS key",
    { queues: [{ name: "q", kmsDataKeyReusePeriodSeconds: 600 }] },
    ["queues[0].kmsDataKeyReusePeriodSeconds"],
  ],
  [
    "Messaging",
    "with a data key reuse period over a day",
    { queues: [{ name: "q", kmsKeyId: "alias/orders", kmsDataKeyReusePeriodSeconds: 86401 }] },
    ["queues[0].kmsDataKeyReusePeriodSeconds"],
  ],
  [
    "Messaging",
    "with a success sample rate and no delivery-status logging",
    { deliveryStatusSuccessSampleRate: 10 },
    ["deliveryStatusSuccessSampleRate"],
  ],
  [
    "Messaging",
    "with delivery-status logging whose role name IAM refuses",
    { deliveryStatusLogging: true, topicName: "t".repeat(60) },
    ["deliveryStatusLogging"],
  ],
  [
    "Messaging",
    "with a FIFO queue whose dead-letter queue's name, .fifo included, is over 80",
    { fifo: true, queues: [{ name: "q".repeat(75) }] },
    ["queues[0].name"],
  ],
  ["Scaling", "without an alarm topic", { alarmTopicArn: undefined }, ["alarmTopicArn"]],
  ["Scaling", "with schedules as a token list, whose length decides the actions", { schedules: Token.asList("x") }, ["schedules"]],
  [
    "Scaling",
    "with a token schedule name, which keys its resource",
    { schedules: [{ name: token("x"), recurrence: "0 7 * * *", desiredCapacity: 1 }] },
    ["schedules[0].name"],
  ],
  ["Scaling", "with a schedule that is a string", { schedules: ["0 7 * * *"] }, ["schedules[0]"]],
  ["AlarmTopic", "with HTTPS endpoints as a string", { httpsEndpoints: "https://events.example.com/sns" }, ["httpsEndpoints"]],
  [
    "AlarmTopic",
    "with an HTTPS endpoint twice",
    { httpsEndpoints: ["https://events.example.com/sns", "https://events.example.com/sns"] },
    ["httpsEndpoints"],
  ],
  [
    "Messaging",
    "with a depth alarm and no topic to tell",
    { queues: [{ name: "q", depthAlarmThreshold: 10 }] },
    ["queues[0].depthAlarmThreshold"],
  ],
  ["Network", "with Session Manager endpoints as a string", { sessionManagerEndpoints: "true" }, ["sessionManagerEndpoints"]],
  [
    "Network",
    "with a gateway endpoint for a service that has none, and S3 twice",
    { gatewayEndpoints: ["sqs", "s3", "s3"] },
    ["gatewayEndpoints[0]", "gatewayEndpoints"],
  ],
  [
    "Network",
    "with an ACL rule numbered twice, a rule number out of range, tcp without ports",
    {
      networkAcls: {
        private: {
          inbound: [
            { ruleNumber: 100, protocol: "all", cidr: "0.0.0.0/0" },
            { ruleNumber: 100, protocol: "tcp", cidr: "0.0.0.0/0" },
          ],
          outbound: [{ ruleNumber: 40000, protocol: "all", cidr: "0.0.0.0/0" }],
        },
      },
    },
    ["networkAcls.private.outbound[0].ruleNumber", "networkAcls.private.inbound[1].fromPort", "networkAcls.private.inbound[1].ruleNumber"],
  ],
  [
    "Network",
    "with an ACL on a tier it lacks",
    {
      networkAcls: {
        isolated: {
          inbound: [{ ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0" }],
          outbound: [{ ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0" }],
        },
      },
    },
    ["networkAcls.isolated"],
  ],
  [
    "Network",
    "with an ACL rule on a host address, not a network",
    {
      networkAcls: {
        private: {
          inbound: [{ ruleNumber: 1, protocol: "all", cidr: "10.0.0.1/16" }],
          outbound: [{ ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0" }],
        },
      },
    },
    ["networkAcls.private.inbound[0].cidr"],
  ],
  [
    "Network",
    "dual-stack behind IPv4-only network ACLs",
    {
      ipv6: true,
      networkAcls: {
        private: {
          inbound: [{ ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0" }],
          outbound: [{ ruleNumber: 1, protocol: "all", cidr: "0.0.0.0/0" }],
        },
      },
    },
    ["ipv6"],
  ],
  ["LoadBalancer", "with an address type ALBs do not have", { ipAddressType: "ipv6" }, ["ipAddressType"]],
  ["Network", "with a DB subnet group and no isolated tier", { databaseSubnetGroup: true }, ["databaseSubnetGroup"]],
  [
    "Network",
    "with S3 asked for by the flag and the list, and no private tier",
    { subnetTiers: ["public"], natGateways: "none", s3GatewayEndpoint: true, gatewayEndpoints: ["s3"] },
    ["s3GatewayEndpoint", "gatewayEndpoints", "gatewayEndpoints"],
  ],
  ["Scaling", "with compute outputs of no mode", { compute: { ...ASG_OUTPUTS, mode: undefined } }, ["compute.mode"]],
  ["WebTier", "with a misspelt section", { network: undefined, netwrok: {} }, ["netwrok", "network"]],
  ["WebTier", "with a section that is a string", { compute: "ec2" }, ["compute"]],
  [
    "WebTier",
    "with a rule evaluated before the /stress guard",
    { compute: { mode: "ec2", stressEndpoint: true }, loadBalancer: { listenerRules: [ROUTE("a", 5)] } },
    ["loadBalancer.listenerRules[0].priority"],
  ],
];

/**
 * In each module, a malformed field beside a rule across other fields: the field's own finding,
 * and the rule's, whose fields are sound. A malformed field hides only the rules that read it.
 */
const BESIDE: readonly (readonly [string, string, Record<string, unknown>, readonly string[]])[] = [
  [
    "Network",
    "with a retention CloudWatch does not offer beside NAT without a public tier",
    { flowLogs: { retentionDays: 45 }, subnetTiers: ["private"], natGateways: "single" },
    ["flowLogs.retentionDays", "natGateways"],
  ],
  [
    "LoadBalancer",
    "with a target group prefix AWS refuses beside a health check timeout not below its interval",
    { targetGroupNamePrefix: "-tg", healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
    ["targetGroupNamePrefix", "healthCheck.timeoutSeconds"],
  ],
  [
    "Compute",
    "with a malformed image beside maxSize below minSize",
    { mode: "asg", imageId: "ubuntu", minSize: 3, maxSize: 2 },
    ["imageId", "maxSize"],
  ],
  [
    "AlarmTopic",
    "with a malformed email beside a forward to another region",
    { emailSubscriptions: ["oncall"], forwardToTopicArns: ["arn:aws:sns:eu-west-1:123456789012:oncall"] },
    ["emailSubscriptions[0]", "forwardToTopicArns[0]"],
  ],
  [
    "Messaging",
    "with a dead-letter retention over 14 days beside high throughput on a standard queue",
    { queues: [{ name: "q", deadLetterRetentionSeconds: 1209601, highThroughput: true }] },
    ["queues[0].deadLetterRetentionSeconds", "queues[0].highThroughput"],
  ],
  [
    "Messaging",
    "with no receives before the dead-letter queue beside a FIFO queue on a standard topic",
    { queues: [{ name: "q", maxReceiveCount: 0, fifo: true }] },
    ["queues[0].maxReceiveCount", "queues[0].fifo"],
  ],
  [
    "Scaling",
    "with no evaluation periods beside scale-in at or above scale-out",
    { stepScaling: { enabled: true, scaleOut: { thresholdPercent: 60, evaluationPeriods: 0 }, scaleIn: { thresholdPercent: 70 } } },
    ["stepScaling.scaleOut.evaluationPeriods", "stepScaling.scaleIn.thresholdPercent"],
  ],
  [
    "WebTier",
    "with a port over 65535 beside no NAT for Session Manager",
    { loadBalancer: { httpPort: 70000 }, network: { availabilityZones: ["us-east-1a", "us-east-1b"], natGateways: "none" } },
    ["loadBalancer.httpPort", "network.natGateways"],
  ],
  [
    "WebTier",
    "with a malformed instance type beside scale-in at or above scale-out",
    {
      compute: { mode: "asg", minSize: 1, maxSize: 2, instanceType: "t3micro" },
      scaling: { stepScaling: { enabled: true, scaleIn: { thresholdPercent: 80 } } },
    },
    ["compute.instanceType", "scaling.stepScaling.scaleIn.thresholdPercent"],
  ],
];

const GOOD: readonly (readonly [string, string, Record<string, unknown>])[] = [
  ["Network", "with six zones", { availabilityZones: ["a", "b", "c", "d", "e", "f"].map((z) => `us-east-1${z}`) }],
  [
    "LoadBalancer",
    "with token subnets and clients",
    { subnetIds: Token.asList("s"), ingressCidrs: Token.asList("c"), vpcCidr: token("v") },
  ],
  [
    "LoadBalancer",
    "with a domain from another stack's outputs",
    { domain: { zoneId: token("z"), recordName: token("r"), alternativeNames: Token.asList("a") } },
  ],
  [
    "LoadBalancer",
    "with a web ACL, log bucket and traffic controls from tokens",
    {
      webAcl: { arn: token("w") },
      accessLogs: { bucket: token("b") },
      slowStartSeconds: Token.asNumber("s"),
      stickiness: { durationSeconds: Token.asNumber("d") },
    },
  ],
  [
    "LoadBalancer",
    "with routing from another stack's outputs",
    {
      certificateArn: CERT,
      additionalCertificateArns: Token.asList("c"),
      targetGroups: [{ name: "api", port: 8080, healthCheck: { path: token("p") } }],
      listenerRules: [
        {
          name: "api",
          priority: Token.asNumber("p"),
          conditions: { hostHeaders: Token.asList("h"), sourceIps: [token("s")] },
          action: { type: "forward", targetGroup: "api" },
        },
      ],
    },
  ],
  ["Compute", "in asg mode with min = desired = max", { mode: "asg", minSize: 2, desiredCapacity: 2, maxSize: 2 }],
  [
    "Compute",
    "with a token alarm topic, image version and instance types",
    {
      mode: "asg",
      minSize: 2,
      maxSize: 4,
      alarmTopicArn: token("t"),
      imageVersion: Token.asNumber("v"),
      mixedInstances: { instanceTypes: [token("a"), token("b")] },
    },
  ],
  [
    "Compute",
    "with token capacity settings",
    {
      mode: "asg",
      minSize: 2,
      maxSize: 4,
      maxInstanceLifetimeSeconds: Token.asNumber("l"),
      defaultInstanceWarmupSeconds: Token.asNumber("w"),
      placementGroup: { name: token("p") },
      capacityReservation: { reservationId: token("r") },
      mixedInstances: { instanceTypes: ["m5.large"], onDemandPercentageAboveBaseCapacity: Token.asNumber("o"), spotMaxPrice: token("s") },
    },
  ],
  [
    "Compute",
    "with token sizes",
    { mode: "asg", minSize: Token.asNumber("a"), maxSize: Token.asNumber("b"), desiredCapacity: Token.asNumber("c") },
  ],
  [
    "Messaging",
    "with token retentions, reuse period and sample rate",
    {
      deliveryStatusLogging: true,
      deliveryStatusSuccessSampleRate: Token.asNumber("r"),
      queues: [
        {
          name: "q",
          kmsKeyId: token("k"),
          kmsDataKeyReusePeriodSeconds: Token.asNumber("p"),
          messageRetentionSeconds: Token.asNumber("m"),
          deadLetterRetentionSeconds: Token.asNumber("d"),
        },
      ],
    },
  ],
  [
    "Messaging",
    "with token numbers",
    { queues: [{ name: "q", visibilityTimeoutSeconds: Token.asNumber("v"), consumerTimeoutSeconds: Token.asNumber("c") }] },
  ],
  [
    "AlarmTopic",
    "with subscribers from another stack",
    { emailSubscriptions: Token.asList("e"), httpsEndpoints: Token.asList("h"), forwardToTopicArns: Token.asList("f") },
  ],
  [
    "Scaling",
    "with token schedule sizes and a token recurrence",
    { schedules: [{ name: "night", recurrence: token("r"), minSize: Token.asNumber("a"), desiredCapacity: Token.asNumber("b") }] },
  ],
  [
    "Scaling",
    "with token thresholds",
    {
      stepScaling: {
        enabled: true,
        scaleOut: { thresholdPercent: Token.asNumber("a") },
        scaleIn: { thresholdPercent: Token.asNumber("b") },
      },
    },
  ],
];

describe("module props corpus", () => {
  describe.each(BAD.map(([module, name, props, paths]) => ({ module, name, props, paths })))(
    "$module refuses props $name",
    ({ module, props, paths }) => {
      it("with every problem at its path, and the wording reviewed", () => {
        const problems = problemsOf(() => build[module]!(props));
        expect(problems.map((p) => p.split(" ")[0])).toEqual(paths);
        expect(problems).toMatchSnapshot();
      });
    },
  );

  describe.each(BESIDE.map(([module, name, props, paths]) => ({ module, name, props, paths })))(
    "$module refuses props $name",
    ({ module, props, paths }) => {
      it("with the malformed field and the rule beside it, both in one error", () => {
        const problems = problemsOf(() => build[module]!(props));
        expect(problems.map((p) => p.split(" ")[0])).toEqual(paths);
        expect(problems).toMatchSnapshot();
      });
    },
  );

  it.each(Object.keys(build))("%s refuses props that are not an object with one finding, its rules not run", (module) => {
    const construct = { AlarmTopic, Compute, LoadBalancer, Messaging, Network, Scaling, WebTier }[module] as unknown as new (
      scope: unknown,
      id: string,
      props: unknown,
    ) => unknown;
    for (const props of ["demo", null, [], 5]) {
      expect(() => new construct(testStack(), "x", props)).toThrowError(
        / is invalid \(1 problem\):\n {2}- \(config\) \(.*\) must be an object[^\n]*$/,
      );
    }
  });

  it("has a malformed field beside a rule in every module", () => {
    expect(new Set(BESIDE.map(([module]) => module))).toEqual(new Set(Object.keys(build)));
  });

  it.each(GOOD.map(([module, name, props]) => ({ module, name, props })))("$module accepts props $name", ({ module, props }) => {
    expect(problemsOf(() => build[module]!(props))).toEqual([]);
  });

  it("warns at synth of an alarm topic nobody subscribes to, the wording reviewed", () => {
    const stack = testStack();
    new AlarmTopic(stack, "alarm-topic", { name: "demo" });
    const warnings = synthWarnings(stack);
    expect(warnings.map((w) => w.path)).toEqual(["test/alarm-topic"]);
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toMatchSnapshot();
  });
});
