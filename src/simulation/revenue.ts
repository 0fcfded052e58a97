/**
 * Real yield in the simulation: the fee switch turned on by a governance proposal that FUR and sFUR
 * holders pass, sFUR stakers who claim and withdraw on a schedule, and a keeper calling the
 * FeeCollector once a day. Values go through src/positions/ (the stack of `staking:position` and
 * `fees:collect`), never through arithmetic of its own.
 */
import { MaxUint256, ZeroAddress } from "ethers";
import {
  FeeCollector__factory,
  StakedFUR__factory,
  type FarmGovernor,
  type FeeCollector,
  type StakedFUR,
} from "../../typechain-types";
import type { FurrowDeployment } from "../chain/deployment";
import { FurrowError } from "../chain/errors";
import { collectFees, readStakingPosition } from "../positions/staking";
import { tokenInfo, type TokenInfo } from "../positions/valuation";
import { swap, type FeeKeeperActor, type StakerActor } from "./actors";
import { latestBlock } from "./clock";
import { passProposal, type ProposalCall, type ProposalRecord } from "./governance";
import { actorAddress, impersonate, type Market } from "./market";
import { STRATEGY, type SimulationOptions } from "./options";
import { usd, type MarketView } from "./valuation";

/** sFUR, the collector and the governor of the deployment, and what the run did with them. */
export interface Revenue {
  stakedFur: StakedFUR;
  collector: FeeCollector;
  governor: FarmGovernor;
  stakedFurAddress: string;
  collectorAddress: string;
  /** The pairs the fee keeper collects: every pair pool of the farm. */
  pairs: string[];
  /** sFUR's reward tokens once the proposal passed, in sFUR's order. */
  rewardTokens: TokenInfo[];
  /** The fee-switch proposal, once executed. */
  proposal?: ProposalRecord;
  /** What each voter had at the proposal's snapshot: FUR votes and sFUR votes (both counted). */
  votes: { name: string; address: string; fur: bigint; sFur: bigint }[];
}

/** sFUR and the FeeCollector of `d`; a deployment from before real yield has neither. */
export async function attachRevenue(m: Market, d: FurrowDeployment): Promise<Revenue> {
  if (!d.stakedFur || !d.feeCollector) {
    throw new FurrowError(
      "DEPLOYMENT",
      "the deployment has no StakedFUR / FeeCollector (it predates real yield): the simulation needs both",
    );
  }
  const { ethers } = m.hre;
  return {
    stakedFur: StakedFUR__factory.connect(d.stakedFur, ethers.provider),
    collector: FeeCollector__factory.connect(d.feeCollector, ethers.provider),
    governor: await ethers.getContractAt("FarmGovernor", d.governor),
    stakedFurAddress: d.stakedFur,
    collectorAddress: d.feeCollector,
    pairs: m.pools.flatMap((p) => (p.pair ? [p.stake] : [])),
    rewardTokens: [],
    votes: [],
  };
}

/** The staking cohort of `STRATEGY.staking` and the fee keeper, after the other actors (addresses continue the count). */
export async function createRevenueActors(m: Market, o: SimulationOptions, first: number) {
  const { staking } = STRATEGY;
  const steps = o.days * o.stepsPerDay;
  let i = first;
  const stakers: StakerActor[] = [];
  for (const schedule of staking.schedules) {
    stakers.push({
      kind: "staker",
      name: `sfur-${schedule}`,
      signer: await impersonate(m.hre, actorAddress(o.seed, i++)),
      schedule,
      capitalUsd: staking.capitalUsd,
      furStaked: 0n,
      furWithdrawn: 0n,
      ...(schedule === "withdraws-half" ? { withdrawAtStep: Math.floor(steps / 2) } : {}),
      claimed: new Map(),
      claims: 0,
    });
  }
  const feeKeeper: FeeKeeperActor = {
    kind: "fee-keeper",
    name: "fee-keeper",
    signer: await impersonate(m.hre, actorAddress(o.seed, i++)),
    collects: [],
  };
  return { stakers, feeKeeper };
}

/**
 * Each staker wraps ETH, buys FUR with it on WETH/FUR (`capitalUsd` at the pool's ETH price),
 * approves sFUR, wraps the FUR (`depositFor`) and delegates its sFUR votes to itself.
 */
export async function enterStakers(m: Market, rev: Revenue, stakers: StakerActor[], view: MarketView) {
  const sfur = rev.stakedFurAddress;
  for (const a of stakers) {
    await m.meter.during("stake-fur", async () => {
      const wei = (BigInt(Math.round((a.capitalUsd / view.prices.eth) * 1e6)) * 10n ** 18n) / 1_000_000n;
      await (await m.weth.connect(a.signer).deposit({ value: wei })).wait();
      await (await m.weth.connect(a.signer).approve(await m.router.getAddress(), MaxUint256)).wait();
      const fur = await swap(m, a.signer, wei, [m.wethAddress, m.furAddress]);
      await (await m.fur.connect(a.signer).approve(sfur, fur)).wait();
      await (await rev.stakedFur.connect(a.signer).depositFor(a.signer.address, fur)).wait();
      await (await rev.stakedFur.connect(a.signer).delegate(a.signer.address)).wait();
      a.furStaked += fur;
    });
  }
}

/**
 * The fee switch, as governance turns it on: the maker (holding FUR above the proposal threshold)
 * delegates its FUR to itself and proposes, in one proposal, `factory.setFeeTo(FeeCollector)` and
 * sFUR's reward tokens for the simulated pairs (FUR, WETH, USDC; what is already on is left out);
 * the maker and every staker (with sFUR votes) vote For; it is queued and executed.
 */
export async function turnFeeSwitchOn(
  m: Market,
  rev: Revenue,
  stakers: StakerActor[],
): Promise<ProposalRecord> {
  const calls: ProposalCall[] = [];
  const factory = await m.factory.getAddress();
  if ((await m.factory.feeTo()).toLowerCase() !== rev.collectorAddress.toLowerCase()) {
    calls.push({
      target: factory,
      calldata: m.factory.interface.encodeFunctionData("setFeeTo", [rev.collectorAddress]),
      summary: `PairFactory.setFeeTo(FeeCollector ${rev.collectorAddress})`,
    });
  }
  for (const [symbol, token] of [
    ["FUR", m.furAddress],
    ["WETH", m.wethAddress],
    ["USDC", m.usdcAddress],
  ] as const) {
    if (await rev.stakedFur.isRewardToken(token)) continue;
    calls.push({
      target: rev.stakedFurAddress,
      calldata: rev.stakedFur.interface.encodeFunctionData("addRewardToken", [token]),
      summary: `StakedFUR.addRewardToken(${symbol})`,
    });
  }
  const voters = [
    { name: "maker", signer: m.maker },
    ...stakers.map((s) => ({ name: s.name, signer: s.signer })),
  ];
  const record = await m.meter.during("governance", async () => {
    await (await m.fur.connect(m.maker).delegate(m.maker.address)).wait();
    return passProposal(
      m.hre,
      rev.governor,
      m.maker,
      voters.map((v) => v.signer),
      calls,
      "Turn the protocol fee on: the FeeCollector becomes the factory's feeTo, and sFUR streams FUR, WETH and USDC",
    );
  });
  const snapshot = record.times.snapshot;
  for (const v of voters) {
    rev.votes.push({
      name: v.name,
      address: v.signer.address,
      fur: await m.fur.getPastVotes(v.signer.address, snapshot),
      sFur: await rev.stakedFur.getPastVotes(v.signer.address, snapshot),
    });
  }
  rev.proposal = record;
  const provider = m.hre.ethers.provider;
  rev.rewardTokens = await Promise.all(
    (await rev.stakedFur.rewardTokens()).map((t) => tokenInfo(provider, t)),
  );
  return record;
}

/** Seconds the proposal is proposed before the farm starts, beyond its own delays: time for its few transactions. */
export const PROPOSAL_MARGIN = 600n;

/**
 * When to propose so that the proposal is executed just before the farm starts: the start less the
 * governor's voting delay and period, the timelock's delay and `PROPOSAL_MARGIN`. Proposing at a
 * fixed time before the start (not whenever setup ends, which depends on how long the deployment
 * took on the wall clock) keeps the proposal's times, and so the report, the same for a seed.
 * Null when that time has passed (a fork of a farm already running: propose now).
 */
export async function proposalTime(m: Market, rev: Revenue): Promise<bigint | null> {
  const timelock = await m.hre.ethers.getContractAt("TimelockController", await rev.governor.timelock());
  const lead =
    (await rev.governor.votingDelay()) +
    (await rev.governor.votingPeriod()) +
    (await timelock.getMinDelay()) +
    PROPOSAL_MARGIN;
  const at = m.startTime - lead;
  return at > (await latestBlock(m.hre)).time ? at : null;
}

/** Whether `a` has anything to claim: getReward with nothing owed would pay nothing. */
async function hasEarned(rev: Revenue, a: StakerActor): Promise<boolean> {
  for (const t of rev.rewardTokens)
    if ((await rev.stakedFur.earned(a.signer.address, t.address)) > 0n) return true;
  return false;
}

/** getReward, with what it paid booked from its RewardPaid events. */
async function claim(m: Market, rev: Revenue, a: StakerActor): Promise<void> {
  if (!(await hasEarned(rev, a))) return;
  const receipt = await (await rev.stakedFur.connect(a.signer).getReward()).wait();
  for (const log of receipt!.logs) {
    if (log.address.toLowerCase() !== rev.stakedFurAddress.toLowerCase()) continue;
    const ev = rev.stakedFur.interface.parseLog(log);
    if (ev?.name !== "RewardPaid") continue;
    const token = (ev.args.token as string).toLowerCase();
    a.claimed.set(token, (a.claimed.get(token) ?? 0n) + (ev.args.amount as bigint));
  }
  a.claims++;
}

/** One staker's step: the daily claimer claims once a day; the other withdraws half at its step and claims. */
export async function actStaker(
  m: Market,
  rev: Revenue,
  a: StakerActor,
  step: number,
  o: SimulationOptions,
): Promise<void> {
  const during = m.meter.during.bind(m.meter);
  if (a.schedule === "claims-daily" && step % o.stepsPerDay === STRATEGY.staking.claimStepOfDay) {
    await during("claim", () => claim(m, rev, a));
  } else if (a.schedule === "withdraws-half" && step === a.withdrawAtStep) {
    const half = (await rev.stakedFur.balanceOf(a.signer.address)) / 2n;
    await during("unstake-fur", async () => {
      await (await rev.stakedFur.connect(a.signer).withdrawTo(a.signer.address, half)).wait();
    });
    a.furWithdrawn += half;
    await during("claim", () => claim(m, rev, a));
  }
}

/** The fee keeper's step: once a day, `collect` every pair (through positions/'s collectFees, as `fees:collect`). */
export async function collectStep(
  m: Market,
  rev: Revenue,
  k: FeeKeeperActor,
  step: number,
  o: SimulationOptions,
): Promise<void> {
  if (step % o.stepsPerDay !== STRATEGY.staking.collectStepOfDay) return;
  const result = await m.meter.during("collect", () => collectFees(rev.collector, k.signer, rev.pairs));
  const notified = new Map<string, bigint>();
  for (const n of result.notified) {
    const token = n.token.address.toLowerCase();
    notified.set(token, (notified.get(token) ?? 0n) + n.amount);
  }
  k.collects.push({ step, notified });
}

/** sFUR at the view's block: its supply, the APR of its current streams and each reward token's USD price. */
export async function stakingSample(m: Market, rev: Revenue, view: MarketView) {
  const ctx = { ...view.ctx, stakedFur: rev.stakedFur, stakedFurAddress: rev.stakedFurAddress };
  const position = await readStakingPosition(ctx, ZeroAddress);
  const prices: number[] = [];
  for (const t of rev.rewardTokens) {
    const v = await view.ctx.valuer.value(t.address, 10n ** BigInt(t.decimals));
    if (v === null) throw new Error(`simulation: no price route for ${t.symbol}`);
    prices.push(usd(view.ctx, v));
  }
  return {
    stakedFur: position.totalSupply,
    feeAprPercent: position.aprWad === null ? 0 : Number(position.aprWad) / 1e16,
    rewardTokenPriceUsd: prices,
  };
}
