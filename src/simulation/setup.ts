import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { LOCAL_LENDING, loadDeployConfig, type DeployConfig } from "../../deploy/config";
import { deployFurrow } from "../chain/deploy";
import { deploymentDir, readDeployment, type FurrowDeployment } from "../chain/deployment";
import { forkInProcess } from "../chain/fork";

/** Seconds between deployment and the farm's start in a fresh simulation: time for seeding. */
export const WARMUP = 3_600;

/**
 * Seconds a proposal needs from propose to execute under `c`'s governance: the voting delay, the
 * voting period and the timelock's delay (the few seconds of the transactions themselves fit in the
 * warm-up hour).
 */
export function proposalSeconds(c: DeployConfig): number {
  return c.governance.votingDelay + c.governance.votingPeriod + c.governance.timelockDelay;
}
/** 0.2 FUR/s (17,280 FUR a day): emission sized to the simulated pools, for APRs in a familiar range. */
export const SIM_REWARD_PER_SECOND = 2n * 10n ** 17n;

/**
 * A fresh embedded chain with Furrow deployed through the same Ignition module as a real
 * deployment (deploy/parameters/hardhat.json), the farm starting an hour plus the time of one
 * governance proposal later, so that every pool is seeded and staked and the fee-switch proposal
 * has passed before the first second of emission. The deployment lists LOCAL_LENDING's market
 * (mock USDC lent against WETH, priced by a settable mock feed) for the lenders and borrowers.
 */
export async function deployFresh(hre: HardhatRuntimeEnvironment): Promise<FurrowDeployment> {
  await hre.network.provider.send("hardhat_reset", []);
  const latest = (await hre.ethers.provider.getBlock("latest"))!;
  const base = loadDeployConfig("hardhat");
  const config: DeployConfig = {
    ...base,
    startTime: latest.timestamp + WARMUP + proposalSeconds(base),
    rewardPerSecond: SIM_REWARD_PER_SECOND.toString(),
    // The local USDC/WETH lending market (mock USDC, WETH collateral, a settable ETH/USD feed).
    lending: LOCAL_LENDING,
  };
  const { addresses } = await deployFurrow(hre, config);
  return addresses;
}

/** Fetches the chain id of a JSON-RPC node (read only). */
export async function remoteChainId(url: string): Promise<bigint> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  const body = (await res.json()) as { result: string };
  return BigInt(body.result);
}

/**
 * Forks `url` (at `block`, or its latest block) into the embedded network and finds the Furrow
 * deployment from the journal for the forked chain's id (or `dir`). Nothing is ever sent to `url`:
 * every transaction of the simulation lands on the local fork only.
 */
export async function attachFork(
  hre: HardhatRuntimeEnvironment,
  url: string,
  opts: { block?: number; dir?: string },
): Promise<FurrowDeployment> {
  const chainId = await remoteChainId(url);
  const deployment = readDeployment(opts.dir ?? deploymentDir(chainId));
  await forkInProcess(hre, url, opts.block);
  return deployment;
}
