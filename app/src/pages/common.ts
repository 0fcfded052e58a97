import type { Addresses } from "../chain";
import type { Overview } from "../data";
import { pricesInWeth, formatUnitsFixed } from "../lib/derive";
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
