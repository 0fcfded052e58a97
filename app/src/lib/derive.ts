/**
 * Every number the app derives from the lens's raw amounts, as pure BigInt functions (tested in
 * test/app/derive.test.ts against hand-computed values). Values are in WETH wei: the app prices a
 * token from the reserves of a listed pair with WETH (no oracle; the page says so). Rates are WAD
 * fractions (1e18 = 100%); null means "unknown" (no price), never zero.
 */
import { impermanentLossWad, positionVersusHold, rootKPerShare } from "../../../src/model/amm";
import { WAD, YEAR } from "../../../src/model/constants";
import { liquidationPrice, pricePerWholeToken } from "../../../src/model/lending";

export {
  impermanentLossWad,
  positionVersusHold,
  rootKPerShare,
  liquidationPrice,
  pricePerWholeToken,
  WAD,
  YEAR,
};

/** What the pricing needs of a pool: the lens's PoolView fields. */
export interface PricedPool {
  stakeToken: string;
  isPair: boolean;
  token0: string;
  token1: string;
  reserve0: bigint;
  reserve1: bigint;
  lpTotalSupply: bigint;
}

/** Price of one wei of a token in WETH wei, as a fraction num/den (exact). */
export interface Price {
  num: bigint;
  den: bigint;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Prices of WETH (1/1) and of every token paired with WETH in `pools` (the deepest pair wins). */
export function pricesInWeth(pools: PricedPool[], weth: string): Map<string, Price> {
  const prices = new Map<string, Price>([[weth.toLowerCase(), { num: 1n, den: 1n }]]);
  const depth = new Map<string, bigint>();
  for (const p of pools) {
    if (!p.isPair || p.reserve0 === 0n || p.reserve1 === 0n) continue;
    const [other, rWeth, rOther] = same(p.token0, weth)
      ? [p.token1, p.reserve0, p.reserve1]
      : same(p.token1, weth)
        ? [p.token0, p.reserve1, p.reserve0]
        : [undefined, 0n, 0n];
    if (!other || (depth.get(other.toLowerCase()) ?? -1n) >= rWeth) continue;
    depth.set(other.toLowerCase(), rWeth);
    prices.set(other.toLowerCase(), { num: rWeth, den: rOther });
  }
  return prices;
}

/** `amount` of `token` in WETH wei (rounded down); null when the token has no price. */
export function valueOf(prices: Map<string, Price>, token: string, amount: bigint): bigint | null {
  const p = prices.get(token.toLowerCase());
  return p ? (amount * p.num) / p.den : null;
}

/** Value of `amount` of a pool's stake token: its share of both reserves for a pair. */
export function stakeValue(prices: Map<string, Price>, pool: PricedPool, amount: bigint): bigint | null {
  if (!pool.isPair) return valueOf(prices, pool.stakeToken, amount);
  if (pool.lpTotalSupply === 0n) return 0n;
  const v0 = valueOf(prices, pool.token0, pool.reserve0);
  const v1 = valueOf(prices, pool.token1, pool.reserve1);
  // A pair with one priced side is worth twice that side (the pool holds equal values).
  const total = v0 !== null && v1 !== null ? v0 + v1 : v0 !== null ? 2n * v0 : v1 !== null ? 2n * v1 : null;
  return total === null ? null : (total * amount) / pool.lpTotalSupply;
}

/** A year of `perSecond` of `token`, valued, over `staked` value: an APR as a WAD; null if unknown. */
export function rewardApr(
  prices: Map<string, Price>,
  token: string,
  perSecond: bigint,
  stakedValue: bigint | null,
): bigint | null {
  const yearValue = valueOf(prices, token, perSecond * YEAR);
  if (yearValue === null || stakedValue === null || stakedValue === 0n) return null;
  return (yearValue * WAD) / stakedValue;
}

/** One observation of a pair's fee growth: √(r0·r1) per LP token (WAD) at a time. */
export interface FeeObservation {
  timestamp: bigint;
  rootKPerShare: bigint;
}

/**
 * Swap-fee APR between two observations of the same pair: √k per LP grows only by fees (mints and
 * burns keep it), so (g1/g0 − 1) over the elapsed time, scaled to a year. Null before time passes.
 */
export function feeApr(first: FeeObservation, last: FeeObservation): bigint | null {
  const dt = last.timestamp - first.timestamp;
  if (dt <= 0n || first.rootKPerShare === 0n) return null;
  return ((last.rootKPerShare - first.rootKPerShare) * WAD * YEAR) / (first.rootKPerShare * dt);
}

/** The APR breakdown of a pool. `total` adds the known parts; unknown parts stay null and are named. */
export interface AprBreakdown {
  fees: bigint | null;
  fur: bigint | null;
  bonus: bigint | null;
  total: bigint;
  /** True when a part is unknown (so `total` is a lower bound). */
  partial: boolean;
}

export function aprBreakdown(fees: bigint | null, fur: bigint | null, bonus: bigint | null): AprBreakdown {
  const parts = [fees, fur, bonus];
  return {
    fees,
    fur,
    bonus,
    total: parts.reduce<bigint>((s, x) => s + (x ?? 0n), 0n),
    partial: parts.some((x) => x === null),
  };
}

/** What a pool's APR needs of the lens: the farm's emission state and the pool's PoolView fields. */
export interface AprFarm {
  rewardToken: string;
  rewardReserve: bigint;
  fundedUntil: bigint;
  timestamp: bigint;
}
export interface AprPool extends PricedPool {
  allocPoint: bigint;
  furPerSecond: bigint;
  totalStaked: bigint;
  rewarder: { rewarder: string; ok: boolean; pays: boolean; token: string; rewardPerSecond: bigint };
}
const NO_REWARDER = "0x0000000000000000000000000000000000000000";

/**
 * A pool's APR by source and its TVL, as the pools page shows it and the vaults page nets it. Swap
 * fees: √k per LP since `first` (the app's first observation of the pair; null until time has
 * passed, 0 for a single token). FUR: 0 while the pool's weight is 0 or the farm can no longer pay
 * (funded time over and no reserve). Bonus: 0 without a rewarder or once it no longer pays; null
 * (unknown) when its token has no price.
 */
export function poolApr(
  farm: AprFarm,
  prices: Map<string, Price>,
  first: FeeObservation | undefined,
  p: AprPool,
): { tvl: bigint | null; apr: AprBreakdown; hasBonus: boolean } {
  const tvl = stakeValue(prices, p, p.totalStaked);
  const furPays = farm.fundedUntil > farm.timestamp || farm.rewardReserve > 0n;
  const fees = !p.isPair
    ? 0n
    : first
      ? feeApr(first, {
          timestamp: farm.timestamp,
          rootKPerShare: rootKPerShare({
            reserve0: p.reserve0,
            reserve1: p.reserve1,
            totalSupply: p.lpTotalSupply,
          }),
        })
      : null;
  const fur = furPays && p.allocPoint > 0n ? rewardApr(prices, farm.rewardToken, p.furPerSecond, tvl) : 0n;
  const r = p.rewarder;
  const hasBonus = r.rewarder.toLowerCase() !== NO_REWARDER;
  const bonus = hasBonus && r.ok && r.pays ? rewardApr(prices, r.token, r.rewardPerSecond, tvl) : 0n;
  return { tvl, apr: aprBreakdown(fees, fur, bonus), hasBonus };
}

/**
 * APY of an APR compounded `periods` times a year, (1 + apr/n)^n − 1, in WAD (each step rounded
 * down). Labelled separately from the APR: it assumes the rewards are reinvested.
 */
export function apyFromApr(apr: bigint, periods = 365n): bigint {
  let growth = WAD;
  for (let i = 0n; i < periods; i++) growth = (growth * (WAD + apr / periods)) / WAD;
  return growth - WAD;
}

/** An amount with `decimals`, grouped by thousands, at most `digits` decimals (rounded down). */
export function formatUnitsFixed(amount: bigint, decimals: number, digits = 4): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let frac = (abs % base).toString().padStart(decimals, "0").slice(0, digits).replace(/0+$/, "");
  if (decimals === 0) frac = "";
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** A WAD rate as a percentage with two decimals (toward zero); "—" for unknown; "> 1,000,000%" caps. */
export function formatRate(wad: bigint | null): string {
  if (wad === null) return "—";
  if (wad > 10_000n * WAD) return "> 1,000,000%";
  const bp = (wad * 10_000n) / WAD;
  const abs = bp < 0n ? -bp : bp;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${bp < 0n ? "-" : ""}${whole}.${(abs % 100n).toString().padStart(2, "0")}%`;
}

/**
 * A vault's net APR: swap fees (earned by the LP itself, no fee taken) plus the FUR and bonus APR
 * after the performance fee (`feeBps` of each harvest's profit). Unknown parts count as 0 and set
 * `partial`. The net APY is `apyFromApr` of it (daily harvests assumed, swap costs of a harvest ignored).
 */
export function vaultNetApr(b: AprBreakdown, feeBps: bigint): { apr: bigint; partial: boolean } {
  const rewards = (b.fur ?? 0n) + (b.bonus ?? 0n);
  return { apr: (b.fees ?? 0n) + (rewards * (10_000n - feeBps)) / 10_000n, partial: b.partial };
}

/** One sFUR reward stream as the lens gives it (rate in units of 1e27 per second). */
export interface Stream {
  token: string;
  rate: bigint;
  periodFinish: bigint;
}
export const SFUR_PRECISION = 10n ** 27n;

/**
 * sFUR's fee APR: a year of every stream still paying at `now`, valued, over the value of the staked
 * FUR. Null with nothing staked or FUR unpriced; an unpriced reward token sets `partial`.
 */
export function stakingApr(
  prices: Map<string, Price>,
  streams: Stream[],
  now: bigint,
  totalSupply: bigint,
  fur: string,
): { apr: bigint | null; partial: boolean } {
  const staked = valueOf(prices, fur, totalSupply);
  if (staked === null || staked === 0n) return { apr: null, partial: false };
  let year = 0n;
  let partial = false;
  for (const s of streams) {
    if (s.periodFinish <= now) continue;
    const v = valueOf(prices, s.token, (s.rate * YEAR) / SFUR_PRECISION);
    if (v === null) partial = true;
    else year += v;
  }
  return { apr: (year * WAD) / staked, partial };
}

// -------------------------------------------------------------------------------------------------
// Lending
// -------------------------------------------------------------------------------------------------

/**
 * A market's per-second rate (WAD, as the market accrues it) as a yearly rate: rate · YEAR, simple,
 * not compounded (the lending tasks' `supplyAprWad` / `borrowAprWad`, src/positions/lending.ts).
 */
export function ratePerYear(ratePerSecond: bigint): bigint {
  return ratePerSecond * YEAR;
}

/** A health factor (WAD) with two decimals, rounded down; "∞" without debt (2^256 − 1). */
export function formatHealth(wad: bigint): string {
  if (wad === MAX_UINT256) return "∞";
  return formatUnitsFixed(wad, 18, 2);
}

const MAX_UINT256 = (1n << 256n) - 1n;

/** What the lens gives of a market and one account's place in it. */
export interface LendingMarketPosition {
  debt: bigint;
  collateral: bigint;
  lltv: bigint;
  collateralDecimals: number;
}

/**
 * The price of one whole collateral token, in loan-token wei, at which the position's health is
 * exactly 1 (below it, it can be liquidated): src/model's `liquidationPrice` (the lending tasks' own),
 * rounded up to a whole token. Null without debt; 2^256 − 1 with debt and no collateral.
 */
export function liquidationPricePerToken(p: LendingMarketPosition): bigint | null {
  const liq = liquidationPrice(p.debt, p.collateral, p.lltv);
  return liq === null || liq === MAX_UINT256 ? liq : pricePerWholeToken(liq, p.collateralDecimals);
}
