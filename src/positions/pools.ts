import { ZeroAddress } from "ethers";
import { ERC20Rewarder__factory } from "../../typechain-types";
import { stakedToken, underlying, type FarmContext, type StakedToken } from "./context";
import { DAY, WAD, YEAR } from "../model";
import { tokenInfo, type TokenInfo, type Unit } from "./valuation";

/** A pool's bonus rewarder, when it is an ERC20Rewarder (it reports its token and rate). */
export interface BonusInfo {
  rewarder: string;
  /** Null when the rewarder is not an ERC20Rewarder (its rate cannot be read). */
  token: TokenInfo | null;
  rewardPerSecond: bigint | null;
  rewardPerDay: bigint | null;
  rewardPerDayValue: bigint | null;
  /** Bonus value per year / staked value, scaled by 1e18. */
  aprWad: bigint | null;
}

export interface PoolSummary {
  pid: number;
  staked: StakedToken;
  allocPoint: bigint;
  /** Stake the farm holds for the pool. */
  totalStaked: bigint;
  /** For LP pools: the token amounts behind totalStaked. */
  stakedUnderlying: [bigint, bigint] | null;
  stakedValue: bigint | null;
  /** The pool's FUR emission: rewardPerSecond · 86400 · allocPoint / totalAllocPoint (rounded down). */
  rewardPerDay: bigint;
  rewardPerDayValue: bigint | null;
  /** FUR value of a year (365 d) of the pool's emission / staked value, scaled by 1e18. */
  aprWad: bigint | null;
  bonus: BonusInfo | null;
}

export interface PoolsReport {
  chainId: bigint;
  farm: string;
  source: string;
  block: number;
  timestamp: bigint;
  startTime: bigint;
  rewardToken: TokenInfo;
  rewardPerSecond: bigint;
  totalAllocPoint: bigint;
  unit: Unit;
  /** Value of one whole FUR (10^18 wei) in the unit, null without a route. */
  rewardTokenPrice: bigint | null;
  pools: PoolSummary[];
}

/** Emission of a pool over `seconds`: rate · seconds · alloc / totalAlloc, rounded down. */
export function poolEmission(rate: bigint, seconds: bigint, alloc: bigint, totalAlloc: bigint): bigint {
  return totalAlloc === 0n ? 0n : (rate * seconds * alloc) / totalAlloc;
}

/** Yearly reward value over staked value, scaled by 1e18; null when either is unknown or staked is 0. */
export function apr(yearValue: bigint | null, stakedValue: bigint | null): bigint | null {
  if (yearValue === null || stakedValue === null || stakedValue === 0n) return null;
  return (yearValue * WAD) / stakedValue;
}

/** Every pool of the farm at the context's block: weights, stake and its value, emission and APR. */
export async function readPools(ctx: FarmContext): Promise<PoolsReport> {
  const { farm, valuer } = ctx;
  const blockTag = ctx.block;
  const [n, rate, totalAlloc] = await Promise.all([
    farm.poolLength({ blockTag }),
    farm.rewardPerSecond({ blockTag }),
    farm.totalAllocPoint({ blockTag }),
  ]);
  const fur = ctx.rewardToken;
  const pools: PoolSummary[] = [];
  for (let pid = 0; pid < Number(n); pid++) {
    const [lp, info, rewarder] = await Promise.all([
      farm.lpToken(pid, { blockTag }),
      farm.poolInfo(pid, { blockTag }),
      farm.rewarder(pid, { blockTag }),
    ]);
    const staked = await stakedToken(ctx.provider, lp, blockTag);
    const stakedUnderlying = staked.pair ? underlying(info.totalStaked, staked.pair) : null;
    const stakedValue = await stakeValue(ctx, staked, info.totalStaked);
    const rewardPerDay = poolEmission(rate, DAY, info.allocPoint, totalAlloc);
    const perYear = poolEmission(rate, YEAR, info.allocPoint, totalAlloc);
    pools.push({
      pid,
      staked,
      allocPoint: info.allocPoint,
      totalStaked: info.totalStaked,
      stakedUnderlying,
      stakedValue,
      rewardPerDay,
      rewardPerDayValue: await valuer.value(fur.address, rewardPerDay),
      aprWad: apr(await valuer.value(fur.address, perYear), stakedValue),
      bonus: rewarder === ZeroAddress ? null : await bonusInfo(ctx, rewarder, stakedValue),
    });
  }
  return {
    chainId: ctx.chainId,
    farm: ctx.farmAddress,
    source: ctx.source,
    block: ctx.block,
    timestamp: ctx.timestamp,
    startTime: ctx.startTime,
    rewardToken: fur,
    rewardPerSecond: rate,
    totalAllocPoint: totalAlloc,
    unit: valuer.unit,
    rewardTokenPrice: await valuer.value(fur.address, 10n ** BigInt(fur.decimals)),
    pools,
  };
}

/** Value of `amount` of a pool's staked token: an LP token as the sum of its two underlying amounts. */
export async function stakeValue(
  ctx: FarmContext,
  staked: StakedToken,
  amount: bigint,
): Promise<bigint | null> {
  if (!staked.pair) return ctx.valuer.value(staked.address, amount);
  const [a0, a1] = underlying(amount, staked.pair);
  return ctx.valuer.sum([
    { token: staked.pair.token0.address, amount: a0 },
    { token: staked.pair.token1.address, amount: a1 },
  ]);
}

async function bonusInfo(ctx: FarmContext, address: string, stakedValue: bigint | null): Promise<BonusInfo> {
  const r = ERC20Rewarder__factory.connect(address, ctx.provider);
  const blockTag = ctx.block;
  const read = await Promise.all([r.rewardToken({ blockTag }), r.rewardPerSecond({ blockTag })]).catch(
    () => null,
  );
  if (!read) {
    return {
      rewarder: address,
      token: null,
      rewardPerSecond: null,
      rewardPerDay: null,
      rewardPerDayValue: null,
      aprWad: null,
    };
  }
  const [tokenAddress, rate] = read;
  const token = await tokenInfo(ctx.provider, tokenAddress);
  const rewardPerDay = rate * DAY;
  return {
    rewarder: address,
    token,
    rewardPerSecond: rate,
    rewardPerDay,
    rewardPerDayValue: await ctx.valuer.value(tokenAddress, rewardPerDay),
    aprWad: apr(await ctx.valuer.value(tokenAddress, rate * YEAR), stakedValue),
  };
}
