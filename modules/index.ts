/**
 * The package's one entry point, and its whole public surface: the constructs with their props
 * and output types, the stack-output contract of a tier, state backends, the remote-state
 * reader and the validation error. A test pins these names.
 */
export * from "./alarm-topic";
export * from "./compute";
export * from "./contract";
export * from "./load-balancer";
export * from "./messaging";
export * from "./network";
export * from "./scaling";
export * from "./web-tier";
export { ValidationError, type Finding } from "./core/validation";
