/**
 * The report builder: a pure, synchronous function of a run's plain-data result (./result.ts).
 * What it returns is report.json; report.md and the charts are rendered from that alone.
 */
import type { RewardAudit } from "./audit";
import type { LpResult, SimulationResult } from "./result";

/** Every number of a run, as written to report.json (token amounts as decimal strings of wei). */
export interface SimulationReport {
  parameters: {
    days: number;
    actors: number;
    seed: number;
    network: string;
    fork?: { url: string; block: number };
    stepsPerDay: number;
    startEthPrice: number;
    dailyVolatility: number;
    bonusPriceUsd: number;
  };
  contracts: Record<string, string>;
  endPrices: { ethUsd: number; furUsd: number; bonusUsd: number };
  pools: {
    pid: number;
    name: string;
    /** The staked token: a pair, or FUR for the single-sided pool. */
    lpToken: string;
    allocPoint: string;
    bonus: boolean;
    furPaidPlusPending: string;
    aprPercentEnd: number;
  }[];
  actors: {
    name: string;
    kind: "lp" | "trader";
    pool?: string;
    state?: string;
    depositedUsd?: number;
    furEarned?: string;
    bonusEarned?: string;
    rewardsUsd?: number;
    feesUsd?: number;
    impermanentLossUsd?: number;
    impermanentLossPercent?: number;
    /** LP pools: WETH's price in the pair at exit (or the end) over its price at the first deposit. */
    priceRatio?: number;
    /** Liquidity adds (1 = a single deposit, the case the IL formula describes). */
    deposits?: number;
    netUsd?: number;
    aprPercent?: number;
    apyPercent?: number;
    swaps?: number;
    volumeUsd?: number;
  }[];
  /** FUR (the farm) and, when a pool has one, the bonus rewarder: see RewardAuditJson. */
  audit: { fur: RewardAuditJson; bonus?: RewardAuditJson };
  series: {
    day: number[];
    externalEthPrice: number[];
    poolEthPrice: number[];
    furPriceUsd: number[];
    poolRewardsFur: Record<string, number[]>;
    poolAprPercent: Record<string, number[]>;
    trackedActor?: { name: string; valueUsd: number[]; holdUsd: number[] };
  };
}

/**
 * One reward audit (src/simulation/audit.ts): `scheduled = paid + pending + dust` over the
 * window, with the dust reproduced by the reference-model replay (`modelRoundingWei`, a fraction
 * when it is not an integer) and bounded by one wei per rounding a staker was exposed to.
 */
export interface RewardAuditJson {
  token: string;
  seconds: string;
  rewardPerSecond: string;
  scheduled: string;
  paid: string;
  pending: string;
  paidPlusPending: string;
  dustWei: string;
  modelRoundingWei: string;
  roundingBoundWei: string;
  eventsReplayed: number;
  payoutsChecked: number;
  stakersChecked: number;
  mismatches: string[];
  /** dust == model rounding exactly, every payout and pending matched the model, dust >= 0. */
  exact: boolean;
}

function auditJson(a: RewardAudit): RewardAuditJson {
  return {
    token: a.token,
    seconds: a.seconds.toString(),
    rewardPerSecond: a.rewardPerSecond.toString(),
    scheduled: a.scheduled.toString(),
    paid: a.paid.toString(),
    pending: a.pending.toString(),
    paidPlusPending: (a.paid + a.pending).toString(),
    dustWei: a.dust.toString(),
    modelRoundingWei:
      a.modelRounding.d === 1n ? a.modelRounding.n.toString() : `${a.modelRounding.n}/${a.modelRounding.d}`,
    roundingBoundWei: a.roundingBound.toString(),
    eventsReplayed: a.events,
    payoutsChecked: a.payoutsChecked,
    stakersChecked: a.stakersChecked,
    mismatches: a.mismatches,
    exact: a.exact,
  };
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const fur = (wei: bigint) => Number(wei) / 1e18;

/** Builds the report from a finished run (every number the report files show). */
export function buildReport(
  r: SimulationResult,
  meta: { network: string; fork?: { url: string; block: number } },
): SimulationReport {
  const o = r.options;
  const actors: SimulationReport["actors"] = [];
  for (const a of r.actors) {
    if (a.kind === "trader") {
      actors.push({ name: a.name, kind: "trader", swaps: a.swaps, volumeUsd: round(a.volumeUsd) });
      continue;
    }
    const v = a.value;
    if (a.state === "waiting" || v === undefined) continue;
    const depositedUsd = v.holdUsd;
    const earned = v.feesUsd + v.rewardsUsd;
    const apr = depositedUsd > 0 ? (earned / depositedUsd) * (365 / daysActive(a, r)) : 0;
    actors.push({
      name: a.name,
      kind: "lp",
      pool: a.pool,
      state: a.state,
      depositedUsd: round(depositedUsd),
      furEarned: v.fur.toString(),
      bonusEarned: v.bonus.toString(),
      rewardsUsd: round(v.rewardsUsd),
      feesUsd: round(v.feesUsd),
      impermanentLossUsd: round(v.ilUsd),
      impermanentLossPercent: depositedUsd > 0 ? round((v.ilUsd / depositedUsd) * 100, 3) : 0,
      ...(a.priceRatio !== undefined ? { priceRatio: round(a.priceRatio, 6), deposits: a.deposits } : {}),
      netUsd: round(v.netUsd),
      aprPercent: round(apr * 100),
      apyPercent: round((Math.pow(1 + apr / 365, 365) - 1) * 100),
    });
  }

  const last = r.samples[r.samples.length - 1];
  const pools: SimulationReport["pools"] = r.pools.map((p, i) => ({
    pid: p.pid,
    name: p.name,
    lpToken: p.lpToken,
    allocPoint: p.allocPoint.toString(),
    bonus: p.bonus,
    furPaidPlusPending: (last?.poolRewards[i] ?? 0n).toString(),
    aprPercentEnd: round(last?.poolApr[i] ?? 0),
  }));
  const tracked = r.tracked;
  return {
    parameters: {
      days: o.days,
      actors: o.actors,
      seed: o.seed,
      network: meta.network,
      ...(meta.fork ? { fork: meta.fork } : {}),
      stepsPerDay: o.stepsPerDay,
      startEthPrice: o.ethPrice,
      dailyVolatility: o.dailyVolatility,
      bonusPriceUsd: o.bonusPriceUsd,
    },
    contracts: r.contracts,
    endPrices: { ethUsd: round(r.prices.eth), furUsd: round(r.prices.fur, 6), bonusUsd: r.prices.bonus },
    pools,
    actors,
    audit: {
      fur: auditJson(r.audit.fur),
      ...(r.audit.bonus ? { bonus: auditJson(r.audit.bonus) } : {}),
    },
    series: {
      day: r.samples.map((s) => s.day),
      externalEthPrice: r.samples.map((s) => round(s.externalEthPrice)),
      poolEthPrice: r.samples.map((s) => round(s.poolEthPrice)),
      furPriceUsd: r.samples.map((s) => round(s.furPriceUsd, 6)),
      poolRewardsFur: Object.fromEntries(
        r.pools.map((p, i) => [p.name, r.samples.map((s) => round(fur(s.poolRewards[i])))]),
      ),
      poolAprPercent: Object.fromEntries(
        r.pools.map((p, i) => [p.name, r.samples.map((s) => round(s.poolApr[i]))]),
      ),
      ...(tracked
        ? {
            trackedActor: {
              name: `${tracked.name} (${tracked.pool})`,
              valueUsd: r.samples.map((s) => round(s.trackedValueUsd)),
              holdUsd: r.samples.map((s) => round(s.trackedHoldUsd)),
            },
          }
        : {}),
    },
  };
}

/** Days from the actor's entry to the end of the run (at least one step). */
function daysActive(a: LpResult, r: SimulationResult): number {
  return Math.max(1 / r.options.stepsPerDay, r.options.days - a.entryStep / r.options.stepsPerDay);
}
