// The local-node harness lives with the scripts that start nodes for users (npm run app); tests use
// the same code.
export * from "../../scripts/lib/localNode";
