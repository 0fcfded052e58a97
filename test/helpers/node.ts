// The local-node harness lives with the scripts that start nodes for users (npm run app); tests use
// the same code, plus a provider that never answers from ethers' cache.
import { JsonRpcProvider } from "ethers";

export * from "../../scripts/lib/localNode";

/**
 * An ethers provider for a test's node, with ethers' request cache off. By default ethers answers an
 * identical request (the same eth_getBalance or eth_call at "latest") sent within 250 ms from the
 * first answer, so a balance read just after a transaction could return the balance from before it:
 * a test that reads, transacts and reads again must see every read reach the node.
 */
export function nodeProvider(url: string): JsonRpcProvider {
  return new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
}
