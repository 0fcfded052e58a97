import fs from "fs";
import path from "path";
import { isAddress } from "ethers";
import { FurrowError } from "../src/chain/errors";

/**
 * Per-network deployment settings: deploy/parameters/<network>.json.
 *
 * Token references in `pairs` and `pools` are either an address or one of the symbols the
 * deployment itself provides: "FUR" (the RewardToken) and "WETH" (the configured WETH, or the
 * WETH9 deployed on local chains).
 */
export interface DeployConfig {
  /** FUR per second for the whole farm, in wei (decimal string). */
  rewardPerSecond: string;
  /** Unix time at which rewards start; 0 = from the farm's deployment block. */
  startTime: number;
  /** Canonical WETH on a real chain; omit on local chains to deploy a WETH9. */
  weth?: string;
  governance: {
    /** Seconds between proposal and voting start. */
    votingDelay: number;
    /** Seconds of voting. */
    votingPeriod: number;
    /** Quorum as a percentage of the total supply at the proposal snapshot. */
    quorumPercent: number;
    /** FUR (wei, decimal string) needed to propose. */
    proposalThreshold: string;
    /** Seconds added to voting when quorum is reached late. */
    lateQuorumExtension: number;
    /** Timelock minimum delay in seconds. */
    timelockDelay: number;
  };
  /**
   * Pairs to create; `allocPoint` > 0 also adds a farm pool for the pair's LP token, and `vault`
   * (only with such a pool) has the VaultFactory create that pool's compounding vault.
   */
  pairs: { tokenA: string; tokenB: string; allocPoint: number; vault?: boolean }[];
  /** Farm pools for existing tokens (single-sided staking), e.g. FUR itself; `vault` as for pairs. */
  pools: { token: string; allocPoint: number; vault?: boolean }[];
  /**
   * Whether the protocol fee starts on: `true` has the bootstrap batch make the FeeCollector the
   * factory's `feeTo`. Absent or `false`: off, as in Uniswap V2, until governance turns it on.
   */
  feeSwitch?: boolean;
}

export const PARAMETERS_DIR = path.join(__dirname, "parameters");

export function parametersPath(network: string): string {
  return path.join(PARAMETERS_DIR, `${network}.json`);
}

/** Reads and validates deploy/parameters/<network>.json; a missing or bad file throws FurrowError DEPLOY_CONFIG. */
export function loadDeployConfig(network: string): DeployConfig {
  const file = parametersPath(network);
  if (!fs.existsSync(file)) {
    throw new FurrowError(
      "DEPLOY_CONFIG",
      `no deployment parameters for network "${network}": create ${path.relative(process.cwd(), file)} (copy deploy/parameters/sepolia.json)`,
    );
  }
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as DeployConfig;
  validate(config, path.relative(process.cwd(), file));
  return config;
}

function validate(c: DeployConfig, where: string): void {
  const fail = (msg: string): never => {
    throw new FurrowError("DEPLOY_CONFIG", `${where}: ${msg}`);
  };
  if (!/^\d+$/.test(c.rewardPerSecond ?? "")) fail(`rewardPerSecond must be a decimal string of wei`);
  if (!Number.isInteger(c.startTime) || c.startTime < 0) fail(`startTime must be a unix time or 0`);
  if (c.weth !== undefined && !isAddress(c.weth)) fail(`weth is not an address: ${c.weth}`);
  const g = c.governance ?? fail("governance settings are missing");
  for (const key of [
    "votingDelay",
    "votingPeriod",
    "quorumPercent",
    "lateQuorumExtension",
    "timelockDelay",
  ] as const) {
    if (!Number.isInteger(g[key]) || g[key] < 0) fail(`governance.${key} must be a non-negative integer`);
  }
  if (g.quorumPercent > 100) fail(`governance.quorumPercent must be at most 100`);
  if (!/^\d+$/.test(g.proposalThreshold ?? ""))
    fail(`governance.proposalThreshold must be a decimal string of wei`);
  const token = (t: string, field: string) => {
    if (t !== "FUR" && t !== "WETH" && !isAddress(t))
      fail(`${field} must be "FUR", "WETH" or an address: ${t}`);
  };
  (c.pairs ?? fail("pairs is missing (use [])")).forEach((p, i) => {
    token(p.tokenA, `pairs[${i}].tokenA`);
    token(p.tokenB, `pairs[${i}].tokenB`);
    if (p.tokenA.toLowerCase() === p.tokenB.toLowerCase()) fail(`pairs[${i}] pairs a token with itself`);
    if (!Number.isInteger(p.allocPoint) || p.allocPoint < 0)
      fail(`pairs[${i}].allocPoint must be an integer >= 0`);
    if (p.vault !== undefined && typeof p.vault !== "boolean")
      fail(`pairs[${i}].vault must be true or false`);
    if (p.vault && p.allocPoint === 0) fail(`pairs[${i}] has a vault but no farm pool (allocPoint 0)`);
  });
  if (c.feeSwitch !== undefined && typeof c.feeSwitch !== "boolean") fail(`feeSwitch must be true or false`);
  (c.pools ?? fail("pools is missing (use [])")).forEach((p, i) => {
    token(p.token, `pools[${i}].token`);
    if (!Number.isInteger(p.allocPoint) || p.allocPoint < 0)
      fail(`pools[${i}].allocPoint must be an integer >= 0`);
    if (p.vault !== undefined && typeof p.vault !== "boolean")
      fail(`pools[${i}].vault must be true or false`);
  });
}
