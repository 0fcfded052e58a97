/**
 * Lenders and borrowers in the simulation (docs/simulation.md, "Lenders and borrowers"): the
 * deployment's USDC market lent against WETH, its mock ETH/USD feed set from the run's external
 * random walk every step; lenders who supply and stake the shares in the farm, borrowers who borrow
 * to a target health (some lever up through USDC/WETH), and a liquidator who checks every borrower
 * every step. Values and rates go through src/positions/lending.ts (the stack of `lending:markets`
 * and `lending:position`).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { MaxUint256, ZeroAddress, type ContractTransactionReceipt } from "ethers";
import {
  BorrowRewards__factory,
  ChainlinkOracle__factory,
  LendingMarket__factory,
  MarketFactory__factory,
  MockAggregator__factory,
  type BorrowRewards,
  type LendingMarket,
  type MarketFactory,
  type MockAggregator,
} from "../../typechain-types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { FurrowDeployment } from "../chain/deployment";
import { E18, WAD, YEAR } from "../model";
import {
  PRICE_SCALE,
  readLendingPosition,
  readMarkets,
  type LendingContext,
  type LendingPositionRow,
  type MarketRow,
} from "../positions/lending";
import { swap } from "./actors";
import { latestBlock } from "./clock";
import { actorAddress, impersonate, USDC_DECIMALS, type Market } from "./market";
import { STRATEGY, type SimulationOptions } from "./options";
import { viewMarket, type MarketView } from "./valuation";

/** A change of an actor's principal (supplied or borrowed assets) at a block time, for its time-weighted average. */
export interface Flow {
  time: bigint;
  assets: bigint;
}

/** Supplies USDC at the first step and, if it stakes, mines FUR with the shares in the farm. */
export interface LenderActor {
  kind: "lender";
  name: string;
  signer: HardhatEthersSigner;
  capitalUsd: number;
  stakes: boolean;
  /** Step at which it unstakes and redeems half its shares (none: it holds). */
  withdrawAtStep?: number;
  /** USDC in (deposit) and out (redeem), shares minted and redeemed, FUR the farm paid it. */
  deposited: bigint;
  withdrawn: bigint;
  sharesMinted: bigint;
  sharesRedeemed: bigint;
  furHarvested: bigint;
  flows: Flow[];
}

export type BorrowerState = "open" | "liquidated";

/** Posts WETH, borrows to a target health (levering up first if it loops), holds; maybe repays or claims. */
export interface BorrowerActor {
  kind: "borrower";
  name: string;
  signer: HardhatEthersSigner;
  collateralEth: number;
  targetHealth: number;
  loops: number;
  claimsDaily: boolean;
  rateSensitive: boolean;
  state: BorrowerState;
  /** WETH posted (its own plus what the loops bought) and taken back after a liquidation. */
  wethPosted: bigint;
  wethWithdrawn: bigint;
  /** USDC borrowed and repaid by itself; USDC swapped into WETH by the loops and the WETH it bought. */
  borrowed: bigint;
  repaid: bigint;
  usdcSwapped: bigint;
  wethBought: bigint;
  repaidHalf: boolean;
  furClaimed: bigint;
  claims: number;
  flows: Flow[];
}

/** One liquidation as the Liquidated and BadDebtRealized events of its transaction say. */
export interface LiquidationRecord {
  step: number;
  block: number;
  borrower: string;
  /** healthFactor before (1e18 = at the limit) and the oracle price used (1e36-scaled). */
  healthWad: bigint;
  price: bigint;
  repaid: bigint;
  shares: bigint;
  seized: bigint;
  badDebt: bigint;
}

/** Checks every open borrower every step and liquidates those below health 1 (all their debt). */
export interface LiquidatorActor {
  kind: "liquidator";
  name: string;
  signer: HardhatEthersSigner;
  liquidations: LiquidationRecord[];
}

/** The market, its feed and rewards, and the actors that use it. */
export interface Lending {
  market: LendingMarket;
  address: string;
  symbol: string;
  feed: MockAggregator;
  feedDecimals: number;
  factory: MarketFactory;
  rewards: BorrowRewards;
  rewardsAddress: string;
  /** The farm pool staking the market's shares, added by governance at setup, and its weight. */
  pid: number;
  allocPoint: bigint;
  /** BorrowRewards' speed for the market (FUR/s), set by governance: a share of the pool's supply speed. */
  borrowSpeed: bigint;
  lenders: LenderActor[];
  borrowers: BorrowerActor[];
  liquidator: LiquidatorActor;
  /** Maker's supply, staked all run. */
  makerShares: bigint;
  feedUpdates: number;
}

/** The loan token of the deployment's first market if it lends against WETH (the simulation's USDC), else none. */
export async function lendingLoanToken(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
): Promise<string | undefined> {
  const address = d.markets?.[0];
  if (!address) return undefined;
  const market = LendingMarket__factory.connect(address, hre.ethers.provider);
  if ((await market.collateralToken()).toLowerCase() !== d.weth.toLowerCase()) return undefined;
  return market.asset();
}

const usdcWei = (usd: number) => BigInt(Math.round(usd * 100)) * 10n ** BigInt(USDC_DECIMALS - 2);

/** The receipt of a sent transaction (it mined: the simulation's transactions never fail silently). */
async function mined(tx: Promise<{ wait: () => Promise<ContractTransactionReceipt | null> }>) {
  return (await (await tx).wait())!;
}

/**
 * The market of the deployment as governance would open it to mining: the timelock (impersonated,
 * as for the other pools) adds a farm pool for its shares (unless the farm has one) and sets BorrowRewards' speed for it to
 * `borrowSpeedShare` of the pool's supply speed; the maker funds BorrowRewards with FUR, supplies
 * `makerSupplyUsd` and stakes the shares (so the pool is never empty). Then the actors, with addresses
 * after the others'. Call before the farm starts. Undefined without a market lending against WETH.
 */
export async function setupLending(
  m: Market,
  d: FurrowDeployment,
  o: SimulationOptions,
  first: number,
): Promise<Lending | undefined> {
  const loan = await lendingLoanToken(m.hre, d);
  if (!loan || loan.toLowerCase() !== m.usdcAddress) return undefined;
  const provider = m.hre.ethers.provider;
  const address = d.markets![0];
  const market = LendingMarket__factory.connect(address, m.maker);
  const oracle = ChainlinkOracle__factory.connect(await market.oracle(), provider);
  const feed = MockAggregator__factory.connect(await oracle.collateralFeed(), m.maker);
  const factory = MarketFactory__factory.connect(await market.factory(), provider);
  const rewardsAddress = await market.borrowRewards();
  const rewards = BorrowRewards__factory.connect(rewardsAddress, m.maker);
  const cfg = STRATEGY.lending;
  const farm = await m.farm.getAddress();

  // The pool staking the market's shares: the deployment's if it has one, else one governance adds.
  let pid = -1;
  const pools = Number(await m.farm.poolLength());
  for (let k = 0; k < pools && pid < 0; k++)
    if ((await m.farm.lpToken(k)).toLowerCase() === address.toLowerCase()) pid = k;
  const makerShares = await m.meter.during("lending-setup", async () => {
    if (pid < 0) {
      pid = pools;
      await mined(m.farm.connect(m.governance).add(BigInt(cfg.allocPoint), address, ZeroAddress));
    }
    const supply = usdcWei(cfg.makerSupplyUsd);
    await mined(m.usdc.connect(m.maker).mint(m.maker.address, supply));
    await mined(m.usdc.connect(m.maker).approve(address, MaxUint256));
    const before = await market.balanceOf(m.maker.address);
    await mined(market.deposit(supply, m.maker.address));
    const shares = (await market.balanceOf(m.maker.address)) - before;
    await mined(market.approve(farm, MaxUint256));
    await mined(m.farm.connect(m.maker).deposit(pid, shares, m.maker.address));
    const funding = BigInt(cfg.borrowRewardsFundingFur) * E18;
    await mined(m.fur.connect(m.maker).approve(rewardsAddress, funding));
    await mined(rewards.fund(funding));
    return shares;
  });
  const allocPoint = (await m.farm.poolInfo(pid)).allocPoint;
  const supplySpeed = await rewards.supplySpeed(pid);
  const borrowSpeed = (supplySpeed * BigInt(Math.round(cfg.borrowSpeedShare * 1e6))) / 1_000_000n;
  await m.meter.during("lending-setup", () =>
    mined(rewards.connect(m.governance).setRewardSpeed(address, pid, borrowSpeed)),
  );

  let i = first;
  const next = () => impersonate(m.hre, actorAddress(o.seed, i++));
  const steps = o.days * o.stepsPerDay;
  const lenders: LenderActor[] = [];
  for (const [k, l] of cfg.lenders.entries()) {
    lenders.push({
      kind: "lender",
      name: `lender-${k + 1}${l.stakes ? "" : " (unstaked)"}`,
      signer: await next(),
      capitalUsd: l.capitalUsd,
      stakes: l.stakes,
      ...(l.withdrawsHalf ? { withdrawAtStep: Math.floor(steps / 2) } : {}),
      deposited: 0n,
      withdrawn: 0n,
      sharesMinted: 0n,
      sharesRedeemed: 0n,
      furHarvested: 0n,
      flows: [],
    });
  }
  const borrowers: BorrowerActor[] = [];
  for (const [k, b] of cfg.borrowers.entries()) {
    borrowers.push({
      kind: "borrower",
      name: `borrower-${k + 1}${b.loops > 0 ? " (levered)" : ""}`,
      signer: await next(),
      ...b,
      state: "open",
      wethPosted: 0n,
      wethWithdrawn: 0n,
      borrowed: 0n,
      repaid: 0n,
      usdcSwapped: 0n,
      wethBought: 0n,
      repaidHalf: false,
      furClaimed: 0n,
      claims: 0,
      flows: [],
    });
  }
  const liquidator: LiquidatorActor = {
    kind: "liquidator",
    name: "liquidator",
    signer: await next(),
    liquidations: [],
  };
  await m.meter.during("approve", async () => {
    await mined(m.usdc.connect(m.maker).mint(liquidator.signer.address, usdcWei(cfg.liquidatorUsdc)));
    await mined(m.usdc.connect(liquidator.signer).approve(address, MaxUint256));
  });
  return {
    market,
    address,
    symbol: await market.symbol(),
    feed,
    feedDecimals: Number(await feed.decimals()),
    factory,
    rewards,
    rewardsAddress,
    pid,
    allocPoint,
    borrowSpeed,
    lenders,
    borrowers,
    liquidator,
    makerShares,
    feedUpdates: 0,
  };
}

/** Every actor of the lending side (for gas and the report). */
export function lendingActors(l: Lending) {
  return [...l.lenders, ...l.borrowers, l.liquidator];
}

async function now(m: Market): Promise<bigint> {
  return (await latestBlock(m.hre)).time;
}

/** The oracle's price now (collateral in loan-token units, 1e36-scaled). */
async function oraclePrice(l: Lending): Promise<bigint> {
  const oracle = ChainlinkOracle__factory.connect(await l.market.oracle(), l.market.runner);
  return oracle.price();
}

/**
 * One step of the lending side, after the rest of the step: the maker sets the feed to the external
 * ETH price; at the first step lenders then borrowers enter; the liquidator liquidates every borrower
 * below health 1; lenders and borrowers act on their schedules; at the last step the liquidator
 * accrues interest, so that the market's books are settled at the run's last block.
 */
export async function lendingStep(
  m: Market,
  l: Lending,
  step: number,
  externalEthPrice: number,
  o: SimulationOptions,
): Promise<void> {
  const during = m.meter.during.bind(m.meter);
  const answer = BigInt(Math.round(externalEthPrice * 10 ** l.feedDecimals));
  await during("oracle", () => mined(l.feed.setAnswer(answer)));
  l.feedUpdates++;
  if (step === 0) {
    for (const a of l.lenders) await during("lend", () => enterLender(m, l, a));
    for (const b of l.borrowers) await during("borrow", () => enterBorrower(m, l, b));
  }
  await liquidateUnhealthy(m, l, step);
  const claimStep = step % o.stepsPerDay === STRATEGY.lending.claimStepOfDay;
  for (const [k, a] of l.lenders.entries()) {
    if (step === a.withdrawAtStep) await during("lend-withdraw", () => withdrawHalf(m, l, a));
    else if (k === 0 && a.stakes && claimStep) await during("harvest", () => harvestLender(m, l, a));
  }
  for (const b of l.borrowers) {
    if (b.state !== "open") continue;
    if (b.rateSensitive && !b.repaidHalf) {
      const apr = Number((await l.market.borrowRatePerSecond()) * YEAR) / 1e18;
      if (apr > STRATEGY.lending.repayAboveApr) await during("repay", () => repayHalf(m, l, b));
    }
    if (b.claimsDaily && claimStep) await during("claim", () => claimBorrower(l, b));
  }
  if (step === o.days * o.stepsPerDay - 1) {
    await during("accrue", () => mined(l.market.connect(l.liquidator.signer).accrueInterest()));
  }
}

async function enterLender(m: Market, l: Lending, a: LenderActor): Promise<void> {
  const assets = usdcWei(a.capitalUsd);
  await mined(m.usdc.connect(m.maker).mint(a.signer.address, assets));
  await mined(m.usdc.connect(a.signer).approve(l.address, MaxUint256));
  const market = l.market.connect(a.signer);
  const before = await market.balanceOf(a.signer.address);
  await mined(market.deposit(assets, a.signer.address));
  const shares = (await market.balanceOf(a.signer.address)) - before;
  a.deposited += assets;
  a.sharesMinted += shares;
  a.flows.push({ time: await now(m), assets });
  if (a.stakes) {
    await mined(market.approve(await m.farm.getAddress(), MaxUint256));
    await mined(m.farm.connect(a.signer).deposit(l.pid, shares, a.signer.address));
  }
}

/** Unstakes half the staked shares with their FUR (or takes half the wallet's), and redeems them. */
async function withdrawHalf(m: Market, l: Lending, a: LenderActor): Promise<void> {
  const market = l.market.connect(a.signer);
  let shares: bigint;
  if (a.stakes) {
    shares = (await m.farm.userInfo(l.pid, a.signer.address)).amount / 2n;
    const fur0 = await m.fur.balanceOf(a.signer.address);
    await mined(m.farm.connect(a.signer).withdrawAndHarvest(l.pid, shares, a.signer.address));
    a.furHarvested += (await m.fur.balanceOf(a.signer.address)) - fur0;
  } else {
    shares = (await market.balanceOf(a.signer.address)) / 2n;
  }
  const usdc0 = await m.usdc.balanceOf(a.signer.address);
  await mined(market.redeem(shares, a.signer.address, a.signer.address));
  const out = (await m.usdc.balanceOf(a.signer.address)) - usdc0;
  a.withdrawn += out;
  a.sharesRedeemed += shares;
  a.flows.push({ time: await now(m), assets: -out });
}

async function harvestLender(m: Market, l: Lending, a: LenderActor): Promise<void> {
  if ((await m.farm.pendingReward(l.pid, a.signer.address)) === 0n) return;
  const fur0 = await m.fur.balanceOf(a.signer.address);
  await mined(m.farm.connect(a.signer).harvest(l.pid, a.signer.address));
  a.furHarvested += (await m.fur.balanceOf(a.signer.address)) - fur0;
}

/** What borrowing brings `b`'s health to its target: collateral · price · lltv / target − debt (floored). */
async function toTarget(l: Lending, b: BorrowerActor): Promise<bigint> {
  const [collateral, debt, lltv, price] = await Promise.all([
    l.market.collateralOf(b.signer.address),
    l.market.debtOf(b.signer.address),
    l.market.lltv(),
    oraclePrice(l),
  ]);
  const targetWad = BigInt(Math.round(b.targetHealth * 1e6)) * 10n ** 12n;
  const maxDebt = (((collateral * price) / PRICE_SCALE) * lltv) / WAD;
  const target = (maxDebt * WAD) / targetWad;
  return target > debt ? target - debt : 0n;
}

async function borrow(m: Market, l: Lending, b: BorrowerActor, assets: bigint): Promise<void> {
  if (assets === 0n) return;
  await mined(l.market.connect(b.signer).borrow(assets, b.signer.address));
  b.borrowed += assets;
  b.flows.push({ time: await now(m), assets });
}

async function post(l: Lending, b: BorrowerActor, weth: bigint): Promise<void> {
  await mined(l.market.connect(b.signer).supplyCollateral(weth, b.signer.address));
  b.wethPosted += weth;
}

/** Wraps its ETH, posts it, levers up `loops` times (borrow to target, buy WETH, post it), borrows to the target. */
async function enterBorrower(m: Market, l: Lending, b: BorrowerActor): Promise<void> {
  const s = b.signer;
  const weth = BigInt(b.collateralEth) * E18;
  await mined(m.weth.connect(s).deposit({ value: weth }));
  await mined(m.weth.connect(s).approve(l.address, MaxUint256));
  await mined(m.usdc.connect(s).approve(l.address, MaxUint256));
  if (b.loops > 0) await mined(m.usdc.connect(s).approve(await m.router.getAddress(), MaxUint256));
  await post(l, b, weth);
  for (let k = 0; k < b.loops; k++) {
    const assets = await toTarget(l, b);
    await borrow(m, l, b, assets);
    const bought = await swap(m, s, assets, [m.usdcAddress, m.wethAddress]);
    b.usdcSwapped += assets;
    b.wethBought += bought;
    await post(l, b, bought);
  }
  await borrow(m, l, b, await toTarget(l, b));
}

async function repayHalf(m: Market, l: Lending, b: BorrowerActor): Promise<void> {
  const half = (await l.market.debtOf(b.signer.address)) / 2n;
  const usdc0 = await m.usdc.balanceOf(b.signer.address);
  await mined(l.market.connect(b.signer).repay(half, b.signer.address));
  const paid = usdc0 - (await m.usdc.balanceOf(b.signer.address));
  b.repaid += paid;
  b.repaidHalf = true;
  b.flows.push({ time: await now(m), assets: -paid });
}

async function claimBorrower(l: Lending, b: BorrowerActor): Promise<void> {
  if ((await l.rewards.pendingReward(l.address, b.signer.address)) === 0n) return;
  const receipt = await mined(l.rewards.connect(b.signer).claim(l.address, b.signer.address));
  for (const log of receipt.logs) {
    const ev = l.rewards.interface.parseLog(log);
    if (ev?.name === "RewardClaimed") b.furClaimed += ev.args.amount as bigint;
  }
  b.claims++;
}

/**
 * The liquidator reads every open borrower's health; below 1 it repays all the debt
 * (`type(uint256).max`) for the collateral plus the incentive. What the events say is booked; the
 * borrower takes back whatever collateral is left and is out of the run.
 */
async function liquidateUnhealthy(m: Market, l: Lending, step: number): Promise<void> {
  for (const b of l.borrowers) {
    if (b.state !== "open") continue;
    const healthWad = await l.market.healthFactor(b.signer.address);
    if (healthWad >= WAD) continue;
    const price = await oraclePrice(l);
    const receipt = await m.meter.during("liquidate", () =>
      mined(
        l.market
          .connect(l.liquidator.signer)
          .liquidate(b.signer.address, MaxUint256, l.liquidator.signer.address),
      ),
    );
    const record: LiquidationRecord = {
      step,
      block: receipt.blockNumber,
      borrower: b.name,
      healthWad,
      price,
      repaid: 0n,
      shares: 0n,
      seized: 0n,
      badDebt: 0n,
    };
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== l.address.toLowerCase()) continue;
      const ev = l.market.interface.parseLog(log);
      if (ev?.name === "Liquidated") {
        record.repaid += ev.args.repaidAssets as bigint;
        record.shares += ev.args.repaidShares as bigint;
        record.seized += ev.args.seized as bigint;
      } else if (ev?.name === "BadDebtRealized") record.badDebt += ev.args.assets as bigint;
    }
    l.liquidator.liquidations.push(record);
    b.flows.push({ time: await now(m), assets: -(record.repaid + record.badDebt) });
    b.state = "liquidated";
    const left = await l.market.collateralOf(b.signer.address);
    if (left > 0n && (await l.market.borrowSharesOf(b.signer.address)) === 0n) {
      await m.meter.during("withdraw-collateral", () =>
        mined(l.market.connect(b.signer).withdrawCollateral(left, b.signer.address)),
      );
      b.wethWithdrawn += left;
    }
  }
}

/** The lending context of the positions library at the view's block (the simulation's farm and valuer). */
export function lendingContext(view: MarketView, l: Lending): LendingContext {
  return {
    ...view.ctx,
    marketFactory: l.factory,
    marketFactoryAddress: l.factory.target as string,
    borrowRewards: BorrowRewards__factory.connect(l.rewardsAddress, view.ctx.provider),
  };
}

/** The market's row as `lending:markets` reads it at the view's block. */
export async function marketRow(view: MarketView, l: Lending): Promise<MarketRow> {
  const report = await readMarkets(lendingContext(view, l));
  const row = report.markets.find((r) => r.market.toLowerCase() === l.address.toLowerCase());
  if (!row) throw new Error(`simulation: MarketFactory does not list ${l.address}`);
  return row;
}

/** An account's row in the market as `lending:position` reads it at the view's block. */
export async function positionRow(
  view: MarketView,
  l: Lending,
  account: string,
): Promise<LendingPositionRow> {
  const report = await readLendingPosition(lendingContext(view, l), account, l.address);
  return report.positions[0];
}

/** The day's lending sample: the market's row (utilisation, rates, totals) and the liquidations so far. */
export interface LendingSample {
  day: number;
  block: number;
  time: bigint;
  /** The oracle's ETH price in USDC wei per whole WETH (the market's price, fresh or last good). */
  collateralPrice: bigint;
  utilizationWad: bigint;
  borrowAprWad: bigint;
  supplyAprWad: bigint;
  supplyMiningAprWad: bigint | null;
  borrowMiningAprWad: bigint | null;
  totalAssets: bigint;
  totalBorrows: bigint;
  cash: bigint;
  totalBadDebt: bigint;
  /** Liquidations so far, and the debt they repaid (cumulative). */
  liquidations: number;
  liquidatedDebt: bigint;
}

export async function lendingSample(
  m: Market,
  l: Lending,
  day: number,
  o: SimulationOptions,
): Promise<LendingSample> {
  const view = await viewMarket(m, o.bonusPriceUsd);
  const row = await marketRow(view, l);
  const done = l.liquidator.liquidations;
  return {
    day,
    block: view.ctx.block,
    time: view.ctx.timestamp,
    collateralPrice: row.collateralPrice,
    utilizationWad: row.utilizationWad,
    borrowAprWad: row.borrowAprWad,
    supplyAprWad: row.supplyAprWad,
    supplyMiningAprWad: row.supplyMining?.aprWad ?? null,
    borrowMiningAprWad: row.borrowMining?.aprWad ?? null,
    totalAssets: row.totalAssets,
    totalBorrows: row.totalBorrows,
    cash: row.cash,
    totalBadDebt: row.totalBadDebt,
    liquidations: done.length,
    liquidatedDebt: done.reduce((s, r) => s + r.repaid, 0n),
  };
}

/** Time-weighted average principal of `flows` from the first flow to `end` (assets·seconds / seconds). */
export function averagePrincipal(flows: Flow[], end: bigint): { average: bigint; seconds: bigint } {
  if (flows.length === 0) return { average: 0n, seconds: 0n };
  let principal = 0n;
  let area = 0n;
  for (const [i, f] of flows.entries()) {
    principal += f.assets;
    const until = i + 1 < flows.length ? flows[i + 1].time : end;
    area += principal * (until - f.time);
  }
  const seconds = end - flows[0].time;
  return { average: seconds === 0n ? 0n : area / seconds, seconds };
}
