import { ZeroAddress, isAddress, type Provider } from "ethers";
import {
  BorrowRewards__factory,
  IPriceOracle__factory,
  LendingMarket__factory,
  MarketFactory__factory,
  type BorrowRewards,
  type LendingMarket,
  type MarketFactory,
} from "../../typechain-types";
import { FurrowError } from "../chain/errors";
import { WAD, YEAR, liquidationPrice, pricePerWholeToken } from "../model";
import { loadContext, locateDeployed, type ContextOptions, type FarmContext } from "./context";
import { apr, poolEmission } from "./pools";
import { same, tokenInfo, type TokenInfo, type Unit } from "./valuation";

/** Oracle prices are collateral in loan-token units, scaled by 1e36 (decimals folded in). */
export const PRICE_SCALE = 10n ** 36n;
const MAX_UINT256 = 2n ** 256n - 1n;

/** Where the market factory is, and how to value things: what every lending:* task takes. */
export interface LendingContextOptions extends Omit<ContextOptions, "farm"> {
  /** MarketFactory address (overrides the deployment's). */
  marketFactory?: string;
}

/** The market factory, its borrower rewards and the context (block, unit, prices) of its farm. */
export interface LendingContext extends FarmContext {
  marketFactory: MarketFactory;
  marketFactoryAddress: string;
  /** The factory's BorrowRewards; null when its incentives were never set. */
  borrowRewards: BorrowRewards | null;
}

/**
 * The MarketFactory (`--market-factory`, else the deployment's `Lending#MarketFactory`) and the
 * context of the farm it names (its incentives), valued as `farm:*` values.
 */
export async function loadLendingContext(
  provider: Provider,
  opts: LendingContextOptions,
): Promise<LendingContext> {
  const { address, source } = await locateDeployed(provider, {
    option: "market-factory",
    given: opts.marketFactory,
    deployment: opts.deployment,
    field: "marketFactory",
    name: "MarketFactory",
    predates: "lending",
  });
  const marketFactory = MarketFactory__factory.connect(address, provider);
  const [farm, rewards] = await Promise.all([marketFactory.farm(), marketFactory.borrowRewards()]);
  if (farm === ZeroAddress) {
    throw new FurrowError(
      "STATE",
      `MarketFactory ${address} has no incentives yet (setIncentives was never called): no farm to value its markets with`,
    );
  }
  const ctx = await loadContext(provider, { ...opts, farm });
  return {
    ...ctx,
    source,
    marketFactory,
    marketFactoryAddress: address,
    borrowRewards: rewards === ZeroAddress ? null : BorrowRewards__factory.connect(rewards, provider),
  };
}

/** The Farm pool staking a market's shares: suppliers' FUR. */
export interface SupplyMining {
  pid: number;
  allocPoint: bigint;
  /** Market shares staked in the pool. */
  totalStaked: bigint;
  /** The loan-token assets those shares are worth (convertToAssets). */
  stakedAssets: bigint;
  stakedValue: bigint | null;
  /** FUR a year (365 d) at the pool's share of the farm's rate: rate · YEAR · alloc / totalAlloc, floored. */
  perYear: bigint;
  perYearValue: bigint | null;
  /** perYearValue / stakedValue, 1e18-scaled; null without prices or stake. */
  aprWad: bigint | null;
}

/** BorrowRewards' speed for a market: borrowers' FUR. */
export interface BorrowMining {
  pid: number;
  rewardPerSecond: bigint;
  /** Tokens not yet emitted, which bound what is paid. */
  reserve: bigint;
  /** A year at this speed, bounded by the reserve: min(rewardPerSecond · YEAR, reserve). */
  perYear: bigint;
  perYearValue: bigint | null;
  /** perYearValue / value of the market's borrows, 1e18-scaled; null without prices or borrows. */
  aprWad: bigint | null;
}

/** One market at the context's block. */
export interface MarketRow {
  market: string;
  symbol: string;
  loanToken: TokenInfo;
  collateralToken: TokenInfo;
  oracle: string;
  lltv: bigint;
  liquidationIncentive: bigint;
  /** The oracle's price (collateral in loan units, 1e36-scaled); the market's last good price when it reverts. */
  price: bigint;
  /** False when the oracle reverted and `price` is the last good one (borrows stop then). */
  priceFresh: boolean;
  /** Loan-token units one whole collateral token is worth at `price`: price · 10^collateralDecimals / 1e36. */
  collateralPrice: bigint;
  totalAssets: bigint;
  totalAssetsValue: bigint | null;
  /** Share tokens (ERC-4626, 6 more decimals than the loan token). */
  totalSupply: bigint;
  cash: bigint;
  totalBorrows: bigint;
  totalBadDebt: bigint;
  utilizationWad: bigint;
  borrowRatePerSecond: bigint;
  supplyRatePerSecond: bigint;
  /** rate · YEAR, 1e18-scaled (simple, not compounded). */
  borrowAprWad: bigint;
  supplyAprWad: bigint;
  supplyCap: bigint;
  borrowCap: bigint;
  /** The first farm pool staking the shares, or null. */
  supplyMining: SupplyMining | null;
  /** The BorrowRewards speed, or null without rewards or speed. */
  borrowMining: BorrowMining | null;
}

export interface MarketsReport {
  chainId: bigint;
  marketFactory: string;
  borrowRewards: string | null;
  source: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  rewardToken: TokenInfo;
  markets: MarketRow[];
}

/** Every market of the factory at the context's block. */
export async function readMarkets(ctx: LendingContext): Promise<MarketsReport> {
  const blockTag = ctx.block;
  const n = await ctx.marketFactory.allMarketsLength({ blockTag });
  const markets: MarketRow[] = [];
  for (let i = 0n; i < n; i++) {
    markets.push(await readMarket(ctx, await ctx.marketFactory.allMarkets(i, { blockTag })));
  }
  return {
    chainId: ctx.chainId,
    marketFactory: ctx.marketFactoryAddress,
    borrowRewards: ctx.borrowRewards ? await ctx.borrowRewards.getAddress() : null,
    source: ctx.source,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: ctx.valuer.unit,
    rewardToken: ctx.rewardToken,
    markets,
  };
}

/** The value of `assets` of the market's loan token: from the AMM, else through its oracle and the collateral's AMM price. */
async function loanValue(ctx: LendingContext, row: MarketRow, assets: bigint): Promise<bigint | null> {
  const direct = await ctx.valuer.value(row.loanToken.address, assets);
  if (direct !== null || row.price === 0n) return direct;
  return ctx.valuer.value(row.collateralToken.address, (assets * PRICE_SCALE) / row.price);
}

/** One market (`address` must be a market of the context's factory). */
export async function readMarket(ctx: LendingContext, address: string): Promise<MarketRow> {
  const blockTag = ctx.block;
  const m = LendingMarket__factory.connect(address, ctx.provider);
  const [
    symbol,
    loan,
    collateral,
    oracle,
    lltv,
    liquidationIncentive,
    totalAssets,
    totalSupply,
    cash,
    totalBorrows,
    totalBadDebt,
    utilizationWad,
    borrowRatePerSecond,
    supplyRatePerSecond,
    supplyCap,
    borrowCap,
    lastPrice,
  ] = await Promise.all([
    m.symbol({ blockTag }),
    m.asset({ blockTag }),
    m.collateralToken({ blockTag }),
    m.oracle({ blockTag }),
    m.lltv({ blockTag }),
    m.liquidationIncentive({ blockTag }),
    m.totalAssets({ blockTag }),
    m.totalSupply({ blockTag }),
    m.cash({ blockTag }),
    m.totalBorrows({ blockTag }),
    m.totalBadDebt({ blockTag }),
    m.utilization({ blockTag }),
    m.borrowRatePerSecond({ blockTag }),
    m.supplyRatePerSecond({ blockTag }),
    m.supplyCap({ blockTag }),
    m.borrowCap({ blockTag }),
    m.lastPrice({ blockTag }),
  ]);
  const [loanToken, collateralToken] = await Promise.all([
    tokenInfo(ctx.provider, loan),
    tokenInfo(ctx.provider, collateral),
  ]);
  // A reverting oracle (stale, broken) leaves the market's last good price, as liquidations use it.
  const fresh = await IPriceOracle__factory.connect(oracle, ctx.provider)
    .price({ blockTag })
    .catch(() => null);
  const price = fresh !== null && fresh !== 0n ? fresh : lastPrice;
  const row: MarketRow = {
    market: address,
    symbol,
    loanToken,
    collateralToken,
    oracle,
    lltv,
    liquidationIncentive,
    price,
    priceFresh: fresh !== null && fresh !== 0n,
    collateralPrice: (price * 10n ** BigInt(collateralToken.decimals)) / PRICE_SCALE,
    totalAssets,
    totalAssetsValue: null,
    totalSupply,
    cash,
    totalBorrows,
    totalBadDebt,
    utilizationWad,
    borrowRatePerSecond,
    supplyRatePerSecond,
    borrowAprWad: borrowRatePerSecond * YEAR,
    supplyAprWad: supplyRatePerSecond * YEAR,
    supplyCap,
    borrowCap,
    supplyMining: null,
    borrowMining: null,
  };
  row.totalAssetsValue = await loanValue(ctx, row, totalAssets);
  row.supplyMining = await supplyMining(ctx, row, m);
  row.borrowMining = await borrowMining(ctx, row);
  return row;
}

/** The first farm pool whose stake token is the market's share token, or null. */
async function marketPid(ctx: LendingContext, market: string): Promise<number | null> {
  const n = await ctx.farm.poolLength({ blockTag: ctx.block });
  for (let pid = 0; pid < Number(n); pid++) {
    if (same(await ctx.farm.lpToken(pid, { blockTag: ctx.block }), market)) return pid;
  }
  return null;
}

async function supplyMining(
  ctx: LendingContext,
  row: MarketRow,
  m: LendingMarket,
): Promise<SupplyMining | null> {
  const blockTag = ctx.block;
  const pid = await marketPid(ctx, row.market);
  if (pid === null) return null;
  const [info, rate, totalAlloc] = await Promise.all([
    ctx.farm.poolInfo(pid, { blockTag }),
    ctx.farm.rewardPerSecond({ blockTag }),
    ctx.farm.totalAllocPoint({ blockTag }),
  ]);
  const stakedAssets = await m.convertToAssets(info.totalStaked, { blockTag });
  const stakedValue = await loanValue(ctx, row, stakedAssets);
  const perYear = poolEmission(rate, YEAR, info.allocPoint, totalAlloc);
  const perYearValue = await ctx.valuer.value(ctx.rewardToken.address, perYear);
  return {
    pid,
    allocPoint: info.allocPoint,
    totalStaked: info.totalStaked,
    stakedAssets,
    stakedValue,
    perYear,
    perYearValue,
    aprWad: apr(perYearValue, stakedValue),
  };
}

async function borrowMining(ctx: LendingContext, row: MarketRow): Promise<BorrowMining | null> {
  const rewards = ctx.borrowRewards;
  if (!rewards) return null;
  const blockTag = ctx.block;
  const [config, reserve, token] = await Promise.all([
    rewards.marketConfig(row.market, { blockTag }),
    rewards.reserve({ blockTag }),
    rewards.rewardToken({ blockTag }),
  ]);
  if (config.rewardPerSecond === 0n) return null;
  const yearAtSpeed = config.rewardPerSecond * YEAR;
  const perYear = yearAtSpeed < reserve ? yearAtSpeed : reserve;
  const perYearValue = await ctx.valuer.value(token, perYear);
  return {
    pid: Number(config.pid),
    rewardPerSecond: config.rewardPerSecond,
    reserve,
    perYear,
    perYearValue,
    aprWad: apr(perYearValue, await loanValue(ctx, row, row.totalBorrows)),
  };
}

export { liquidationPrice };

/** One market as an account sees it. */
export interface LendingPositionRow {
  market: string;
  symbol: string;
  loanToken: TokenInfo;
  collateralToken: TokenInfo;
  /** Share tokens in the wallet, and staked in the market's farm pool. */
  shares: bigint;
  stakedShares: bigint;
  /** The loan-token assets all those shares are worth (convertToAssets, rounded down). */
  supplied: bigint;
  suppliedValue: bigint | null;
  collateral: bigint;
  collateralValue: bigint | null;
  borrowShares: bigint;
  /** debtOf: borrowed assets with interest to the block, rounded up. */
  borrowed: bigint;
  borrowedValue: bigint | null;
  /** healthFactor(account): 1e18 = at the limit, MAX_UINT256 without debt. */
  healthFactorWad: bigint;
  /** The oracle price at which health hits 1 (see `liquidationPrice`), null without debt. */
  liquidationPrice: bigint | null;
  /** The same, as loan-token units per whole collateral token (rounded up). */
  liquidationCollateralPrice: bigint | null;
  /** The market's price now, in the same two forms. */
  price: bigint;
  collateralPrice: bigint;
  /** FUR pending in the farm pool, and in BorrowRewards. */
  pendingSupplyReward: bigint;
  pendingBorrowReward: bigint;
  supplyAprWad: bigint;
  supplyMiningAprWad: bigint | null;
  borrowAprWad: bigint;
  borrowMiningAprWad: bigint | null;
  /** What a lender earns a year: supply APR + mining APR (null without a mining price). */
  lenderAprWad: bigint | null;
  /** What a borrower pays a year: borrow APR − borrow mining APR (negative: paid to borrow). */
  borrowerNetAprWad: bigint | null;
}

export interface LendingPositionReport {
  chainId: bigint;
  marketFactory: string;
  source: string;
  account: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  rewardToken: TokenInfo;
  /** Markets where the account supplies, stakes, posts collateral or borrows. */
  positions: LendingPositionRow[];
}

/** The account's supply, collateral, debt, health and APRs in every market (or `market` only). */
export async function readLendingPosition(
  ctx: LendingContext,
  account: string,
  market?: string,
): Promise<LendingPositionReport> {
  if (!isAddress(account)) throw new FurrowError("ARGUMENT", `--account is not an address: ${account}`);
  if (market !== undefined) {
    if (!isAddress(market)) throw new FurrowError("ARGUMENT", `--market is not an address: ${market}`);
    if (!(await ctx.marketFactory.isMarket(market, { blockTag: ctx.block })))
      throw new FurrowError(
        "ARGUMENT",
        `${market} is not a market of MarketFactory ${ctx.marketFactoryAddress}`,
      );
  }
  const report = await readMarkets(ctx);
  const positions: LendingPositionRow[] = [];
  for (const row of report.markets) {
    if (market !== undefined && !same(market, row.market)) continue;
    const p = await positionIn(ctx, row, account);
    const empty = p.shares === 0n && p.stakedShares === 0n && p.collateral === 0n && p.borrowShares === 0n;
    if (!empty || market !== undefined) positions.push(p);
  }
  return {
    chainId: ctx.chainId,
    marketFactory: ctx.marketFactoryAddress,
    source: ctx.source,
    account,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: ctx.valuer.unit,
    rewardToken: ctx.rewardToken,
    positions,
  };
}

async function positionIn(ctx: LendingContext, row: MarketRow, account: string): Promise<LendingPositionRow> {
  const blockTag = ctx.block;
  const m = LendingMarket__factory.connect(row.market, ctx.provider);
  const pid = row.supplyMining?.pid ?? null;
  const [
    shares,
    collateral,
    borrowShares,
    borrowed,
    healthFactorWad,
    staked,
    pendingSupplyReward,
    pendingBorrowReward,
  ] = await Promise.all([
    m.balanceOf(account, { blockTag }),
    m.collateralOf(account, { blockTag }),
    m.borrowSharesOf(account, { blockTag }),
    m.debtOf(account, { blockTag }),
    m.healthFactor(account, { blockTag }),
    pid === null ? Promise.resolve(0n) : ctx.farm.userInfo(pid, account, { blockTag }).then((u) => u.amount),
    pid === null ? Promise.resolve(0n) : ctx.farm.pendingReward(pid, account, { blockTag }),
    ctx.borrowRewards
      ? ctx.borrowRewards.pendingReward(row.market, account, { blockTag })
      : Promise.resolve(0n),
  ]);
  const supplied = await m.convertToAssets(shares + staked, { blockTag });
  const liq = liquidationPrice(borrowed, collateral, row.lltv);
  const supplyMiningAprWad = row.supplyMining?.aprWad ?? (row.supplyMining ? null : 0n);
  const borrowMiningAprWad = row.borrowMining?.aprWad ?? (row.borrowMining ? null : 0n);
  return {
    market: row.market,
    symbol: row.symbol,
    loanToken: row.loanToken,
    collateralToken: row.collateralToken,
    shares,
    stakedShares: staked,
    supplied,
    suppliedValue: await loanValue(ctx, row, supplied),
    collateral,
    collateralValue: await ctx.valuer.value(row.collateralToken.address, collateral),
    borrowShares,
    borrowed,
    borrowedValue: await loanValue(ctx, row, borrowed),
    healthFactorWad,
    liquidationPrice: liq,
    liquidationCollateralPrice:
      liq === null || liq === MAX_UINT256 ? liq : pricePerWholeToken(liq, row.collateralToken.decimals),
    price: row.price,
    collateralPrice: row.collateralPrice,
    pendingSupplyReward,
    pendingBorrowReward,
    supplyAprWad: row.supplyAprWad,
    supplyMiningAprWad,
    borrowAprWad: row.borrowAprWad,
    borrowMiningAprWad,
    lenderAprWad: supplyMiningAprWad === null ? null : row.supplyAprWad + supplyMiningAprWad,
    borrowerNetAprWad: borrowMiningAprWad === null ? null : row.borrowAprWad - borrowMiningAprWad,
  };
}
