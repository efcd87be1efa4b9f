/**
 * The package's one entry point: every module, its props and its outputs (the contract), the
 * stack-output contract of an environment, state backends and the remote-state reader.
 */
export * from "./compute";
export * from "./contract";
export * from "./load-balancer";
export * from "./messaging";
export * from "./network";
export * from "./scaling";
export { ValidationError, type Finding } from "./core/validation";
