import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { E18, FarmModel } from "../../src/model";
import {
  BorrowRewardsModel,
  LENDING_WAD,
  LendingModelError,
  PRICE_SCALE,
  type LendingMarketModel,
} from "../../src/model/lending";
import {
  ETH_PRICE_ANSWER,
  lendingFixture,
  MAX_STALENESS,
  RATE_PARAMS,
  SEED_ASSETS,
  USDC,
} from "../fixtures/lending";
import { MarketSim } from "../helpers/lendingSim";

// Stateful test of LendingMarket, supplier mining (its shares staked in the Farm) and borrower rewards
// against the BigInt reference models
// (src/model/lending.ts): random deposits, redemptions, collateral, borrows up to and past the limit,
// repayments, liquidations, shares staked and unstaked, price moves and idle time, four accounts. Every step is tried on the
// model first: where the model refuses, the market must revert with the same custom error and
// arguments; where it accepts, the market must do exactly what the model does. After every step:
// the totals equal the model's (cash, borrows, borrow shares, total assets, share supply, bad debt),
// total assets = cash + borrows >= borrows, every account's shares, collateral, debt and pending
// farm rewards and borrow rewards equal the models', and an account that just borrowed or withdrew collateral is
// healthy. After every run: no account can redeem more than it put in plus all interest ever paid.
// Long runs: FUZZ_RUNS=100 (and FUZZ_SEED=<n> to explore).
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261204;
const GAS = { gasLimit: 3_000_000 };
const MAX = ethers.MaxUint256;

type Step =
  | { k: "deposit"; u: number; assets: bigint }
  | { k: "redeem"; u: number; pct: bigint }
  | { k: "collateral"; u: number; amount: bigint }
  | { k: "withdrawCollateral"; u: number; pct: bigint }
  | { k: "borrow"; u: number; pct: bigint }
  | { k: "repay"; u: number; pct: bigint }
  | { k: "liquidate"; u: number; v: number }
  | { k: "price"; pct: bigint }
  | { k: "stake"; u: number; pct: bigint }
  | { k: "unstake"; u: number; pct: bigint }
  | { k: "idle"; dt: bigint };

const user = fc.integer({ min: 0, max: 3 });
const pct = (min: number, max: number) => fc.bigInt({ min: BigInt(min), max: BigInt(max) });
const stepArb: fc.Arbitrary<Step & { dt: bigint }> = fc
  .tuple(
    fc.oneof(
      fc.record({
        k: fc.constant("deposit" as const),
        u: user,
        assets: fc.bigInt({ min: 1n, max: 50_000n * USDC }),
      }),
      fc.record({ k: fc.constant("redeem" as const), u: user, pct: pct(1, 100) }),
      fc.record({
        k: fc.constant("collateral" as const),
        u: user,
        amount: fc.bigInt({ min: 1n, max: 5n * E18 }),
      }),
      fc.record({ k: fc.constant("withdrawCollateral" as const), u: user, pct: pct(1, 100) }),
      // Up to 110% of what the account could borrow: some borrows must be refused as unhealthy.
      { arbitrary: fc.record({ k: fc.constant("borrow" as const), u: user, pct: pct(40, 110) }), weight: 3 },
      fc.record({ k: fc.constant("repay" as const), u: user, pct: pct(1, 100) }),
      { arbitrary: fc.record({ k: fc.constant("liquidate" as const), u: user, v: user }), weight: 4 },
      // Mostly drawdowns, so that positions become liquidatable.
      { arbitrary: fc.record({ k: fc.constant("price" as const), pct: pct(-25, 5) }), weight: 3 },
      fc.record({ k: fc.constant("stake" as const), u: user, pct: pct(1, 100) }),
      fc.record({ k: fc.constant("unstake" as const), u: user, pct: pct(1, 100) }),
      fc.record({ k: fc.constant("idle" as const), dt: fc.bigInt({ min: 1n, max: 60n * 86_400n }) }),
    ),
    fc.bigInt({ min: 1n, max: 900n }),
  )
  .map(([s, dt]) => ({ ...s, dt: s.k === "idle" ? (s as { dt: bigint }).dt : dt }));

async function stateFixture() {
  const f = await lendingFixture();
  const sim = await MarketSim.start(f.market, RATE_PARAMS, SEED_ASSETS);
  const s = await f.rewards.marketState(f.market);
  const config = await f.rewards.marketConfig(f.market);
  return {
    ...f,
    sim,
    rewardsStart: { index: s.index, lastUpdate: s.lastUpdate, speed: config.rewardPerSecond },
  };
}

/** What one random run found, for the coverage checks below. */
interface RunStats {
  borrows: number;
  refusedBorrows: number;
  liquidations: number;
  /** Stakes of market shares in the farm (supplier mining). */
  staked: number;
  /** Refused steps by the custom error they reverted with. */
  refusals: Record<string, number>;
}

/**
 * Runs the steps on a fresh copy of the fixture. `bug` mutates the model before the run (the proofs
 * below inject a bug and expect the run to fail).
 */
async function run(steps: (Step & { dt: bigint })[], stats: RunStats, bug?: (m: LendingMarketModel) => void) {
  const f = await loadFixture(stateFixture);
  const { market, rewards, feed, users, farm } = f;
  const farmAddress = await farm.getAddress();
  const fm = new FarmModel(f.startTime, 0n, E18);
  fm.add(100n, f.startTime - 1n);
  const sim = f.sim.fork();
  if (bug) bug(sim.model);
  const accounts: HardhatEthersSigner[] = users.slice(0, 4);
  const rw = new BorrowRewardsModel(
    f.rewardsStart.speed,
    await rewards.reserve(),
    BigInt(f.rewardsStart.lastUpdate),
  );
  rw.index = BigInt(f.rewardsStart.index);
  const fromBlock = await ethers.provider.getBlockNumber();
  let answer = ETH_PRICE_ANSWER;
  // The oracle answers the feed's price while it is at most MAX_STALENESS old, else it fails.
  let updatedAt: bigint = (await feed.latestRoundData())[3];
  const oracleAt = (at: bigint) => (at - updatedAt > MAX_STALENESS ? undefined : sim.price);
  const netDeposited = new Map<string, bigint>();
  const add = (who: string, v: bigint) => netDeposited.set(who, (netDeposited.get(who) ?? 0n) + v);

  for (const s of steps) {
    if (s.k === "idle") {
      await sim.mine(s.dt);
    } else if (s.k === "price") {
      answer = (answer * (100n + s.pct)) / 100n;
      if (answer < 100n * 10n ** 8n) answer = 100n * 10n ** 8n;
      await sim.setAnswer(feed, answer, s.dt);
      updatedAt = sim.t;
    } else {
      const u = accounts[s.u];
      const m = sim.model;
      const at = sim.t + s.dt;
      const p = m.position(u.address);
      // The step's arguments, from the model's state before it.
      let call: () => Promise<unknown>;
      let onModel: (c: LendingMarketModel) => unknown;
      let debtChange: string | undefined;
      let farmStep: (() => void) | undefined;
      if (s.k === "deposit") {
        call = () => market.connect(u).deposit(s.assets, u.address, GAS);
        onModel = (c) => c.deposit(u.address, s.assets, at);
      } else if (s.k === "redeem") {
        const shares = (m.balanceOf(u.address) * s.pct) / 100n || 1n;
        call = () => market.connect(u).redeem(shares, u.address, u.address, GAS);
        onModel = (c) => c.redeem(u.address, shares, at);
      } else if (s.k === "collateral") {
        call = () => market.connect(u).supplyCollateral(s.amount, u.address, GAS);
        onModel = (c) => c.supplyCollateral(u.address, s.amount);
      } else if (s.k === "withdrawCollateral") {
        const amount = (p.collateral * s.pct) / 100n || 1n;
        call = () => market.connect(u).withdrawCollateral(amount, u.address, GAS);
        onModel = (c) => c.withdrawCollateral(u.address, amount, at, oracleAt(at));
      } else if (s.k === "borrow") {
        const limit = (((p.collateral * (sim.price ?? 0n)) / PRICE_SCALE) * m.lltv) / LENDING_WAD;
        const debt = m.clone().debtOf(u.address, at);
        const room = limit > debt ? limit - debt : 0n;
        const assets = (room * s.pct) / 100n || 1n;
        call = () => market.connect(u).borrow(assets, u.address, GAS);
        onModel = (c) => c.borrow(u.address, assets, at, oracleAt(at));
        debtChange = u.address;
      } else if (s.k === "repay") {
        const assets = s.pct === 100n ? MAX : (m.clone().debtOf(u.address, at) * s.pct) / 100n || 1n;
        call = () => market.connect(u).repay(assets, u.address, GAS);
        onModel = (c) => c.repay(u.address, assets, at);
        debtChange = u.address;
      } else if (s.k === "stake") {
        const shares = (m.balanceOf(u.address) * s.pct) / 100n;
        call = () => farm.connect(u).deposit(0, shares, u.address, GAS);
        onModel = (c) => c.transferShares(u.address, farmAddress, shares);
        farmStep = () => fm.deposit(0, u.address, shares, sim.t);
      } else if (s.k === "unstake") {
        const shares = (fm.user(0, u.address).amount * s.pct) / 100n;
        call = () => farm.connect(u).withdraw(0, shares, u.address, GAS);
        onModel = (c) => c.transferShares(farmAddress, u.address, shares);
        farmStep = () => fm.withdraw(0, u.address, shares, sim.t);
      } else {
        // Mostly the least healthy account (at the price the market would use), sometimes itself.
        const oracle = oracleAt(at) ?? m.lastPrice;
        const weakest = accounts
          .map((a) => a.address)
          .reduce((w, who) =>
            m.clone().healthFactor(who, at, oracle) < m.clone().healthFactor(w, at, oracle) ? who : w,
          );
        const borrower = s.v === 3 ? accounts[s.u].address : weakest; // or the liquidator itself
        call = () => market.connect(u).liquidate(borrower, MAX, u.address, GAS);
        onModel = (c) => c.liquidate(borrower, MAX, at, oracleAt(at));
        debtChange = borrower;
      }
      // The model's verdict first, on a copy.
      let refused: LendingModelError | undefined;
      try {
        onModel(m.clone());
      } catch (e) {
        if (!(e instanceof LendingModelError)) throw e;
        refused = e;
      }
      await sim.next(s.dt);
      if (refused) {
        if (s.k === "borrow") stats.refusedBorrows++;
        stats.refusals[refused.error] = (stats.refusals[refused.error] ?? 0) + 1;
        await expect(call())
          .to.be.revertedWithCustomError(market, refused.error)
          .withArgs(...refused.args);
      } else {
        const before = debtChange ? m.position(debtChange).borrowShares : 0n;
        const totalBefore = m.borrowShares;
        await (await (call() as Promise<{ wait(): Promise<unknown> }>)).wait();
        onModel(m);
        if (debtChange) rw.onBorrowChange(debtChange, before, totalBefore, sim.t);
        if (farmStep) farmStep();
        if (s.k === "deposit") add(u.address, s.assets);
        if (s.k === "borrow") stats.borrows++;
        if (s.k === "liquidate") stats.liquidations++;
        if (s.k === "stake" && fm.user(0, u.address).amount > 0n) stats.staked++;
        if (s.k === "borrow" || s.k === "withdrawCollateral") {
          expect(await market.healthFactor(u.address)).to.be.greaterThanOrEqual(LENDING_WAD);
        }
      }
    }
    // After every step, at the step's block.
    await sim.expectTotals();
    const [cash, borrows, assets] = [
      await market.cash(),
      await market.totalBorrows(),
      await market.totalAssets(),
    ];
    expect(assets).to.equal(cash + borrows);
    expect(borrows).to.be.lessThanOrEqual(assets);
    for (const a of accounts) {
      const who = a.address;
      expect(await market.balanceOf(who)).to.equal(sim.model.balanceOf(who));
      expect(await market.collateralOf(who)).to.equal(sim.model.position(who).collateral);
      expect(await market.debtOf(who)).to.equal(sim.model.clone().debtOf(who, sim.t));
      expect(await farm.pendingReward(0, who)).to.equal(fm.pendingReward(0, who, sim.t));
      expect(await rewards.pendingReward(market, who)).to.equal(
        rw.pending(who, sim.model.position(who).borrowShares, sim.model.borrowShares, sim.t),
      );
    }
  }
  // Nobody can take out more than they put in plus all the interest ever paid (views count interest
  // to now, events only what was accrued: accrue first).
  await sim.send(() => market.accrueInterest());
  const interest = (await market.queryFilter(market.filters.InterestAccrued(), fromBlock + 1)).reduce(
    (sum, e) => sum + e.args.interest,
    0n,
  );
  for (const a of accounts) {
    const shares = (await market.balanceOf(a.address)) + fm.user(0, a.address).amount; // staked too
    const redeemable = await market.previewRedeem(shares);
    expect(redeemable).to.be.lessThanOrEqual((netDeposited.get(a.address) ?? 0n) + interest);
  }
}

/** Every random run starts with a supplier and three accounts holding collateral. */
const SETUP: (Step & { dt: bigint })[] = [
  { k: "deposit", u: 0, assets: 50_000n * USDC, dt: 1n },
  { k: "collateral", u: 1, amount: 3n * E18, dt: 1n },
  { k: "collateral", u: 2, amount: 2n * E18, dt: 1n },
  { k: "collateral", u: 3, amount: E18, dt: 1n },
];

describe("LendingMarket (stateful, against the reference model)", function () {
  this.timeout(600_000);

  it("random supplies, collateral, borrows, repayments, liquidations, price moves and idle time", async function () {
    const stats: RunStats = { borrows: 0, refusedBorrows: 0, liquidations: 0, staked: 0, refusals: {} };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 8, maxLength: 30 }), (steps) =>
        run([...SETUP, ...steps], stats),
      ),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`      runs: ${JSON.stringify(stats)}`);
    // The runs reached what they are meant to check.
    expect(stats.borrows, "successful borrows").to.be.greaterThan(0);
    expect(stats.refusedBorrows, "borrows refused as unhealthy").to.be.greaterThan(0);
    expect(stats.liquidations, "liquidations").to.be.greaterThan(0);
    expect(stats.staked, "shares staked in the farm").to.be.greaterThan(0);
  });

  // The same property against a model with a bug: it must fail (so the checks above can fail).
  // A fixed run that borrows, lets interest accrue, drops the price and liquidates.
  const scripted: (Step & { dt: bigint })[] = [
    { k: "deposit", u: 0, assets: 20_000n * USDC, dt: 10n },
    { k: "collateral", u: 1, amount: 2n * E18, dt: 10n },
    { k: "borrow", u: 1, pct: 95n, dt: 10n },
    { k: "idle", dt: 86_400n },
    { k: "price", pct: -20n, dt: 10n },
    { k: "liquidate", u: 2, v: 1, dt: 10n },
  ];

  it("the scripted run passes against the model as it is", async function () {
    const stats: RunStats = { borrows: 0, refusedBorrows: 0, liquidations: 0, staked: 0, refusals: {} };
    await run(scripted, stats);
    expect(stats).to.deep.equal({ borrows: 1, refusedBorrows: 0, liquidations: 1, staked: 0, refusals: {} });
  });

  it("proof: a model whose liquidation bonus is 1e-18 higher fails it (the seized collateral differs)", async function () {
    const stats: RunStats = { borrows: 0, refusedBorrows: 0, liquidations: 0, staked: 0, refusals: {} };
    const bonusBug = (m: LendingMarketModel) => {
      (m as { incentive: bigint }).incentive += 1n;
    };
    await expect(run(scripted, stats, bonusBug)).to.be.rejectedWith(/expected/);
  });

  it("proof: a model whose borrow rate is 1 gwei a second higher fails it (interest differs)", async function () {
    const stats: RunStats = { borrows: 0, refusedBorrows: 0, liquidations: 0, staked: 0, refusals: {} };
    const rateBug = (m: LendingMarketModel) => {
      const rate = m.rate;
      (m as { rate: (c: bigint, b: bigint) => bigint }).rate = (c, b) => rate(c, b) + 10n ** 9n;
    };
    await expect(run(scripted, stats, rateBug)).to.be.rejectedWith(/expected/);
  });
});
