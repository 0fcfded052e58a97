export * from "./math";
export * from "./address";
