import { isAddress, type Provider, type Signer } from "ethers";
import {
  FeeCollector__factory,
  Pair__factory,
  StakedFUR__factory,
  type FeeCollector,
  type StakedFUR,
} from "../../typechain-types";
import { FurrowError, decodeRevert } from "../chain/errors";
import { WAD, YEAR } from "../model";
import { STAKING_PRECISION } from "../model/staking";
import { loadContext, locateDeployed, type ContextOptions, type FarmContext } from "./context";
import { apr } from "./pools";
import type { TokenAmount } from "./position";
import { tokenInfo, type TokenInfo, type Unit } from "./valuation";

/** Where sFUR is, and how to value things: what staking:position takes. */
export interface StakingContextOptions extends ContextOptions {
  /** StakedFUR address (overrides the deployment's). */
  stakedFur?: string;
}

/** sFUR and the farm context (block, unit, prices) used to value its stake and rewards. */
export interface StakingContext extends FarmContext {
  stakedFur: StakedFUR;
  stakedFurAddress: string;
}

/**
 * sFUR (`--staked-fur` or the deployment's) and the farm context that values it: the deployment's
 * farm, WETH and pair factory, read at `--block`, exactly as `farm:*` values things.
 */
export async function loadStakingContext(
  provider: Provider,
  opts: StakingContextOptions,
): Promise<StakingContext> {
  const loc = await locateDeployed(provider, {
    option: "staked-fur",
    given: opts.stakedFur,
    deployment: opts.deployment,
    field: "stakedFur",
    name: "StakedFUR",
    predates: "real yield",
  });
  const ctx = await loadContext(provider, opts);
  return {
    ...ctx,
    source: loc.source,
    stakedFur: StakedFUR__factory.connect(loc.address, provider),
    stakedFurAddress: loc.address,
  };
}

/** One reward token of sFUR, as an account sees it. */
export interface StakingRewardRow {
  token: TokenInfo;
  /** earned(account, token), valued. */
  earned: TokenAmount;
  /** The stream's rate in PRECISION (1e27) units per second, all stakers together. */
  rate: bigint;
  /** When the current stream ends (a stream waiting for stakers ends later than this once one comes). */
  periodFinish: bigint;
  /** Whether the stream runs at the report's block: periodFinish is after it. */
  streaming: boolean;
  /** What the stream pays all stakers in a year (365 d) at this rate: rate · YEAR / PRECISION, floored. */
  perYear: bigint;
  perYearValue: bigint | null;
  /** perYearValue / value of all staked FUR, scaled by 1e18; 0 when the stream is over; null without prices or stake. */
  aprWad: bigint | null;
}

export interface StakingPositionReport {
  chainId: bigint;
  stakedFur: string;
  source: string;
  account: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  /** The account's sFUR (= the FUR it can withdraw, 1:1). */
  balance: bigint;
  balanceValue: bigint | null;
  totalSupply: bigint;
  totalSupplyValue: bigint | null;
  /** balance / totalSupply, scaled by 1e18 (0 when nothing is staked). */
  shareWad: bigint;
  /** getVotes(account): the sFUR votes delegated to the account (not its own balance unless self-delegated). */
  votes: bigint;
  /** delegates(account): to whom the account's sFUR votes go (address(0): nobody yet). */
  delegate: string;
  rewards: StakingRewardRow[];
  /** Σ earned values; null if any has no price. */
  earnedValue: bigint | null;
  /** Σ aprWad of the streams; null if any is null. */
  aprWad: bigint | null;
}

/** The account's stake, votes and rewards in sFUR, and the APR of each stream, at the context's block. */
export async function readStakingPosition(
  ctx: StakingContext,
  account: string,
): Promise<StakingPositionReport> {
  if (!isAddress(account)) throw new FurrowError("ARGUMENT", `--account is not an address: ${account}`);
  const blockTag = ctx.block;
  const sfur = ctx.stakedFur;
  const [fur, balance, totalSupply, votes, delegate, tokens] = await Promise.all([
    sfur.underlying({ blockTag }),
    sfur.balanceOf(account, { blockTag }),
    sfur.totalSupply({ blockTag }),
    sfur.getVotes(account, { blockTag }),
    sfur.delegates(account, { blockTag }),
    sfur.rewardTokens({ blockTag }),
  ]);
  const totalSupplyValue = await ctx.valuer.value(fur, totalSupply);
  const rewards: StakingRewardRow[] = [];
  for (const address of tokens) {
    const [token, earned, [rate, periodFinish]] = await Promise.all([
      tokenInfo(ctx.provider, address),
      sfur.earned(account, address, { blockTag }),
      sfur.rewardStream(address, { blockTag }),
    ]);
    const streaming = periodFinish > ctx.timestamp;
    const perYear = streaming ? (rate * YEAR) / STAKING_PRECISION : 0n;
    const perYearValue = await ctx.valuer.value(address, perYear);
    rewards.push({
      token,
      earned: { token, amount: earned, value: await ctx.valuer.value(address, earned) },
      rate,
      periodFinish,
      streaming,
      perYear,
      perYearValue,
      aprWad: apr(perYearValue, totalSupplyValue),
    });
  }
  const sum = (vs: (bigint | null)[]) =>
    vs.some((v) => v === null) ? null : vs.reduce<bigint>((a, v) => a + v!, 0n);
  return {
    chainId: ctx.chainId,
    stakedFur: ctx.stakedFurAddress,
    source: ctx.source,
    account,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: ctx.valuer.unit,
    balance,
    balanceValue: await ctx.valuer.value(fur, balance),
    totalSupply,
    totalSupplyValue,
    shareWad: totalSupply === 0n ? 0n : (balance * WAD) / totalSupply,
    votes,
    delegate,
    rewards,
    earnedValue: sum(rewards.map((r) => r.earned.value)),
    aprWad: sum(rewards.map((r) => r.aprWad)),
  };
}

/** The FeeCollector (`--collector` or the deployment's). */
export async function locateFeeCollector(
  provider: Provider,
  opts: { collector?: string; deployment?: string },
): Promise<{ collector: FeeCollector; address: string; source: string }> {
  const loc = await locateDeployed(provider, {
    option: "collector",
    given: opts.collector,
    deployment: opts.deployment,
    field: "feeCollector",
    name: "FeeCollector",
    predates: "real yield",
  });
  return {
    collector: FeeCollector__factory.connect(loc.address, provider),
    address: loc.address,
    source: loc.source,
  };
}

/** An amount of a token (what fees:collect reports; it values nothing). */
export interface Amount {
  token: TokenInfo;
  amount: bigint;
}

/** What `collect` did with one pair's fee LP. */
export interface CollectedPair {
  pair: string;
  /** LP burned into the two tokens (0 when the collector held none of this pair). */
  burned: bigint;
  /** LP kept as protocol-owned liquidity, sent to the collector's owner. */
  pol: bigint;
  /** The pair's token0 and token1 and what the burn gave of each. */
  amounts: [Amount, Amount];
}

export interface CollectResult {
  collector: string;
  account: string;
  pairs: CollectedPair[];
  /** What was notified to sFUR, per token (a token sFUR does not reward waits in the collector). */
  notified: Amount[];
  txHash: string;
  block: number;
  gasUsed: bigint;
}

/** Parses `--pairs a,b`: a non-empty list of distinct addresses. */
export function parsePairs(list: string): string[] {
  const pairs = list
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (pairs.length === 0) throw new FurrowError("ARGUMENT", `--pairs names no pair`);
  for (const p of pairs)
    if (!isAddress(p)) throw new FurrowError("ARGUMENT", `--pairs: not an address: ${p}`);
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.toLowerCase())) throw new FurrowError("ARGUMENT", `--pairs names ${p} twice`);
    seen.add(p.toLowerCase());
  }
  return pairs;
}

/**
 * Sends `collect(pairs)` to the collector from `signer` (anyone may) and reads back, from the
 * receipt's Collected and Distributed events, what each pair gave and what was notified to sFUR.
 * A refused pair (NotAPair, LpOfLpRefused) is a FurrowError and nothing is sent.
 */
export async function collectFees(
  collector: FeeCollector,
  signer: Signer,
  pairs: string[],
): Promise<CollectResult> {
  const c = collector.connect(signer);
  const account = await signer.getAddress();
  let receipt;
  try {
    await c.collect.staticCall(pairs);
    receipt = await (await c.collect(pairs)).wait();
  } catch (err) {
    const refusal = decodeRevert(err, collector.interface);
    if (refusal?.name === "NotAPair") {
      throw new FurrowError(
        "ARGUMENT",
        `collect refused: ${String(refusal.args[0])} is not a pair of the collector's factory; nothing was sent`,
      );
    }
    if (refusal?.name === "LpOfLpRefused") {
      throw new FurrowError(
        "ARGUMENT",
        `collect refused: pair ${String(refusal.args[0])} holds ${String(refusal.args[1])}, itself a Furrow LP token (an LP of an LP is never burned); nothing was sent`,
      );
    }
    throw err;
  }
  if (!receipt || receipt.status !== 1) throw new FurrowError("STATE", "collect transaction failed");
  const address = await collector.getAddress();
  const events = receipt.logs
    .filter((l) => l.address.toLowerCase() === address.toLowerCase())
    .map((l) => collector.interface.parseLog(l))
    .filter((e) => e !== null);
  const info = (t: string) => tokenInfo(signer, t);
  const out: CollectedPair[] = [];
  for (const pair of pairs) {
    const e = events.find(
      (x) => x.name === "Collected" && String(x.args.pair).toLowerCase() === pair.toLowerCase(),
    );
    const p = Pair__factory.connect(pair, signer);
    const [t0, t1] = await Promise.all([p.token0(), p.token1()]);
    const [a0, a1] = e ? [e.args.amount0 as bigint, e.args.amount1 as bigint] : [0n, 0n];
    out.push({
      pair,
      burned: e ? (e.args.burned as bigint) : 0n,
      pol: e ? (e.args.pol as bigint) : 0n,
      amounts: [
        { token: await info(t0), amount: a0 },
        { token: await info(t1), amount: a1 },
      ],
    });
  }
  const notified: Amount[] = [];
  for (const e of events.filter((x) => x.name === "Distributed")) {
    notified.push({ token: await info(String(e.args.token)), amount: e.args.amount as bigint });
  }
  return {
    collector: address,
    account,
    pairs: out,
    notified,
    txHash: receipt.hash,
    block: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
}
