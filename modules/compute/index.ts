export { Compute, GROUP_METRICS, SSM_MANAGED_POLICY } from "./compute";
export type { ComputeOutputs } from "./outputs";
export {
  AL2023_ARM64_IMAGE,
  AL2023_IMAGE,
  isArm64InstanceType,
  COMPUTE_DEFAULTS,
  type AsgModeProps,
  type ComputeCommonProps,
  type ComputeMode,
  type ComputeProps,
  type Ec2ModeProps,
} from "./props";
export { refreshBounds, USER_DATA_MAX_BYTES, validateComputeProps, validateComputeSettings, type ComputeSettings } from "./validate";
export { WORKLOAD_SOURCE, workloadUserData, type WorkloadOptions } from "./workload";
