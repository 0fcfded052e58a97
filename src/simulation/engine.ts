import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { farmDeploymentBlock, type FurrowDeployment } from "../chain/deployment";
import { actorAddress, impersonate, setupMarket, USDC_DECIMALS, type Market, type SimPool } from "./market";
import {
  approveAll,
  emptyBook,
  harvest,
  leave,
  lpGrowth,
  provideAndStake,
  swap,
  averageGrowth,
  type Actor,
  type LpActor,
  type TraderActor,
} from "./actors";
import { Rng } from "./rng";
import { E18 } from "../model";
import { auditBonus, auditFarm, type RewardAudit } from "./audit";

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
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  days: 30,
  actors: 20,
  seed: 1,
  stepsPerDay: 6,
  ethPrice: 3_000,
  dailyVolatility: 0.04,
  bonusPriceUsd: 0.05,
};

/** What the caller sees while it runs. */
export type Progress = (done: number, total: number, label: string) => void;

/** Prices in USD at one moment, read from the pools. */
export interface Prices {
  eth: number;
  fur: number;
  bonus: number;
}

/** A daily sample for the charts. */
export interface DaySample {
  day: number;
  externalEthPrice: number;
  poolEthPrice: number;
  furPriceUsd: number;
  /** Per pool: cumulative FUR paid + pending to everyone staked in it. */
  poolRewards: bigint[];
  /** Per pool: emission APR (%) = yearly FUR to the pool in USD / USD staked in it. */
  poolApr: number[];
  /** The tracked actor's position value (incl. rewards) and the value of holding its deposit. */
  trackedValueUsd: number;
  trackedHoldUsd: number;
}

export interface SimulationResult {
  options: SimulationOptions;
  market: Market;
  actors: Actor[];
  samples: DaySample[];
  prices: Prices;
  /** Reward audits of the simulated window: FUR (the farm) and the bonus token (the rewarder). */
  audit: { fur: RewardAudit; bonus?: RewardAudit };
  /** First and last block of the simulated window (the window is (start, end]). */
  blocks: { start: number; end: number };
  trackedActor?: LpActor;
}

const toNumber = (wei: bigint, decimals = 18) => Number(wei) / 10 ** decimals;

/** USD prices from the pools: ETH from USDC/WETH, FUR from WETH/FUR. */
export async function readPrices(m: Market, bonusPriceUsd: number): Promise<Prices> {
  const usdcWeth = m.pools.find((p) => p.pair && p.name.includes("USDC"))!;
  const wethFur = m.pools.find((p) => p.pair && p.name.includes("FUR"))!;
  const eth = pairPrice(
    usdcWeth,
    await m.weth.getAddress(),
    await usdcWeth.pair!.getReserves(),
    USDC_DECIMALS,
  );
  const furInEth = pairPrice(wethFur, await m.fur.getAddress(), await wethFur.pair!.getReserves(), 18);
  return { eth, fur: furInEth * eth, bonus: bonusPriceUsd };
}

/** Price of `token` in the pair's other token, adjusted for decimals of the quote token. */
function pairPrice(
  pool: SimPool,
  token: string,
  reserves: [bigint, bigint, bigint] | bigint[],
  quoteDecimals: number,
) {
  const isToken0 = pool.token0!.toLowerCase() === token.toLowerCase();
  const [rToken, rQuote] = isToken0 ? [reserves[0], reserves[1]] : [reserves[1], reserves[0]];
  return toNumber(rQuote, quoteDecimals) / toNumber(rToken, 18);
}

/** USD value of pair-ordered token amounts. */
function valueOf(m: Market, pool: SimPool, a0: bigint, a1: bigint, p: Prices): number {
  const price = (token: string) => {
    const t = token.toLowerCase();
    return t === m.usdcAddress ? [1, USDC_DECIMALS] : t === m.wethAddress ? [p.eth, 18] : [p.fur, 18];
  };
  if (!pool.pair) return toNumber(a0) * p.fur;
  const [p0, d0] = price(pool.token0!);
  const [p1, d1] = price(pool.token1!);
  return toNumber(a0, d0) * p0 + toNumber(a1, d1) * p1;
}

/** The token amounts behind `lp` LP tokens now. */
async function underlying(pool: SimPool, lp: bigint): Promise<[bigint, bigint]> {
  const [r0, r1] = await pool.pair!.getReserves();
  const supply = await pool.pair!.totalSupply();
  return [(r0 * lp) / supply, (r1 * lp) / supply];
}

/**
 * Runs the mining simulation on `hre`'s network, on top of the Furrow deployment `d`:
 * liquidity providers enter, stake, harvest, compound and leave; traders follow a seeded
 * random-walk ETH price; time moves on. Deterministic for a given seed.
 */
export async function runSimulation(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  options: SimulationOptions,
  progress: Progress = () => {},
): Promise<SimulationResult> {
  const unpin = pinBlockTimes(hre);
  try {
    return await simulateOnChain(hre, d, options, progress);
  } finally {
    unpin();
  }
}

type Send = (method: string, params?: unknown[]) => Promise<unknown>;

/**
 * Makes block times independent of the wall clock while the simulation runs. Hardhat stamps an
 * auto-mined block with max(previous + 1, wall clock + offset), so on a busy machine a slow
 * transaction would move time by an extra second and change the rewards; instead, every
 * transaction is mined exactly 1 s after the block before it (time only moves further where the
 * simulation moves it). Returns the function that restores the provider.
 */
function pinBlockTimes(hre: HardhatRuntimeEnvironment): () => void {
  const provider = hre.network.provider as unknown as { send: Send };
  const original = provider.send;
  const send: Send = original.bind(provider);
  provider.send = async (method, params) => {
    if (method === "eth_sendTransaction" || method === "eth_sendRawTransaction") {
      const latest = (await send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
      await send("evm_setNextBlockTimestamp", [Number(BigInt(latest.timestamp)) + 1]);
    }
    return send(method, params);
  };
  return () => {
    provider.send = original;
  };
}

async function simulateOnChain(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  options: SimulationOptions,
  progress: Progress,
): Promise<SimulationResult> {
  const rng = new Rng(options.seed);

  const m = await setupMarket(hre, d, {
    ethPrice: options.ethPrice,
    furPriceInEth: 0.0005,
    seed: options.seed,
  });
  const { actors, lps, traders } = await createActors(m, options, rng);

  const steps = options.days * options.stepsPerDay;
  const stepSeconds = Math.floor(86_400 / options.stepsPerDay);
  const externalPrices = rng.randomWalk(
    options.ethPrice,
    options.dailyVolatility / Math.sqrt(options.stepsPerDay),
    steps,
  );

  // Emission starts when the farm says, not before: move to its start if it is in the future.
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  if (m.startTime > now) await setTime(hre, m.startTime);
  const simStart = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  const firstBlock = await hre.ethers.provider.getBlockNumber();

  const samples: DaySample[] = [];
  const tracked = lps.find((a) => a.pool.pair && a.pool.name.includes("USDC"));
  for (let step = 0; step < steps; step++) {
    await setTime(hre, simStart + BigInt((step + 1) * stepSeconds));
    await arbitrage(m, traders[0], externalPrices[step + 1]);
    for (const t of traders.slice(1)) if (rng.next() < 0.35) await noiseTrade(m, t, rng);
    for (const a of lps) await actLp(m, a, step, options, rng);
    if ((step + 1) % options.stepsPerDay === 0) {
      samples.push(
        await sample(m, actors, (step + 1) / options.stepsPerDay, externalPrices[step + 1], tracked, options),
      );
    }
    progress(step + 1, steps, `day ${Math.floor((step + 1) / options.stepsPerDay)}/${options.days}`);
  }

  const lastBlock = await hre.ethers.provider.getBlockNumber();
  const window = {
    deployBlock: farmDeploymentBlock(d.dir),
    startBlock: firstBlock,
    endBlock: lastBlock,
  };
  const bonusPool = m.pools.find((p) => p.rewarder);
  return {
    options,
    market: m,
    actors,
    samples,
    prices: await readPrices(m, options.bonusPriceUsd),
    audit: {
      fur: await auditFarm(m, window),
      ...(bonusPool ? { bonus: await auditBonus(m, bonusPool.pid, window) } : {}),
    },
    blocks: { start: firstBlock, end: lastBlock },
    trackedActor: tracked,
  };
}

async function setTime(hre: HardhatRuntimeEnvironment, t: bigint) {
  await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(t)]);
  await hre.network.provider.send("evm_mine", []);
}

async function createActors(m: Market, o: SimulationOptions, rng: Rng) {
  const traderCount = Math.max(1, Math.round(o.actors * 0.3));
  const actors: Actor[] = [];
  const lps: LpActor[] = [];
  const traders: TraderActor[] = [];
  const lpPools = m.pools;
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
      await (await m.weth.connect(signer).deposit({ value: 5_000n * E18 })).wait();
      await (
        await m.usdc.connect(m.maker).mint(signer.address, 20_000_000n * 10n ** BigInt(USDC_DECIMALS))
      ).wait();
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
        entryStep: rng.int(0, 5 * o.stepsPerDay),
        capitalUsd: 5_000 + rng.int(0, 95) * 1_000,
        entryEthPrice: 0,
        book: emptyBook(),
        compounds: rng.next() < 0.5,
      };
      lps.push(a);
      actors.push(a);
    }
  }
  return { actors, lps, traders };
}

/** Moves the USDC/WETH price to the external price (less the 0.3% fee band), like an arbitrageur. */
async function arbitrage(m: Market, t: TraderActor, target: number) {
  const pool = m.pools.find((p) => p.pair && p.name.includes("USDC"))!;
  const [r0, r1] = await pool.pair!.getReserves();
  const usdcIs0 = pool.token0!.toLowerCase() === m.usdcAddress;
  const [rUsdc, rWeth] = usdcIs0 ? [r0, r1] : [r1, r0];
  const price = toNumber(rUsdc, USDC_DECIMALS) / toNumber(rWeth);
  const k = toNumber(rUsdc, USDC_DECIMALS) * toNumber(rWeth);
  if (Math.abs(target / price - 1) < 0.003) return;
  if (target > price) {
    const usdcIn = (Math.sqrt(k * target) - toNumber(rUsdc, USDC_DECIMALS)) / 0.997;
    const amount = BigInt(Math.floor(usdcIn * 10 ** USDC_DECIMALS));
    await swap(m, t.signer, amount, [m.usdcAddress, m.wethAddress]);
    t.volumeUsd += usdcIn;
  } else {
    const wethIn = (Math.sqrt(k / target) - toNumber(rWeth)) / 0.997;
    const amount = BigInt(Math.floor(wethIn * 1e6)) * 10n ** 12n;
    await swap(m, t.signer, amount, [m.wethAddress, m.usdcAddress]);
    t.volumeUsd += wethIn * price;
  }
  t.swaps++;
}

/** A random trade of 500..20,000 USD on USDC/WETH, or 0.05..2 ETH of FUR on WETH/FUR. */
async function noiseTrade(m: Market, t: TraderActor, rng: Rng) {
  const p = await readPrices(m, 0);
  if (rng.next() < 0.75) {
    const usd = 500 + rng.int(0, 195) * 100;
    if (rng.next() < 0.5) {
      await swap(m, t.signer, BigInt(usd) * 10n ** BigInt(USDC_DECIMALS), [m.usdcAddress, m.wethAddress]);
    } else {
      await swap(m, t.signer, (BigInt(Math.round((usd / p.eth) * 1e6)) * E18) / 1_000_000n, [
        m.wethAddress,
        m.usdcAddress,
      ]);
    }
    t.volumeUsd += usd;
  } else {
    const eth = 0.05 + rng.int(0, 39) * 0.05;
    const amount = (BigInt(Math.round(eth * 100)) * E18) / 100n;
    if (rng.next() < 0.5) {
      await swap(m, t.signer, amount, [m.wethAddress, m.furAddress]);
    } else {
      const furBalance = await m.fur.balanceOf(t.signer.address);
      const furAmount = (amount * E18) / BigInt(Math.max(1, Math.round((p.fur / p.eth) * 1e18)));
      if (furAmount > 0n && furAmount <= furBalance)
        await swap(m, t.signer, furAmount, [m.furAddress, m.wethAddress]);
      else await swap(m, t.signer, amount, [m.wethAddress, m.furAddress]);
    }
    t.volumeUsd += eth * p.eth;
  }
  t.swaps++;
}

/** One LP's decision for this step. Daily probabilities are split evenly across the day's steps. */
async function actLp(m: Market, a: LpActor, step: number, o: SimulationOptions, rng: Rng) {
  const perStep = (daily: number) => daily / o.stepsPerDay;
  if (a.state === "waiting") {
    if (step >= a.entryStep) await enter(m, a, o);
    return;
  }
  if (a.state !== "active") return;
  const roll = rng.next();
  if (roll < perStep(0.02)) {
    await leave(m, a);
  } else if (roll < perStep(0.02 + (a.compounds ? 0.25 : 0))) {
    await compound(m, a);
  } else if (roll < perStep(0.02 + (a.compounds ? 0.25 : 0) + 0.2)) {
    await harvest(m, a);
  }
}

/** Buys what the pool needs with ETH and USDC at market, then provides and stakes. */
async function enter(m: Market, a: LpActor, o: SimulationOptions) {
  const p = await readPrices(m, o.bonusPriceUsd);
  a.entryEthPrice = p.eth;
  const ethFor = (usd: number) => (BigInt(Math.round((usd / p.eth) * 1e6)) * E18) / 1_000_000n;
  const budgetEth = ethFor(a.capitalUsd);
  await (await m.weth.connect(a.signer).deposit({ value: budgetEth })).wait();
  if (!a.pool.pair) {
    const fur = await swap(m, a.signer, budgetEth, [m.wethAddress, m.furAddress]);
    a.book.in0 += fur;
    await (await m.farm.connect(a.signer).deposit(a.pool.pid, fur, a.signer.address)).wait();
  } else {
    const half = budgetEth / 2n;
    const other = a.pool.name.includes("USDC") ? m.usdcAddress : m.furAddress;
    const got = await swap(m, a.signer, half, [m.wethAddress, other]);
    const wethIs0 = a.pool.token0!.toLowerCase() === m.wethAddress;
    await provideAndStake(m, a, wethIs0 ? budgetEth - half : got, wethIs0 ? got : budgetEth - half);
  }
  a.state = "active";
}

/** Harvests and puts the FUR back to work: single-sided restake, or half sold for WETH/FUR LP. */
async function compound(m: Market, a: LpActor) {
  const fur = await harvest(m, a);
  if (fur === 0n) return;
  if (!a.pool.pair) {
    await (await m.farm.connect(a.signer).deposit(a.pool.pid, fur, a.signer.address)).wait();
    a.book.in0 += fur;
    a.book.furCompounded += fur;
  } else if (a.pool.name.includes("FUR")) {
    const weth = await swap(m, a.signer, fur / 2n, [m.furAddress, m.wethAddress]);
    const furIs0 = a.pool.token0!.toLowerCase() === m.furAddress;
    const rest = fur - fur / 2n;
    await provideAndStake(m, a, furIs0 ? rest : weth, furIs0 ? weth : rest);
    a.book.furCompounded += fur;
  }
}

async function sample(
  m: Market,
  actors: Actor[],
  day: number,
  externalEthPrice: number,
  tracked: LpActor | undefined,
  o: SimulationOptions,
): Promise<DaySample> {
  const p = await readPrices(m, o.bonusPriceUsd);
  const rate = await m.farm.rewardPerSecond();
  const total = await m.farm.totalAllocPoint();
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
    const info = await m.farm.poolInfo(pool.pid);
    const yearlyFurUsd = total === 0n ? 0 : toNumber((rate * 31_536_000n * info.allocPoint) / total) * p.fur;
    // The farm's own count: its FUR balance also holds rewards minted ahead of payouts.
    const staked = info.totalStaked;
    const stakedUsd = pool.pair
      ? valueOf(m, pool, ...(await underlying(pool, staked)), p)
      : toNumber(staked) * p.fur;
    poolApr.push(stakedUsd === 0 ? 0 : (yearlyFurUsd / stakedUsd) * 100);
  }
  const v = tracked ? await positionValue(m, tracked, p) : undefined;
  return {
    day,
    externalEthPrice,
    poolEthPrice: p.eth,
    furPriceUsd: p.fur,
    poolRewards,
    poolApr,
    trackedValueUsd: v ? v.holdUsd + v.netUsd : 0,
    trackedHoldUsd: v ? v.holdUsd : 0,
  };
}

/** An LP actor's result at prices `p`: LP value, fee part of it, hold value and rewards. */
export async function positionValue(m: Market, a: LpActor, p: Prices) {
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
      const [u0, u1] = await underlying(a.pool, staked);
      const growth = await lpGrowth(a.pool);
      const entry = averageGrowth(a.book);
      held0 += u0;
      held1 += u1;
      fees0 += growth === 0n ? 0n : (u0 * (growth - entry)) / growth;
      fees1 += growth === 0n ? 0n : (u1 * (growth - entry)) / growth;
    } else {
      held0 += staked;
    }
  }
  const lpUsd = valueOf(m, a.pool, held0, held1, p);
  const feesUsd = valueOf(m, a.pool, fees0, fees1, p);
  // Compounded FUR came from rewards: holding would not have had it.
  const holdUsd = valueOf(m, a.pool, a.book.in0, a.book.in1, p) - toNumber(a.book.furCompounded) * p.fur;
  const rewardsUsd = toNumber(fur) * p.fur + toNumber(bonus) * p.bonus;
  const compoundedUsd = toNumber(a.book.furCompounded) * p.fur;
  return {
    fur,
    bonus,
    lpUsd,
    feesUsd,
    holdUsd,
    rewardsUsd,
    // Against holding everything put in, compounded FUR included.
    ilUsd: lpUsd - feesUsd - holdUsd - compoundedUsd,
    // What the actor has (position + rewards, the compounded ones counted once: they are in the
    // position) minus what holding the original deposit would be worth: = IL + fees + rewards.
    netUsd: lpUsd + rewardsUsd - compoundedUsd - holdUsd,
  };
}
