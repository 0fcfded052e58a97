/**
 * The report builder: a pure, synchronous function of a run's plain-data result (./result.ts).
 * What it returns is report.json; report.md and the charts are rendered from that alone.
 */
import type { RewardAudit } from "./audit";
import type { ActorResult, SimulationResult } from "./result";
import type { MeteredTx } from "./gas";
import {
  revenuePart,
  stakingAuditJson,
  type RevenueJson,
  type RevenueSeries,
  type StakingAuditJson,
} from "./revenueReport";
import { lendingPart, type LendingJson, type LendingSeries } from "./lendingReport";
import {
  GAS_PROFILES,
  approximateInterval,
  costWei,
  manualNetApy,
  optimalCompounds,
  vaultNetApy,
  weiToUsd,
  type GasProfile,
} from "../model";

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
    /** The gas profile every actor's transactions are priced with (src/model/gas.ts). */
    gasProfile: string;
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
    kind: "lp" | "trader" | "vault" | "keeper" | "staker" | "fee-keeper";
    /** Cohort compounders: how often they compound by hand. */
    interval?: string;
    compoundCycles?: number;
    /** Every transaction the actor sent, priced with the run's gas profile at the end ETH price. */
    gas: ActorGasJson;
    /** (fees + rewards − gas) / deposited over the days in, compounded to a year. */
    netApyAfterGasPercent?: number;
    /** Keeper: harvests sent and skipped, and what its bounty shares redeem for. */
    harvests?: number;
    skipped?: number;
    bountyUsd?: number;
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
    /** sFUR stakers: their schedule, FUR wrapped and withdrawn, sFUR held, getReward calls. */
    schedule?: string;
    furStaked?: string;
    furWithdrawn?: string;
    sFurBalance?: string;
    claims?: number;
    /** sFUR stakers, per reward token symbol (wei): paid by getReward, and earned (owed) at the end. */
    claimed?: Record<string, string>;
    earned?: Record<string, string>;
    /** The fee keeper: collects sent and what they notified per reward token symbol (wei). */
    collects?: number;
    notified?: Record<string, string>;
  }[];
  /** FUR (the farm) and, when a pool has one, the bonus rewarder: see RewardAuditJson; sFUR's streams. */
  audit: { fur: RewardAuditJson; bonus?: RewardAuditJson; staking: StakingAuditJson };
  /** Real yield: the fee switch, what reached sFUR, fee APR vs emission APR, sustainability. */
  revenue: RevenueJson;
  /** What compounding earns after gas, from the run's own receipts; absent if nobody compounded. */
  compounding?: CompoundingJson;
  /** Lenders, borrowers, liquidations and the interest audit of the lending market (absent without one). */
  lending?: LendingJson;
  series: {
    day: number[];
    externalEthPrice: number[];
    poolEthPrice: number[];
    furPriceUsd: number[];
    poolRewardsFur: Record<string, number[]>;
    poolAprPercent: Record<string, number[]>;
    trackedActor?: { name: string; valueUsd: number[]; holdUsd: number[] };
    lending?: LendingSeries;
  } & RevenueSeries;
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

/** An actor's gas: transactions, gas used, and their cost under the run's profile. */
export interface ActorGasJson {
  txs: number;
  gasUsed: string;
  costWei: string;
  costUsd: number;
}

/** Net APY against position size for one gas profile, and the optimal manual interval per size. */
export interface CompoundingProfileJson {
  profile: string;
  /** One manual compound (harvest, swap half, add liquidity, stake), measured, in USD. */
  compoundUsd: number;
  /** One-off gas of a manual position (stake + unstake, each priced as the measured stake). */
  manualOneOffUsd: number;
  /** One-off gas of a vault position (the measured vault deposit + redeem). */
  vaultOneOffUsd: number;
  rows: {
    positionUsd: number;
    neverApyPercent: number;
    dailyApyPercent: number;
    weeklyApyPercent: number;
    vaultApyPercent: number;
    /** The n in 0..8,760 maximising P(1 + r/n)^n − n c, and its interval in days (null for 0). */
    optimalCompoundsPerYear: number;
    optimalIntervalDays: number | null;
    /** The classical √(2c / (P r²)) years, in days. */
    approxIntervalDays: number;
  }[];
}

export interface CompoundingJson {
  vault: {
    address: string;
    pid: number;
    pool: string;
    performanceFeeBps: number;
    harvests: number;
    skipped: number;
  };
  /** The vault pool's emission APR at the end (the r of every formula), in percent. */
  rewardAprPercent: number;
  /** The keeper's harvests a year (daily). */
  harvestsPerYear: number;
  /** Mean gas used, from the receipts: one manual compound, a farm stake, a vault deposit, redeem, harvest. */
  measuredGas: {
    compound: number;
    stake: number;
    vaultDeposit: number;
    vaultRedeem: number;
    vaultHarvest: number;
  };
  profiles: CompoundingProfileJson[];
}

/** The position sizes of the net-APY table and chart, in USD. */
export const POSITION_SIZES = [100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000];

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
  const ethUsd = r.prices.eth;
  const gasOf = (txs: MeteredTx[]): ActorGasJson => {
    const wei = costWei(o.gasProfile, txs);
    return {
      txs: txs.length,
      gasUsed: txs.reduce((s, t) => s + t.gasUsed, 0n).toString(),
      costWei: wei.toString(),
      costUsd: round(weiToUsd(wei, ethUsd)),
    };
  };
  const actors: SimulationReport["actors"] = [];
  const bySymbol = (amounts: bigint[]) =>
    Object.fromEntries(r.revenue.rewardTokens.map((t, i) => [t.symbol, amounts[i].toString()]));
  for (const a of r.actors) {
    const gas = gasOf(a.gas);
    if (a.kind === "staker") {
      // Realised APR: rewards (claimed + earned) over the FUR wrapped, for the run's days.
      const apr = a.stakedUsd > 0 ? (a.rewardsUsd / a.stakedUsd) * (365 / o.days) : 0;
      actors.push({
        name: a.name,
        kind: "staker",
        schedule: a.schedule,
        furStaked: a.furStaked.toString(),
        furWithdrawn: a.furWithdrawn.toString(),
        sFurBalance: a.balance.toString(),
        claims: a.claims,
        claimed: bySymbol(a.claimed),
        earned: bySymbol(a.earned),
        depositedUsd: round(a.stakedUsd),
        rewardsUsd: round(a.rewardsUsd),
        aprPercent: round(apr * 100),
        gas,
      });
      continue;
    }
    if (a.kind === "fee-keeper") {
      actors.push({
        name: a.name,
        kind: "fee-keeper",
        collects: a.collects,
        notified: bySymbol(a.notified),
        gas,
      });
      continue;
    }
    if (a.kind === "trader") {
      actors.push({ name: a.name, kind: "trader", swaps: a.swaps, volumeUsd: round(a.volumeUsd), gas });
      continue;
    }
    if (a.kind === "keeper") {
      actors.push({
        name: a.name,
        kind: "keeper",
        harvests: a.harvests,
        skipped: a.skipped,
        bountyUsd: round(a.bountyUsd),
        gas,
        netUsd: round(a.bountyUsd - gas.costUsd),
      });
      continue;
    }
    const v = a.value;
    if (a.state === "waiting" || v === undefined) continue;
    const depositedUsd = v.holdUsd;
    const earned = v.feesUsd + v.rewardsUsd;
    const days = daysActive(a, r);
    const apr = depositedUsd > 0 ? (earned / depositedUsd) * (365 / days) : 0;
    const afterGas = depositedUsd > 0 ? (earned - weiToUsd(BigInt(gas.costWei), ethUsd)) / depositedUsd : 0;
    const lp = a.kind === "lp" ? a : undefined;
    actors.push({
      name: a.name,
      kind: a.kind,
      pool: lp ? lp.pool : r.vault.pool,
      state: a.state,
      ...(lp?.interval ? { interval: lp.interval } : {}),
      ...(lp ? { compoundCycles: lp.compoundCycles } : {}),
      depositedUsd: round(depositedUsd),
      furEarned: v.fur.toString(),
      bonusEarned: v.bonus.toString(),
      rewardsUsd: round(v.rewardsUsd),
      feesUsd: round(v.feesUsd),
      impermanentLossUsd: round(v.ilUsd),
      impermanentLossPercent: depositedUsd > 0 ? round((v.ilUsd / depositedUsd) * 100, 3) : 0,
      ...(lp?.priceRatio !== undefined ? { priceRatio: round(lp.priceRatio, 6), deposits: lp.deposits } : {}),
      netUsd: round(v.netUsd),
      aprPercent: round(apr * 100),
      apyPercent: round((Math.pow(1 + apr / 365, 365) - 1) * 100),
      gas,
      netApyAfterGasPercent: round(annualised(afterGas, days) * 100),
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
  const lending = r.lending ? lendingPart(r, r.lending) : undefined;
  const real = revenuePart(
    r,
    r.pools.findIndex((p) => p.role === "fur"),
  );
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
      gasProfile: o.gasProfile.name,
    },
    contracts: { ...r.contracts, vaultFactory: r.vault.factory, vault: r.vault.address },
    endPrices: { ethUsd: round(r.prices.eth), furUsd: round(r.prices.fur, 6), bonusUsd: r.prices.bonus },
    pools,
    actors,
    audit: {
      fur: auditJson(r.audit.fur),
      ...(r.audit.bonus ? { bonus: auditJson(r.audit.bonus) } : {}),
      staking: stakingAuditJson(r.audit.staking),
    },
    revenue: real.revenue,
    ...compoundingPart(r, pools),
    ...(lending ? { lending: lending.lending } : {}),
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
      ...real.series,
      ...(lending ? { lending: lending.series } : {}),
    },
  };
}

/** A return over `days` compounded to a year: (1 + x)^(365 / days) − 1; −100% once all is lost. */
export function annualised(x: number, days: number): number {
  return x <= -1 ? -1 : Math.pow(1 + x, 365 / days) - 1;
}

/** The profiles the compounding table and chart compare: L1 and an L2 (the run's own if it is one, else Base). */
export function comparedProfiles(run: GasProfile): GasProfile[] {
  return [GAS_PROFILES.l1, run.l1Data ? run : GAS_PROFILES.base];
}

/**
 * Net APY against position size for manual daily, weekly and never compounding and for the vault,
 * on L1 and an L2, with every cost priced from the run's own receipts: the daily cohort
 * compounder's compounds (per cycle), its farm stake, the second vault depositor's deposit and
 * redeem. r is the vault pool's end emission APR; the vault keeps 1 − fee of it, compounded by the
 * keeper's daily harvest.
 */
function compoundingPart(
  r: SimulationResult,
  pools: SimulationReport["pools"],
): { compounding?: CompoundingJson } {
  const daily = r.actors.find((a) => a.kind === "lp" && a.interval === "daily");
  const depositor = r.actors.find(
    (a) => a.kind === "vault" && a.gas.some((t) => t.activity === "vault-redeem"),
  );
  const keeper = r.actors.find((a) => a.kind === "keeper");
  if (daily?.kind !== "lp" || daily.compoundCycles === 0 || !depositor || keeper?.kind !== "keeper")
    return {};
  const txs = (a: ActorResult, activity: string) => a.gas.filter((t) => t.activity === activity);
  const compound = txs(daily, "compound");
  const stake = txs(daily, "stake");
  const vaultTxs = [...txs(depositor, "vault-deposit"), ...txs(depositor, "vault-redeem")];
  const mean = (list: MeteredTx[], per = list.length) =>
    per === 0 ? 0 : Number(list.reduce((s, t) => s + t.gasUsed, 0n)) / per;
  const rate = (pools.find((p) => p.pid === r.vault.pid)?.aprPercentEnd ?? 0) / 100;
  const fee = r.vault.performanceFeeBps / 10_000;
  const harvestsPerYear = 365;
  const ethUsd = r.prices.eth;
  const usd = (p: GasProfile, list: MeteredTx[], per = 1) => weiToUsd(costWei(p, list), ethUsd) / per;
  const profiles = comparedProfiles(r.options.gasProfile).map((p): CompoundingProfileJson => {
    const c = usd(p, compound, daily.compoundCycles);
    const manualOneOff = 2 * usd(p, stake, stake.length);
    const vaultOneOff = usd(p, vaultTxs);
    const pct = (x: number) => round(x * 100);
    return {
      profile: p.name,
      compoundUsd: round(c, 4),
      manualOneOffUsd: round(manualOneOff, 4),
      vaultOneOffUsd: round(vaultOneOff, 4),
      rows: POSITION_SIZES.map((P) => {
        const best = optimalCompounds(P, rate, c);
        const manual = (n: number) => pct(manualNetApy(P, rate, n, c) - manualOneOff / P);
        return {
          positionUsd: P,
          neverApyPercent: manual(0),
          dailyApyPercent: manual(365),
          weeklyApyPercent: manual(52),
          vaultApyPercent: pct(vaultNetApy(P, rate, harvestsPerYear, fee, vaultOneOff)),
          optimalCompoundsPerYear: best,
          optimalIntervalDays: best === 0 ? null : round(365 / best),
          approxIntervalDays: round(approximateInterval(P, rate, c) * 365),
        };
      }),
    };
  });
  return {
    compounding: {
      vault: {
        address: r.vault.address,
        pid: r.vault.pid,
        pool: r.vault.pool,
        performanceFeeBps: r.vault.performanceFeeBps,
        harvests: keeper.harvests,
        skipped: keeper.skipped,
      },
      rewardAprPercent: round(rate * 100),
      harvestsPerYear,
      measuredGas: {
        compound: Math.round(mean(compound, daily.compoundCycles)),
        stake: Math.round(mean(stake)),
        vaultDeposit: Math.round(mean(txs(depositor, "vault-deposit"))),
        vaultRedeem: Math.round(mean(txs(depositor, "vault-redeem"))),
        vaultHarvest: Math.round(mean(txs(keeper, "vault-harvest"))),
      },
      profiles,
    },
  };
}

/** Days from the actor's entry to the end of the run (at least one step). */
function daysActive(a: { entryStep: number }, r: SimulationResult): number {
  return Math.max(1 / r.options.stepsPerDay, r.options.days - a.entryStep / r.options.stepsPerDay);
}
