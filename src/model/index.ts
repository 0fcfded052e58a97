/**
 * The models: BigInt references of the contracts' arithmetic (to the wei) with exact-fraction
 * sides, and the constants the library shares. Pure: no Hardhat, no provider, no chain.
 */
export * from "./amm";
export * from "./bigint";
export * from "./constants";
export * from "./farm";
export * from "./fraction";
export * from "./gas";
export * from "./lending";
export * from "./compounding";
export * from "./pairAddress";
export * from "./rewarder";
export * from "./staking";
export * from "./vault";
export * from "./zap";
