import type { Network } from "hardhat/types";
import { FurrowError } from "./errors";

/** The configuration variable holding the key that signs on the testnets (hardhat.config.ts). */
export const DEPLOYER_KEY_VAR = "DEPLOYER_PRIVATE_KEY";

const UNSET_URL = "http://unset.invalid/";

/**
 * The URL hardhat.config.ts gives a network whose RPC variable is unset: unroutable, so nothing
 * can reach a wrong node, and it names the variable for `requireNetwork`.
 */
export function unsetRpcUrl(rpcVar: string): string {
  return UNSET_URL + rpcVar;
}

/** The variable to set when `url` is the placeholder of an unset one, else undefined. */
export function unsetRpcVar(url: string): string | undefined {
  return url.startsWith(UNSET_URL) ? url.slice(UNSET_URL.length) : undefined;
}

/**
 * Checks, before a command touches the network, that the selected network has its RPC URL and,
 * when the command signs, a key. Loading the config never checks anything (compile and test never
 * need either); each task checks what it needs when it runs.
 */
export function requireNetwork(network: Network, needs: { signer: boolean }): void {
  const config = network.config as { url?: string; accounts?: unknown };
  const rpcVar = config.url === undefined ? undefined : unsetRpcVar(config.url);
  const missing = [
    ...(rpcVar ? [rpcVar] : []),
    // An HTTP network lists its keys; an empty list means DEPLOYER_PRIVATE_KEY is unset
    // ("remote", e.g. localhost, signs with the node's accounts).
    ...(needs.signer && Array.isArray(config.accounts) && config.accounts.length === 0
      ? [DEPLOYER_KEY_VAR]
      : []),
  ];
  if (missing.length > 0) {
    throw new FurrowError(
      "NETWORK",
      `network "${network.name}" needs ${missing.join(" and ")}: run \`npx hardhat vars set ${missing[0]}\` or export ${missing[0]}=...`,
    );
  }
}
