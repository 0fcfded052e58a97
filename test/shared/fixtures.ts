// Layered fixtures: tokenFixture → ammFixture → farmFixture → protocolFixture.
// Use them through `loadFixture(named function)`.
export * from "./fixtures/token";
export * from "./fixtures/governance";
export * from "./fixtures/amm";
export * from "./fixtures/farm";
export * from "./fixtures/protocol";
