/**
 * When and how much the actors trade, enter, compound, harvest and leave: the behaviour of
 * `STRATEGY` (./options.ts), with every random choice from the run's seeded generator.
 */
import { E18 } from "../model";
import {
  harvest,
  leave,
  provide,
  provideAndStake,
  stake,
  swap,
  type KeeperActor,
  type LpActor,
  type TraderActor,
  type VaultActor,
} from "./actors";
import { poolOf, USDC_DECIMALS, type Market } from "./market";
import { STRATEGY, type SimulationOptions } from "./options";
import type { Rng } from "./rng";
import { pairState, viewMarket, wethPrice } from "./valuation";

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
  const during = m.meter.during.bind(m.meter);
  if (a.state === "waiting") {
    if (step >= a.entryStep) await enter(m, a, o);
    return;
  }
  if (a.state !== "active") return;
  if (a.interval !== undefined) {
    // Cohort compounders draw nothing from the generator: the population's choices stay as they were.
    if (isCompoundStep(a.interval, step, o)) await during("compound", () => compoundRewards(m, a));
    return;
  }
  const { daily } = STRATEGY;
  const compound = a.compounds ? daily.compound : 0;
  const roll = rng.next();
  if (roll < perStep(daily.leave)) {
    await during("leave", () => leave(m, a));
  } else if (roll < perStep(daily.leave + compound)) {
    await during("compound", () => compoundRewards(m, a));
  } else if (roll < perStep(daily.leave + compound + daily.harvest)) {
    await during("harvest", () => harvest(m, a));
  }
}

/** Daily: the last step of every day; weekly: the last step of every seventh day; never: never. */
export function isCompoundStep(interval: LpActor["interval"], step: number, o: SimulationOptions): boolean {
  const days = { daily: 1, weekly: 7, never: 0 }[interval ?? "never"];
  return days > 0 && (step + 1) % (days * o.stepsPerDay) === 0;
}

/**
 * A vault depositor: enters like an LP (wraps ETH, swaps half for FUR, adds liquidity) and deposits
 * the LP into the vault; the second one redeems half its shares at its step (and keeps the LP).
 */
export async function actVault(m: Market, a: VaultActor, step: number, o: SimulationOptions) {
  const during = m.meter.during.bind(m.meter);
  if (a.state === "waiting" && step >= a.entryStep) {
    const lp = await during("enter", () => buyLp(m, a, o));
    await during("vault-deposit", async () => {
      await (await m.vault.connect(a.signer).deposit(lp, a.signer.address)).wait();
    });
    a.lpDeposited += lp;
    a.state = "active";
  } else if (a.state === "active" && step === a.redeemHalfAtStep) {
    const shares = (await m.vault.balanceOf(a.signer.address)) / 2n;
    const lp0 = await m.vaultPool.pair!.balanceOf(a.signer.address);
    await during("vault-redeem", async () => {
      await (await m.vault.connect(a.signer).redeem(shares, a.signer.address, a.signer.address)).wait();
    });
    a.lpRedeemed += (await m.vaultPool.pair!.balanceOf(a.signer.address)) - lp0;
  }
}

/** WETH/FUR LP for the actor's capital: wrap ETH, swap half of it for FUR, add liquidity. */
async function buyLp(m: Market, a: VaultActor, o: SimulationOptions): Promise<bigint> {
  const p = (await viewMarket(m, o.bonusPriceUsd)).prices;
  const budgetEth = ethWei(a.capitalUsd / p.eth);
  await (await m.weth.connect(a.signer).deposit({ value: budgetEth })).wait();
  const half = budgetEth / 2n;
  const fur = await swap(m, a.signer, half, [m.wethAddress, m.furAddress]);
  const wethIs0 = m.vaultPool.token0!.toLowerCase() === m.wethAddress;
  const rest = budgetEth - half;
  return provide(m, m.vaultPool, a.signer, a.book, wethIs0 ? rest : fur, wethIs0 ? fur : rest);
}

/**
 * The keeper, once a day at `keeperStepOfDay`: a static call of harvest(0) says what it would add;
 * it sends harvest with that less `keeperSlippage` as the minimum, or skips when the call reverts
 * (e.g. `PriceDeviation`: the pair is too far from its TWAP; it then calls `observe` so that the
 * next day's TWAP starts from today) or would add nothing.
 */
export async function keeperHarvest(m: Market, k: KeeperActor, step: number, o: SimulationOptions) {
  if (step % o.stepsPerDay !== STRATEGY.cohort.keeperStepOfDay) return;
  const vault = m.vault.connect(k.signer);
  let expected = 0n;
  try {
    expected = await vault.harvest.staticCall(0n);
  } catch {
    // Off its TWAP (or no window yet): record an observation instead, so tomorrow's window is fresh.
    await m.meter.during("vault-observe", async () => (await vault.observe()).wait());
  }
  if (expected === 0n) {
    k.skipped++;
    return;
  }
  const slippagePpm = BigInt(Math.round(STRATEGY.cohort.keeperSlippage * 1e6));
  const min = (expected * (1_000_000n - slippagePpm)) / 1_000_000n;
  const receipt = await m.meter.during("vault-harvest", async () => (await vault.harvest(min)).wait());
  for (const log of receipt!.logs) {
    const parsed = m.vault.interface.parseLog(log);
    if (parsed?.name !== "Harvested") continue;
    k.harvests++;
    k.assetsAdded += parsed.args.assetsAdded as bigint;
    k.bountyShares += parsed.args.bountyShares as bigint;
  }
}

/** Buys what the pool needs with ETH (and half of it swapped at market), then provides and stakes. */
async function enter(m: Market, a: LpActor, o: SimulationOptions) {
  await m.meter.during("enter", () => buyAndStake(m, a, o));
  a.state = "active";
}

async function buyAndStake(m: Market, a: LpActor, o: SimulationOptions) {
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
    const lp = await provide(
      m,
      a.pool,
      a.signer,
      a.book,
      wethIs0 ? budgetEth - half : got,
      wethIs0 ? got : budgetEth - half,
    );
    a.entryPoolPrice ??= await wethPrice(m, a.pool);
    await m.meter.during("stake", () => stake(m, a, lp));
  }
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
  a.compoundCycles++;
}
