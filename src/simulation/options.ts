import { GAS_PROFILES, type GasProfile } from "../model";

/**
 * What a run is: the options a user picks (days, actors, seed) with the market's parameters, and
 * the strategy every actor follows, named and documented in one place.
 */

export interface SimulationOptions {
  days: number;
  actors: number;
  seed: number;
  /** Simulation steps per day (the arbitrageur trades once per step). */
  stepsPerDay: number;
  /** Starting ETH price in USDC. */
  ethPrice: number;
  /** Daily volatility of the external ETH price (random walk). */
  dailyVolatility: number;
  /** Reference price of the bonus token in USD (it has no market in the simulation). */
  bonusPriceUsd: number;
  /** What every actor's gas costs (src/model/gas.ts), priced at the end ETH price. */
  gasProfile: GasProfile;
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  days: 30,
  actors: 20,
  seed: 1,
  stepsPerDay: 6,
  ethPrice: 3_000,
  dailyVolatility: 0.04,
  bonusPriceUsd: 0.05,
  gasProfile: GAS_PROFILES.l1,
};

/**
 * How the actors behave. Daily probabilities are split evenly over the day's steps; every random
 * choice comes from the run's seeded generator, so changing a number here changes every report.
 */
export const STRATEGY = {
  /** Price of FUR in ETH the maker seeds WETH/FUR at. */
  furPriceInEth: 0.0005,
  /** Share of the population that trades (at least one: the arbitrageur); the rest provide liquidity. */
  traderShare: 0.3,
  /** What each trader starts with: WETH (wrapped from ether) and USDC (minted). */
  traderWeth: 5_000,
  traderUsdc: 20_000_000,
  /** The arbitrageur leaves USDC/WETH alone within this relative distance of the external price. */
  arbitrageBand: 0.003,
  /** What a trader keeps of its input after the pair's 0.3% fee (for sizing the arbitrage). */
  afterFee: 0.997,
  /** Chance per step that a noise trader trades. */
  noiseTradeChance: 0.35,
  /** Chance that a noise trade is on USDC/WETH (else WETH/FUR), and that it sells the first token. */
  noiseUsdcShare: 0.75,
  noiseSellShare: 0.5,
  /** USDC/WETH noise trades: `minUsd + k · stepUsd` USD, k uniform in 0..`steps`. */
  noiseUsd: { minUsd: 500, stepUsd: 100, steps: 195 },
  /** WETH/FUR noise trades: `minEth + k · stepEth` ETH, k uniform in 0..`steps`. */
  noiseEth: { minEth: 0.05, stepEth: 0.05, steps: 39 },
  /** Liquidity providers enter at a uniform step within the first `entryDays` days. */
  entryDays: 5,
  /** Capital an LP brings: `minUsd + k · stepUsd` USD, k uniform in 0..`steps`. */
  capital: { minUsd: 5_000, stepUsd: 1_000, steps: 95 },
  /** Chance that an LP compounds its rewards (else it only harvests). */
  compoundShare: 0.5,
  /** Daily chances of an active LP leaving, compounding (compounders only) and harvesting. */
  daily: { leave: 0.02, compound: 0.25, harvest: 0.2 },
  /** FUR the maker keeps staked in the single-sided pool all run (so no pool is ever empty). */
  makerFurStake: 500_000,
  /** The vault's performance fee, set by governance at setup (10% of it goes to the harvest's caller). */
  vaultPerformanceFeeBps: 500,
  /**
   * The compounding cohort, on top of the population: in WETH/FUR from the first step with the same
   * capital, three manual compounders (daily, weekly, never), two vault depositors (the second
   * redeems half its shares halfway through the run) and a keeper calling the vault's harvest.
   */
  cohort: {
    capitalUsd: 20_000,
    intervals: ["daily", "weekly", "never"],
    vaultDepositors: 2,
    /** The keeper harvests once a day, at this step of the day. */
    keeperStepOfDay: 3,
    /** The keeper's minimum: what a static call of harvest says, less this share (a keeper's slippage). */
    keeperSlippage: 0.005,
  },
  /**
   * Real yield: three sFUR stakers, on top of the population and the compounding cohort, each buying
   * FUR for `capitalUsd` before the fee-switch vote (one claims daily, one never, one withdraws half
   * its sFUR at mid-run and claims), and a keeper collecting every pair's fee LP once a day.
   */
  staking: {
    capitalUsd: 20_000,
    schedules: ["claims-daily", "never-claims", "withdraws-half"],
    /** The daily claimer claims at this step of the day; the fee keeper collects at this one. */
    claimStepOfDay: 4,
    collectStepOfDay: 2,
  },
  /**
   * Lending (docs/simulation.md, "Lenders and borrowers"): the deployment's USDC market lent against
   * WETH, its mock ETH/USD feed set from the external random walk every step. Governance adds a farm
   * pool for its shares and a borrow-side speed; the maker supplies and stakes `makerSupplyUsd` all
   * run (no second of the pool's emission goes unclaimed). Lenders and borrowers enter at the first
   * step, after the other cohorts; the liquidator checks every borrower every step.
   */
  lending: {
    /** The market-share pool's weight in the farm, and the borrow-side speed as a share of its speed. */
    allocPoint: 10,
    borrowSpeedShare: 0.25,
    /** FUR the maker funds BorrowRewards with (more than any run of 115 days emits at that speed). */
    borrowRewardsFundingFur: 200_000,
    makerSupplyUsd: 10_000,
    /** Lenders: USDC supplied; whether they stake the shares in the farm; one withdraws half at mid-run. */
    lenders: [
      { capitalUsd: 350_000, stakes: true, withdrawsHalf: false },
      { capitalUsd: 250_000, stakes: true, withdrawsHalf: true },
      { capitalUsd: 150_000, stakes: false, withdrawsHalf: false },
    ],
    /**
     * Borrowers: WETH posted, the health they borrow to, leverage loops (borrow to the target, buy
     * WETH on USDC/WETH, post it; then one last borrow to the target, kept), whether they claim their
     * borrow rewards daily, and whether they repay half when the borrow APR passes `repayAboveApr`.
     */
    borrowers: [
      { collateralEth: 100, targetHealth: 1.6, loops: 0, claimsDaily: false, rateSensitive: true },
      { collateralEth: 60, targetHealth: 1.3, loops: 0, claimsDaily: true, rateSensitive: false },
      { collateralEth: 30, targetHealth: 1.12, loops: 3, claimsDaily: false, rateSensitive: false },
      { collateralEth: 20, targetHealth: 1.06, loops: 3, claimsDaily: true, rateSensitive: false },
    ],
    repayAboveApr: 0.2,
    /** USDC the liquidator starts with (minted). */
    liquidatorUsdc: 5_000_000,
    /** Daily claimers claim, and the first lender harvests, at this step of the day. */
    claimStepOfDay: 5,
  },
} as const;

/** What the caller sees while it runs. */
export type Progress = (done: number, total: number, label: string) => void;
