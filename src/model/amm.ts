/**
 * BigInt reference of Furrow's AMM math, to the wei: the numbers contracts/amm and
 * contracts/libraries/AmmMath.sol produce. The AMM tests check the contracts against it; nothing
 * else uses it yet (the simulation reads its pools from the chain).
 *
 * Every function throws an `AmmMathError` whose `name` matches the Solidity custom error for the
 * same bad input (ZeroAmount, InsufficientReserves, OutputExceedsReserve, ...).
 */
import { WAD } from "./constants";
import { sqrt } from "./bigint";

/** LP tokens burned to address(0) on a pair's first mint. */
export const MINIMUM_LIQUIDITY = 1000n;
/** The swap fee, in thousandths kept by the pool: 3 / 1000 = 0.3%. */
export const FEE_PER_THOUSAND = 3n;

export class AmmMathError extends Error {
  constructor(
    name: string,
    readonly args: readonly bigint[] = [],
  ) {
    super(`${name}(${args.join(", ")})`);
    this.name = name;
  }
}

function checkReserves(reserveIn: bigint, reserveOut: bigint): void {
  if (reserveIn === 0n || reserveOut === 0n)
    throw new AmmMathError("InsufficientReserves", [reserveIn, reserveOut]);
}

/** amountA × reserveB / reserveA, rounded down. */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  if (amountA === 0n) throw new AmmMathError("ZeroAmount");
  checkReserves(reserveA, reserveB);
  return (amountA * reserveB) / reserveA;
}

/** The most a pair pays for `amountIn` after the 0.3% fee (rounded down). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn === 0n) throw new AmmMathError("ZeroAmount");
  checkReserves(reserveIn, reserveOut);
  const inWithFee = amountIn * (1000n - FEE_PER_THOUSAND);
  return (inWithFee * reserveOut) / (reserveIn * 1000n + inWithFee);
}

/** The least input a pair accepts for `amountOut` (V2's floor + 1). */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountOut === 0n) throw new AmmMathError("ZeroAmount");
  checkReserves(reserveIn, reserveOut);
  if (amountOut >= reserveOut) throw new AmmMathError("OutputExceedsReserve", [amountOut, reserveOut]);
  return (reserveIn * amountOut * 1000n) / ((reserveOut - amountOut) * (1000n - FEE_PER_THOUSAND)) + 1n;
}

/** One hop's reserves, in the direction of the path. */
export interface HopReserves {
  reserveIn: bigint;
  reserveOut: bigint;
}

/** Chained getAmountOut: amounts[0] = amountIn, amounts[i + 1] = output of hop i. */
export function getAmountsOut(amountIn: bigint, hops: readonly HopReserves[]): bigint[] {
  if (hops.length === 0) throw new AmmMathError("InvalidPath", [BigInt(hops.length + 1)]);
  const amounts = [amountIn];
  for (const { reserveIn, reserveOut } of hops) {
    amounts.push(getAmountOut(amounts[amounts.length - 1], reserveIn, reserveOut));
  }
  return amounts;
}

/** Chained getAmountIn backwards: amounts[last] = amountOut, amounts[0] = the input needed. */
export function getAmountsIn(amountOut: bigint, hops: readonly HopReserves[]): bigint[] {
  if (hops.length === 0) throw new AmmMathError("InvalidPath", [BigInt(hops.length + 1)]);
  const amounts = [amountOut];
  for (let i = hops.length - 1; i >= 0; i--) {
    amounts.unshift(getAmountIn(amounts[0], hops[i].reserveIn, hops[i].reserveOut));
  }
  return amounts;
}

/** Whether a pair accepts a swap: the fee-adjusted K check of Pair.swap. */
export function kHolds(
  reserve0: bigint,
  reserve1: bigint,
  balance0: bigint,
  balance1: bigint,
  amount0Out: bigint,
  amount1Out: bigint,
): boolean {
  const amount0In = balance0 > reserve0 - amount0Out ? balance0 - (reserve0 - amount0Out) : 0n;
  const amount1In = balance1 > reserve1 - amount1Out ? balance1 - (reserve1 - amount1Out) : 0n;
  if (amount0In === 0n && amount1In === 0n) return false;
  const kAfter = (balance0 * 1000n - amount0In * 3n) * (balance1 * 1000n - amount1In * 3n);
  return kAfter >= reserve0 * reserve1 * 1_000_000n;
}

/** A pool's state as the LP-token math sees it. */
export interface PoolState {
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
}

/**
 * LP tokens Pair.mint gives for `amount0`/`amount1` arriving (after any protocol fee was minted,
 * i.e. with the totalSupply the pair sees). On the first mint MINIMUM_LIQUIDITY is withheld.
 */
export function mintLiquidity(pool: PoolState, amount0: bigint, amount1: bigint): bigint {
  let liquidity: bigint;
  if (pool.totalSupply === 0n) {
    const rootK = sqrt(amount0 * amount1);
    if (rootK <= MINIMUM_LIQUIDITY) throw new AmmMathError("InsufficientLiquidityMinted", [amount0, amount1]);
    liquidity = rootK - MINIMUM_LIQUIDITY;
  } else {
    const l0 = (amount0 * pool.totalSupply) / pool.reserve0;
    const l1 = (amount1 * pool.totalSupply) / pool.reserve1;
    liquidity = l0 < l1 ? l0 : l1;
    if (liquidity === 0n) throw new AmmMathError("InsufficientLiquidityMinted", [amount0, amount1]);
  }
  return liquidity;
}

/** What Pair.burn pays for `liquidity` LP tokens, given the pair's token balances. */
export function burnAmounts(
  liquidity: bigint,
  balance0: bigint,
  balance1: bigint,
  totalSupply: bigint,
): [bigint, bigint] {
  const amount0 = liquidity === 0n ? 0n : (liquidity * balance0) / totalSupply;
  const amount1 = liquidity === 0n ? 0n : (liquidity * balance1) / totalSupply;
  if (amount0 === 0n || amount1 === 0n)
    throw new AmmMathError("InsufficientLiquidityBurned", [amount0, amount1]);
  return [amount0, amount1];
}

/**
 * LP tokens minted to feeTo at the next mint/burn when the protocol fee is on: 1/6 of the growth
 * of √k since `kLast`, i.e. totalSupply·(√k − √kLast) / (5·√k + √kLast). Zero if kLast is 0.
 */
export function protocolFeeLiquidity(pool: PoolState, kLast: bigint): bigint {
  if (kLast === 0n) return 0n;
  const rootK = sqrt(pool.reserve0 * pool.reserve1);
  const rootKLast = sqrt(kLast);
  if (rootK <= rootKLast) return 0n;
  return (pool.totalSupply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
}

/**
 * Impermanent loss for a price move of `priceRatioWad` (new price / old price, WAD): the value of
 * an LP position relative to holding the tokens it started with, minus one, as a WAD (≤ 0).
 * LP / hold = 2√r / (1 + r), fees ignored. Rounded toward zero loss by at most 1 wei of WAD.
 */
export function impermanentLossWad(priceRatioWad: bigint): bigint {
  if (priceRatioWad <= 0n) throw new RangeError("price ratio must be positive");
  const rootRWad = sqrt(priceRatioWad * WAD); // √r in WAD
  return (2n * rootRWad * WAD) / (WAD + priceRatioWad) - WAD;
}

/**
 * An exact position comparison in token1 units at the end price: what a share of the pool is
 * worth at the end versus what the tokens it was worth at the start would be worth now.
 */
export function positionVersusHold(
  start: { reserve0: bigint; reserve1: bigint },
  end: { reserve0: bigint; reserve1: bigint },
  shareWad: bigint,
): { lpValue: bigint; holdValue: bigint; differenceWad: bigint } {
  checkReserves(end.reserve0, end.reserve1);
  const held0 = (start.reserve0 * shareWad) / WAD;
  const held1 = (start.reserve1 * shareWad) / WAD;
  const lp0 = (end.reserve0 * shareWad) / WAD;
  const lp1 = (end.reserve1 * shareWad) / WAD;
  // Value in token1 at the end price reserve1/reserve0.
  const value = (a0: bigint, a1: bigint) => (a0 * end.reserve1) / end.reserve0 + a1;
  const lpValue = value(lp0, lp1);
  const holdValue = value(held0, held1);
  return {
    lpValue,
    holdValue,
    differenceWad: holdValue === 0n ? 0n : ((lpValue - holdValue) * WAD) / holdValue,
  };
}

/**
 * √(reserve0 · reserve1) per LP token, in WAD: what one LP token's share of the pool is worth in
 * "liquidity". Swaps raise it (their fee stays in the reserves), mints and burns keep it, so its
 * growth between two moments is the fee income of a position held in between. Zero with no supply.
 */
export function rootKPerShare(pool: PoolState): bigint {
  return pool.totalSupply === 0n ? 0n : (sqrt(pool.reserve0 * pool.reserve1) * WAD) / pool.totalSupply;
}
