/**
 * Reads the chain into plain data while it is up: the daily samples during the run, and at the end
 * every actor's position and the pools (./result.ts). Values go through ./valuation.ts only.
 */
import type { Actor, FeeKeeperActor, KeeperActor, LpActor, StakerActor, VaultActor } from "./actors";
import { averageGrowth } from "./actors";
import type { RewardAudit } from "./audit";
import { stakingSample, type Revenue } from "./revenue";
import type { StakingAudit } from "./stakingAudit";
import type { Market } from "./market";
import type { SimulationOptions } from "./options";
import type {
  ActorResult,
  DaySample,
  FeeKeeperResult,
  KeeperResult,
  PositionValue,
  StakerResult,
  SimulationResult,
  VaultResult,
} from "./result";
import {
  furValue,
  lpGrowth,
  poolsAt,
  underlyingOf,
  usd,
  valueOf,
  viewMarket,
  wethPrice,
  type MarketView,
} from "./valuation";

/** An APR of farm:pools (1e18 = 100%) in percent; 0 when it has none (nothing staked). */
const aprPercent = (aprWad: bigint | null) => (aprWad === null ? 0 : Number(aprWad) / 1e16);

/** What the reward tokens' amounts of `byToken` (lower-case address → wei) are, in `rev.rewardTokens` order. */
const inTokenOrder = (rev: Revenue, byToken: Map<string, bigint>) =>
  rev.rewardTokens.map((t) => byToken.get(t.address.toLowerCase()) ?? 0n);

/**
 * The day's sample: prices, each pool's rewards so far and APR, the tracked actor's position; sFUR's
 * supply and stream APR, what the collects notified and the FUR the farm emitted since `since`.
 */
export async function sample(
  m: Market,
  actors: Actor[],
  day: number,
  externalEthPrice: number,
  tracked: LpActor | undefined,
  o: SimulationOptions,
  r: { rev: Revenue; feeKeeper: FeeKeeperActor; since: bigint },
): Promise<DaySample> {
  const view = await viewMarket(m, o.bonusPriceUsd);
  const notified = new Map<string, bigint>();
  const firstStep = (day - 1) * o.stepsPerDay;
  for (const c of r.feeKeeper.collects.filter((x) => x.step >= firstStep && x.step < day * o.stepsPerDay))
    for (const [token, amount] of c.notified) notified.set(token, (notified.get(token) ?? 0n) + amount);
  const staking = await stakingSample(m, r.rev, view);
  const pools = await poolsAt(view);
  const poolRewards: bigint[] = [];
  const poolApr: number[] = [];
  for (const pool of m.pools) {
    let rewards = await m.farm.pendingReward(pool.pid, m.maker.address);
    for (const a of actors) {
      if (a.kind === "lp" && a.pool.pid === pool.pid) {
        rewards += a.book.furHarvested + (await m.farm.pendingReward(pool.pid, a.signer.address));
      }
    }
    poolRewards.push(rewards);
    poolApr.push(aprPercent(pools.pools[pool.pid].aprWad));
  }
  const v = tracked ? await positionValue(m, view, tracked) : undefined;
  return {
    day,
    externalEthPrice,
    poolEthPrice: view.prices.eth,
    furPriceUsd: view.prices.fur,
    poolRewards,
    poolApr,
    trackedValueUsd: v ? v.holdUsd + v.netUsd : 0,
    trackedHoldUsd: v ? v.holdUsd : 0,
    time: view.ctx.timestamp,
    emittedFur: (await m.farm.rewardPerSecond()) * (view.ctx.timestamp - r.since),
    notified: inTokenOrder(r.rev, notified),
    ...staking,
  };
}

/** An LP actor's result at the view's prices: LP value, fee part of it, hold value and rewards. */
async function positionValue(m: Market, view: MarketView, a: LpActor): Promise<PositionValue> {
  const pending = a.state === "active" ? await m.farm.pendingReward(a.pool.pid, a.signer.address) : 0n;
  let bonusPending = 0n;
  if (a.state === "active" && a.pool.rewarder) {
    const [, amounts] = await a.pool.rewarder.pendingTokens(a.pool.pid, a.signer.address, pending);
    bonusPending = amounts[0] ?? 0n;
  }
  const fur = a.book.furHarvested + pending;
  const bonus = a.book.bonusHarvested + bonusPending;
  let held0 = a.book.out0;
  let held1 = a.book.out1;
  let fees0 = a.book.feesOut0;
  let fees1 = a.book.feesOut1;
  if (a.state === "active") {
    const staked = (await m.farm.userInfo(a.pool.pid, a.signer.address))[0];
    if (a.pool.pair) {
      const [u0, u1] = await underlyingOf(m, a.pool, staked);
      const growth = await lpGrowth(m, a.pool);
      const entry = averageGrowth(a.book);
      held0 += u0;
      held1 += u1;
      // The share of the position that is fee growth since entry: 1 - entryGrowth / growth.
      fees0 += growth === 0n ? 0n : (u0 * (growth - entry)) / growth;
      fees1 += growth === 0n ? 0n : (u1 * (growth - entry)) / growth;
    } else {
      held0 += staked;
    }
  }
  const lpUsd = await valueOf(view, a.pool, held0, held1);
  const feesUsd = await valueOf(view, a.pool, fees0, fees1);
  // Compounded FUR came from rewards: holding would not have had it.
  const compoundedUsd = await furValue(view, m, a.book.furCompounded);
  const holdUsd = (await valueOf(view, a.pool, a.book.in0, a.book.in1)) - compoundedUsd;
  // BONUS has no market in the simulation: it is valued at the reference price.
  const rewardsUsd = (await furValue(view, m, fur)) + (Number(bonus) / 1e18) * view.prices.bonus;
  return {
    fur,
    bonus,
    lpUsd,
    feesUsd,
    holdUsd,
    rewardsUsd,
    ilUsd: lpUsd - feesUsd - holdUsd - compoundedUsd,
    netUsd: lpUsd + rewardsUsd - compoundedUsd - holdUsd,
  };
}

/** The run as plain data, read at its last block. */
export async function captureResult(
  m: Market,
  run: {
    options: SimulationOptions;
    actors: Actor[];
    samples: DaySample[];
    audit: { fur: RewardAudit; bonus?: RewardAudit; staking: StakingAudit };
    blocks: { start: number; end: number };
    tracked?: LpActor;
    revenue: { rev: Revenue; simStart: bigint };
  },
): Promise<SimulationResult> {
  const rev = run.revenue.rev;
  const view = await viewMarket(m, run.options.bonusPriceUsd);
  const actors: ActorResult[] = [];
  for (const a of run.actors) {
    const gas = await m.meter.transactionsOf(a.signer.address);
    if (a.kind === "trader") {
      actors.push({ kind: "trader", name: a.name, swaps: a.swaps, volumeUsd: a.volumeUsd, gas });
      continue;
    }
    if (a.kind === "vault") {
      actors.push(await vaultResult(m, view, a, gas));
      continue;
    }
    if (a.kind === "keeper") {
      actors.push(await keeperResult(m, view, a, gas));
      continue;
    }
    if (a.kind === "staker") {
      actors.push(await stakerResult(m, rev, view, a, gas));
      continue;
    }
    if (a.kind === "fee-keeper") {
      actors.push(feeKeeperResult(rev, a, gas));
      continue;
    }
    const waiting = a.state === "waiting";
    const ratio = async () => {
      const end = a.exitPoolPrice ?? (await wethPrice(m, a.pool));
      return a.entryPoolPrice === undefined ? Number.NaN : Number(end) / Number(a.entryPoolPrice);
    };
    actors.push({
      kind: "lp",
      name: a.name,
      pool: a.pool.name,
      state: a.state,
      entryStep: a.entryStep,
      deposits: a.book.tranches.length,
      ...(a.pool.pair && !waiting ? { priceRatio: await ratio() } : {}),
      ...(waiting ? {} : { value: await positionValue(m, view, a) }),
      ...(a.interval ? { interval: a.interval } : {}),
      compoundCycles: a.compoundCycles,
      gas,
    });
  }
  const pools = [];
  for (const p of m.pools) {
    pools.push({
      pid: p.pid,
      role: p.role,
      name: p.name,
      lpToken: p.stake,
      allocPoint: (await m.farm.poolInfo(p.pid)).allocPoint,
      bonus: p.rewarder !== undefined,
    });
  }
  return {
    options: run.options,
    contracts: {
      rewardToken: await m.fur.getAddress(),
      farm: await m.farm.getAddress(),
      factory: await m.factory.getAddress(),
      router: await m.router.getAddress(),
      weth: await m.weth.getAddress(),
      usdc: await m.usdc.getAddress(),
      bonus: await m.bonus.getAddress(),
    },
    prices: view.prices,
    pools,
    actors,
    samples: run.samples,
    audit: run.audit,
    blocks: run.blocks,
    ...(run.tracked ? { tracked: { name: run.tracked.name, pool: run.tracked.pool.name } } : {}),
    vault: {
      address: await m.vault.getAddress(),
      factory: await m.vaultFactory.getAddress(),
      pid: m.vaultPool.pid,
      pool: m.vaultPool.name,
      performanceFeeBps: Number(await m.vault.performanceFeeBps()),
      totalAssets: await m.vault.totalAssets(),
      totalSupply: await m.vault.totalSupply(),
      lockedProfit: await m.vault.lockedProfit(),
    },
    revenue: {
      stakedFur: rev.stakedFurAddress,
      feeCollector: rev.collectorAddress,
      governor: await rev.governor.getAddress(),
      feeTo: await m.factory.feeTo(),
      proposal: rev.proposal!,
      votes: rev.votes,
      runStart: run.revenue.simStart,
      rewardTokens: rev.rewardTokens,
      pairs: rev.pairs,
    },
  };
}

/** A staker at end prices: sFUR's earned per token read now, claimed from its book. */
async function stakerResult(
  m: Market,
  rev: Revenue,
  view: MarketView,
  a: StakerActor,
  gas: StakerResult["gas"],
): Promise<StakerResult> {
  const earned = [];
  for (const t of rev.rewardTokens) earned.push(await rev.stakedFur.earned(a.signer.address, t.address));
  const claimed = inTokenOrder(rev, a.claimed);
  let rewardsUsd = 0;
  for (const [i, t] of rev.rewardTokens.entries()) {
    const v = await view.ctx.valuer.value(t.address, claimed[i] + earned[i]);
    if (v === null) throw new Error(`simulation: no price route for ${t.symbol}`);
    rewardsUsd += usd(view.ctx, v);
  }
  return {
    kind: "staker",
    name: a.name,
    schedule: a.schedule,
    furStaked: a.furStaked,
    furWithdrawn: a.furWithdrawn,
    balance: await rev.stakedFur.balanceOf(a.signer.address),
    claimed,
    earned,
    claims: a.claims,
    stakedUsd: await furValue(view, m, a.furStaked),
    rewardsUsd,
    gas,
  };
}

function feeKeeperResult(rev: Revenue, k: FeeKeeperActor, gas: FeeKeeperResult["gas"]): FeeKeeperResult {
  const total = new Map<string, bigint>();
  for (const c of k.collects)
    for (const [token, amount] of c.notified) total.set(token, (total.get(token) ?? 0n) + amount);
  return {
    kind: "fee-keeper",
    name: k.name,
    collects: k.collects.length,
    notified: inTokenOrder(rev, total),
    gas,
  };
}

/** The USD value of `lp` LP tokens of the vault's pool now (negative amounts: minus the value of their opposite). */
async function lpValue(m: Market, view: MarketView, lp: bigint): Promise<number> {
  if (lp < 0n) return -(await lpValue(m, view, -lp));
  const [u0, u1] = await underlyingOf(m, m.vaultPool, lp);
  return valueOf(view, m.vaultPool, u0, u1);
}

async function vaultResult(
  m: Market,
  view: MarketView,
  a: VaultActor,
  gas: VaultResult["gas"],
): Promise<VaultResult> {
  const shares = await m.vault.balanceOf(a.signer.address);
  const assets = await m.vault.previewRedeem(shares);
  const base = {
    kind: "vault" as const,
    name: a.name,
    state: a.state,
    entryStep: a.entryStep,
    shares,
    lpDeposited: a.lpDeposited,
    lpRedeemed: a.lpRedeemed,
    assets,
    gas,
  };
  if (a.state === "waiting") return base;
  const lpNow = assets + a.lpRedeemed;
  const lpUsd = await lpValue(m, view, lpNow);
  const depositedLpUsd = await lpValue(m, view, a.lpDeposited);
  const growth = await lpGrowth(m, m.vaultPool);
  const entry = averageGrowth(a.book);
  // The share of the deposited LP's value that is fee growth since entry: 1 - entryGrowth / growth.
  const feesUsd = growth === 0n ? 0 : (depositedLpUsd * Number(growth - entry)) / Number(growth);
  const holdUsd = await valueOf(view, m.vaultPool, a.book.in0, a.book.in1);
  const rewardsUsd = await lpValue(m, view, lpNow - a.lpDeposited);
  return {
    ...base,
    value: {
      fur: 0n,
      bonus: 0n,
      lpUsd,
      feesUsd,
      holdUsd,
      rewardsUsd,
      ilUsd: depositedLpUsd - feesUsd - holdUsd,
      netUsd: lpUsd - holdUsd,
    },
  };
}

async function keeperResult(
  m: Market,
  view: MarketView,
  k: KeeperActor,
  gas: KeeperResult["gas"],
): Promise<KeeperResult> {
  const shares = await m.vault.balanceOf(k.signer.address);
  return {
    kind: "keeper",
    name: k.name,
    harvests: k.harvests,
    skipped: k.skipped,
    assetsAdded: k.assetsAdded,
    bountyShares: k.bountyShares,
    bountyUsd: await lpValue(m, view, await m.vault.previewRedeem(shares)),
    gas,
  };
}
