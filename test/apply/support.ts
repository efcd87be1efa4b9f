import { execFile } from "node:child_process";
import { LOCAL_CREDENTIALS, LOCAL_STATE_BUCKET } from "../../scripts/lib/overrides";
import { emulatorHeaders, pythonBinary } from "../../scripts/lib/emulator";

/** A Terraform state as stored in the emulator's S3 (`<env>/terraform.tfstate`). */
export interface StoredState {
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, { value: unknown; type: unknown }>;
  readonly resources: { mode: string; type: string; name: string }[];
}

/** The environment's state object, read straight from the emulator's bucket. */
export async function storedState(endpoint: string, env: string): Promise<StoredState> {
  const response = await fetch(`${endpoint}/${LOCAL_STATE_BUCKET}/${env}/terraform.tfstate`, { headers: emulatorHeaders("s3") });
  if (!response.ok) throw new Error(`no state for ${env} in the emulator: ${response.status}`);
  return (await response.json()) as StoredState;
}

/** Runs Python with boto3 against the emulator: `script` sees `client(service)`; what it prints is returned. */
export function boto3(endpoint: string, script: string): Promise<string> {
  const prelude = `import boto3, json
def client(service):
    return boto3.client(service, endpoint_url=${JSON.stringify(endpoint)}, region_name="us-east-1", aws_access_key_id=${JSON.stringify(LOCAL_CREDENTIALS.accessKey)}, aws_secret_access_key=${JSON.stringify(LOCAL_CREDENTIALS.secretKey)})
`;
  return new Promise((resolve, reject) => {
    execFile(pythonBinary(), ["-c", `${prelude}${script}`], { encoding: "utf8" }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/**
 * What the emulator still holds for an environment, by its Environment tag: the tagging API,
 * plus each service's own listing where the tagging API does not reach. KMS keys only count
 * while enabled: AWS, too, keeps a destroyed key for its waiting period, pending deletion.
 */
export async function leftInEmulator(endpoint: string, env: string): Promise<string[]> {
  const out = await boto3(
    endpoint,
    `env = ${JSON.stringify(env)}
tag = [{"Name": "tag:Environment", "Values": [env]}]
# Instances and NAT gateways stay listed for a while once terminated or deleted (in AWS too): their state is checked below.
left = [r["ResourceARN"] for r in client("resourcegroupstaggingapi").get_resources(TagFilters=[{"Key": "Environment", "Values": [env]}])["ResourceTagMappingList"] if ":instance/" not in r["ResourceARN"] and ":natgateway/" not in r["ResourceARN"]]
ec2 = client("ec2")
left += [v["VpcId"] for v in ec2.describe_vpcs(Filters=tag)["Vpcs"]]
left += [s["SubnetId"] for s in ec2.describe_subnets(Filters=tag)["Subnets"]]
left += [i["InstanceId"] for r in ec2.describe_instances(Filters=tag)["Reservations"] for i in r["Instances"] if i["State"]["Name"] != "terminated"]
left += [n["NatGatewayId"] for n in ec2.describe_nat_gateways(Filters=tag)["NatGateways"] if n["State"] != "deleted"]
left += [a["AllocationId"] for a in ec2.describe_addresses(Filters=tag)["Addresses"]]
left += [l["LoadBalancerArn"] for l in client("elbv2").describe_load_balancers()["LoadBalancers"] if f"-{env}" in l["LoadBalancerName"]]
left += client("sqs").list_queues(QueueNamePrefix=f"webtier-{env}").get("QueueUrls", [])
left += [t["TopicArn"] for t in client("sns").list_topics()["Topics"] if f"webtier-{env}-" in t["TopicArn"]]
left += [g["AutoScalingGroupName"] for g in client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"] if f"-{env}" in g["AutoScalingGroupName"]]
left += [r["RoleName"] for r in client("iam").list_roles()["Roles"] if r["RoleName"].startswith(f"webtier-{env}-")]
kms = client("kms")
left = [a for a in left if ":kms:" not in a or kms.describe_key(KeyId=a)["KeyMetadata"]["KeyState"] != "PendingDeletion"]
print(json.dumps(left))`,
  );
  return JSON.parse(out) as string[];
}
