import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { MaxUint256 } from "ethers";
import type { Market, SimPool } from "./market";
import { addLiquidity, USDC_DECIMALS } from "./market";
import { WAD, sqrt } from "../model";

/** Where an LP's money went, in token units (bigint wei), for the report's accounting. */
export interface LpBook {
  /** Tokens put in (pair order; single-sided pools use `in0` only). */
  in0: bigint;
  in1: bigint;
  /** Tokens taken out when leaving. */
  out0: bigint;
  out1: bigint;
  /** LP tokens minted per liquidity add, with the pair's sqrt(k)/supply at that moment (1e18 fixed point). */
  tranches: { lp: bigint; growth: bigint }[];
  /** sqrt(k)/supply when the position was closed (0 while open). */
  exitGrowth: bigint;
  /** Portion of `out0`/`out1` that was fee growth. */
  feesOut0: bigint;
  feesOut1: bigint;
  furHarvested: bigint;
  bonusHarvested: bigint;
  /** FUR put back in through compounding (also counted in `in0`/`in1`). */
  furCompounded: bigint;
}

export type LpState = "waiting" | "active" | "left";

export interface LpActor {
  kind: "lp";
  name: string;
  signer: HardhatEthersSigner;
  pool: SimPool;
  state: LpState;
  /** Simulation step at which the actor enters. */
  entryStep: number;
  /** USD the actor puts in at entry. */
  capitalUsd: number;
  /** Price of ETH (USDC) when the actor entered. */
  entryEthPrice: number;
  /** LP pools: the pair's price of WETH in its other token at the first deposit and at exit. */
  entryPoolPrice?: number;
  exitPoolPrice?: number;
  book: LpBook;
  compounds: boolean;
}

export interface TraderActor {
  kind: "trader";
  name: string;
  signer: HardhatEthersSigner;
  /** The first trader arbitrages USDC/WETH to the external price; the others trade noise. */
  arbitrageur: boolean;
  swaps: number;
  volumeUsd: number;
}

export type Actor = LpActor | TraderActor;

export function emptyBook(): LpBook {
  return {
    in0: 0n,
    in1: 0n,
    out0: 0n,
    out1: 0n,
    tranches: [],
    exitGrowth: 0n,
    feesOut0: 0n,
    feesOut1: 0n,
    furHarvested: 0n,
    bonusHarvested: 0n,
    furCompounded: 0n,
  };
}

/** sqrt(reserve0 * reserve1) per LP token, 1e18 fixed point: grows only through fees. */
export async function lpGrowth(pool: SimPool): Promise<bigint> {
  const pair = pool.pair!;
  const [r0, r1] = await pair.getReserves();
  const supply = await pair.totalSupply();
  return supply === 0n ? 0n : (sqrt(r0 * r1) * WAD) / supply;
}

/** The pair's price of WETH in its other token (decimals applied), from the reserves. */
export async function wethPrice(m: Market, pool: SimPool): Promise<number> {
  const [r0, r1] = await pool.pair!.getReserves();
  const wethIs0 = pool.token0!.toLowerCase() === m.wethAddress;
  const other = (wethIs0 ? pool.token1 : pool.token0)!.toLowerCase();
  const otherDecimals = other === m.usdcAddress ? USDC_DECIMALS : 18;
  const [rWeth, rOther] = wethIs0 ? [r0, r1] : [r1, r0];
  return Number(rOther) / 10 ** otherDecimals / (Number(rWeth) / 1e18);
}

/** Approves the router and the farm for every token an actor may hold. */
export async function approveAll(m: Market, signer: HardhatEthersSigner): Promise<void> {
  const router = await m.router.getAddress();
  const farm = await m.farm.getAddress();
  const tokens = [m.usdc, m.weth, m.fur];
  for (const t of tokens) {
    await (await t.connect(signer).approve(router, MaxUint256)).wait();
    await (await t.connect(signer).approve(farm, MaxUint256)).wait();
  }
  for (const p of m.pools) {
    if (!p.pair) continue;
    await (await p.pair.connect(signer).approve(router, MaxUint256)).wait();
    await (await p.pair.connect(signer).approve(farm, MaxUint256)).wait();
  }
}

/** Swaps exact `amountIn` along `path`; returns what arrived. */
export async function swap(
  m: Market,
  signer: HardhatEthersSigner,
  amountIn: bigint,
  path: string[],
): Promise<bigint> {
  if (amountIn === 0n) return 0n;
  const out = path[path.length - 1];
  const token = await m.hre.ethers.getContractAt("MockERC20", out);
  const before = await token.balanceOf(signer.address);
  await (
    await m.router.connect(signer).swapExactTokensForTokens(amountIn, 0, path, signer.address, MaxUint256)
  ).wait();
  return (await token.balanceOf(signer.address)) - before;
}

/** Adds liquidity with `amount0`/`amount1` (pair order) and stakes the LP; books it. */
export async function provideAndStake(
  m: Market,
  a: LpActor,
  amount0: bigint,
  amount1: bigint,
): Promise<void> {
  const pool = a.pool;
  const pair = pool.pair!;
  const lpBefore = await pair.balanceOf(a.signer.address);
  const t0 = await m.hre.ethers.getContractAt("MockERC20", pool.token0!);
  const t1 = await m.hre.ethers.getContractAt("MockERC20", pool.token1!);
  const [b0, b1] = [await t0.balanceOf(a.signer.address), await t1.balanceOf(a.signer.address)];
  await addLiquidity(m.router, a.signer, pool.token0!, pool.token1!, amount0, amount1);
  const lp = (await pair.balanceOf(a.signer.address)) - lpBefore;
  a.book.in0 += b0 - (await t0.balanceOf(a.signer.address));
  a.book.in1 += b1 - (await t1.balanceOf(a.signer.address));
  a.book.tranches.push({ lp, growth: await lpGrowth(pool) });
  a.entryPoolPrice ??= await wethPrice(m, pool);
  // A deposit also pays the bonus owed so far (the rewarder settles on every farm action).
  const bonus0 = await m.bonus.balanceOf(a.signer.address);
  await (await m.farm.connect(a.signer).deposit(pool.pid, lp, a.signer.address)).wait();
  a.book.bonusHarvested += (await m.bonus.balanceOf(a.signer.address)) - bonus0;
}

/** Harvests FUR (and bonus) to the actor; books what arrived. */
export async function harvest(m: Market, a: LpActor): Promise<bigint> {
  const [fur0, bonus0] = [await m.fur.balanceOf(a.signer.address), await m.bonus.balanceOf(a.signer.address)];
  await (await m.farm.connect(a.signer).harvest(a.pool.pid, a.signer.address)).wait();
  const fur = (await m.fur.balanceOf(a.signer.address)) - fur0;
  a.book.furHarvested += fur;
  a.book.bonusHarvested += (await m.bonus.balanceOf(a.signer.address)) - bonus0;
  return fur;
}

/** Leaves: withdraws everything with its rewards, and for LP pools removes the liquidity. */
export async function leave(m: Market, a: LpActor): Promise<void> {
  const staked = (await m.farm.userInfo(a.pool.pid, a.signer.address))[0];
  const [fur0, bonus0] = [await m.fur.balanceOf(a.signer.address), await m.bonus.balanceOf(a.signer.address)];
  await (await m.farm.connect(a.signer).withdrawAndHarvest(a.pool.pid, staked, a.signer.address)).wait();
  const furAfter = await m.fur.balanceOf(a.signer.address);
  const bonusAfter = await m.bonus.balanceOf(a.signer.address);
  a.book.bonusHarvested += bonusAfter - bonus0;
  if (!a.pool.pair) {
    // Single-sided FUR: the stake comes back as FUR alongside the reward.
    a.book.out0 += staked;
    a.book.furHarvested += furAfter - fur0 - staked;
  } else {
    a.book.furHarvested += furAfter - fur0;
    const pool = a.pool;
    const growth = await lpGrowth(pool);
    a.exitPoolPrice = await wethPrice(m, pool);
    const t0 = await m.hre.ethers.getContractAt("MockERC20", pool.token0!);
    const t1 = await m.hre.ethers.getContractAt("MockERC20", pool.token1!);
    const [b0, b1] = [await t0.balanceOf(a.signer.address), await t1.balanceOf(a.signer.address)];
    await (
      await m.router
        .connect(a.signer)
        .removeLiquidity(pool.token0!, pool.token1!, staked, 0, 0, a.signer.address, MaxUint256)
    ).wait();
    const out0 = (await t0.balanceOf(a.signer.address)) - b0;
    const out1 = (await t1.balanceOf(a.signer.address)) - b1;
    a.book.out0 += out0;
    a.book.out1 += out1;
    a.book.exitGrowth = growth;
    const entry = averageGrowth(a.book);
    // The share of what came out that is fee growth: 1 - entryGrowth / exitGrowth.
    a.book.feesOut0 = growth === 0n ? 0n : (out0 * (growth - entry)) / growth;
    a.book.feesOut1 = growth === 0n ? 0n : (out1 * (growth - entry)) / growth;
  }
  a.state = "left";
}

/** LP-weighted average sqrt(k)/supply at entry. */
export function averageGrowth(book: LpBook): bigint {
  const lp = book.tranches.reduce((s, t) => s + t.lp, 0n);
  if (lp === 0n) return 0n;
  return book.tranches.reduce((s, t) => s + t.lp * t.growth, 0n) / lp;
}
