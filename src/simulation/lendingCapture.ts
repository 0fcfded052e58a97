/**
 * The lending side of a run as plain data, read at its last block through src/positions/lending.ts
 * (the actors' books from ./lending.ts, the audit from ./lendingAudit.ts).
 */
import type { MeteredTx } from "./gas";
import {
  averagePrincipal,
  marketRow,
  positionRow,
  type BorrowerState,
  type Lending,
  type LendingSample,
  type LiquidationRecord,
} from "./lending";
import type { LendingAudit } from "./lendingAudit";
import type { Market } from "./market";
import type { MarketView } from "./valuation";

/** A lender at the end: its books, and what `lending:position` reads for it. */
export interface LenderResult {
  kind: "lender";
  name: string;
  stakes: boolean;
  deposited: bigint;
  withdrawn: bigint;
  /** Shares in the wallet and staked; what all of them redeem for (convertToAssets). */
  shares: bigint;
  stakedShares: bigint;
  supplied: bigint;
  /** supplied + withdrawn − deposited. */
  interest: bigint;
  /** FUR the farm paid it plus its pending FUR. */
  fur: bigint;
  /** Time-weighted USDC it had in (deposits less redemptions), and over how many seconds. */
  averagePrincipal: bigint;
  seconds: bigint;
  gas: MeteredTx[];
}

/** A borrower at the end: its books, its liquidation, and what `lending:position` reads for it. */
export interface BorrowerResult {
  kind: "borrower";
  name: string;
  state: BorrowerState;
  loops: number;
  targetHealth: number;
  wethPosted: bigint;
  wethWithdrawn: bigint;
  collateral: bigint;
  borrowed: bigint;
  repaid: bigint;
  /** What a liquidator repaid for it, the collateral seized and the debt written off. */
  liquidationRepaid: bigint;
  seized: bigint;
  badDebt: bigint;
  /** debtOf now (rounded up). */
  debt: bigint;
  /** repaid + liquidationRepaid + badDebt + debt − borrowed: the interest it was charged. */
  interest: bigint;
  healthWad: bigint;
  liquidationCollateralPrice: bigint | null;
  /** FUR BorrowRewards paid it plus its pending FUR. */
  fur: bigint;
  furClaimed: bigint;
  claims: number;
  averagePrincipal: bigint;
  seconds: bigint;
  gas: MeteredTx[];
}

/** The lending side of a run as plain data. */
export interface LendingResult {
  market: string;
  symbol: string;
  borrowRewards: string;
  pid: number;
  allocPoint: bigint;
  borrowSpeed: bigint;
  lltv: bigint;
  liquidationIncentive: bigint;
  feedUpdates: number;
  /** The market's row at the last block (lending:markets). */
  end: {
    utilizationWad: bigint;
    supplyAprWad: bigint;
    borrowAprWad: bigint;
    supplyMiningAprWad: bigint | null;
    borrowMiningAprWad: bigint | null;
    totalAssets: bigint;
    totalBorrows: bigint;
    totalBadDebt: bigint;
    collateralPrice: bigint;
  };
  samples: LendingSample[];
  lenders: LenderResult[];
  borrowers: BorrowerResult[];
  liquidations: LiquidationRecord[];
  liquidatorGas: MeteredTx[];
  audit: LendingAudit;
}

/** The lending side at the run's last block, read through src/positions/lending.ts. */
export async function captureLending(
  m: Market,
  l: Lending,
  view: MarketView,
  samples: LendingSample[],
  audit: LendingAudit,
): Promise<LendingResult> {
  const end = view.ctx.timestamp;
  const row = await marketRow(view, l);
  const lenders: LenderResult[] = [];
  for (const a of l.lenders) {
    const p = await positionRow(view, l, a.signer.address);
    const avg = averagePrincipal(a.flows, end);
    lenders.push({
      kind: "lender",
      name: a.name,
      stakes: a.stakes,
      deposited: a.deposited,
      withdrawn: a.withdrawn,
      shares: p.shares,
      stakedShares: p.stakedShares,
      supplied: p.supplied,
      interest: p.supplied + a.withdrawn - a.deposited,
      fur: a.furHarvested + p.pendingSupplyReward,
      averagePrincipal: avg.average,
      seconds: avg.seconds,
      gas: await m.meter.transactionsOf(a.signer.address),
    });
  }
  const borrowers: BorrowerResult[] = [];
  for (const b of l.borrowers) {
    const p = await positionRow(view, l, b.signer.address);
    const mine = l.liquidator.liquidations.filter((x) => x.borrower === b.name);
    const liquidationRepaid = mine.reduce((s, x) => s + x.repaid, 0n);
    const badDebt = mine.reduce((s, x) => s + x.badDebt, 0n);
    const avg = averagePrincipal(b.flows, end);
    borrowers.push({
      kind: "borrower",
      name: b.name,
      state: b.state,
      loops: b.loops,
      targetHealth: b.targetHealth,
      wethPosted: b.wethPosted,
      wethWithdrawn: b.wethWithdrawn,
      collateral: p.collateral,
      borrowed: b.borrowed,
      repaid: b.repaid,
      liquidationRepaid,
      seized: mine.reduce((s, x) => s + x.seized, 0n),
      badDebt,
      debt: p.borrowed,
      interest: b.repaid + liquidationRepaid + badDebt + p.borrowed - b.borrowed,
      healthWad: p.healthFactorWad,
      liquidationCollateralPrice: p.liquidationCollateralPrice,
      fur: b.furClaimed + p.pendingBorrowReward,
      furClaimed: b.furClaimed,
      claims: b.claims,
      averagePrincipal: avg.average,
      seconds: avg.seconds,
      gas: await m.meter.transactionsOf(b.signer.address),
    });
  }
  return {
    market: l.address,
    symbol: l.symbol,
    borrowRewards: l.rewardsAddress,
    pid: l.pid,
    allocPoint: l.allocPoint,
    borrowSpeed: l.borrowSpeed,
    lltv: row.lltv,
    liquidationIncentive: row.liquidationIncentive,
    feedUpdates: l.feedUpdates,
    end: {
      utilizationWad: row.utilizationWad,
      supplyAprWad: row.supplyAprWad,
      borrowAprWad: row.borrowAprWad,
      supplyMiningAprWad: row.supplyMining?.aprWad ?? null,
      borrowMiningAprWad: row.borrowMining?.aprWad ?? null,
      totalAssets: row.totalAssets,
      totalBorrows: row.totalBorrows,
      totalBadDebt: row.totalBadDebt,
      collateralPrice: row.collateralPrice,
    },
    samples,
    lenders,
    borrowers,
    liquidations: l.liquidator.liquidations,
    liquidatorGas: await m.meter.transactionsOf(l.liquidator.signer.address),
    audit,
  };
}
