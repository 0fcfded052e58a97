import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { MaxUint256, ZeroAddress, solidityPackedKeccak256, getAddress } from "ethers";
import {
  IERC20__factory,
  type ERC20Rewarder,
  type Farm,
  type FarmVault,
  type MockERC20,
  type Pair,
  type PairFactory,
  type RewardToken,
  type Router,
  type VaultFactory,
  type WETH9,
} from "../../typechain-types";
import type { FurrowDeployment } from "../chain/deployment";
import { E18 } from "../model";
import { STRATEGY } from "./options";
import type { GasMeter } from "./gas";

/**
 * What a farm pool is to the simulation, set once at setup from its staked token: the WETH/FUR
 * pair, single-sided FUR, the USDC/WETH pair (the bonus pool), or another pool of a forked
 * deployment, which the actors leave alone.
 */
export type PoolRole = "weth-fur" | "fur" | "usdc-weth" | "other";

/** One farm pool as the simulation sees it. */
export interface SimPool {
  pid: number;
  role: PoolRole;
  name: string;
  /** The staked token: a Pair for LP pools, FUR for the single-sided pool. */
  stake: string;
  /** Set for LP pools: the pair and its tokens in pair order. */
  pair?: Pair;
  token0?: string;
  token1?: string;
  rewarder?: ERC20Rewarder;
}

/** Everything the simulation drives, on the embedded network or on a fork. */
export interface Market {
  hre: HardhatRuntimeEnvironment;
  fur: RewardToken;
  weth: WETH9;
  usdc: MockERC20;
  bonus: MockERC20;
  /** Lower-case addresses, for comparisons and swap paths. */
  usdcAddress: string;
  wethAddress: string;
  furAddress: string;
  factory: PairFactory;
  router: Router;
  farm: Farm;
  pools: SimPool[];
  /** The timelock, impersonated for the admin steps governance would vote on. */
  governance: HardhatEthersSigner;
  /** Seeds liquidity and keeps a small stake in every pool for the whole run. */
  maker: HardhatEthersSigner;
  /** Unix time at which the farm starts paying. */
  startTime: bigint;
  /** The deployment's VaultFactory (or one the setup deployed, owned by the timelock, on an older fork). */
  vaultFactory: VaultFactory;
  /** The compounding vault of the WETH/FUR pool, created by governance at setup. */
  vault: FarmVault;
  vaultPool: SimPool;
  /** Records every actor's transactions for pricing their gas. */
  meter: GasMeter;
}

/** A deterministic address for actor `i` of a run: keccak("furrow.sim", seed, i). */
export function actorAddress(seed: number, i: number): string {
  return getAddress(
    "0x" + solidityPackedKeccak256(["string", "uint256", "uint256"], ["furrow.sim", seed, i]).slice(26),
  );
}

/** Impersonates `address` and gives it `eth` ether for gas. Works on the embedded network and forks. */
export async function impersonate(hre: HardhatRuntimeEnvironment, address: string, eth = 10n ** 24n) {
  await hre.network.provider.send("hardhat_impersonateAccount", [address]);
  await hre.network.provider.send("hardhat_setBalance", [address, "0x" + eth.toString(16)]);
  return hre.ethers.getImpersonatedSigner(address);
}

export const USDC_DECIMALS = 6;
/** BONUS per second the simulation's bonus rewarder pays to the USDC/WETH pool (8,640 a day). */
export const BONUS_PER_SECOND = 10n ** 17n;
/** BONUS the rewarder is funded with: 10 million, far more than any run emits (115 days). */
export const BONUS_FUNDING = 10_000_000n * E18;
/** Pool weights the simulation adds or finds. */
export const ALLOC = { usdcWeth: 100n } as const;

/** The pool with `role`; throws when the market has none (every market has the three roles). */
export function poolOf(m: Market, role: Exclude<PoolRole, "other">): SimPool {
  const pool = m.pools.find((p) => p.role === role);
  if (!pool) throw new Error(`simulation: the farm has no ${role} pool`);
  return pool;
}

/** The role of a pool staking `stake` (pair tokens `tokens`, or none for a plain token). */
function roleOf(
  stake: string,
  tokens: string[] | undefined,
  a: { fur: string; weth: string; usdc: string },
): PoolRole {
  const is = (x: string, y: string) => x.toLowerCase() === y.toLowerCase();
  if (!tokens) return is(stake, a.fur) ? "fur" : "other";
  const has = (t: string) => tokens.some((x) => is(x, t));
  if (has(a.weth) && has(a.fur)) return "weth-fur";
  if (has(a.weth) && has(a.usdc)) return "usdc-weth";
  return "other";
}

/**
 * Attaches to a deployed Furrow (fresh on the embedded network or found on a fork), then sets up
 * the market the simulation trades in, as governance and a market maker would on a real chain:
 *  - the timelock (impersonated: on a real chain this is a passed proposal) lets a treasury mint
 *    seed FUR and adds a USDC/WETH farm pool with a BONUS rewarder;
 *  - the maker seeds USDC/WETH at `ethPrice` USDC and WETH/FUR at `furPriceInEth`, and stakes a
 *    little in every pool so that no second of emission goes unclaimed.
 */
export async function setupMarket(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  opts: { ethPrice: number; seed: number; meter: GasMeter; usdc?: string },
): Promise<Market> {
  const { ethers } = hre;
  const fur = await ethers.getContractAt("RewardToken", d.rewardToken);
  const weth = await ethers.getContractAt("WETH9", d.weth);
  const factory = await ethers.getContractAt("PairFactory", d.factory);
  const router = await ethers.getContractAt("Router", d.router);
  const farm = await ethers.getContractAt("Farm", d.farm);

  const governance = await impersonate(hre, d.timelock);
  const maker = await impersonate(hre, actorAddress(opts.seed, 1_000_000));

  // Simulation-only tokens: a 6-decimal stablecoin (the lending market's mock USDC when the deployment
  // lists one, so that borrowers lever up through the same USDC/WETH pair) and the bonus reward token.
  const usdc = opts.usdc
    ? await ethers.getContractAt("MockERC20", opts.usdc)
    : ((await ethers.deployContract(
        "MockERC20",
        ["USD Coin (sim)", "USDC", USDC_DECIMALS],
        maker,
      )) as unknown as MockERC20);
  const bonus = (await ethers.deployContract(
    "MockERC20",
    ["Bonus (sim)", "BONUS", 18],
    maker,
  )) as unknown as MockERC20;

  // Seed FUR for the WETH/FUR pair and the FUR pool: governance lets the maker mint 3% of the cap
  // once (on a real chain: a treasury allocation voted by governance).
  await (await fur.connect(governance).grantRole(await fur.MINTER_ROLE(), maker.address)).wait();
  const seedFur = 3_000_000n * E18;
  await (await fur.connect(maker).mint(maker.address, seedFur)).wait();
  await (await fur.connect(governance).revokeRole(await fur.MINTER_ROLE(), maker.address)).wait();

  // Seed liquidity.
  const seedEth = 5_000n * E18;
  await (await weth.connect(maker).deposit({ value: seedEth })).wait();
  const usdcSeed = BigInt(Math.round(opts.ethPrice * 1_000)) * 10n ** BigInt(USDC_DECIMALS);
  await (await usdc.connect(maker).mint(maker.address, usdcSeed * 10n)).wait();
  for (const token of [usdc, weth, fur]) {
    await (await token.connect(maker).approve(await router.getAddress(), MaxUint256)).wait();
    await (await token.connect(maker).approve(await farm.getAddress(), MaxUint256)).wait();
  }
  await addLiquidity(router, maker, await usdc.getAddress(), d.weth, usdcSeed, 1_000n * E18);
  const furSeed = BigInt(Math.round(1_000 / STRATEGY.furPriceInEth)) * E18;
  await addLiquidity(router, maker, d.weth, d.rewardToken, 1_000n * E18, furSeed);

  // The bonus pool: USDC/WETH with an ERC20Rewarder, added by governance.
  const usdcWeth = await factory.getPair(await usdc.getAddress(), d.weth);
  const rewarder = (await ethers.deployContract(
    "ERC20Rewarder",
    [
      await farm.getAddress(),
      await farm.poolLength(),
      await bonus.getAddress(),
      BONUS_PER_SECOND,
      d.timelock,
    ],
    maker,
  )) as unknown as ERC20Rewarder;
  // Funded through `fund` (a plain transfer would fund it too: the reserve is the rewarder's balance
  // less what it emitted), because `fund` logs Funded, which the reward audit replays.
  await (await bonus.connect(maker).mint(maker.address, BONUS_FUNDING)).wait();
  await (await bonus.connect(maker).approve(await rewarder.getAddress(), BONUS_FUNDING)).wait();
  await (await rewarder.connect(maker).fund(BONUS_FUNDING)).wait();
  await (await farm.connect(governance).add(ALLOC.usdcWeth, usdcWeth, await rewarder.getAddress())).wait();

  const pools: SimPool[] = [];
  const symbols = new Map<string, string>([
    [d.rewardToken.toLowerCase(), "FUR"],
    [d.weth.toLowerCase(), "WETH"],
    [(await usdc.getAddress()).toLowerCase(), "USDC"],
  ]);
  const n = Number(await farm.poolLength());
  for (let pid = 0; pid < n; pid++) {
    const stake = await farm.lpToken(pid);
    const rewarderAddress = await farm.rewarder(pid);
    const pool: SimPool = {
      pid,
      role: "other",
      name: symbols.get(stake.toLowerCase()) ?? stake,
      stake,
      rewarder:
        rewarderAddress === ZeroAddress
          ? undefined
          : await ethers.getContractAt("ERC20Rewarder", rewarderAddress),
    };
    if (stake.toLowerCase() !== d.rewardToken.toLowerCase()) {
      const pair = await ethers.getContractAt("Pair", stake);
      pool.pair = pair;
      pool.token0 = await pair.token0();
      pool.token1 = await pair.token1();
      pool.name = `${symbols.get(pool.token0.toLowerCase()) ?? pool.token0}/${symbols.get(pool.token1.toLowerCase()) ?? pool.token1}`;
    }
    const addresses = { fur: d.rewardToken, weth: d.weth, usdc: await usdc.getAddress() };
    pool.role = roleOf(stake, pool.pair ? [pool.token0!, pool.token1!] : undefined, addresses);
    pools.push(pool);
  }

  // The maker stakes all its LP and 500,000 FUR, and keeps them staked all along, so that no
  // pool is ever empty (emission for an empty pool is paid to no one).
  for (const pool of pools) {
    const token = IERC20__factory.connect(pool.stake, maker);
    await (await token.approve(await farm.getAddress(), MaxUint256)).wait();
    const balance = await token.balanceOf(maker.address);
    const amount = pool.pair ? balance : BigInt(STRATEGY.makerFurStake) * E18;
    await (await farm.connect(maker).deposit(pool.pid, amount, maker.address)).wait();
  }

  const { vaultFactory, vault, vaultPool } = await setupVault(hre, d, { farm, router, governance, pools });

  return {
    hre,
    fur,
    weth,
    usdc,
    bonus,
    usdcAddress: (await usdc.getAddress()).toLowerCase(),
    wethAddress: d.weth.toLowerCase(),
    furAddress: d.rewardToken.toLowerCase(),
    factory,
    router,
    farm,
    pools,
    governance,
    maker,
    startTime: await farm.startTime(),
    vaultFactory,
    vault,
    vaultPool,
    meter: opts.meter,
  };
}

/**
 * The WETH/FUR pool's vault, as governance would set it up: the deployment's VaultFactory (on a fork
 * of a deployment that predates it, one deployed now, owned by the timelock as the deploy module
 * does), then, as the timelock, `createVault` (unless the pool has one) and the performance fee.
 */
async function setupVault(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  c: { farm: Farm; router: Router; governance: HardhatEthersSigner; pools: SimPool[] },
) {
  const { ethers } = hre;
  const vaultPool = c.pools.find((p) => p.role === "weth-fur");
  if (!vaultPool) throw new Error("simulation: the farm has no weth-fur pool for the vault");
  const vaultFactory = d.vaultFactory
    ? await ethers.getContractAt("VaultFactory", d.vaultFactory)
    : ((await ethers.deployContract(
        "VaultFactory",
        [await c.farm.getAddress(), await c.router.getAddress(), d.timelock],
        c.governance,
      )) as unknown as VaultFactory);
  const asTimelock = vaultFactory.connect(c.governance);
  if ((await vaultFactory.vaultOf(vaultPool.pid)) === ZeroAddress) {
    await (await asTimelock.createVault(vaultPool.pid)).wait();
  }
  await (await asTimelock.setPerformanceFee(STRATEGY.vaultPerformanceFeeBps)).wait();
  const vault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(vaultPool.pid));
  return { vaultFactory, vault, vaultPool };
}

export async function addLiquidity(
  router: Router,
  from: HardhatEthersSigner,
  tokenA: string,
  tokenB: string,
  amountA: bigint,
  amountB: bigint,
) {
  const tx = await router
    .connect(from)
    .addLiquidity(tokenA, tokenB, amountA, amountB, 0, 0, from.address, MaxUint256);
  return tx.wait();
}
