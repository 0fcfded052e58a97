import { ZeroAddress, parseUnits, type BlockTag, type ContractRunner } from "ethers";
import { IERC20Metadata__factory, Pair__factory, type PairFactory } from "../../typechain-types";
import { WAD } from "../model";
import { FurrowError } from "../chain/errors";

/** An ERC-20 as the tables show it. */
export interface TokenInfo {
  address: string;
  symbol: string;
  decimals: number;
}

/** Reads an ERC-20's symbol and decimals (a token without them shows as its short address, 18). */
export async function tokenInfo(runner: ContractRunner, address: string): Promise<TokenInfo> {
  const token = IERC20Metadata__factory.connect(address, runner);
  const [symbol, decimals] = await Promise.all([
    token.symbol().catch(() => `${address.slice(0, 8)}…`),
    token.decimals().catch(() => 18n),
  ]);
  return { address, symbol, decimals: Number(decimals) };
}

/**
 * What values are expressed in. Without an oracle every value is a price read from the AMM's own
 * pairs against a reference token: WETH by default, a stablecoin with `--usd-token`, or WETH
 * converted at a given USD price with `--eth-price`.
 */
export interface Unit {
  /** What the numbers are in: the reference token's symbol, or "USD" with an ETH price. */
  symbol: string;
  /** Decimals of values in this unit (those of the reference token). */
  decimals: number;
  /** The token every price is routed to. */
  reference: string;
  /** USD per ETH, scaled by 1e18 (only with `--eth-price`), else null. */
  ethPriceWad: bigint | null;
}

export interface UnitOptions {
  /** A stablecoin (or any token) to value in. */
  usdToken?: string;
  /** USD price of one ETH, a decimal number such as "3000" or "2412.5". */
  ethPrice?: string;
}

/** Picks the unit from the options; `weth` is the deployment's WETH (null when unknown). */
export async function resolveUnit(
  runner: ContractRunner,
  weth: string | null,
  opts: UnitOptions,
): Promise<Unit> {
  if (opts.usdToken && opts.ethPrice) {
    throw new FurrowError("ARGUMENT", "pass either --usd-token or --eth-price, not both");
  }
  if (opts.usdToken) {
    const t = await tokenInfo(runner, opts.usdToken);
    return { symbol: t.symbol, decimals: t.decimals, reference: t.address, ethPriceWad: null };
  }
  if (!weth)
    throw new FurrowError(
      "ARGUMENT",
      "WETH is not known for this farm: pass --weth <address> or --usd-token",
    );
  const t = await tokenInfo(runner, weth);
  if (opts.ethPrice === undefined) {
    return { symbol: t.symbol, decimals: t.decimals, reference: weth, ethPriceWad: null };
  }
  let ethPriceWad: bigint;
  try {
    ethPriceWad = parseUnits(opts.ethPrice, 18);
  } catch {
    throw new FurrowError("ARGUMENT", `--eth-price must be a decimal number, got "${opts.ethPrice}"`);
  }
  if (ethPriceWad <= 0n)
    throw new FurrowError("ARGUMENT", `--eth-price must be positive, got "${opts.ethPrice}"`);
  return { symbol: "USD", decimals: t.decimals, reference: weth, ethPriceWad };
}

/** One step of a price route: `amount` of the input token is worth `amount * reserveOut / reserveIn`. */
export interface Hop {
  pair: string;
  reserveIn: bigint;
  reserveOut: bigint;
}

/**
 * Values token amounts in a `Unit` from the reserves of the factory's pairs, all read at one block.
 * A token's route is, in this order: the token is the reference (no hop); a pair token/reference;
 * a pair token/hub and a pair hub/reference, for each hub (WETH, then FUR). Pairs with an empty
 * reserve do not count. No route: the value is null (shown as "n/a").
 *
 * Each hop is a floor division: value = floor(floor(amount · rH / rT) · rR / rH'), so a value is
 * at most one unit of the last digit per hop below the exact spot value. These are spot (mid)
 * prices, what the reserves say now, not what selling the amount would fetch.
 */
export class Valuer {
  private readonly routes = new Map<string, Promise<Hop[] | null>>();

  constructor(
    private readonly runner: ContractRunner,
    private readonly factory: PairFactory | null,
    readonly unit: Unit,
    private readonly hubs: string[],
    readonly blockTag: BlockTag,
  ) {}

  /** The hops from `token` to the reference token, or null when there is no route. */
  route(token: string): Promise<Hop[] | null> {
    const key = token.toLowerCase();
    let r = this.routes.get(key);
    if (!r) {
      r = this.findRoute(token);
      this.routes.set(key, r);
    }
    return r;
  }

  /** `amount` of `token` in the unit, or null without a route. */
  async value(token: string, amount: bigint): Promise<bigint | null> {
    const hops = await this.route(token);
    if (hops === null) return null;
    let v = amount;
    for (const h of hops) v = (v * h.reserveOut) / h.reserveIn;
    if (this.unit.ethPriceWad !== null) v = (v * this.unit.ethPriceWad) / WAD;
    return v;
  }

  /** Sum of values; null if any part is null. */
  async sum(parts: { token: string; amount: bigint }[]): Promise<bigint | null> {
    let total = 0n;
    for (const p of parts) {
      const v = await this.value(p.token, p.amount);
      if (v === null) return null;
      total += v;
    }
    return total;
  }

  private async findRoute(token: string): Promise<Hop[] | null> {
    const ref = this.unit.reference;
    if (same(token, ref)) return [];
    const direct = await this.hop(token, ref);
    if (direct) return [direct];
    for (const hub of this.hubs) {
      if (same(hub, token) || same(hub, ref)) continue;
      const first = await this.hop(token, hub);
      if (!first) continue;
      const second = await this.hop(hub, ref);
      if (second) return [first, second];
    }
    return null;
  }

  private async hop(tokenIn: string, tokenOut: string): Promise<Hop | null> {
    if (!this.factory) return null;
    const pair = await this.factory.getPair(tokenIn, tokenOut, { blockTag: this.blockTag });
    if (pair === ZeroAddress) return null;
    const p = Pair__factory.connect(pair, this.runner);
    const [token0, [r0, r1]] = await Promise.all([
      p.token0({ blockTag: this.blockTag }),
      p.getReserves({ blockTag: this.blockTag }),
    ]);
    if (r0 === 0n || r1 === 0n) return null;
    return same(token0, tokenIn)
      ? { pair, reserveIn: r0, reserveOut: r1 }
      : { pair, reserveIn: r1, reserveOut: r0 };
  }
}

export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
