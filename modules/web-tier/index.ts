export type { WebTierProps } from "./props";
export { WebTier } from "./web-tier";
