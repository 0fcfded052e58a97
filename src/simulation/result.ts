/**
 * The result of a run as plain data, captured while the chain is up (./capture.ts): everything the
 * report builder needs, so that building the report reads no chain and is synchronous.
 */
import type { CompoundInterval, LpState, StakerSchedule } from "./actors";
import type { MeteredTx } from "./gas";
import type { RewardAudit } from "./audit";
import type { ProposalRecord } from "./governance";
import type { StakingAudit } from "./stakingAudit";
import type { LendingResult } from "./lendingCapture";
import type { PoolRole } from "./market";
import type { SimulationOptions } from "./options";
import type { Prices } from "./valuation";

/** A daily sample for the charts. */
export interface DaySample {
  day: number;
  externalEthPrice: number;
  poolEthPrice: number;
  furPriceUsd: number;
  /** Per pool: cumulative FUR paid + pending to everyone staked in it. */
  poolRewards: bigint[];
  /** Per pool: emission APR (%) as farm:pools reports it (a year of the pool's FUR / its stake). */
  poolApr: number[];
  /** The tracked actor's position value (incl. rewards) and the value of holding its deposit. */
  trackedValueUsd: number;
  trackedHoldUsd: number;
  /** The sample's block time, and FUR the farm emitted since the previous sample (rate × seconds). */
  time: bigint;
  emittedFur: bigint;
  /** Per sFUR reward token (SimulationResult.revenue.rewardTokens order): notified since the previous sample (wei). */
  notified: bigint[];
  /** Per sFUR reward token: USD price of one whole token at the sample's block. */
  rewardTokenPriceUsd: number[];
  /** sFUR's supply, and the APR of its current streams (%), as staking:position computes it. */
  stakedFur: bigint;
  feeAprPercent: number;
}

/** An LP actor's result at one moment's prices: LP value, fee part of it, hold value and rewards. */
export interface PositionValue {
  /** FUR and BONUS earned: harvested + pending (wei). */
  fur: bigint;
  bonus: bigint;
  lpUsd: number;
  feesUsd: number;
  holdUsd: number;
  rewardsUsd: number;
  /** LP value without fees minus holding everything put in (compounded FUR included). */
  ilUsd: number;
  /** Position + rewards (compounded FUR counted once) minus holding the deposit = IL + fees + rewards. */
  netUsd: number;
}

export interface TraderResult {
  kind: "trader";
  name: string;
  swaps: number;
  volumeUsd: number;
  /** Every transaction the actor sent, with its receipt's gas (priced by the report). */
  gas: MeteredTx[];
}

export interface LpResult {
  kind: "lp";
  name: string;
  pool: string;
  state: LpState;
  /** Step at which the actor entered (or will enter, while waiting). */
  entryStep: number;
  /** Liquidity adds (1 = a single deposit, the case the IL formula describes). */
  deposits: number;
  /** LP pools: WETH's price in the pair at exit (or the end) over its price at the first deposit. */
  priceRatio?: number;
  /** At end prices; absent while the actor is still waiting. */
  value?: PositionValue;
  /** Cohort compounders: their schedule. */
  interval?: CompoundInterval;
  /** Compounds done (harvest, swap half, add liquidity, stake). */
  compoundCycles: number;
  gas: MeteredTx[];
}

/**
 * A vault depositor at end prices. `value`: LP value = the LP its shares redeem for now
 * (`previewRedeem`, locked profit excluded) + the LP it redeemed; fees = the √k growth of the LP it
 * deposited; rewards = the LP the vault added for it (its LP now − deposited), valued like LP.
 */
export interface VaultResult {
  kind: "vault";
  name: string;
  state: LpState;
  entryStep: number;
  shares: bigint;
  lpDeposited: bigint;
  lpRedeemed: bigint;
  /** What its shares redeem for now. */
  assets: bigint;
  value?: PositionValue;
  gas: MeteredTx[];
}

/** The keeper: its harvests and the bounty shares they paid, valued at end prices. */
export interface KeeperResult {
  kind: "keeper";
  name: string;
  harvests: number;
  skipped: number;
  assetsAdded: bigint;
  bountyShares: bigint;
  bountyUsd: number;
  gas: MeteredTx[];
}

/** An sFUR staker at the end: what it wrapped, what it holds, what it was paid and is owed per token. */
export interface StakerResult {
  kind: "staker";
  name: string;
  schedule: StakerSchedule;
  furStaked: bigint;
  furWithdrawn: bigint;
  /** sFUR balance at the end (= furStaked − furWithdrawn). */
  balance: bigint;
  /** Per reward token (revenue.rewardTokens order): paid by getReward, and earned (owed) at the end. */
  claimed: bigint[];
  earned: bigint[];
  claims: number;
  /** USD at end prices: the FUR it wrapped, and its rewards (claimed + earned). */
  stakedUsd: number;
  rewardsUsd: number;
  gas: MeteredTx[];
}

/** The fee keeper: its collects and what they notified per reward token. */
export interface FeeKeeperResult {
  kind: "fee-keeper";
  name: string;
  collects: number;
  notified: bigint[];
  gas: MeteredTx[];
}

export type ActorResult =
  TraderResult | LpResult | VaultResult | KeeperResult | StakerResult | FeeKeeperResult;

/** Real yield: the fee-switch proposal, sFUR and the collector at the end of the run. */
export interface RevenueResult {
  stakedFur: string;
  feeCollector: string;
  governor: string;
  /** The factory's feeTo at the end (the collector once the proposal executed). */
  feeTo: string;
  proposal: ProposalRecord;
  /** Votes at the proposal's snapshot, per voter: FUR's and sFUR's (the governor counts both). */
  votes: { name: string; address: string; fur: bigint; sFur: bigint }[];
  /** Unix time of the first simulated step's start (emission start): the proposal's times are relative to it. */
  runStart: bigint;
  rewardTokens: { address: string; symbol: string; decimals: number }[];
  pairs: string[];
}

/** The vault at the end of the run. */
export interface VaultStateResult {
  address: string;
  factory: string;
  pid: number;
  pool: string;
  performanceFeeBps: number;
  totalAssets: bigint;
  totalSupply: bigint;
  lockedProfit: bigint;
}

export interface PoolResult {
  pid: number;
  role: PoolRole;
  name: string;
  /** The staked token: a pair, or FUR for the single-sided pool. */
  lpToken: string;
  allocPoint: bigint;
  bonus: boolean;
}

export interface SimulationResult {
  options: SimulationOptions;
  /** Addresses of the contracts the run used, by name. */
  contracts: Record<string, string>;
  /** Prices at the end of the run. */
  prices: Prices;
  pools: PoolResult[];
  actors: ActorResult[];
  samples: DaySample[];
  /** Reward audits of the simulated window: FUR (the farm) and the bonus token (the rewarder); sFUR's streams. */
  audit: { fur: RewardAudit; bonus?: RewardAudit; staking: StakingAudit };
  /** First and last block of the simulated window (the window is (start, end]). */
  blocks: { start: number; end: number };
  /** The LP whose position the charts follow, with its pool's name. */
  tracked?: { name: string; pool: string };
  vault: VaultStateResult;
  revenue: RevenueResult;
  /** Lenders, borrowers and liquidations of the USDC/WETH lending market (absent without one). */
  lending?: LendingResult;
}
