/**
 * The real-yield part of the report, pure like the rest of it: the fee-switch proposal, what the
 * collects notified to sFUR, the fee APR of sFUR next to the emission APR of the farm's FUR pool,
 * and the sustainability ratio (fee revenue in USD ÷ USD value of the FUR the farm emitted).
 *
 * USD values are taken at the daily samples: what the collects of a day notified, and what the farm
 * emitted that day (rate × seconds since the previous sample), are both valued at that day's
 * sample prices. The ratio of day d is cumulative: Σ fee USD of days 1..d ÷ Σ emission USD of days 1..d.
 */
import type { StakingAudit } from "./stakingAudit";
import type { DaySample, SimulationResult } from "./result";

/** sFUR's audit (src/simulation/stakingAudit.ts), amounts as decimal strings of wei. */
export interface StakingAuditJson {
  tokens: {
    symbol: string;
    token: string;
    notified: string;
    paid: string;
    earned: string;
    unstreamed: string;
    dustWei: string;
    roundingBoundWei: string;
  }[];
  supply: string;
  furHeld: string;
  furRewardsHeld: string;
  eventsReplayed: number;
  notifiesChecked: number;
  payoutsChecked: number;
  earnedChecked: number;
  mismatches: string[];
  exact: boolean;
}

export interface RevenueJson {
  stakedFur: string;
  feeCollector: string;
  governor: string;
  feeTo: string;
  /** feeTo is the collector: the proposal's first call took effect. */
  feeSwitchOn: boolean;
  proposal: {
    id: string;
    description: string;
    calls: string[];
    forVotes: string;
    againstVotes: string;
    abstainVotes: string;
    /** Per voter at the snapshot: FUR votes and sFUR votes (wei), both counted by the governor. */
    votes: { name: string; fur: string; sFur: string }[];
    /** Seconds relative to the run's start (the first second of emission); negative: before it. */
    at: {
      proposed: number;
      snapshot: number;
      deadline: number;
      queued: number;
      eta: number;
      executed: number;
    };
  };
  rewardTokens: string[];
  collects: number;
  /** Per reward token: what the collects notified to sFUR, and its USD at the samples of the days. */
  notified: { symbol: string; decimals: number; amount: string; usd: number }[];
  feeRevenueUsd: number;
  emittedFur: string;
  emissionUsd: number;
  /** feeRevenueUsd / emissionUsd over the whole run. */
  sustainabilityRatio: number;
  /** At the last sample: the APR of sFUR's current streams, and the farm's FUR pool's emission APR. */
  feeAprPercentEnd: number;
  emissionAprPercentEnd: number;
}

export interface RevenueSeries {
  /** The APR of sFUR's current streams (fee APR, real yield) and the FUR pool's emission APR, daily. */
  feeAprPercent: number[];
  emissionAprPercent: number[];
  /** USD of the day's fee revenue (notified) and of the day's emission. */
  feeRevenueUsd: number[];
  emissionUsd: number[];
  /** Cumulative Σ fee USD / Σ emission USD, and the day's own ratio. */
  sustainabilityRatio: number[];
  dailySustainabilityRatio: number[];
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
/** `amount` wei of a token with `decimals` at `priceUsd` a whole token. */
export const usdOf = (amount: bigint, decimals: number, priceUsd: number) =>
  (Number(amount) / 10 ** decimals) * priceUsd;

/** The day's fee revenue in USD: each token notified that day at the day's price. */
export function dayFeeUsd(r: SimulationResult, s: DaySample): number {
  return r.revenue.rewardTokens.reduce(
    (sum, t, i) => sum + usdOf(s.notified[i], t.decimals, s.rewardTokenPriceUsd[i]),
    0,
  );
}

/** The day's emission in USD: FUR emitted that day at the day's FUR price. */
export function dayEmissionUsd(s: DaySample): number {
  return usdOf(s.emittedFur, 18, s.furPriceUsd);
}

export function stakingAuditJson(a: StakingAudit): StakingAuditJson {
  return {
    tokens: a.tokens.map((t) => ({
      symbol: t.symbol,
      token: t.token,
      notified: t.notified.toString(),
      paid: t.paid.toString(),
      earned: t.earned.toString(),
      unstreamed: t.unstreamed.toString(),
      dustWei: t.dust.toString(),
      roundingBoundWei: t.roundingBound.toString(),
    })),
    supply: a.supply.toString(),
    furHeld: a.furHeld.toString(),
    furRewardsHeld: a.furRewardsHeld.toString(),
    eventsReplayed: a.events,
    notifiesChecked: a.notifiesChecked,
    payoutsChecked: a.payoutsChecked,
    earnedChecked: a.earnedChecked,
    mismatches: a.mismatches,
    exact: a.exact,
  };
}

/** The real-yield section and its daily series; `furPoolIndex` is the farm's FUR pool (its APR is the emission APR). */
export function revenuePart(
  r: SimulationResult,
  furPoolIndex: number,
): { revenue: RevenueJson; series: RevenueSeries } {
  const rv = r.revenue;
  const fees = r.samples.map((s) => dayFeeUsd(r, s));
  const emission = r.samples.map(dayEmissionUsd);
  const cumulative: number[] = [];
  let [feeSum, emissionSum] = [0, 0];
  for (const [i, f] of fees.entries()) {
    feeSum += f;
    emissionSum += emission[i];
    cumulative.push(emissionSum > 0 ? feeSum / emissionSum : 0);
  }
  const notified = rv.rewardTokens.map((t, i) => ({
    symbol: t.symbol,
    decimals: t.decimals,
    amount: r.samples.reduce((sum, s) => sum + s.notified[i], 0n).toString(),
    usd: round(
      r.samples.reduce((sum, s) => sum + usdOf(s.notified[i], t.decimals, s.rewardTokenPriceUsd[i]), 0),
    ),
  }));
  const p = rv.proposal;
  const at = (t: bigint) => Number(t - rv.runStart);
  const last = r.samples[r.samples.length - 1];
  const keeper = r.actors.find((a) => a.kind === "fee-keeper");
  return {
    revenue: {
      stakedFur: rv.stakedFur,
      feeCollector: rv.feeCollector,
      governor: rv.governor,
      feeTo: rv.feeTo,
      feeSwitchOn: rv.feeTo.toLowerCase() === rv.feeCollector.toLowerCase(),
      proposal: {
        id: p.id.toString(),
        description: p.description,
        calls: p.calls.map((c) => c.summary),
        forVotes: p.forVotes.toString(),
        againstVotes: p.againstVotes.toString(),
        abstainVotes: p.abstainVotes.toString(),
        votes: rv.votes.map((v) => ({ name: v.name, fur: v.fur.toString(), sFur: v.sFur.toString() })),
        at: {
          proposed: at(p.times.proposed),
          snapshot: at(p.times.snapshot),
          deadline: at(p.times.deadline),
          queued: at(p.times.queued),
          eta: at(p.times.eta),
          executed: at(p.times.executed),
        },
      },
      rewardTokens: rv.rewardTokens.map((t) => t.symbol),
      collects: keeper?.kind === "fee-keeper" ? keeper.collects : 0,
      notified,
      feeRevenueUsd: round(feeSum),
      emittedFur: r.samples.reduce((sum, s) => sum + s.emittedFur, 0n).toString(),
      emissionUsd: round(emissionSum),
      sustainabilityRatio: round(cumulative[cumulative.length - 1] ?? 0, 6),
      feeAprPercentEnd: round(last?.feeAprPercent ?? 0),
      emissionAprPercentEnd: round(last?.poolApr[furPoolIndex] ?? 0),
    },
    series: {
      feeAprPercent: r.samples.map((s) => round(s.feeAprPercent)),
      emissionAprPercent: r.samples.map((s) => round(s.poolApr[furPoolIndex] ?? 0)),
      feeRevenueUsd: fees.map((x) => round(x)),
      emissionUsd: emission.map((x) => round(x)),
      sustainabilityRatio: cumulative.map((x) => round(x, 6)),
      dailySustainabilityRatio: fees.map((f, i) => round(emission[i] > 0 ? f / emission[i] : 0, 6)),
    },
  };
}
