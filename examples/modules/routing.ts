// Several services behind one ALB: an API and an admin app in target groups of their own, rules by
// host, path, header, query string and source IP, a redirect and a fixed response, and a second
// certificate served by SNI. The instances' group stays the default; each other service registers
// its targets through `loadBalancer.outputs.targetGroupArns[<name>]`.
// Run: node --require ./scripts/register-ts.cjs examples/modules/routing.ts
import { LoadBalancer, type Network } from "../../modules";
import { type ExampleStack, synthExample } from "./example-stack";
import { networkExample } from "./network";

// Replace with certificates of your own, in the load balancer's region.
const SHOP_CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const ADMIN_CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

export function routingExample(stack: ExampleStack): { network: Network; loadBalancer: LoadBalancer } {
  const network = networkExample(stack);
  const loadBalancer = new LoadBalancer(stack, "load-balancer", {
    name: "routing-example",
    vpcId: network.outputs.vpcId,
    vpcCidr: network.outputs.vpcCidr,
    subnetIds: network.outputs.publicSubnetIds,
    certificateArn: SHOP_CERTIFICATE,
    additionalCertificateArns: [ADMIN_CERTIFICATE],
    targetGroups: [
      { name: "api", port: 8080, healthCheck: { path: "/api/health" } },
      { name: "admin", port: 9000, targetType: "ip", healthCheck: { path: "/healthz", matcher: "200-299" } },
    ],
    listenerRules: [
      {
        name: "admin",
        priority: 10,
        conditions: { hostHeaders: ["admin.example.com"], sourceIps: ["203.0.113.0/24"] },
        action: { type: "forward", targetGroup: "admin" },
      },
      {
        name: "admin-elsewhere",
        priority: 11,
        conditions: { hostHeaders: ["admin.example.com"] },
        action: { type: "fixed-response", statusCode: 403, messageBody: "Forbidden\n" },
      },
      { name: "api", priority: 20, conditions: { pathPatterns: ["/api/*"] }, action: { type: "forward", targetGroup: "api" } },
      {
        name: "api-canary",
        priority: 15,
        conditions: {
          pathPatterns: ["/api/*"],
          httpHeaders: [{ name: "X-Canary", values: ["on"] }],
          queryStrings: [{ key: "v", value: "2" }],
        },
        action: { type: "forward", targetGroup: "default" },
      },
      {
        name: "old-blog",
        priority: 30,
        conditions: { pathPatterns: ["/blog/*"] },
        action: { type: "redirect", host: "blog.example.com", path: "/", statusCode: "HTTP_302" },
      },
    ],
  });
  return { network, loadBalancer };
}

if (require.main === module) synthExample("routing", routingExample);
