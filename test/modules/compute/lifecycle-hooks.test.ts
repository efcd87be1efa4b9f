import { AutoscalingLifecycleHook } from "@cdktf/provider-aws/lib/autoscaling-lifecycle-hook";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { describe, expect, it } from "vitest";
import { onlyResource, parseJsonTemplate, resourcesOf } from "../../support/synth";
import { buildAsg, problems } from "./helpers";

const GROUP = /^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.name\}$/;

describe("lifecycle hooks", () => {
  const { json } = buildAsg({ lifecycleHooks: { launch: {}, terminate: { heartbeatTimeoutSeconds: 900, defaultResult: "ABANDON" } } });
  const hooks = Object.values(resourcesOf(json, AutoscalingLifecycleHook));

  it("pause launches and terminations of the group, continuing after 300 s by default", () => {
    expect(hooks).toEqual([
      {
        name: "demo-launch",
        autoscaling_group_name: expect.stringMatching(GROUP),
        lifecycle_transition: "autoscaling:EC2_INSTANCE_LAUNCHING",
        heartbeat_timeout: 300,
        default_result: "CONTINUE",
      },
      {
        name: "demo-terminate",
        autoscaling_group_name: expect.stringMatching(GROUP),
        lifecycle_transition: "autoscaling:EC2_INSTANCE_TERMINATING",
        heartbeat_timeout: 900,
        default_result: "ABANDON",
      },
    ]);
  });

  it("let the instance role complete and extend the group's lifecycle actions, and nothing else", () => {
    const policy = onlyResource(json, IamRolePolicy);
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.compute_role_[0-9A-F]{8}\.name\}$/);
    expect(parseJsonTemplate(policy.policy).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"],
        Resource: expect.stringMatching(/^\$\{aws_autoscaling_group\.compute_group_[0-9A-F]{8}\.arn\}$/),
      },
    ]);
  });

  it("create only the hooks asked for, and no policy without any", () => {
    expect(
      Object.values(resourcesOf(buildAsg({ lifecycleHooks: { terminate: {} } }).json, AutoscalingLifecycleHook)).map((h) => h.name),
    ).toEqual(["demo-terminate"]);
    const none = buildAsg().json;
    expect(resourcesOf(none, AutoscalingLifecycleHook)).toEqual({});
    expect(resourcesOf(none, IamRolePolicy)).toEqual({});
  });

  it("throws on a heartbeat outside 30 to 7200 seconds and an unknown default result", () => {
    expect(
      problems({
        mode: "asg",
        lifecycleHooks: {
          launch: { heartbeatTimeoutSeconds: 29 },
          terminate: { heartbeatTimeoutSeconds: 7201, defaultResult: "RETRY" as never },
        },
      }),
    ).toEqual([
      "lifecycleHooks.launch.heartbeatTimeoutSeconds",
      "lifecycleHooks.terminate.heartbeatTimeoutSeconds",
      "lifecycleHooks.terminate.defaultResult",
    ]);
  });

  it("throws on a hook for another transition", () => {
    expect(problems({ mode: "asg", lifecycleHooks: { warmup: {} } as never })).toEqual(["lifecycleHooks.warmup"]);
  });
});
