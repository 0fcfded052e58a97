/**
 * How the simulation values things: through src/positions/ (the `Valuer` and `readPools` of
 * `farm:pools`) and the AMM model, never with its own arithmetic. USD is the market's USDC, so a
 * value here is what `farm:pools --usd-token <USDC>` prints for the same block.
 */
import { Farm__factory, PairFactory__factory } from "../../typechain-types";
import { E18, quote, rootKPerShare, type PoolState } from "../model";
import { pairAt, underlying, type FarmContext } from "../positions/context";
import { readPools, type PoolsReport } from "../positions/pools";
import { Valuer, resolveUnit, tokenInfo, type TokenInfo, type Unit } from "../positions/valuation";
import type { Market, SimPool } from "./market";

/** Prices in USD per whole token at one block: ETH and FUR from the pools, BONUS the reference price. */
export interface Prices {
  eth: number;
  fur: number;
  bonus: number;
}

/** The market read at one block: the farm:* context (its valuer prices at that block) and prices. */
export interface MarketView {
  ctx: FarmContext;
  prices: Prices;
}

/** What does not change during a run, read once per market. */
interface Fixed {
  chainId: bigint;
  unit: Unit;
  rewardToken: TokenInfo;
}
const fixedParts = new WeakMap<Market, Promise<Fixed>>();

async function readFixed(m: Market): Promise<Fixed> {
  const provider = m.hre.ethers.provider;
  return {
    chainId: (await provider.getNetwork()).chainId,
    unit: await resolveUnit(provider, m.wethAddress, { usdToken: m.usdcAddress }),
    rewardToken: await tokenInfo(provider, m.furAddress),
  };
}

/** The farm:* context of the market at its latest block, valuing in USDC. */
async function marketContext(m: Market): Promise<FarmContext> {
  const provider = m.hre.ethers.provider;
  if (!fixedParts.has(m)) fixedParts.set(m, readFixed(m));
  const fixed = await fixedParts.get(m)!;
  const block = (await provider.getBlock("latest"))!;
  const farmAddress = await m.farm.getAddress();
  const factory = PairFactory__factory.connect(await m.factory.getAddress(), provider);
  const hubs = [m.wethAddress, m.furAddress];
  return {
    provider,
    chainId: fixed.chainId,
    farm: Farm__factory.connect(farmAddress, provider),
    farmAddress,
    rewardToken: fixed.rewardToken,
    startTime: m.startTime,
    factory,
    weth: m.wethAddress,
    source: "simulation",
    block: block.number,
    timestamp: BigInt(block.timestamp),
    valuer: new Valuer(provider, factory, fixed.unit, hubs, block.number),
  };
}

/** The market now: its context and the USD prices of one whole WETH and FUR. */
export async function viewMarket(m: Market, bonusPriceUsd: number): Promise<MarketView> {
  const ctx = await marketContext(m);
  return {
    ctx,
    prices: {
      eth: usd(ctx, await value(ctx, m.wethAddress, E18)),
      fur: usd(ctx, await value(ctx, m.furAddress, E18)),
      bonus: bonusPriceUsd,
    },
  };
}

/** The farm's pools as farm:pools reports them at the view's block (APR, stake, its value). */
export function poolsAt(view: MarketView): Promise<PoolsReport> {
  return readPools(view.ctx);
}

/** An amount in the unit (USDC wei); every token the simulation holds has a route. */
async function value(ctx: FarmContext, token: string, amount: bigint): Promise<bigint> {
  const v = await ctx.valuer.value(token, amount);
  if (v === null) throw new Error(`simulation: no price route for ${token}`);
  return v;
}

/** A value in the unit as a USD number (for the report, which rounds to cents). */
export function usd(ctx: FarmContext, v: bigint): number {
  return Number(v) / 10 ** ctx.valuer.unit.decimals;
}

/** The USD value of a pool's token amounts: pair order for LP pools, `amount0` alone for FUR. */
export async function valueOf(view: MarketView, pool: SimPool, amount0: bigint, amount1: bigint) {
  if (!pool.pair) return usd(view.ctx, await value(view.ctx, pool.stake, amount0));
  const parts = [
    { token: pool.token0!, amount: amount0 },
    { token: pool.token1!, amount: amount1 },
  ];
  const v = await view.ctx.valuer.sum(parts);
  if (v === null) throw new Error(`simulation: no price route for ${pool.name}`);
  return usd(view.ctx, v);
}

/** The FUR value of `amount` wei in USD. */
export async function furValue(view: MarketView, m: Market, amount: bigint): Promise<number> {
  return usd(view.ctx, await value(view.ctx, m.furAddress, amount));
}

/** A pair's reserves and LP supply now. */
export async function pairState(m: Market, pool: SimPool): Promise<PoolState> {
  return pairAt(m.hre.ethers.provider, await pool.pair!.getAddress(), "latest");
}

/** The token amounts behind `lp` LP tokens of the pool now (positions/'s `underlying`). */
export async function underlyingOf(m: Market, pool: SimPool, lp: bigint): Promise<[bigint, bigint]> {
  return underlying(lp, await pairState(m, pool));
}

/** √k per LP token now (the model's `rootKPerShare`): grows only through fees. */
export async function lpGrowth(m: Market, pool: SimPool): Promise<bigint> {
  return rootKPerShare(await pairState(m, pool));
}

/** One WETH in the pair's other token now, in its wei (the model's `quote`); ratios of it are prices' ratios. */
export async function wethPrice(m: Market, pool: SimPool): Promise<bigint> {
  const s = await pairState(m, pool);
  const wethIs0 = pool.token0!.toLowerCase() === m.wethAddress;
  return wethIs0 ? quote(E18, s.reserve0, s.reserve1) : quote(E18, s.reserve1, s.reserve0);
}
