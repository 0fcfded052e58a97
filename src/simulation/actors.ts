/**
 * The simulation's population and what each actor can do on chain (swap, provide and stake,
 * harvest, leave), with the book of where an LP's tokens went. When they do it: ./strategies.ts.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { MaxUint256 } from "ethers";
import { IERC20__factory } from "../../typechain-types";
import { E18 } from "../model";
import { actorAddress, addLiquidity, impersonate, USDC_DECIMALS, type Market, type SimPool } from "./market";
import { STRATEGY, type SimulationOptions } from "./options";
import type { Rng } from "./rng";
import { lpGrowth, wethPrice } from "./valuation";

/** Where an LP's money went, in token units (bigint wei), for the report's accounting. */
export interface LpBook {
  /** Tokens put in (pair order; single-sided pools use `in0` only). */
  in0: bigint;
  in1: bigint;
  /** Tokens taken out when leaving. */
  out0: bigint;
  out1: bigint;
  /** LP tokens minted per liquidity add, with the pair's sqrt(k)/supply at that moment (1e18 fixed point). */
  tranches: { lp: bigint; growth: bigint }[];
  /** sqrt(k)/supply when the position was closed (0 while open). */
  exitGrowth: bigint;
  /** Portion of `out0`/`out1` that was fee growth. */
  feesOut0: bigint;
  feesOut1: bigint;
  furHarvested: bigint;
  bonusHarvested: bigint;
  /** FUR put back in through compounding (also counted in `in0`/`in1`). */
  furCompounded: bigint;
}

export type LpState = "waiting" | "active" | "left";

export interface LpActor {
  kind: "lp";
  name: string;
  signer: HardhatEthersSigner;
  pool: SimPool;
  state: LpState;
  /** Simulation step at which the actor enters. */
  entryStep: number;
  /** USD the actor puts in at entry. */
  capitalUsd: number;
  /** LP pools: one WETH in the pair's other token (its wei) at the first deposit and at exit. */
  entryPoolPrice?: bigint;
  exitPoolPrice?: bigint;
  book: LpBook;
  compounds: boolean;
  /** Cohort compounders: compound on this schedule instead of at random (and never leave). */
  interval?: CompoundInterval;
  /** Compounds done (harvest, swap half, add liquidity, stake: one cycle each). */
  compoundCycles: number;
}

/** How often a cohort compounder compounds by hand. */
export type CompoundInterval = "daily" | "weekly" | "never";

/** A vault depositor: provides WETH/FUR like an LP, deposits the LP into the vault, holds. */
export interface VaultActor {
  kind: "vault";
  name: string;
  signer: HardhatEthersSigner;
  state: LpState;
  entryStep: number;
  capitalUsd: number;
  /** Step at which it redeems half its shares (the LP it gets back is kept); none: it holds. */
  redeemHalfAtStep?: number;
  /** in0/in1 and tranches as for an LP; out0/out1 stay 0 (redeemed LP is kept as LP). */
  book: LpBook;
  /** LP deposited into the vault and LP redeemed out of it. */
  lpDeposited: bigint;
  lpRedeemed: bigint;
}

/** Calls the vault's harvest once a day; paid by the harvest bounty (shares). */
export interface KeeperActor {
  kind: "keeper";
  name: string;
  signer: HardhatEthersSigner;
  harvests: number;
  /** Harvests not sent because the static call reverted (e.g. the price was off its TWAP). */
  skipped: number;
  assetsAdded: bigint;
  bountyShares: bigint;
}

export interface TraderActor {
  kind: "trader";
  name: string;
  signer: HardhatEthersSigner;
  /** The first trader arbitrages USDC/WETH to the external price; the others trade noise. */
  arbitrageur: boolean;
  swaps: number;
  volumeUsd: number;
}

/** How an sFUR staker of the staking cohort claims: once a day, never, or half out at mid-run. */
export type StakerSchedule = "claims-daily" | "never-claims" | "withdraws-half";

/**
 * A FUR staker (sFUR): buys FUR with WETH before the fee-switch vote, wraps it into sFUR, delegates
 * its sFUR votes to itself and votes; then claims (or not) and withdraws on its schedule.
 */
export interface StakerActor {
  kind: "staker";
  name: string;
  signer: HardhatEthersSigner;
  schedule: StakerSchedule;
  /** USD of WETH it spent on FUR at entry. */
  capitalUsd: number;
  /** FUR wrapped into sFUR (depositFor) and taken back out (withdrawTo). */
  furStaked: bigint;
  furWithdrawn: bigint;
  /** Step at which it withdraws half its sFUR and claims (withdraws-half only). */
  withdrawAtStep?: number;
  /** What getReward sent it, per reward token (lower-case address), from the RewardPaid events. */
  claimed: Map<string, bigint>;
  claims: number;
}

/** Calls FeeCollector.collect on every pair once a day (anyone may: it is permissionless). */
export interface FeeKeeperActor {
  kind: "fee-keeper";
  name: string;
  signer: HardhatEthersSigner;
  /** Every collect sent: the simulation step and what it notified to sFUR per token (lower-case address). */
  collects: { step: number; notified: Map<string, bigint> }[];
}

export type Actor = LpActor | TraderActor | VaultActor | KeeperActor | StakerActor | FeeKeeperActor;

function emptyBook(): LpBook {
  return {
    in0: 0n,
    in1: 0n,
    out0: 0n,
    out1: 0n,
    tranches: [],
    exitGrowth: 0n,
    feesOut0: 0n,
    feesOut1: 0n,
    furHarvested: 0n,
    bonusHarvested: 0n,
    furCompounded: 0n,
  };
}

/**
 * The population of a run: the first `traderShare` of the actors trade (the first of them
 * arbitrages), the others provide liquidity, in turn to each pool the strategy plays (roles other
 * than "other"), entering at a random step of the first days with a random capital. Every actor
 * is an impersonated address derived from the seed, funded and with the router and farm approved.
 */
export async function createActors(m: Market, o: SimulationOptions, rng: Rng) {
  const traderCount = Math.max(1, Math.round(o.actors * STRATEGY.traderShare));
  const actors: Actor[] = [];
  const lps: LpActor[] = [];
  const traders: TraderActor[] = [];
  const lpPools = m.pools.filter((p) => p.role !== "other");
  const { capital } = STRATEGY;
  for (let i = 0; i < o.actors; i++) {
    const signer = await impersonate(m.hre, actorAddress(o.seed, i));
    await approveAll(m, signer);
    if (i < traderCount) {
      const t: TraderActor = {
        kind: "trader",
        name: `trader-${i + 1}`,
        signer,
        arbitrageur: i === 0,
        swaps: 0,
        volumeUsd: 0,
      };
      await (await m.weth.connect(signer).deposit({ value: BigInt(STRATEGY.traderWeth) * E18 })).wait();
      const usdc = BigInt(STRATEGY.traderUsdc) * 10n ** BigInt(USDC_DECIMALS);
      await (await m.usdc.connect(m.maker).mint(signer.address, usdc)).wait();
      traders.push(t);
      actors.push(t);
    } else {
      const n = i - traderCount;
      const a: LpActor = {
        kind: "lp",
        name: `lp-${n + 1}`,
        signer,
        pool: lpPools[n % lpPools.length],
        state: "waiting",
        entryStep: rng.int(0, STRATEGY.entryDays * o.stepsPerDay),
        capitalUsd: capital.minUsd + rng.int(0, capital.steps) * capital.stepUsd,
        book: emptyBook(),
        compounds: rng.next() < STRATEGY.compoundShare,
        compoundCycles: 0,
      };
      lps.push(a);
      actors.push(a);
    }
  }
  const { compounders, depositors, keeper, actors: cohort } = await createCohort(m, o, actors.length);
  actors.push(...cohort);
  return { actors, lps: [...lps, ...compounders], traders, compounders, depositors, keeper };
}

/** The compounding cohort of `STRATEGY.cohort`, after the population (addresses continue its count). */
async function createCohort(m: Market, o: SimulationOptions, first: number) {
  const { cohort } = STRATEGY;
  let i = first;
  const next = async () => {
    const signer = await impersonate(m.hre, actorAddress(o.seed, i++));
    await approveAll(m, signer);
    return signer;
  };
  const compounders: LpActor[] = [];
  for (const interval of cohort.intervals) {
    compounders.push({
      kind: "lp",
      name: `compound-${interval}`,
      signer: await next(),
      pool: m.vaultPool,
      state: "waiting",
      entryStep: 0,
      capitalUsd: cohort.capitalUsd,
      book: emptyBook(),
      compounds: interval !== "never",
      interval,
      compoundCycles: 0,
    });
  }
  const depositors: VaultActor[] = [];
  const steps = o.days * o.stepsPerDay;
  for (let k = 0; k < cohort.vaultDepositors; k++) {
    const signer = await next();
    const vault = await m.vault.getAddress();
    await m.meter.during("approve", async () => {
      await (await m.vaultPool.pair!.connect(signer).approve(vault, MaxUint256)).wait();
    });
    depositors.push({
      kind: "vault",
      name: `vault-${k + 1}`,
      signer,
      state: "waiting",
      entryStep: 0,
      capitalUsd: cohort.capitalUsd,
      ...(k === 1 ? { redeemHalfAtStep: Math.floor(steps / 2) } : {}),
      book: emptyBook(),
      lpDeposited: 0n,
      lpRedeemed: 0n,
    });
  }
  const keeper: KeeperActor = {
    kind: "keeper",
    name: "keeper",
    signer: await impersonate(m.hre, actorAddress(o.seed, i++)),
    harvests: 0,
    skipped: 0,
    assetsAdded: 0n,
    bountyShares: 0n,
  };
  return { compounders, depositors, keeper, actors: [...compounders, ...depositors, keeper] as Actor[] };
}

/** Approves the router and the farm for every token an actor may hold. */
async function approveAll(m: Market, signer: HardhatEthersSigner): Promise<void> {
  await m.meter.during("approve", () => approveRouterAndFarm(m, signer));
}

async function approveRouterAndFarm(m: Market, signer: HardhatEthersSigner): Promise<void> {
  const router = await m.router.getAddress();
  const farm = await m.farm.getAddress();
  const tokens = [m.usdc, m.weth, m.fur];
  for (const t of tokens) {
    await (await t.connect(signer).approve(router, MaxUint256)).wait();
    await (await t.connect(signer).approve(farm, MaxUint256)).wait();
  }
  for (const p of m.pools) {
    if (!p.pair) continue;
    await (await p.pair.connect(signer).approve(router, MaxUint256)).wait();
    await (await p.pair.connect(signer).approve(farm, MaxUint256)).wait();
  }
}

/** Swaps exact `amountIn` along `path`; returns what arrived. */
export async function swap(
  m: Market,
  signer: HardhatEthersSigner,
  amountIn: bigint,
  path: string[],
): Promise<bigint> {
  if (amountIn === 0n) return 0n;
  const token = IERC20__factory.connect(path[path.length - 1], signer);
  const before = await token.balanceOf(signer.address);
  await (
    await m.router.connect(signer).swapExactTokensForTokens(amountIn, 0, path, signer.address, MaxUint256)
  ).wait();
  return (await token.balanceOf(signer.address)) - before;
}

/** Adds liquidity with `amount0`/`amount1` (pair order) and stakes the LP; books it. */
export async function provideAndStake(
  m: Market,
  a: LpActor,
  amount0: bigint,
  amount1: bigint,
): Promise<void> {
  const lp = await provide(m, a.pool, a.signer, a.book, amount0, amount1);
  a.entryPoolPrice ??= await wethPrice(m, a.pool);
  await stake(m, a, lp);
}

/** Stakes `lp` of the actor's pool in the farm; books the bonus the deposit paid. */
export async function stake(m: Market, a: LpActor, lp: bigint): Promise<void> {
  // A deposit also pays the bonus owed so far (the rewarder settles on every farm action).
  const bonus0 = await m.bonus.balanceOf(a.signer.address);
  await (await m.farm.connect(a.signer).deposit(a.pool.pid, lp, a.signer.address)).wait();
  a.book.bonusHarvested += (await m.bonus.balanceOf(a.signer.address)) - bonus0;
}

/** Adds liquidity with `amount0`/`amount1` (pair order); books the tokens and the LP tranche; returns the LP. */
export async function provide(
  m: Market,
  pool: SimPool,
  signer: HardhatEthersSigner,
  book: LpBook,
  amount0: bigint,
  amount1: bigint,
): Promise<bigint> {
  const pair = pool.pair!;
  const lpBefore = await pair.balanceOf(signer.address);
  const t0 = IERC20__factory.connect(pool.token0!, signer);
  const t1 = IERC20__factory.connect(pool.token1!, signer);
  const [b0, b1] = [await t0.balanceOf(signer.address), await t1.balanceOf(signer.address)];
  await addLiquidity(m.router, signer, pool.token0!, pool.token1!, amount0, amount1);
  const lp = (await pair.balanceOf(signer.address)) - lpBefore;
  book.in0 += b0 - (await t0.balanceOf(signer.address));
  book.in1 += b1 - (await t1.balanceOf(signer.address));
  book.tranches.push({ lp, growth: await lpGrowth(m, pool) });
  return lp;
}

/** Harvests FUR (and bonus) to the actor; books what arrived. */
export async function harvest(m: Market, a: LpActor): Promise<bigint> {
  const [fur0, bonus0] = [await m.fur.balanceOf(a.signer.address), await m.bonus.balanceOf(a.signer.address)];
  await (await m.farm.connect(a.signer).harvest(a.pool.pid, a.signer.address)).wait();
  const fur = (await m.fur.balanceOf(a.signer.address)) - fur0;
  a.book.furHarvested += fur;
  a.book.bonusHarvested += (await m.bonus.balanceOf(a.signer.address)) - bonus0;
  return fur;
}

/** Leaves: withdraws everything with its rewards, and for LP pools removes the liquidity. */
export async function leave(m: Market, a: LpActor): Promise<void> {
  const staked = (await m.farm.userInfo(a.pool.pid, a.signer.address))[0];
  const [fur0, bonus0] = [await m.fur.balanceOf(a.signer.address), await m.bonus.balanceOf(a.signer.address)];
  await (await m.farm.connect(a.signer).withdrawAndHarvest(a.pool.pid, staked, a.signer.address)).wait();
  const furAfter = await m.fur.balanceOf(a.signer.address);
  const bonusAfter = await m.bonus.balanceOf(a.signer.address);
  a.book.bonusHarvested += bonusAfter - bonus0;
  if (!a.pool.pair) {
    // Single-sided FUR: the stake comes back as FUR alongside the reward.
    a.book.out0 += staked;
    a.book.furHarvested += furAfter - fur0 - staked;
  } else {
    a.book.furHarvested += furAfter - fur0;
    const pool = a.pool;
    const growth = await lpGrowth(m, pool);
    a.exitPoolPrice = await wethPrice(m, pool);
    const t0 = IERC20__factory.connect(pool.token0!, a.signer);
    const t1 = IERC20__factory.connect(pool.token1!, a.signer);
    const [b0, b1] = [await t0.balanceOf(a.signer.address), await t1.balanceOf(a.signer.address)];
    await (
      await m.router
        .connect(a.signer)
        .removeLiquidity(pool.token0!, pool.token1!, staked, 0, 0, a.signer.address, MaxUint256)
    ).wait();
    const out0 = (await t0.balanceOf(a.signer.address)) - b0;
    const out1 = (await t1.balanceOf(a.signer.address)) - b1;
    a.book.out0 += out0;
    a.book.out1 += out1;
    a.book.exitGrowth = growth;
    const entry = averageGrowth(a.book);
    // The share of what came out that is fee growth: 1 - entryGrowth / exitGrowth.
    a.book.feesOut0 = growth === 0n ? 0n : (out0 * (growth - entry)) / growth;
    a.book.feesOut1 = growth === 0n ? 0n : (out1 * (growth - entry)) / growth;
  }
  a.state = "left";
}

/** LP-weighted average sqrt(k)/supply at entry. */
export function averageGrowth(book: LpBook): bigint {
  const lp = book.tranches.reduce((s, t) => s + t.lp, 0n);
  if (lp === 0n) return 0n;
  return book.tranches.reduce((s, t) => s + t.lp * t.growth, 0n) / lp;
}
