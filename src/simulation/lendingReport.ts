/**
 * The lending part of the report, pure like the rest of it: lenders' supply APR (interest) + mining
 * APR, borrowers' borrow cost − rewards, utilisation and rates day by day, the liquidations and the
 * bad debt, and the interest audit (./lendingAudit.ts).
 *
 * Realised APRs are over each actor's time-weighted principal (USDC supplied less redeemed, or
 * borrowed less repaid) from its first action to the end: interest / principal × year / seconds;
 * FUR is valued at the end FUR price, USDC at $1 (the report's unit).
 */
import { formatTable } from "../format/table";
import { costWei, weiToUsd } from "../model";
import type { MeteredTx } from "./gas";
import { fraction, type LendingAudit } from "./lendingAudit";
import type { LendingResult } from "./lendingCapture";
import type { SimulationResult } from "./result";
import { lineChart } from "./svg";

/** The lending audit as written to report.json (wei as decimal strings, fractions as n/d). */
export interface LendingAuditJson {
  market: string;
  eventsReplayed: number;
  interest: string;
  deposited: string;
  withdrawn: string;
  borrowed: string;
  repaid: string;
  liquidationRepaid: string;
  badDebt: string;
  cash: string;
  totalBorrows: string;
  totalAssets: string;
  holders: number;
  holdersValue: string;
  supplierGain: string;
  roundingWei: string;
  virtualPartWei: string;
  borrowers: number;
  borrowersWithDebt: number;
  borrowerInterest: string;
  borrowRoundingWei: string;
  borrowVirtualPartWei: string;
  mismatches: string[];
  exact: boolean;
}

export interface LendingJson {
  market: string;
  symbol: string;
  borrowRewards: string;
  pid: number;
  allocPoint: string;
  /** BorrowRewards' speed for the market, FUR wei per second. */
  borrowRewardPerSecond: string;
  lltvPercent: number;
  liquidationIncentivePercent: number;
  feedUpdates: number;
  /** At the last block, as lending:markets reads it. */
  end: {
    utilizationPercent: number;
    supplyAprPercent: number;
    borrowAprPercent: number;
    supplyMiningAprPercent: number | null;
    borrowMiningAprPercent: number | null;
    totalAssets: string;
    totalBorrows: string;
    totalBadDebt: string;
    ethPriceUsd: number;
  };
  lenders: {
    name: string;
    staked: boolean;
    deposited: string;
    withdrawn: string;
    supplied: string;
    interest: string;
    furEarned: string;
    averagePrincipalUsd: number;
    interestUsd: number;
    miningUsd: number;
    /** Realised: interest, and FUR at the end price, over the time-weighted principal, a year. */
    supplyAprPercent: number;
    miningAprPercent: number;
    totalAprPercent: number;
    /** Every transaction it sent: gas used, and its cost under the run's gas profile at the end ETH price. */
    gasUsed: string;
    gasUsd: number;
  }[];
  borrowers: {
    name: string;
    state: string;
    loops: number;
    targetHealth: number;
    wethPosted: string;
    collateral: string;
    borrowed: string;
    repaid: string;
    liquidationRepaid: string;
    seized: string;
    badDebt: string;
    debt: string;
    interest: string;
    furEarned: string;
    /** healthFactor now (null: no debt) and the ETH price at which it would be liquidated. */
    health: number | null;
    liquidationEthPriceUsd: number | null;
    averagePrincipalUsd: number;
    interestUsd: number;
    rewardsUsd: number;
    /** Realised: interest and FUR rewards over the time-weighted debt, a year; net = cost − rewards. */
    borrowCostAprPercent: number;
    rewardsAprPercent: number;
    netCostAprPercent: number;
    gasUsed: string;
    gasUsd: number;
  }[];
  liquidations: {
    day: number;
    step: number;
    borrower: string;
    health: number;
    ethPriceUsd: number;
    repaid: string;
    seized: string;
    badDebt: string;
    /** Seized WETH at the oracle price less the USDC repaid: the liquidator's gain. */
    liquidatorGainUsd: number;
  }[];
  totals: { liquidatedDebt: string; seized: string; badDebt: string };
  /** The liquidator's transactions (liquidations and the last step's accrual) and its gains. */
  liquidator: { gasUsed: string; gasUsd: number; gainUsd: number };
  audit: LendingAuditJson;
}

export interface LendingSeries {
  day: number[];
  utilizationPercent: number[];
  borrowAprPercent: number[];
  supplyAprPercent: number[];
  ethPriceUsd: number[];
  /** Cumulative USDC repaid by liquidations and cumulative bad debt, in USD. */
  liquidatedDebtUsd: number[];
  badDebtUsd: number[];
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const pct = (wad: bigint) => Number(wad) / 1e16;
const usdc = (wei: bigint) => Number(wei) / 1e6;
/** A year over `seconds`, for annualising a return. */
const perYear = (seconds: bigint) => (seconds === 0n ? 0 : (365 * 86_400) / Number(seconds));
const rate = (x: number, principal: number, seconds: bigint) =>
  principal > 0 ? round((x / principal) * perYear(seconds) * 100) : 0;

export function lendingAuditJson(a: LendingAudit): LendingAuditJson {
  return {
    market: a.market,
    eventsReplayed: a.events,
    interest: a.interest.toString(),
    deposited: a.deposited.toString(),
    withdrawn: a.withdrawn.toString(),
    borrowed: a.borrowed.toString(),
    repaid: a.repaid.toString(),
    liquidationRepaid: a.liquidationRepaid.toString(),
    badDebt: a.badDebt.toString(),
    cash: a.cash.toString(),
    totalBorrows: a.totalBorrows.toString(),
    totalAssets: a.totalAssets.toString(),
    holders: a.holders,
    holdersValue: a.holdersValue.toString(),
    supplierGain: a.supplierGain.toString(),
    roundingWei: a.rounding.toString(),
    virtualPartWei: fraction(a.virtualPart),
    borrowers: a.borrowers,
    borrowersWithDebt: a.borrowersWithDebt,
    borrowerInterest: a.borrowerInterest.toString(),
    borrowRoundingWei: a.borrowRounding.toString(),
    borrowVirtualPartWei: fraction(a.borrowVirtualPart),
    mismatches: a.mismatches,
    exact: a.exact,
  };
}

/** The lending section and its daily series; `furUsd` is the end FUR price. */
export function lendingPart(
  r: SimulationResult,
  l: LendingResult,
): { lending: LendingJson; series: LendingSeries } {
  const furUsd = r.prices.fur;
  const fur = (wei: bigint) => (Number(wei) / 1e18) * furUsd;
  const stepsPerDay = r.options.stepsPerDay;
  const gas = (txs: MeteredTx[]) => ({
    gasUsed: txs.reduce((s, t) => s + t.gasUsed, 0n).toString(),
    gasUsd: round(weiToUsd(costWei(r.options.gasProfile, txs), r.prices.eth)),
  });
  const lenders = l.lenders.map((a) => {
    const principal = usdc(a.averagePrincipal);
    const supply = rate(usdc(a.interest), principal, a.seconds);
    const mining = rate(fur(a.fur), principal, a.seconds);
    return {
      name: a.name,
      staked: a.stakes,
      deposited: a.deposited.toString(),
      withdrawn: a.withdrawn.toString(),
      supplied: a.supplied.toString(),
      interest: a.interest.toString(),
      furEarned: a.fur.toString(),
      averagePrincipalUsd: round(principal),
      interestUsd: round(usdc(a.interest)),
      miningUsd: round(fur(a.fur)),
      supplyAprPercent: supply,
      miningAprPercent: mining,
      totalAprPercent: round(supply + mining),
      ...gas(a.gas),
    };
  });
  const max = 2n ** 256n - 1n;
  const borrowers = l.borrowers.map((b) => {
    const principal = usdc(b.averagePrincipal);
    const cost = rate(usdc(b.interest), principal, b.seconds);
    const rewards = rate(fur(b.fur), principal, b.seconds);
    return {
      name: b.name,
      state: b.state,
      loops: b.loops,
      targetHealth: b.targetHealth,
      wethPosted: b.wethPosted.toString(),
      collateral: b.collateral.toString(),
      borrowed: b.borrowed.toString(),
      repaid: b.repaid.toString(),
      liquidationRepaid: b.liquidationRepaid.toString(),
      seized: b.seized.toString(),
      badDebt: b.badDebt.toString(),
      debt: b.debt.toString(),
      interest: b.interest.toString(),
      furEarned: b.fur.toString(),
      health: b.healthWad === max ? null : round(Number(b.healthWad) / 1e18, 4),
      liquidationEthPriceUsd:
        b.liquidationCollateralPrice === null || b.liquidationCollateralPrice === max
          ? null
          : round(usdc(b.liquidationCollateralPrice)),
      averagePrincipalUsd: round(principal),
      interestUsd: round(usdc(b.interest)),
      rewardsUsd: round(fur(b.fur)),
      borrowCostAprPercent: cost,
      rewardsAprPercent: rewards,
      netCostAprPercent: round(cost - rewards),
      ...gas(b.gas),
    };
  });
  // The oracle price is collateral in USDC wei per WETH wei, 1e36-scaled: per whole WETH, / 1e18.
  const ethUsd = (price: bigint) => Number(price / 10n ** 18n) / 1e6;
  const liquidations = l.liquidations.map((x) => ({
    day: Math.floor(x.step / stepsPerDay) + 1,
    step: x.step,
    borrower: x.borrower,
    health: round(Number(x.healthWad) / 1e18, 4),
    ethPriceUsd: round(ethUsd(x.price)),
    repaid: x.repaid.toString(),
    seized: x.seized.toString(),
    badDebt: x.badDebt.toString(),
    liquidatorGainUsd: round((Number(x.seized) / 1e18) * ethUsd(x.price) - usdc(x.repaid)),
  }));
  const total = (f: (x: (typeof l.liquidations)[number]) => bigint) =>
    l.liquidations.reduce((s, x) => s + f(x), 0n).toString();
  const e = l.end;
  const s = l.samples;
  return {
    lending: {
      market: l.market,
      symbol: l.symbol,
      borrowRewards: l.borrowRewards,
      pid: l.pid,
      allocPoint: l.allocPoint.toString(),
      borrowRewardPerSecond: l.borrowSpeed.toString(),
      lltvPercent: round(pct(l.lltv)),
      liquidationIncentivePercent: round(pct(l.liquidationIncentive), 4),
      feedUpdates: l.feedUpdates,
      end: {
        utilizationPercent: round(pct(e.utilizationWad)),
        supplyAprPercent: round(pct(e.supplyAprWad)),
        borrowAprPercent: round(pct(e.borrowAprWad)),
        supplyMiningAprPercent: e.supplyMiningAprWad === null ? null : round(pct(e.supplyMiningAprWad)),
        borrowMiningAprPercent: e.borrowMiningAprWad === null ? null : round(pct(e.borrowMiningAprWad)),
        totalAssets: e.totalAssets.toString(),
        totalBorrows: e.totalBorrows.toString(),
        totalBadDebt: e.totalBadDebt.toString(),
        ethPriceUsd: round(usdc(e.collateralPrice)),
      },
      lenders,
      borrowers,
      liquidations,
      totals: {
        liquidatedDebt: total((x) => x.repaid),
        seized: total((x) => x.seized),
        badDebt: total((x) => x.badDebt),
      },
      liquidator: {
        ...gas(l.liquidatorGas),
        gainUsd: round(liquidations.reduce((sum, x) => sum + x.liquidatorGainUsd, 0)),
      },
      audit: lendingAuditJson(l.audit),
    },
    series: {
      day: s.map((x) => x.day),
      utilizationPercent: s.map((x) => round(pct(x.utilizationWad))),
      borrowAprPercent: s.map((x) => round(pct(x.borrowAprWad))),
      supplyAprPercent: s.map((x) => round(pct(x.supplyAprWad))),
      ethPriceUsd: s.map((x) => round(usdc(x.collateralPrice))),
      liquidatedDebtUsd: s.map((x) => round(usdc(x.liquidatedDebt))),
      badDebtUsd: s.map((x) => round(usdc(x.totalBadDebt))),
    },
  };
}

/** The lending charts: utilisation and rates by day; liquidated debt and bad debt (cumulative) by day. */
export function lendingCharts(l: LendingJson, s: LendingSeries): Record<string, string> {
  return {
    "lending-utilization.svg": lineChart(
      [
        { name: "utilisation", x: s.day, y: s.utilizationPercent },
        { name: "borrow APR", x: s.day, y: s.borrowAprPercent },
        { name: "supply APR", x: s.day, y: s.supplyAprPercent },
      ],
      { title: `${l.symbol}: utilisation and interest rates`, xLabel: "day", yLabel: "%" },
    ),
    "lending-liquidations.svg": lineChart(
      [
        { name: "repaid by liquidations", x: s.day, y: s.liquidatedDebtUsd },
        { name: "bad debt", x: s.day, y: s.badDebtUsd },
      ],
      {
        title: `${l.symbol}: debt liquidated and bad debt, cumulative (${l.liquidations.length} liquidations)`,
        xLabel: "day",
        yLabel: "USD",
      },
    ),
  };
}

const cents = (x: number) =>
  x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = (wei: string, decimals: number, digits = 4) =>
  (Number(BigInt(wei) / 10n ** BigInt(decimals - digits)) / 10 ** digits).toLocaleString("en-US");
const p2 = (x: number | null) => (x === null ? "n/a" : `${x.toFixed(2)}%`);

/** The lending summary: market, lenders, borrowers, liquidations and the audit lines. */
export function lendingSummary(l: LendingJson): string {
  const e = l.end;
  const lenders = formatTable(
    [
      "lender",
      "staked",
      "deposited $",
      "interest $",
      "FUR",
      "mining $",
      "supply APR",
      "mining APR",
      "total APR",
      "gas $",
    ],
    l.lenders.map((a) => [
      a.name,
      a.staked ? "yes" : "no",
      whole(a.deposited, 6, 2),
      cents(a.interestUsd),
      whole(a.furEarned, 18),
      cents(a.miningUsd),
      p2(a.supplyAprPercent),
      p2(a.miningAprPercent),
      p2(a.totalAprPercent),
      cents(a.gasUsd),
    ]),
  );
  const borrowers = formatTable(
    [
      "borrower",
      "state",
      "WETH posted",
      "borrowed $",
      "debt $",
      "health",
      "liq. ETH $",
      "interest $",
      "FUR $",
      "cost APR",
      "rewards APR",
      "net APR",
      "gas $",
    ],
    l.borrowers.map((b) => [
      b.name,
      b.state,
      whole(b.wethPosted, 18),
      whole(b.borrowed, 6, 2),
      whole(b.debt, 6, 2),
      b.health === null ? "no debt" : b.health.toFixed(4),
      b.liquidationEthPriceUsd === null ? "" : cents(b.liquidationEthPriceUsd),
      cents(b.interestUsd),
      cents(b.rewardsUsd),
      p2(b.borrowCostAprPercent),
      p2(b.rewardsAprPercent),
      p2(b.netCostAprPercent),
      cents(b.gasUsd),
    ]),
  );
  const liquidations =
    l.liquidations.length === 0
      ? "no liquidation"
      : formatTable(
          [
            "day",
            "step",
            "borrower",
            "health",
            "ETH $",
            "repaid $",
            "WETH seized",
            "bad debt $",
            "liquidator gain $",
          ],
          l.liquidations.map((x) => [
            String(x.day),
            String(x.step),
            x.borrower,
            x.health.toFixed(4),
            cents(x.ethPriceUsd),
            whole(x.repaid, 6, 2),
            whole(x.seized, 18),
            whole(x.badDebt, 6, 2),
            cents(x.liquidatorGainUsd),
          ]),
        );
  return (
    `\nLending ${l.symbol} ${l.market} (USDC lent against WETH, lltv ${l.lltvPercent}%, liquidation incentive ${l.liquidationIncentivePercent}%;` +
    ` farm pool ${l.pid}, alloc ${l.allocPoint}; borrow rewards ${whole(l.borrowRewardPerSecond, 18)} FUR/s)\n` +
    `end: utilisation ${e.utilizationPercent.toFixed(2)}%, supply APR ${p2(e.supplyAprPercent)} + mining ${p2(e.supplyMiningAprPercent)},` +
    ` borrow APR ${p2(e.borrowAprPercent)} − rewards ${p2(e.borrowMiningAprPercent)}; oracle ETH $${cents(e.ethPriceUsd)} (${l.feedUpdates} feed updates)\n` +
    `${lenders}\n${borrowers}\n` +
    `liquidations: ${l.liquidations.length}, debt repaid $${whole(l.totals.liquidatedDebt, 6, 2)}, bad debt $${whole(l.totals.badDebt, 6, 2)};` +
    ` liquidator gain $${cents(l.liquidator.gainUsd)}, gas $${cents(l.liquidator.gasUsd)}\n` +
    `${liquidations}\n`
  );
}

/**
 * The lending audit lines: interest paid by borrowers (Σ InterestAccrued) = interest earned by
 * suppliers + bad debt + rounding, with the rounding's bound; the same from the borrowers' books.
 */
export function lendingAuditLine(a: LendingAuditJson): string {
  const verdict = a.exact ? "EXACT" : `MISMATCH ${a.mismatches.slice(0, 3).join("; ")}`;
  return (
    `audit lending: interest paid by borrowers ${a.interest} = earned by suppliers ${a.supplierGain}` +
    ` + bad debt ${a.badDebt} + rounding ${a.roundingWei} wei: ${verdict}\n` +
    `  in wei: Σ InterestAccrued ${a.interest}; suppliers: Σ holders' assets ${a.holdersValue} + withdrawn ${a.withdrawn}` +
    ` − deposited ${a.deposited}; rounding = totalAssets ${a.totalAssets} − Σ holders' assets, bound [v, v + ${a.holders})` +
    ` with v = ${a.virtualPartWei} (virtual shares); books: cash ${a.cash} and borrows ${a.totalBorrows} replayed from` +
    ` ${a.eventsReplayed} events\n` +
    `  borrowers' books: Σ (repaid + liquidated + written off + debt − borrowed) = ${a.borrowerInterest}` +
    ` = interest + ${a.borrowRoundingWei} wei (debtOf rounds up: bound [w, w + ${a.borrowersWithDebt}) with w = ${a.borrowVirtualPartWei})`
  );
}
