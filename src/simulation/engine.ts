/**
 * The run stage: on a deployed Furrow, set up the market and the actors, step through the days
 * (prices, trades, LP decisions, time), audit the rewards, and capture the result as plain data.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { farmDeploymentBlock, type FurrowDeployment } from "../chain/deployment";
import { createActors, type Actor, type LpActor } from "./actors";
import { auditBonus, auditFarm } from "./audit";
import { captureResult, sample } from "./capture";
import { latestBlock, pinBlockTimes, setTime } from "./clock";
import { setupMarket, type Market } from "./market";
import { STRATEGY, type Progress, type SimulationOptions } from "./options";
import type { DaySample, SimulationResult } from "./result";
import { Rng } from "./rng";
import { actLp, actVault, arbitrage, keeperHarvest, noiseTrade } from "./strategies";
import { GasMeter } from "./gas";
import {
  actStaker,
  attachRevenue,
  collectStep,
  createRevenueActors,
  enterStakers,
  proposalTime,
  turnFeeSwitchOn,
  type Revenue,
} from "./revenue";
import { auditStaking } from "./stakingAudit";
import { viewMarket } from "./valuation";
import { captureLending } from "./lendingCapture";
import {
  lendingLoanToken,
  lendingSample,
  lendingStep,
  setupLending,
  type Lending,
  type LendingSample,
} from "./lending";
import { auditLending } from "./lendingAudit";

/** A finished run: its plain-data result, and the live market, sFUR side and actors (for tests and checks). */
export interface SimulationRun {
  result: SimulationResult;
  market: Market;
  revenue: Revenue;
  actors: Actor[];
  /** The lending market and its actors (none on a deployment without a USDC/WETH market). */
  lending?: Lending;
}

/**
 * Runs the mining simulation on `hre`'s network, on top of the Furrow deployment `d`: first sFUR
 * stakers buy and wrap FUR and governance turns the fee switch on (a proposal the maker and the
 * stakers pass); then liquidity providers enter, stake, harvest, compound and leave, traders follow
 * a seeded random-walk ETH price, the fee keeper collects and the stakers claim; lenders supply the
 * USDC/WETH lending market and stake its shares, borrowers borrow (some levered), a liquidator
 * liquidates whoever the walk's drawdowns make unhealthy; time moves on.
 * Deterministic for a given seed.
 */
export async function runSimulation(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  options: SimulationOptions,
  progress: Progress = () => {},
): Promise<SimulationRun> {
  const unpin = pinBlockTimes(hre);
  const meter = new GasMeter(hre).install();
  try {
    return await simulateOnChain(hre, d, options, progress, meter);
  } finally {
    meter.remove();
    unpin();
  }
}

async function simulateOnChain(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  options: SimulationOptions,
  progress: Progress,
  meter: GasMeter,
): Promise<SimulationRun> {
  const rng = new Rng(options.seed);
  const m = await setupMarket(hre, d, {
    ethPrice: options.ethPrice,
    seed: options.seed,
    meter,
    usdc: await lendingLoanToken(hre, d),
  });
  const { actors, lps, traders, depositors, keeper } = await createActors(m, options, rng);
  const rev = await attachRevenue(m, d);
  const { stakers, feeKeeper } = await createRevenueActors(m, options, actors.length);
  actors.push(...stakers, feeKeeper);
  await enterStakers(m, rev, stakers, await viewMarket(m, options.bonusPriceUsd));
  const proposeAt = await proposalTime(m, rev);
  if (proposeAt !== null) await setTime(hre, proposeAt);
  await turnFeeSwitchOn(m, rev, stakers);
  const lending = await setupLending(m, d, options, actors.length);

  const steps = options.days * options.stepsPerDay;
  const stepSeconds = Math.floor(86_400 / options.stepsPerDay);
  const externalPrices = rng.randomWalk(
    options.ethPrice,
    options.dailyVolatility / Math.sqrt(options.stepsPerDay),
    steps,
  );

  // Emission starts when the farm says, not before: move to its start if it is in the future.
  if (m.startTime > (await latestBlock(hre)).time) await setTime(hre, m.startTime);
  const { number: firstBlock, time: simStart } = await latestBlock(hre);

  const samples: DaySample[] = [];
  const lendingSamples: LendingSample[] = [];
  const tracked: LpActor | undefined = lps.find((a) => a.pool.role === "usdc-weth");
  let sampledAt = simStart;
  for (let step = 0; step < steps; step++) {
    await setTime(hre, simStart + BigInt((step + 1) * stepSeconds));
    await meter.during("trade", async () => {
      await arbitrage(m, traders[0], externalPrices[step + 1]);
      for (const t of traders.slice(1))
        if (rng.next() < STRATEGY.noiseTradeChance) await noiseTrade(m, t, rng);
    });
    for (const a of lps) await actLp(m, a, step, options, rng);
    for (const a of depositors) await actVault(m, a, step, options);
    await keeperHarvest(m, keeper, step, options);
    for (const a of stakers) await actStaker(m, rev, a, step, options);
    await collectStep(m, rev, feeKeeper, step, options);
    if (lending) await lendingStep(m, lending, step, externalPrices[step + 1], options);
    if ((step + 1) % options.stepsPerDay === 0) {
      const day = (step + 1) / options.stepsPerDay;
      const s = await sample(m, actors, day, externalPrices[step + 1], tracked, options, {
        rev,
        feeKeeper,
        since: sampledAt,
      });
      samples.push(s);
      if (lending) lendingSamples.push(await lendingSample(m, lending, day, options));
      sampledAt = s.time;
    }
    progress(step + 1, steps, `day ${Math.floor((step + 1) / options.stepsPerDay)}/${options.days}`);
  }

  const lastBlock = (await latestBlock(hre)).number;
  const window = {
    deployBlock: d.dir === undefined ? 0 : farmDeploymentBlock(d.dir),
    startBlock: firstBlock,
    endBlock: lastBlock,
  };
  const bonusPool = m.pools.find((p) => p.rewarder);
  const audit = {
    fur: await auditFarm(m, window),
    ...(bonusPool ? { bonus: await auditBonus(m, bonusPool, window) } : {}),
    staking: await auditStaking(m, rev, window),
  };
  const blocks = { start: firstBlock, end: lastBlock };
  const result = await captureResult(m, {
    options,
    actors,
    samples,
    audit,
    blocks,
    tracked,
    revenue: { rev, simStart },
  });
  if (lending) {
    const view = await viewMarket(m, options.bonusPriceUsd);
    const audited = await auditLending(m, lending, lastBlock);
    result.lending = await captureLending(m, lending, view, lendingSamples, audited);
  }
  return { result, market: m, revenue: rev, actors, ...(lending ? { lending } : {}) };
}
