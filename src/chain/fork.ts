import type { HardhatNetworkConfig, HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * EDR fails the first call on a fresh fork with "No known hardfork for execution on historical
 * block N" (its `hardforkHistory` setting is ignored by this version). Mining one local block right
 * after the fork is created makes every later call run on a block with a known hardfork. The block
 * stays in the in-process fork: nothing is ever sent to the forked chain.
 */
async function mineFirstForkBlock(hre: HardhatRuntimeEnvironment): Promise<void> {
  await hre.network.provider.send("hardhat_mine", ["0x1"]);
}

/** Forks `url` (at `block`, or its latest block) into the in-process network, ready for calls. */
export async function forkInProcess(
  hre: HardhatRuntimeEnvironment,
  url: string,
  block?: number,
): Promise<void> {
  await hre.network.provider.send("hardhat_reset", [
    { forking: { jsonRpcUrl: url, ...(block !== undefined ? { blockNumber: block } : {}) } },
  ]);
  await mineFirstForkBlock(hre);
}

/** When the in-process network forks from its config (`FORK_URL=... --network hardhat`), makes it ready for calls. */
export async function readyConfiguredFork(hre: HardhatRuntimeEnvironment): Promise<void> {
  const config = hre.network.config as HardhatNetworkConfig;
  if (hre.network.name === "hardhat" && config.forking?.enabled && config.forking.url) {
    await mineFirstForkBlock(hre);
  }
}
