import { zeroAddress } from "viem";
import type { Addresses } from "../chain";
import type { Overview } from "../data";
import {
  aprBreakdown,
  feeApr,
  pricesInWeth,
  formatUnitsFixed,
  rewardApr,
  rootKPerShare,
  stakeValue,
  type AprBreakdown,
  type FeeObservation,
  type Price,
} from "../lib/derive";
import type { useTx } from "../tx";

export type Pool = Overview["pools"][number];
export type Tx = ReturnType<typeof useTx>;

export function poolName(p: Pool): string {
  if (!p.ok) return `pool ${p.pid} (unreadable)`;
  return p.isPair ? `${p.symbol0}/${p.symbol1}` : p.stakeSymbol;
}

export function prices(o: Overview, a: Addresses) {
  return pricesInWeth(
    o.pools.filter((p) => p.ok),
    a.weth,
  );
}

/** ETH with 4 decimals, or "—" for an unpriced value. */
export function eth(v: bigint | null): string {
  return v === null ? "—" : `${formatUnitsFixed(v, 18, 4)} ETH`;
}

/** A decimal string typed by the user in units of `decimals`; null if it is not a number. */
export function parseAmount(text: string, decimals: number): bigint | null {
  const t = text.trim();
  if (!/^\d+(\.\d*)?$/.test(t)) return null;
  const [w, f = ""] = t.split(".");
  if (f.length > decimals) return null;
  return BigInt(w) * 10n ** BigInt(decimals) + BigInt(f.padEnd(decimals, "0") || "0");
}

/** A pool's APR by source, as the pools page shows it and the vaults page nets it. */
export interface PoolApr {
  tvl: bigint | null;
  apr: AprBreakdown;
  /** A bonus rewarder is attached (its part is then `apr.bonus`; without one the part is 0). */
  hasBonus: boolean;
}

/**
 * Swap fees (growth of √k per LP since the app first saw the pair; null until time has passed),
 * FUR (0 while the pool's weight is 0 or the farm no longer pays) and bonus (0 once the rewarder no
 * longer pays; null when its token has no price).
 */
export function poolApr(
  o: Overview,
  px: Map<string, Price>,
  first: Map<string, FeeObservation>,
  p: Pool,
): PoolApr {
  const tvl = stakeValue(px, p, p.totalStaked);
  const furPays = o.farm.fundedUntil > o.farm.timestamp || o.farm.rewardReserve > 0n;
  const fees = p.isPair
    ? feeApr(first.get(p.stakeToken.toLowerCase())!, {
        timestamp: o.farm.timestamp,
        rootKPerShare: rootKPerShare({
          reserve0: p.reserve0,
          reserve1: p.reserve1,
          totalSupply: p.lpTotalSupply,
        }),
      })
    : 0n;
  const fur = furPays && p.allocPoint > 0n ? rewardApr(px, o.farm.rewardToken, p.furPerSecond, tvl) : 0n;
  const r = p.rewarder;
  const hasBonus = r.rewarder !== zeroAddress;
  const bonus = hasBonus && r.ok && r.pays ? rewardApr(px, r.token, r.rewardPerSecond, tvl) : 0n;
  return { tvl, apr: aprBreakdown(fees, fur, bonus), hasBonus };
}
