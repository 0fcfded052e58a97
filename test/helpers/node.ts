// The local-node harness lives with the scripts that start nodes for users (npm run app); tests use
// the same code, plus a provider that never answers from ethers' cache.
import fs from "fs";
import path from "path";
import { JsonRpcProvider, JsonRpcSigner } from "ethers";
import { readDeployment, type FurrowDeployment } from "../../src/chain/deployment";
import { ROOT, rpc, runHardhat, startNode, type LocalNode } from "../../scripts/lib/localNode";

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

/** A `hardhat node` with the documented deployment on it (what the tasks' e2e tests start from). */
export interface DeployedNode {
  node: LocalNode;
  provider: JsonRpcProvider;
  /** The environment the tasks need to reach the node (`--network localhost`). */
  env: Record<string, string>;
  d: FurrowDeployment;
  /** The Timelock, impersonated and funded: what a governance proposal would do, done directly. */
  timelock: JsonRpcSigner;
  /** Stops the node and puts back the chain-31337 journal that was there before, if any. */
  stop(): Promise<void>;
}

/**
 * Moves any chain-31337 journal aside, starts a node on a free loopback port and runs the
 * documented `npx hardhat ignition deploy deploy/modules/Furrow.ts --network localhost` on it.
 * `label` names the backup folder (one per test file and process).
 */
export async function startDeployedNode(label: string): Promise<DeployedNode> {
  const journal = path.join(ROOT, "deploy", "deployments", "chain-31337");
  const backup = `${journal}.bak-${label}-${process.pid}`;
  if (fs.existsSync(journal)) fs.renameSync(journal, backup);
  let node: LocalNode | undefined;
  let provider: JsonRpcProvider | undefined;
  const stop = async () => {
    provider?.destroy();
    await node?.stop();
    fs.rmSync(journal, { recursive: true, force: true });
    if (fs.existsSync(backup)) fs.renameSync(backup, journal);
  };
  try {
    node = await startNode();
    const env = { LOCALHOST_RPC_URL: node.url };
    provider = nodeProvider(node.url);
    const deploy = await runHardhat(
      ["ignition", "deploy", "deploy/modules/Furrow.ts", "--network", "localhost"],
      env,
    );
    if (deploy.code !== 0) throw new Error(`deploy failed:\n${deploy.stdout}\n${deploy.stderr}`);
    const d = readDeployment(journal);
    await rpc(node.url, "hardhat_impersonateAccount", [d.timelock]);
    await rpc(node.url, "hardhat_setBalance", [d.timelock, "0x56bc75e2d63100000"]); // 100 ETH
    return { node, provider, env, d, timelock: new JsonRpcSigner(provider, d.timelock), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
