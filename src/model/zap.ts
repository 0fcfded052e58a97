import { burnAmounts, getAmountOut, mintLiquidity, quote, type PoolState } from "./amm";
import { sqrt } from "./bigint";

/**
 * The part of `amountIn` a zap swaps so that adding the rest with the swap's output leaves nothing
 * over at the 0.3% fee: the root of 997 s² + 1997 r s − 1000 r a = 0, rounded down, as
 * ZapMath.swapAmountDown computes it.
 */
export function zapSwapAmount(reserveIn: bigint, amountIn: bigint): bigint {
  return (sqrt(reserveIn * (reserveIn * 3988009n + amountIn * 3988000n)) - reserveIn * 1997n) / 1994n;
}

/** A pair seen from one side: the reserve of the token a zap starts from (or ends in), the other's. */
export interface SidedPool {
  reserveIn: bigint;
  reserveOther: bigint;
  totalSupply: bigint;
}

/** What Zap's one-token-in path does, to the wei. */
export interface ZapInResult {
  swapIn: bigint;
  swapOut: bigint;
  /** Added as liquidity, of the input token and of the other. */
  addedIn: bigint;
  addedOther: bigint;
  liquidity: bigint;
  /** Refunded to the caller. */
  refundIn: bigint;
  refundOther: bigint;
}

/**
 * Zap.zapIn / zapInFarm up to the LP: swap `zapSwapAmount` through the pair itself, then the
 * Router's addLiquidity of the rest and the output at the new reserves (protocol fee off).
 */
export function zapIn(pool: SidedPool, amountIn: bigint): ZapInResult {
  const swapIn = zapSwapAmount(pool.reserveIn, amountIn);
  const swapOut = getAmountOut(swapIn, pool.reserveIn, pool.reserveOther);
  const rIn = pool.reserveIn + swapIn;
  const rOther = pool.reserveOther - swapOut;
  const desiredIn = amountIn - swapIn;
  const otherOptimal = quote(desiredIn, rIn, rOther);
  const [addedIn, addedOther] =
    otherOptimal <= swapOut ? [desiredIn, otherOptimal] : [quote(swapOut, rOther, rIn), swapOut];
  const state: PoolState = { reserve0: rIn, reserve1: rOther, totalSupply: pool.totalSupply };
  const liquidity = mintLiquidity(state, addedIn, addedOther);
  return {
    swapIn,
    swapOut,
    addedIn,
    addedOther,
    liquidity,
    refundIn: desiredIn - addedIn,
    refundOther: swapOut - addedOther,
  };
}

/**
 * Zap.zapOut / zapOutLP after the LP: burn `liquidity`, swap the other side into `tokenOut` through
 * the same pair. `pool.reserveIn` is the reserve of `tokenOut` (balances equal reserves, fee off).
 */
export function zapOut(
  pool: SidedPool,
  liquidity: bigint,
): { amountOut: bigint; burnedOut: bigint; swapped: bigint } {
  const [burnedOut, burnedOther] = burnAmounts(
    liquidity,
    pool.reserveIn,
    pool.reserveOther,
    pool.totalSupply,
  );
  const swapOut = getAmountOut(burnedOther, pool.reserveOther - burnedOther, pool.reserveIn - burnedOut);
  return { amountOut: burnedOut + swapOut, burnedOut, swapped: swapOut };
}
