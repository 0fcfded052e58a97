import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import { loadFixture, reset } from "@nomicfoundation/hardhat-network-helpers";
import { deployFresh } from "../../src/simulation/setup";
import { runSimulation, type SimulationRun } from "../../src/simulation/engine";
import { DEFAULT_OPTIONS, STRATEGY } from "../../src/simulation/options";
import { buildReport, type SimulationReport } from "../../src/simulation/report";
import { writeReport } from "../../src/simulation/writer";
import { auditLending } from "../../src/simulation/lendingAudit";
import type { Lending } from "../../src/simulation/lending";
import { LOCAL_LENDING } from "../../deploy/config";
import { YEAR } from "../../src/model";
import { liquidationPrice } from "../../src/positions/lending";

/**
 * Seed 48, 3 days, 8 actors: the external ETH walk falls from $3,000 to $2,482 (−17%), through
 * borrower-4's liquidation price (entered at health 1.06 at $2,967: ≈ $2,799) on day 2 and
 * borrower-3's (health 1.12: ≈ $2,650) on day 3; borrower-1 and borrower-2 (1.6, 1.3) stay healthy.
 */
const RUN = { days: 3, actors: 8, seed: 48 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-lendsim-"));
const WAD = 10n ** 18n;
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

interface Run {
  sim: SimulationRun;
  lending: Lending;
  report: SimulationReport;
  dir: string;
}

async function drawdownRun(): Promise<Run> {
  const deployment = await deployFresh(hre);
  const sim = await runSimulation(hre, deployment, { ...DEFAULT_OPTIONS, ...RUN });
  const report = buildReport(sim.result, { network: hre.network.name });
  const dir = path.join(tmp, "seed48");
  writeReport(dir, report);
  return { sim, lending: sim.lending!, report, dir };
}

const lower = (a: string) => a.toLowerCase();

describe("Simulation: lenders and borrowers", function () {
  this.timeout(240_000);

  after(async function () {
    await reset();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe("the market", function () {
    it("is LOCAL_LENDING's USDC/WETH market, lending the simulation's own USDC", async function () {
      const { sim, lending } = await loadFixture(drawdownRun);
      const m = sim.market;
      expect(lower(await lending.market.asset())).to.equal(m.usdcAddress);
      expect(lower(await lending.market.collateralToken())).to.equal(m.wethAddress);
      expect(await lending.market.lltv()).to.equal(BigInt(LOCAL_LENDING.markets[0].lltv));
      expect(await lending.factory.isMarket(lending.address)).to.equal(true);
      // The USDC/WETH pair trades the same USDC: the levered borrowers bought their WETH there.
      const pair = m.pools.find((p) => p.role === "usdc-weth")!;
      expect([lower(pair.token0!), lower(pair.token1!)]).to.include(m.usdcAddress);
    });

    it("sets the mock feed from the external walk every step, so the oracle's price is the walk's", async function () {
      const { sim, lending } = await loadFixture(drawdownRun);
      const updates = await lending.feed.queryFilter(
        lending.feed.filters.AnswerUpdated(),
        sim.result.blocks.start + 1,
      );
      expect(updates.length).to.equal(RUN.days * DEFAULT_OPTIONS.stepsPerDay);
      // The last answer is the last external price with the feed's 8 decimals; ChainlinkOracle folds
      // 10^(36 + 6 USDC decimals) / 10^(18 WETH decimals + 8 feed decimals) = 1e16 into it.
      const last = sim.result.samples.at(-1)!.externalEthPrice;
      const answer = BigInt(Math.round(last * 1e8));
      expect(updates.at(-1)!.args.current).to.equal(answer);
      const oracle = await hre.ethers.getContractAt("ChainlinkOracle", await lending.market.oracle());
      expect(await oracle.price()).to.equal(answer * 10n ** 16n);
    });

    it("was listed in the farm by the timelock, with a borrow-side speed a quarter of the pool's supply speed", async function () {
      const { sim, lending, report } = await loadFixture(drawdownRun);
      const { farm, governance } = sim.market;
      const [added] = (await farm.queryFilter(farm.filters.LogPoolAddition())).filter(
        (e) => e.args.lpToken === lending.address,
      );
      expect(Number(added.args.pid)).to.equal(lending.pid);
      expect(added.args.allocPoint).to.equal(BigInt(STRATEGY.lending.allocPoint));
      const tx = await hre.ethers.provider.getTransaction(added.transactionHash);
      expect(tx!.from).to.equal(governance.address);
      // supplySpeed = 0.2 FUR/s × alloc / totalAlloc, and the borrow speed is 25% of it (rounded down).
      const supply =
        ((await farm.rewardPerSecond()) * BigInt(STRATEGY.lending.allocPoint)) /
        (await farm.totalAllocPoint());
      expect(await lending.rewards.supplySpeed(lending.pid)).to.equal(supply);
      const config = await lending.rewards.marketConfig(lending.address);
      expect(config.rewardPerSecond).to.equal((supply * 250_000n) / 1_000_000n);
      expect(report.lending!.borrowRewardPerSecond).to.equal(config.rewardPerSecond.toString());
    });

    it("was used: every lender's deposit and every borrower's borrows are the market's events", async function () {
      const { lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      for (const a of lending.lenders) {
        const deposits = await mk.queryFilter(mk.filters.Deposit(undefined, a.signer.address));
        const withdraws = await mk.queryFilter(mk.filters.Withdraw(undefined, undefined, a.signer.address));
        const row = report.lending!.lenders.find((x) => x.name === a.name)!;
        expect(row.deposited, a.name).to.equal(sum(deposits.map((e) => e.args.assets)).toString());
        expect(row.withdrawn, a.name).to.equal(sum(withdraws.map((e) => e.args.assets)).toString());
        expect(BigInt(row.deposited), a.name).to.equal(BigInt(a.capitalUsd) * 10n ** 6n);
      }
      // lender-2 redeemed half its shares at mid-run (step 9).
      expect(report.lending!.lenders[1].withdrawn).to.not.equal("0");
      for (const b of lending.borrowers) {
        const borrowed = await mk.queryFilter(mk.filters.Borrowed(b.signer.address));
        const posted = await mk.queryFilter(mk.filters.CollateralSupplied(undefined, b.signer.address));
        const row = report.lending!.borrowers.find((x) => x.name === b.name)!;
        expect(row.borrowed, b.name).to.equal(sum(borrowed.map((e) => e.args.assets)).toString());
        expect(row.wethPosted, b.name).to.equal(sum(posted.map((e) => e.args.amount)).toString());
        // A levered borrower borrows 1 + loops times and posts its own WETH plus what each loop bought.
        expect(borrowed.length, b.name).to.equal(1 + b.loops);
        expect(posted.length, b.name).to.equal(1 + b.loops);
        if (b.loops > 0)
          expect(BigInt(row.wethPosted) > BigInt(b.collateralEth) * WAD, b.name).to.equal(true);
      }
    });
  });

  describe("liquidations", function () {
    it("liquidates the two levered borrowers in the drawdown, each below health 1 just before", async function () {
      const { lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      const events = await mk.queryFilter(mk.filters.Liquidated());
      const names = new Map(lending.borrowers.map((b) => [b.signer.address, b.name]));
      expect(events.map((e) => names.get(e.args.borrower))).to.deep.equal([
        "borrower-4 (levered)",
        "borrower-3 (levered)",
      ]);
      const rows = report.lending!.liquidations;
      expect(rows.map((r) => r.borrower)).to.deep.equal(events.map((e) => names.get(e.args.borrower)));
      const incentive = await mk.liquidationIncentive();
      for (const [i, e] of events.entries()) {
        const record = lending.liquidator.liquidations[i];
        // The health the liquidator read is the market's at the block before its transaction.
        const before = await mk.healthFactor(e.args.borrower, { blockTag: e.blockNumber - 1 });
        expect(record.healthWad).to.equal(before);
        expect(before < WAD).to.equal(true);
        expect(rows[i].repaid).to.equal(e.args.repaidAssets.toString());
        expect(rows[i].seized).to.equal(e.args.seized.toString());
        // Enough collateral: seized = repaid × incentive / 1e18 × 1e36 / price, both floored.
        expect(e.args.seized).to.equal(
          (((e.args.repaidAssets * incentive) / WAD) * 10n ** 36n) / record.price,
        );
        // The whole debt was repaid; the borrower took the rest of its collateral back.
        expect(await mk.debtOf(e.args.borrower)).to.equal(0n);
        expect(await mk.collateralOf(e.args.borrower)).to.equal(0n);
        const b = lending.borrowers.find((x) => x.signer.address === e.args.borrower)!;
        expect(b.wethWithdrawn).to.equal(b.wethPosted - e.args.seized);
      }
      expect(report.lending!.totals.liquidatedDebt).to.equal(
        sum(events.map((e) => e.args.repaidAssets)).toString(),
      );
      // No position ran out of collateral: no bad debt, as the market says.
      expect(await mk.queryFilter(mk.filters.BadDebtRealized())).to.deep.equal([]);
      expect(report.lending!.totals.badDebt).to.equal("0");
      expect(await mk.totalBadDebt()).to.equal(0n);
    });

    it("leaves the others healthy, with the liquidation price lending:position reports", async function () {
      const { lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      for (const b of lending.borrowers.filter((x) => x.state === "open")) {
        const health = await mk.healthFactor(b.signer.address);
        expect(health >= WAD, b.name).to.equal(true);
        const row = report.lending!.borrowers.find((x) => x.name === b.name)!;
        expect(row.health, b.name).to.equal(Number((Number(health) / 1e18).toFixed(4)));
        const debt = await mk.debtOf(b.signer.address);
        expect(row.debt, b.name).to.equal(debt.toString());
        // The oracle price (1e36-scaled) at which health hits 1, per whole WETH rounded up, in dollars.
        const liq = liquidationPrice(debt, await mk.collateralOf(b.signer.address), await mk.lltv())!;
        const perWeth = (liq * WAD + 10n ** 36n - 1n) / 10n ** 36n;
        expect(row.liquidationEthPriceUsd, b.name).to.equal(Number((Number(perWeth) / 1e6).toFixed(2)));
        // Its health is its price's distance from there: health ≈ price / liquidation price.
        const price = Number(BigInt(report.lending!.end.ethPriceUsd * 100)) / 100;
        expect(row.health!, b.name).to.be.closeTo(price / row.liquidationEthPriceUsd!, 0.001);
      }
    });
  });

  describe("interest audit", function () {
    it("balances Σ InterestAccrued with what the share holders gained + bad debt + rounding, within the bound", async function () {
      const { sim, lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      const a = report.lending!.audit;
      const interest = sum((await mk.queryFilter(mk.filters.InterestAccrued())).map((e) => e.args.interest));
      // Holders: the seed's dead address, the farm (every staker's shares) and the unstaked lender.
      const holders = [await lending.factory.SEED_RECIPIENT(), await sim.market.farm.getAddress()];
      holders.push(...lending.lenders.filter((x) => !x.stakes).map((x) => x.signer.address));
      let value = 0n;
      for (const h of holders) value += await mk.convertToAssets(await mk.balanceOf(h));
      // Every share is one of theirs.
      expect(sum(await Promise.all(holders.map((h) => mk.balanceOf(h))))).to.equal(await mk.totalSupply());
      const deposited = sum((await mk.queryFilter(mk.filters.Deposit())).map((e) => e.args.assets));
      const withdrawn = sum((await mk.queryFilter(mk.filters.Withdraw())).map((e) => e.args.assets));
      const gain = value + withdrawn - deposited;
      const rounding = interest - gain;
      expect(a.interest).to.equal(interest.toString());
      expect(a.supplierGain).to.equal(gain.toString());
      expect(a.roundingWei).to.equal(rounding.toString());
      expect(a.exact).to.equal(true);
      expect(interest > 0n).to.equal(true);
      // ρ = totalAssets − Σ holders' assets, and v ≤ ρ < v + 3 with v = (1e6·totalAssets − supply) / (supply + 1e6):
      // the virtual shares' part and one floor per holder.
      const [tA, S] = [await mk.totalAssets(), await mk.totalSupply()];
      expect(rounding).to.equal(tA - value);
      const V = 10n ** 6n;
      expect(rounding * (S + V) >= V * tA - S).to.equal(true);
      expect(rounding * (S + V) < V * tA - S + 3n * (S + V)).to.equal(true);
      expect(a.holders).to.equal(3);
      expect(a.virtualPartWei).to.match(/^\d+\/\d+$/);
    });

    it("balances the borrowers' books: Σ (repaid + liquidated + written off + debt − borrowed) = interest + debtOf's round-ups", async function () {
      const { lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      const a = report.lending!.audit;
      let paid = 0n;
      let debts = 0n;
      for (const b of lending.borrowers) {
        const who = b.signer.address;
        const borrowed = sum((await mk.queryFilter(mk.filters.Borrowed(who))).map((e) => e.args.assets));
        const repaid = sum(
          (await mk.queryFilter(mk.filters.Repaid(undefined, who))).map((e) => e.args.assets),
        );
        const liquidated = sum(
          (await mk.queryFilter(mk.filters.Liquidated(undefined, who))).map((e) => e.args.repaidAssets),
        );
        const debt = await mk.debtOf(who);
        debts += debt;
        const interest = repaid + liquidated + debt - borrowed;
        const row = report.lending!.borrowers.find((x) => x.name === b.name)!;
        expect(row.interest, b.name).to.equal(interest.toString());
        expect(interest > 0n, b.name).to.equal(true);
        paid += interest;
      }
      expect(a.borrowerInterest).to.equal(paid.toString());
      const borrows = await mk.totalBorrows();
      expect(BigInt(a.borrowRoundingWei)).to.equal(debts - borrows);
      expect(paid).to.equal(BigInt(a.interest) + debts - borrows);
      // Two borrowers still owe: each debtOf rounds up by less than a wei, on top of the virtual part w.
      const S = await mk.totalBorrowShares();
      const V = 10n ** 6n;
      const w = (S - V * borrows) * 1n; // numerator over S + V
      expect((debts - borrows) * (S + V) >= w).to.equal(true);
      expect((debts - borrows) * (S + V) < w + 2n * (S + V)).to.equal(true);
    });

    it("stays exact a day later once interest is accrued, and is not moved by USDC sent straight to the market", async function () {
      const run = await loadFixture(drawdownRun);
      const { lending } = run;
      const m = run.sim.market;
      const before = run.report.lending!.audit;
      await hre.network.provider.send("evm_increaseTime", [86_400]);
      // A donation: cash is counted by the market, never by balanceOf.
      await (await m.usdc.connect(m.maker).mint(lending.address, 10n ** 12n)).wait();
      const donated = await hre.ethers.provider.getBlock("latest");
      // A day of interest the views count and no event has reported: the audit says so.
      const unsettled = await auditLending(m, lending, donated!.number);
      expect(unsettled.exact).to.equal(false);
      expect(unsettled.mismatches[0]).to.equal(
        `interest not settled at block ${donated!.number}: last accrual ${await lending.market.lastAccrual()} < ${donated!.timestamp}`,
      );
      await (await lending.market.connect(lending.liquidator.signer).accrueInterest()).wait();
      const later = await auditLending(m, lending, await hre.ethers.provider.getBlockNumber());
      expect(later.mismatches).to.deep.equal([]);
      expect(later.exact).to.equal(true);
      expect(later.interest > BigInt(before.interest)).to.equal(true);
      expect(later.interest).to.equal(later.supplierGain + later.badDebt + later.rounding);
      expect(later.cash).to.equal(BigInt(before.cash));
    });

    it("counts bad debt as the suppliers' loss: a 25% crash leaves borrower-2's collateral short of its debt", async function () {
      const run = await loadFixture(drawdownRun);
      const { lending } = run;
      const mk = lending.market;
      const b = lending.borrowers[1];
      const answer = (await lending.feed.latestRoundData())[1];
      await (await lending.feed.setAnswer((answer * 3n) / 4n)).wait();
      // Health 1.087 × 0.75 ≈ 0.815 < lltv × incentive ≈ 0.898: the collateral cannot pay debt + incentive.
      expect((await mk.healthFactor(b.signer.address)) < (860n * WAD) / 1000n).to.equal(true);
      const collateral = await mk.collateralOf(b.signer.address);
      await (
        await mk
          .connect(lending.liquidator.signer)
          .liquidate(b.signer.address, hre.ethers.MaxUint256, lending.liquidator.signer.address)
      ).wait();
      const [bad] = await mk.queryFilter(mk.filters.BadDebtRealized(b.signer.address));
      const [liquidated] = (await mk.queryFilter(mk.filters.Liquidated(undefined, b.signer.address))).slice(
        -1,
      );
      expect(liquidated.args.seized).to.equal(collateral);
      expect(bad.args.assets > 0n).to.equal(true);
      const a = await auditLending(run.sim.market, lending, await hre.ethers.provider.getBlockNumber());
      expect(a.mismatches).to.deep.equal([]);
      expect(a.badDebt).to.equal(bad.args.assets);
      expect(a.badDebt).to.equal(await mk.totalBadDebt());
      expect(a.interest).to.equal(a.supplierGain + a.badDebt + a.rounding);
    });

    it("reports the mismatch when a book is off: a borrow the replay did not see", async function () {
      const run = await loadFixture(drawdownRun);
      const { lending } = run;
      const end = await hre.ethers.provider.getBlockNumber();
      // The audit with one Borrowed event dropped from the logs it reads: cash no longer adds up.
      const provider = run.sim.market.hre.ethers.provider;
      const getLogs = provider.getLogs.bind(provider);
      const topic = lending.market.interface.getEvent("Borrowed").topicHash;
      provider.getLogs = async (filter) => {
        const logs = await getLogs(filter);
        const i = logs.findIndex((l) => l.topics[0] === topic);
        return [...logs.slice(0, i), ...logs.slice(i + 1)];
      };
      try {
        const a = await auditLending(run.sim.market, lending, end);
        expect(a.exact).to.equal(false);
        expect(a.mismatches[0]).to.match(/^cash \d+ != books \d+$/);
      } finally {
        provider.getLogs = getLogs;
      }
    });
  });

  describe("the report", function () {
    it("recomputes every lender's interest, FUR and realised APRs from the chain", async function () {
      const { sim, lending, report } = await loadFixture(drawdownRun);
      const { farm, fur } = sim.market;
      const mk = lending.market;
      for (const a of lending.lenders) {
        const row = report.lending!.lenders.find((x) => x.name === a.name)!;
        const staked = (await farm.userInfo(lending.pid, a.signer.address)).amount;
        const value = await mk.convertToAssets((await mk.balanceOf(a.signer.address)) + staked);
        expect(row.supplied, a.name).to.equal(value.toString());
        const interest = value + BigInt(row.withdrawn) - BigInt(row.deposited);
        expect(row.interest, a.name).to.equal(interest.toString());
        const paid = sum(
          (await fur.queryFilter(fur.filters.Transfer(await farm.getAddress(), a.signer.address))).map(
            (e) => e.args.value,
          ),
        );
        const furEarned = paid + (await farm.pendingReward(lending.pid, a.signer.address));
        expect(row.furEarned, a.name).to.equal(furEarned.toString());
        expect(furEarned > 0n, a.name).to.equal(a.stakes);
      }
      // lender-1 deposited once and held: its principal is its deposit, from its deposit's block to the end.
      const [first] = await mk.queryFilter(mk.filters.Deposit(undefined, lending.lenders[0].signer.address));
      const t0 = BigInt((await hre.ethers.provider.getBlock(first.blockNumber))!.timestamp);
      const t1 = BigInt((await hre.ethers.provider.getBlock(sim.result.blocks.end))!.timestamp);
      const row = report.lending!.lenders[0];
      const year = Number(YEAR) / Number(t1 - t0);
      const supplyApr = (Number(BigInt(row.interest)) / Number(BigInt(row.deposited))) * year * 100;
      expect(row.supplyAprPercent).to.equal(Number(supplyApr.toFixed(2)));
      const miningApr =
        ((Number(BigInt(row.furEarned)) / 1e18) * sim.result.prices.fur * 1e6) /
        Number(BigInt(row.deposited));
      expect(row.miningAprPercent).to.equal(Number((miningApr * year * 100).toFixed(2)));
    });

    it("recomputes borrower-2's realised cost, rewards and net APR: one borrow, held to the end", async function () {
      const { sim, lending, report } = await loadFixture(drawdownRun);
      const mk = lending.market;
      const b = lending.borrowers[1];
      const [borrow] = await mk.queryFilter(mk.filters.Borrowed(b.signer.address));
      const t0 = BigInt((await hre.ethers.provider.getBlock(borrow.blockNumber))!.timestamp);
      const t1 = BigInt((await hre.ethers.provider.getBlock(sim.result.blocks.end))!.timestamp);
      const year = Number(YEAR) / Number(t1 - t0);
      const row = report.lending!.borrowers[1];
      // Its principal is its one borrow; its interest is its debt now less that borrow.
      expect(BigInt(row.interest)).to.equal((await mk.debtOf(b.signer.address)) - borrow.args.assets);
      const cost = (Number(BigInt(row.interest)) / Number(borrow.args.assets)) * year * 100;
      const furUsd = (Number(BigInt(row.furEarned)) / 1e18) * sim.result.prices.fur;
      const rewards = ((furUsd * 1e6) / Number(borrow.args.assets)) * year * 100;
      expect(row.borrowCostAprPercent).to.equal(Number(cost.toFixed(2)));
      expect(row.rewardsAprPercent).to.equal(Number(rewards.toFixed(2)));
      expect(row.netCostAprPercent).to.equal(
        Number((row.borrowCostAprPercent - row.rewardsAprPercent).toFixed(2)),
      );
      // Paid to borrow: BorrowRewards pays more than the interest at this run's FUR price.
      expect(row.netCostAprPercent).to.be.lessThan(0);
    });

    it("prices every lender's, borrower's and the liquidator's transactions from the chain's receipts, at 5 gwei on l1", async function () {
      const { sim, lending, report } = await loadFixture(drawdownRun);
      const gasOf = new Map<string, bigint>();
      const latest = await hre.ethers.provider.getBlockNumber();
      for (let n = 0; n <= latest; n++) {
        const block = await hre.ethers.provider.getBlock(n, true);
        for (const tx of block!.prefetchedTransactions) {
          const receipt = await hre.ethers.provider.getTransactionReceipt(tx.hash);
          gasOf.set(lower(tx.from), (gasOf.get(lower(tx.from)) ?? 0n) + receipt!.gasUsed);
        }
      }
      const usd = (gas: bigint) =>
        Number(((Number(gas * 5_000_000_000n) / 1e18) * sim.result.prices.eth).toFixed(2));
      const l = report.lending!;
      const rows = [...l.lenders, ...l.borrowers];
      for (const a of [...lending.lenders, ...lending.borrowers]) {
        const row = rows.find((x) => x.name === a.name)!;
        const gas = gasOf.get(lower(a.signer.address))!;
        expect(row.gasUsed, a.name).to.equal(gas.toString());
        expect(row.gasUsd, a.name).to.equal(usd(gas));
      }
      const liquidator = gasOf.get(lower(lending.liquidator.signer.address))!;
      expect(l.liquidator.gasUsed).to.equal(liquidator.toString());
      expect(l.liquidator.gasUsd).to.equal(usd(liquidator));
      expect(l.liquidator.gainUsd).to.equal(
        Number(l.liquidations.reduce((s, x) => s + x.liquidatorGainUsd, 0).toFixed(2)),
      );
    });

    it("recomputes every borrower's FUR as BorrowRewards' claims + pending", async function () {
      const { lending, report } = await loadFixture(drawdownRun);
      const r = lending.rewards;
      for (const b of lending.borrowers) {
        const claimed = sum(
          (await r.queryFilter(r.filters.RewardClaimed(lending.address, b.signer.address))).map(
            (e) => e.args.amount,
          ),
        );
        const pending = await r.pendingReward(lending.address, b.signer.address);
        const row = report.lending!.borrowers.find((x) => x.name === b.name)!;
        expect(row.furEarned, b.name).to.equal((claimed + pending).toString());
        expect(claimed > 0n, b.name).to.equal(b.claimsDaily);
      }
    });

    it("draws utilisation and rates as the market's views at each daily sample's block", async function () {
      const { sim, lending, report, dir } = await loadFixture(drawdownRun);
      const s = report.series.lending!;
      const mk = lending.market;
      expect(s.day).to.deep.equal([1, 2, 3]);
      for (const [i, sample] of sim.result.lending!.samples.entries()) {
        const blockTag = sample.block;
        expect(s.utilizationPercent[i]).to.equal(
          Number((Number(await mk.utilization({ blockTag })) / 1e16).toFixed(2)),
        );
        const supply = (await mk.supplyRatePerSecond({ blockTag })) * YEAR;
        expect(s.supplyAprPercent[i]).to.equal(Number((Number(supply) / 1e16).toFixed(2)));
        expect(sample.totalBadDebt).to.equal(await mk.totalBadDebt({ blockTag }));
      }
      const chart = (name: string) => fs.readFileSync(path.join(dir, "charts", name), "utf8");
      const util = chart("lending-utilization.svg");
      const paths = util.match(/<path d="([^"]+)"/g)!;
      expect(paths.length).to.equal(3);
      for (const d of paths) expect(d.split(/[ML]/).length - 1).to.equal(RUN.days);
      for (const name of ["utilisation", "borrow APR", "supply APR"])
        expect(util).to.contain(`>${name}</text>`);
      const liq = chart("lending-liquidations.svg");
      expect(liq.split("<path ").length - 1).to.equal(2);
      expect(liq).to.contain("(2 liquidations)");
      for (const name of ["repaid by liquidations", "bad debt"]) expect(liq).to.contain(`>${name}</text>`);
    });
  });
});
