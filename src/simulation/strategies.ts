/**
 * When and how much the actors trade, enter, compound, harvest and leave: the behaviour of
 * `STRATEGY` (./options.ts), with every random choice from the run's seeded generator.
 */
import { E18 } from "../model";
import { harvest, leave, provideAndStake, swap, type LpActor, type TraderActor } from "./actors";
import { poolOf, USDC_DECIMALS, type Market } from "./market";
import { STRATEGY, type SimulationOptions } from "./options";
import type { Rng } from "./rng";
import { pairState, viewMarket } from "./valuation";

/** Whole-token amount of `wei` (trade sizing works in floats, like a trader's calculator). */
const tokens = (wei: bigint, decimals = 18) => Number(wei) / 10 ** decimals;

/** `eth` ETH in wei, to a millionth of an ETH (rounded by `round`): the precision of every trade size. */
const ethWei = (eth: number, round: (x: number) => number = Math.round) =>
  (BigInt(round(eth * 1e6)) * E18) / 1_000_000n;

/**
 * Moves the USDC/WETH price to the external price, like an arbitrageur: it leaves the pool alone
 * within the fee band, else swaps the input that brings the constant-product price to `target`.
 */
export async function arbitrage(m: Market, t: TraderActor, target: number): Promise<void> {
  const pool = poolOf(m, "usdc-weth");
  const s = await pairState(m, pool);
  const usdcIs0 = pool.token0!.toLowerCase() === m.usdcAddress;
  const [rUsdc, rWeth] = usdcIs0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
  const usdc = tokens(rUsdc, USDC_DECIMALS);
  const weth = tokens(rWeth);
  const price = usdc / weth;
  const k = usdc * weth;
  if (Math.abs(target / price - 1) < STRATEGY.arbitrageBand) return;
  if (target > price) {
    const usdcIn = (Math.sqrt(k * target) - usdc) / STRATEGY.afterFee;
    const amount = BigInt(Math.floor(usdcIn * 10 ** USDC_DECIMALS));
    await swap(m, t.signer, amount, [m.usdcAddress, m.wethAddress]);
    t.volumeUsd += usdcIn;
  } else {
    const wethIn = (Math.sqrt(k / target) - weth) / STRATEGY.afterFee;
    await swap(m, t.signer, ethWei(wethIn, Math.floor), [m.wethAddress, m.usdcAddress]);
    t.volumeUsd += wethIn * price;
  }
  t.swaps++;
}

/** A random trade on USDC/WETH (`noiseUsd` USD) or on WETH/FUR (`noiseEth` ETH), either way. */
export async function noiseTrade(m: Market, t: TraderActor, rng: Rng): Promise<void> {
  const p = (await viewMarket(m, 0)).prices;
  const { noiseUsd, noiseEth } = STRATEGY;
  if (rng.next() < STRATEGY.noiseUsdcShare) {
    const usd = noiseUsd.minUsd + rng.int(0, noiseUsd.steps) * noiseUsd.stepUsd;
    if (rng.next() < STRATEGY.noiseSellShare) {
      await swap(m, t.signer, BigInt(usd) * 10n ** BigInt(USDC_DECIMALS), [m.usdcAddress, m.wethAddress]);
    } else {
      await swap(m, t.signer, ethWei(usd / p.eth), [m.wethAddress, m.usdcAddress]);
    }
    t.volumeUsd += usd;
  } else {
    const eth = noiseEth.minEth + rng.int(0, noiseEth.steps) * noiseEth.stepEth;
    const amount = (BigInt(Math.round(eth * 100)) * E18) / 100n; // whole hundredths of an ETH
    if (rng.next() < STRATEGY.noiseSellShare) {
      await swap(m, t.signer, amount, [m.wethAddress, m.furAddress]);
    } else {
      // Sells FUR worth `amount` WETH (at the price to 1e-18 ETH) when it has that much, else buys FUR.
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

/** One LP's decision for this step: enter when its step comes, then leave, compound or harvest. */
export async function actLp(m: Market, a: LpActor, step: number, o: SimulationOptions, rng: Rng) {
  const perStep = (daily: number) => daily / o.stepsPerDay;
  if (a.state === "waiting") {
    if (step >= a.entryStep) await enter(m, a, o);
    return;
  }
  if (a.state !== "active") return;
  const { daily } = STRATEGY;
  const compound = a.compounds ? daily.compound : 0;
  const roll = rng.next();
  if (roll < perStep(daily.leave)) {
    await leave(m, a);
  } else if (roll < perStep(daily.leave + compound)) {
    await compoundRewards(m, a);
  } else if (roll < perStep(daily.leave + compound + daily.harvest)) {
    await harvest(m, a);
  }
}

/** Buys what the pool needs with ETH (and half of it swapped at market), then provides and stakes. */
async function enter(m: Market, a: LpActor, o: SimulationOptions) {
  const p = (await viewMarket(m, o.bonusPriceUsd)).prices;
  const budgetEth = ethWei(a.capitalUsd / p.eth);
  await (await m.weth.connect(a.signer).deposit({ value: budgetEth })).wait();
  if (a.pool.role === "fur") {
    const fur = await swap(m, a.signer, budgetEth, [m.wethAddress, m.furAddress]);
    a.book.in0 += fur;
    await (await m.farm.connect(a.signer).deposit(a.pool.pid, fur, a.signer.address)).wait();
  } else {
    const half = budgetEth / 2n;
    const other = a.pool.role === "usdc-weth" ? m.usdcAddress : m.furAddress;
    const got = await swap(m, a.signer, half, [m.wethAddress, other]);
    const wethIs0 = a.pool.token0!.toLowerCase() === m.wethAddress;
    await provideAndStake(m, a, wethIs0 ? budgetEth - half : got, wethIs0 ? got : budgetEth - half);
  }
  a.state = "active";
}

/**
 * Harvests and puts the FUR back to work: restaked in the FUR pool, or half sold for WETH and
 * provided to WETH/FUR; in USDC/WETH the FUR stays harvested.
 */
async function compoundRewards(m: Market, a: LpActor) {
  const fur = await harvest(m, a);
  if (fur === 0n) return;
  if (a.pool.role === "fur") {
    await (await m.farm.connect(a.signer).deposit(a.pool.pid, fur, a.signer.address)).wait();
    a.book.in0 += fur;
    a.book.furCompounded += fur;
  } else if (a.pool.role === "weth-fur") {
    const weth = await swap(m, a.signer, fur / 2n, [m.furAddress, m.wethAddress]);
    const furIs0 = a.pool.token0!.toLowerCase() === m.furAddress;
    const rest = fur - fur / 2n;
    await provideAndStake(m, a, furIs0 ? rest : weth, furIs0 ? weth : rest);
    a.book.furCompounded += fur;
  }
}
