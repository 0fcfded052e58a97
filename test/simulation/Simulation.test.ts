import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import { loadFixture, reset } from "@nomicfoundation/hardhat-network-helpers";
import { deployFresh } from "../../src/simulation/setup";
import { runSimulation, type SimulationRun } from "../../src/simulation/engine";
import { DEFAULT_OPTIONS } from "../../src/simulation/options";
import { buildReport, type SimulationReport } from "../../src/simulation/report";
import { readReport, writeReport } from "../../src/simulation/writer";
import { underlyingOf, valueOf, viewMarket } from "../../src/simulation/valuation";
import type { LpResult } from "../../src/simulation/result";
import type { PoolsReport } from "../../src/positions/pools";
import type { PositionReport } from "../../src/positions/position";
import type { Json } from "../../src/format/units";
import { runJson } from "../helpers/tasks";
import { impermanentLoss } from "../../src/simulation/svg";
import type { LpActor } from "../../src/simulation/actors";
import { GAS_PROFILES, compoundedValue, costWei, dataGas, l1DataFee } from "../../src/model";
import { STAKING_PRECISION } from "../../src/model/staking";
import type { StakerActor } from "../../src/simulation/actors";
import type { StakingPositionReport } from "../../src/positions/staking";
import type { StakerResult } from "../../src/simulation/result";
import { auditStaking } from "../../src/simulation/stakingAudit";

/** The short run every test here reads: 3 days, 8 actors (2 traders, 6 LPs), seed 1. */
const RUN = { days: 3, actors: 8 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-sim-"));

interface Run {
  /** The finished run: its plain-data result and the live market and actors. */
  sim: SimulationRun;
  report: SimulationReport;
  dir: string;
}

async function simulate(seed: number, dir: string, slowDeploySeconds = 0): Promise<Run> {
  const deployment = await deployFresh(hre);
  if (slowDeploySeconds > 0) {
    // A deployment that took longer on the wall clock: block times follow it until the run pins them.
    await hre.network.provider.send("evm_increaseTime", [slowDeploySeconds]);
    await hre.network.provider.send("evm_mine", []);
  }
  const sim = await runSimulation(hre, deployment, { ...DEFAULT_OPTIONS, ...RUN, seed });
  const report = buildReport(sim.result, { network: hre.network.name });
  writeReport(dir, report);
  return { sim, report, dir };
}

async function threeDayRun(): Promise<Run> {
  return simulate(1, path.join(tmp, "seed1"));
}
/** Seed 1 again, after a deployment 20 minutes slower: nothing in the report may depend on that. */
async function threeDayRunAgain(): Promise<Run> {
  return simulate(1, path.join(tmp, "seed1-again"), 1_200);
}
async function threeDayRunOtherSeed(): Promise<Run> {
  return simulate(2, path.join(tmp, "seed2"));
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
/** The report's FUR formatting: 4 decimals, truncated, thousands separators. */
const fur4 = (wei: string) => (Number(BigInt(wei) / 10n ** 14n) / 1e4).toLocaleString("en-US");
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

/** Everything the chain says about the farm's stakers and payouts during the run. */
async function chainLedger({ sim }: Run) {
  const { farm } = sim.market;
  const deposits = await farm.queryFilter(farm.filters.Deposit());
  const stakers = new Map<string, { pid: bigint; user: string }>();
  for (const e of deposits) stakers.set(`${e.args.pid}:${e.args.to}`, { pid: e.args.pid, user: e.args.to });
  const harvests = await farm.queryFilter(farm.filters.Harvest());
  return { stakers: [...stakers.values()], harvests, deposits };
}

function lpActors(run: Run): LpActor[] {
  return run.sim.actors.filter((a): a is LpActor => a.kind === "lp" && a.state !== "waiting");
}

describe("Simulation", function () {
  this.timeout(240_000);

  after(async function () {
    // The runs reset the in-process chain: leave a fresh one, and no stale fixture snapshots, behind.
    await reset();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe("a 3-day run with 8 actors (through the library, seed 1)", function () {
    describe("FUR audit", function () {
      it("balances the schedule, rate × seconds read from the chain, with paid + pending + dust", async function () {
        const run = await loadFixture(threeDayRun);
        const { farm } = run.sim.market;
        const { stakers, harvests } = await chainLedger(run);
        const rate = await farm.rewardPerSecond();
        const start = await farm.startTime();
        const end = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
        const scheduled = rate * (end - start);
        const paid = sum(harvests.map((e) => e.args.amount));
        const pending = sum(await Promise.all(stakers.map((s) => farm.pendingReward(s.pid, s.user))));
        const dust = scheduled - paid - pending;

        const a = run.report.audit.fur;
        expect(a.seconds).to.equal((end - start).toString());
        expect(a.rewardPerSecond).to.equal(rate.toString());
        expect(a.scheduled).to.equal(scheduled.toString());
        expect(a.paid).to.equal(paid.toString());
        expect(a.pending).to.equal(pending.toString());
        expect(a.dustWei).to.equal(dust.toString());
        expect(a.exact).to.equal(true);
      });

      it("accounts for the dust exactly: the model's rounding equals it and stays under the bound", async function () {
        const run = await loadFixture(threeDayRun);
        const { stakers, harvests, deposits } = await chainLedger(run);
        const a = run.report.audit.fur;
        const dust = BigInt(a.dustWei);
        expect(a.modelRoundingWei).to.equal(a.dustWei);
        expect(a.mismatches).to.deep.equal([]);
        expect(a.payoutsChecked).to.equal(harvests.length);
        expect(a.stakersChecked).to.equal(stakers.length);
        // Independent bound: each farm call loses < 1 wei to the global index (totalAllocPoint
        // 240 < 1e18), < 1 wei to the pool index (totalStaked < 1e30) and < 1 wei to the caller's
        // settlement; the final pending views add < 1 wei per staker and < 2 per pool.
        const calls = BigInt(new Set([...deposits, ...harvests].map((e) => e.transactionHash)).size);
        const pools = BigInt(run.sim.market.pools.length);
        expect(dust >= 0n).to.equal(true);
        expect(dust <= 3n * calls + BigInt(stakers.length) + 2n * pools).to.equal(true);
        expect(dust <= BigInt(a.roundingBoundWei)).to.equal(true);
      });
    });

    describe("BONUS audit", function () {
      it("balances the rewarder's schedule with what it paid and owes", async function () {
        const run = await loadFixture(threeDayRun);
        const { farm, bonus } = run.sim.market;
        const pool = run.sim.market.pools.find((p) => p.rewarder)!;
        const rewarder = pool.rewarder!;
        const startBlock = run.sim.result.blocks.start;
        const rate = await rewarder.rewardPerSecond();
        const start = BigInt((await hre.ethers.provider.getBlock(startBlock))!.timestamp);
        const end = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
        const stakers = [
          ...new Set(
            (await farm.queryFilter(farm.filters.Deposit(undefined, pool.pid))).map((e) => e.args.to),
          ),
        ];
        const paid = sum(
          (await rewarder.queryFilter(rewarder.filters.BonusPaid(), startBlock + 1)).map(
            (e) => e.args.amount,
          ),
        );
        const pendingEnd = sum(await Promise.all(stakers.map((u) => rewarder.pendingReward(u))));
        const pendingStart = sum(
          await Promise.all(stakers.map((u) => rewarder.pendingReward(u, { blockTag: startBlock }))),
        );
        const scheduled = rate * (end - start);
        const dust = scheduled - paid - (pendingEnd - pendingStart);

        const a = run.report.audit.bonus!;
        expect(a.scheduled).to.equal(scheduled.toString());
        expect(a.paid).to.equal(paid.toString());
        expect(a.pending).to.equal((pendingEnd - pendingStart).toString());
        expect(a.dustWei).to.equal(dust.toString());
        expect(a.modelRoundingWei).to.equal(a.dustWei);
        expect(a.exact).to.equal(true);
        expect(paid > 0n).to.equal(true);

        // The rewarder's own ledger: what left its reserve is rate × seconds since the first stake.
        const [firstStake] = await farm.queryFilter(farm.filters.Deposit(undefined, pool.pid));
        const since = BigInt((await hre.ethers.provider.getBlock(firstStake.blockNumber))!.timestamp);
        const funded = sum((await rewarder.queryFilter(rewarder.filters.Funded())).map((e) => e.args.amount));
        expect(funded - (await rewarder.reserve())).to.equal(rate * (end - since));
        expect(await bonus.balanceOf(rewarder)).to.equal(
          funded - sum((await rewarder.queryFilter(rewarder.filters.BonusPaid())).map((e) => e.args.amount)),
        );
      });
    });

    describe("per actor", function () {
      it("reports FUR earned = FUR the farm sent as rewards + pendingReward, for every LP", async function () {
        const run = await loadFixture(threeDayRun);
        const { farm, fur } = run.sim.market;
        const lps = lpActors(run);
        expect(lps.length).to.be.greaterThanOrEqual(3);
        for (const a of lps) {
          const received = sum(
            (await fur.queryFilter(fur.filters.Transfer(await farm.getAddress(), a.signer.address))).map(
              (e) => e.args.value,
            ),
          );
          // In the FUR pool a withdrawal sends the stake back in FUR too: that part is no reward.
          const stakeBack = a.pool.pair
            ? 0n
            : sum(
                (await farm.queryFilter(farm.filters.Withdraw(a.signer.address, a.pool.pid))).map(
                  (e) => e.args.amount,
                ),
              );
          const pending = await farm.pendingReward(a.pool.pid, a.signer.address);
          const reported = run.report.actors.find((r) => r.name === a.name)!;
          expect(reported.furEarned, a.name).to.equal((received - stakeBack + pending).toString());
          expect(BigInt(reported.furEarned!) > 0n, a.name).to.equal(true);
        }
      });

      it("reports BONUS earned = BONUS the rewarder sent + its pendingReward, non-zero in the bonus pool only", async function () {
        const run = await loadFixture(threeDayRun);
        const { bonus } = run.sim.market;
        const lps = lpActors(run);
        expect(lps.some((a) => a.pool.rewarder)).to.equal(true);
        for (const a of lps) {
          const reported = run.report.actors.find((r) => r.name === a.name)!;
          if (!a.pool.rewarder) {
            expect(reported.bonusEarned, a.name).to.equal("0");
            continue;
          }
          const received = sum(
            (
              await bonus.queryFilter(
                bonus.filters.Transfer(await a.pool.rewarder.getAddress(), a.signer.address),
              )
            ).map((e) => e.args.value),
          );
          const pending = await a.pool.rewarder.pendingReward(a.signer.address);
          expect(reported.bonusEarned, a.name).to.equal((received + pending).toString());
          expect(received + pending > 0n, a.name).to.equal(true);
        }
      });

      it("measures the impermanent loss of single-deposit LPs as 2√r/(1+r) − 1 at their price ratio", async function () {
        const { report } = await loadFixture(threeDayRun);
        const measured = report.actors.filter((a) => a.state === "active" && a.deposits === 1);
        expect(measured.length).to.be.greaterThanOrEqual(2);
        for (const a of measured) {
          const theory = impermanentLoss(a.priceRatio!) * 100;
          // Reported to 3 decimals of a percent, the ratio to 6 digits.
          expect(a.impermanentLossPercent!, a.name).to.be.closeTo(theory, 0.0015);
        }
      });

      it("computes net, APR and APY from the reported parts", async function () {
        const { report } = await loadFixture(threeDayRun);
        for (const a of report.actors.filter((x) => x.kind === "lp")) {
          // APY compounds the APR daily: (1 + APR/365)^365 − 1 (both rounded to 0.01%).
          const apr = a.aprPercent! / 100;
          expect(a.apyPercent!, a.name).to.be.closeTo((Math.pow(1 + apr / 365, 365) - 1) * 100, 0.05);
          // net = LP value + rewards − holding, and LP value = holding + IL + fees.
          expect(a.netUsd!, a.name).to.be.closeTo(a.impermanentLossUsd! + a.feesUsd! + a.rewardsUsd!, 0.03);
        }
      });
    });

    describe("report files", function () {
      it("writes report.md with the numbers of report.json", async function () {
        const { report, dir } = await loadFixture(threeDayRun);
        const md = read(dir, "report.md");
        const json = JSON.parse(read(dir, "report.json")) as SimulationReport;
        expect(json.audit).to.deep.equal(report.audit);
        for (const a of json.actors.filter((x) => x.kind === "lp")) {
          const row = md.split("\n").find((l) => l.startsWith(`${a.name} `));
          expect(row, a.name).to.not.equal(undefined);
          const cells = row!.trim().split(/\s{2,}/);
          expect(cells[1]).to.equal(a.pool);
          expect(cells[2]).to.equal(a.state);
          expect(cells).to.include(fur4(a.furEarned!));
          if (a.bonusEarned !== "0") expect(cells).to.include(fur4(a.bonusEarned!));
          expect(cells.at(-2)).to.equal(`${a.aprPercent!.toFixed(1)}%`);
          expect(cells.at(-1)).to.equal(`${a.apyPercent!.toFixed(1)}%`);
        }
        for (const a of [json.audit.fur, json.audit.bonus!]) {
          expect(md).to.contain(
            `in wei: scheduled ${a.scheduled} = paid ${a.paid} + pending ${a.pending} + dust ${a.dustWei};`,
          );
          expect(md).to.contain(`rounding as ${a.modelRoundingWei} wei (bound ${a.roundingBoundWei})`);
          expect(md).to.contain(`+ rounding dust ${a.dustWei} wei: EXACT`);
        }
        for (const p of json.pools) {
          expect(md).to.match(new RegExp(`^\\s*${p.pid}\\s+${p.name}\\s+${p.allocPoint}\\s`, "m"));
        }
      });

      it("rebuilds report.md and every chart byte for byte from report.json alone", async function () {
        const { dir } = await loadFixture(threeDayRun);
        const rebuilt = path.join(tmp, "rebuilt");
        fs.mkdirSync(rebuilt, { recursive: true });
        fs.copyFileSync(path.join(dir, "report.json"), path.join(rebuilt, "report.json"));
        const written = writeReport(rebuilt, readReport(rebuilt));
        const charts = fs.readdirSync(path.join(dir, "charts")).sort();
        // 8, and the lending market's utilisation and liquidations.
        expect(charts.length).to.equal(10);
        expect(written.slice().sort()).to.deep.equal(
          ["report.json", "report.md", ...charts.map((c) => `charts/${c}`)].sort(),
        );
        for (const file of written) expect(read(rebuilt, file), file).to.equal(read(dir, file));
      });

      it("draws every chart with one series per pool or quantity", async function () {
        const { report, dir } = await loadFixture(threeDayRun);
        const chart = (name: string) => read(dir, path.join("charts", name));
        const count = (svg: string, tag: string) => svg.split(`<${tag} `).length - 1;
        const poolNames = report.pools.map((p) => p.name);
        for (const name of ["rewards-per-pool.svg", "apr-per-pool.svg"]) {
          const svg = chart(name);
          expect(count(svg, "path"), name).to.equal(poolNames.length);
          for (const p of poolNames) expect(svg, name).to.contain(`>${p}</text>`);
        }
        expect(count(chart("eth-price.svg"), "path")).to.equal(2);
        expect(count(chart("position-vs-hold.svg"), "path")).to.equal(2);
        // Net APY vs position size: daily, weekly and vault on L1 and on Base, one point per size.
        const apy = chart("compounding-net-apy.svg");
        expect(count(apy, "path")).to.equal(6);
        for (const name of [
          "l1: daily",
          "l1: weekly",
          "l1: vault",
          "base: daily",
          "base: weekly",
          "base: vault",
        ])
          expect(apy).to.contain(`>${name}</text>`);
        expect(apy).to.contain(">$1,000,000</text>");
        const il = chart("il-vs-price-ratio.svg");
        expect(count(il, "path")).to.equal(1);
        const singleDeposit = report.actors.filter((a) => a.state === "active" && a.deposits === 1);
        expect(count(il, "circle")).to.equal(singleDeposit.length);
        // Real yield: fee APR beside emission APR; the cumulative and the daily sustainability ratio.
        const realYield = chart("real-yield-apr.svg");
        expect(count(realYield, "path")).to.equal(2);
        expect(realYield).to.contain(">sFUR fee APR (real yield)</text>");
        expect(realYield).to.contain(">FUR pool emission APR</text>");
        const ratio = chart("sustainability-ratio.svg");
        expect(count(ratio, "path")).to.equal(2);
        expect(ratio).to.contain(">cumulative: Σ fee $ / Σ emission $</text>");
        // Every daily sample is a vertex of each pool's line.
        const lines = chart("rewards-per-pool.svg").match(/<path d="([^"]+)"/g)!;
        for (const d of lines) expect(d.split(/[ML]/).length - 1).to.equal(report.series.day.length);
      });
    });
  });

  describe("real yield (the same 3-day run)", function () {
    /** sFUR's events of the run, parsed. */
    async function stakingEvents(run: Run) {
      const sfur = run.sim.revenue.stakedFur;
      return {
        notified: await sfur.queryFilter(sfur.filters.RewardNotified()),
        paid: await sfur.queryFilter(sfur.filters.RewardPaid()),
      };
    }
    const stakers = (run: Run) => run.sim.actors.filter((a): a is StakerActor => a.kind === "staker");

    it("turns the fee switch on through a proposal that FUR and sFUR holders pass: propose, vote, queue, execute", async function () {
      const run = await loadFixture(threeDayRun);
      const { factory, fur, maker } = run.sim.market;
      const { governor, stakedFur, collectorAddress } = run.sim.revenue;
      const p = run.sim.result.revenue.proposal;
      expect(await factory.feeTo()).to.equal(collectorAddress);
      expect(run.report.revenue.feeSwitchOn).to.equal(true);
      expect(await governor.state(p.id)).to.equal(7n); // Executed
      const [created] = await governor.queryFilter(governor.filters.ProposalCreated());
      expect(created.args.proposalId).to.equal(p.id);
      expect(created.args.proposer).to.equal(maker.address);
      expect(created.args.targets[0]).to.equal(await factory.getAddress());
      expect(created.args.calldatas[0]).to.equal(
        factory.interface.encodeFunctionData("setFeeTo", [collectorAddress]),
      );
      expect(
        (await governor.queryFilter(governor.filters.ProposalQueued())).map((e) => e.args.proposalId),
      ).to.deep.equal([p.id]);
      expect(
        (await governor.queryFilter(governor.filters.ProposalExecuted())).map((e) => e.args.proposalId),
      ).to.deep.equal([p.id]);
      // The other calls listed FUR, WETH and USDC as sFUR rewards, in that order.
      const m = run.sim.market;
      expect((await stakedFur.rewardTokens()).map((t) => t.toLowerCase())).to.deep.equal([
        m.furAddress,
        m.wethAddress,
        m.usdcAddress,
      ]);
      // Votes at the snapshot: the maker's FUR (delegated to itself), each staker's sFUR (all of it,
      // self-delegated); the governor counted exactly their sum For.
      const snapshot = p.times.snapshot;
      const votes = run.report.revenue.proposal.votes;
      expect(votes[0]).to.deep.equal({
        name: "maker",
        fur: (await fur.getPastVotes(maker.address, snapshot)).toString(),
        sFur: "0",
      });
      for (const a of stakers(run)) {
        const v = votes.find((x) => x.name === a.name)!;
        expect(v.fur, a.name).to.equal("0");
        expect(v.sFur, a.name).to.equal(a.furStaked.toString());
        expect(await governor.getVotes(a.signer.address, snapshot), a.name).to.equal(a.furStaked);
      }
      const total = votes.reduce((s, v) => s + BigInt(v.fur) + BigInt(v.sFur), 0n);
      const [against, forVotes, abstain] = await governor.proposalVotes(p.id);
      expect([against, forVotes, abstain]).to.deep.equal([0n, total, 0n]);
      expect(run.report.revenue.proposal.forVotes).to.equal(total.toString());
      // It took the governor's delay and period and the timelock's delay, and ended before emission began.
      const timelock = await hre.ethers.getContractAt("TimelockController", await governor.timelock());
      const { at } = run.report.revenue.proposal;
      expect(at.snapshot - at.proposed).to.equal(Number(await governor.votingDelay()));
      expect(at.deadline - at.snapshot).to.equal(Number(await governor.votingPeriod()));
      expect(at.eta - at.queued).to.equal(Number(await timelock.getMinDelay()));
      expect(at.executed).to.be.lessThan(0);
      expect(run.sim.result.revenue.runStart).to.equal(await m.farm.startTime());
    });

    it("collects every day: the collector's Distributed events are what sFUR was notified, and what the report says", async function () {
      const run = await loadFixture(threeDayRun);
      const { collector, stakedFur, collectorAddress } = run.sim.revenue;
      const keeper = run.report.actors.find((a) => a.kind === "fee-keeper")!;
      expect(keeper.collects).to.equal(RUN.days);
      expect(run.report.revenue.collects).to.equal(RUN.days);
      const distributed = await collector.queryFilter(collector.filters.Distributed());
      const { notified } = await stakingEvents(run);
      // Every notify of sFUR in the run came from the collector, one per Distributed event.
      expect(notified.map((e) => e.args.funder)).to.deep.equal(notified.map(() => collectorAddress));
      expect(notified.map((e) => [e.args.token, e.args.received])).to.deep.equal(
        distributed.map((e) => [e.args.token, e.args.amount]),
      );
      for (const t of run.sim.result.revenue.rewardTokens) {
        const total = sum(distributed.filter((e) => e.args.token === t.address).map((e) => e.args.amount));
        expect(run.report.revenue.notified.find((n) => n.symbol === t.symbol)!.amount, t.symbol).to.equal(
          total.toString(),
        );
        expect(keeper.notified![t.symbol], t.symbol).to.equal(total.toString());
      }
      // The WETH/FUR pair's fee LP reached the collector and was burned: both its tokens were notified.
      const collected = await collector.queryFilter(collector.filters.Collected());
      expect(collected.length).to.be.greaterThan(0);
      const m = run.sim.market;
      for (const token of [m.furAddress, m.wethAddress]) {
        const got = distributed.filter((e) => e.args.token.toLowerCase() === token);
        expect(sum(got.map((e) => e.args.amount)) > 0n, token).to.equal(true);
      }
      expect(await stakedFur.getAddress()).to.equal(await collector.staking());
    });

    it("reports every staker's claimed and earned as the contract's RewardPaid events and earned()", async function () {
      const run = await loadFixture(threeDayRun);
      const { stakedFur } = run.sim.revenue;
      const { paid } = await stakingEvents(run);
      const tokens = run.sim.result.revenue.rewardTokens;
      const list = stakers(run);
      expect(list.map((a) => a.schedule)).to.deep.equal(["claims-daily", "never-claims", "withdraws-half"]);
      for (const a of list) {
        const reported = run.report.actors.find((r) => r.name === a.name)!;
        const result = run.sim.result.actors.find((r): r is StakerResult => r.name === a.name)!;
        for (const [i, t] of tokens.entries()) {
          const onChain = await stakedFur.earned(a.signer.address, t.address);
          const claimed = sum(
            paid
              .filter((e) => e.args.account === a.signer.address && e.args.token === t.address)
              .map((e) => e.args.amount),
          );
          expect(reported.earned![t.symbol], `${a.name} ${t.symbol}`).to.equal(onChain.toString());
          expect(reported.claimed![t.symbol], `${a.name} ${t.symbol}`).to.equal(claimed.toString());
          expect(result.earned[i]).to.equal(onChain);
        }
        // What it wrapped is what sFUR minted to it; what it holds, its balance.
        const minted = sum(
          (
            await stakedFur.queryFilter(stakedFur.filters.Transfer(hre.ethers.ZeroAddress, a.signer.address))
          ).map((e) => e.args.value),
        );
        expect(reported.furStaked, a.name).to.equal(minted.toString());
        expect(reported.sFurBalance, a.name).to.equal(
          (await stakedFur.balanceOf(a.signer.address)).toString(),
        );
      }
      const [daily, never, half] = list;
      // The daily claimer claimed on each of the 3 days (the day's collect comes two steps before).
      expect(daily.claims).to.equal(3);
      expect(never.claims).to.equal(0);
      expect(never.claimed.size).to.equal(0);
      // Half out at step 9 of 18, and claimed then: the sFUR left is the other half.
      expect(half.claims).to.equal(1);
      expect(half.furWithdrawn).to.equal(half.furStaked / 2n);
      expect(await stakedFur.balanceOf(half.signer.address)).to.equal(half.furStaked - half.furStaked / 2n);
      expect(BigInt(run.report.actors.find((r) => r.name === never.name)!.earned!.FUR) > 0n).to.equal(true);
    });

    it("audits sFUR: per token notified = paid + earned + unstreamed + dust, and FUR held = supply + FUR rewards held", async function () {
      const run = await loadFixture(threeDayRun);
      const { stakedFur, stakedFurAddress } = run.sim.revenue;
      const { fur } = run.sim.market;
      const a = run.report.audit.staking;
      expect(a.exact).to.equal(true);
      expect(a.mismatches).to.deep.equal([]);
      const { notified, paid } = await stakingEvents(run);
      expect(a.notifiesChecked).to.equal(notified.length);
      expect(a.payoutsChecked).to.equal(paid.length);
      const holders = stakers(run).map((s) => s.signer.address);
      const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
      for (const t of run.sim.result.revenue.rewardTokens) {
        const row = a.tokens.find((x) => x.symbol === t.symbol)!;
        const n = sum(notified.filter((e) => e.args.token === t.address).map((e) => e.args.received));
        const p = sum(paid.filter((e) => e.args.token === t.address).map((e) => e.args.amount));
        const earned = sum(await Promise.all(holders.map((h) => stakedFur.earned(h, t.address))));
        // Still to stream: the rest of the current stream, (periodFinish − now) · rate / 1e27, floored.
        const [rate, finish] = await stakedFur.rewardStream(t.address);
        const unstreamed = finish > now ? ((finish - now) * rate) / STAKING_PRECISION : 0n;
        const dust = n - p - earned - unstreamed;
        expect(row.notified, t.symbol).to.equal(n.toString());
        expect(row.paid, t.symbol).to.equal(p.toString());
        expect(row.earned, t.symbol).to.equal(earned.toString());
        expect(row.unstreamed, t.symbol).to.equal(unstreamed.toString());
        expect(row.dustWei, t.symbol).to.equal(dust.toString());
        // Each floor loses under 1 wei: the dust is at most the floors the model counted.
        expect(dust >= 0n && dust <= BigInt(row.roundingBoundWei), t.symbol).to.equal(true);
      }
      const furRow = a.tokens.find((x) => x.symbol === "FUR")!;
      const supply = await stakedFur.totalSupply();
      const held = await fur.balanceOf(stakedFurAddress);
      expect(a.supply).to.equal(supply.toString());
      expect(a.furHeld).to.equal(held.toString());
      expect(held).to.equal(supply + BigInt(furRow.notified) - BigInt(furRow.paid));
      expect(read(run.dir, "report.md")).to.contain(
        `audit sFUR: FUR held ${held} = sFUR supply ${supply} + FUR rewards held ${BigInt(furRow.notified) - BigInt(furRow.paid)}: EXACT`,
      );
    });

    it("makes the sFUR audit fail when sFUR holds FUR that is neither a stake nor a notified reward", async function () {
      const run = await loadFixture(threeDayRun);
      const { fur, maker } = run.sim.market;
      const { stakedFurAddress } = run.sim.revenue;
      const window = { deployBlock: 0, endBlock: (await hre.ethers.provider.getBlock("latest"))!.number };
      // Replayed again now: the same verdict as the report's.
      expect((await auditStaking(run.sim.market, run.sim.revenue, window)).exact).to.equal(true);
      // 1 wei of FUR sent straight to sFUR (no notify): the balance no longer adds up.
      await (await fur.connect(maker).transfer(stakedFurAddress, 1n)).wait();
      window.endBlock = (await hre.ethers.provider.getBlock("latest"))!.number;
      const a = await auditStaking(run.sim.market, run.sim.revenue, window);
      const rewards = BigInt(run.report.audit.staking.furRewardsHeld);
      const supply = BigInt(run.report.audit.staking.supply);
      expect(a.exact).to.equal(false);
      expect(a.mismatches).to.deep.equal([
        `FUR held ${supply + rewards + 1n} != supply ${supply} + FUR rewards held ${rewards}`,
      ]);
    });

    it("reports the sustainability ratio as fee USD ÷ emission USD recomputed from the chain's events and the samples' prices", async function () {
      const run = await loadFixture(threeDayRun);
      const { collector } = run.sim.revenue;
      const { farm } = run.sim.market;
      const { samples, revenue } = run.sim.result;
      const distributed = await collector.queryFilter(collector.filters.Distributed());
      const timeOf = async (block: number) => BigInt((await hre.ethers.provider.getBlock(block))!.timestamp);
      const rate = await farm.rewardPerSecond();
      const series = run.report.series;
      let [fees, emission] = [0, 0];
      let since = revenue.runStart;
      for (const [d, s] of samples.entries()) {
        // The day's notifies (blocks after the previous sample, up to this one), at the day's prices.
        let dayFees = 0;
        for (const e of distributed) {
          const t = await timeOf(e.blockNumber);
          if (t <= since || t > s.time) continue;
          const i = revenue.rewardTokens.findIndex((x) => x.address === e.args.token);
          const { decimals } = revenue.rewardTokens[i];
          dayFees += (Number(e.args.amount) / 10 ** decimals) * s.rewardTokenPriceUsd[i];
        }
        // The day's emission: the farm's rate × the day's seconds, at the day's FUR price.
        const dayEmission = (Number(rate * (s.time - since)) / 1e18) * s.furPriceUsd;
        expect(s.emittedFur, `day ${d + 1}`).to.equal(rate * (s.time - since));
        fees += dayFees;
        emission += dayEmission;
        // Reported rounded: USD to cents, ratios to 6 decimals.
        expect(series.feeRevenueUsd[d], `day ${d + 1}`).to.be.closeTo(dayFees, 0.005 + 1e-9);
        expect(series.emissionUsd[d], `day ${d + 1}`).to.be.closeTo(dayEmission, 0.005 + 1e-6);
        expect(series.sustainabilityRatio[d], `day ${d + 1}`).to.be.closeTo(fees / emission, 5e-7 + 1e-12);
        expect(series.dailySustainabilityRatio[d], `day ${d + 1}`).to.be.closeTo(
          dayFees / dayEmission,
          5e-7 + 1e-12,
        );
        since = s.time;
      }
      expect(fees).to.be.greaterThan(0);
      expect(run.report.revenue.sustainabilityRatio).to.be.closeTo(fees / emission, 5e-7 + 1e-12);
      expect(run.report.revenue.feeRevenueUsd).to.be.closeTo(fees, 0.005 + 1e-9);
      expect(run.report.revenue.emissionUsd).to.be.closeTo(emission, 0.005 + 1e-6);
      // Three days at 0.2 FUR/s, less nothing: the run's first day starts at the farm's start.
      expect(BigInt(run.report.revenue.emittedFur)).to.equal(
        rate * (samples.at(-1)!.time - revenue.runStart),
      );
    });

    it("reports the fee APR of sFUR as staking:position does at the last block, next to the FUR pool's emission APR", async function () {
      const run = await loadFixture(threeDayRun);
      const m = run.sim.market;
      const [staker] = stakers(run);
      const { json, exitCode, errors } = await runJson("staking:position", {
        account: staker.signer.address,
        stakedFur: run.sim.revenue.stakedFurAddress,
        farm: await m.farm.getAddress(),
        weth: m.wethAddress,
        usdToken: m.usdcAddress,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const position = json as Json<StakingPositionReport>;
      const last = run.sim.result.samples.at(-1)!;
      expect(position.block).to.equal(run.sim.result.blocks.end);
      expect(last.feeAprPercent).to.equal(Number(BigInt(position.aprWad!)) / 1e16);
      expect(last.feeAprPercent).to.be.greaterThan(0);
      expect(run.report.revenue.feeAprPercentEnd).to.equal(Number(last.feeAprPercent.toFixed(2)));
      expect(last.stakedFur).to.equal(BigInt(position.totalSupply));
      const furPool = run.sim.market.pools.findIndex((p) => p.role === "fur");
      expect(run.report.revenue.emissionAprPercentEnd).to.equal(Number(last.poolApr[furPool].toFixed(2)));
      // The staker's earned per token: the task's rows are the report's numbers.
      const reported = run.report.actors.find((a) => a.name === staker.name)!;
      for (const row of position.rewards)
        expect(row.earned.amount, row.token.symbol).to.equal(reported.earned![row.token.symbol]);
    });
  });

  describe("gas and compounding", function () {
    /** Every transaction on the chain from `address`, with its receipt, read block by block. */
    async function chainTxs(address: string) {
      const out: { gasUsed: bigint; data: string }[] = [];
      const latest = await hre.ethers.provider.getBlockNumber();
      for (let n = 0; n <= latest; n++) {
        const block = await hre.ethers.provider.getBlock(n, true);
        for (const tx of block!.prefetchedTransactions) {
          if (tx.from.toLowerCase() !== address.toLowerCase()) continue;
          const receipt = await hre.ethers.provider.getTransactionReceipt(tx.hash);
          out.push({ gasUsed: receipt!.gasUsed, data: tx.data });
        }
      }
      return out;
    }

    it("prices every transaction an actor sent, from the chain's receipts, at 5 gwei on the l1 profile", async function () {
      const run = await loadFixture(threeDayRun);
      expect(run.report.parameters.gasProfile).to.equal("l1");
      for (const a of run.sim.actors) {
        const txs = await chainTxs(a.signer.address);
        const gasUsed = sum(txs.map((t) => t.gasUsed));
        const reported = run.report.actors.find((r) => r.name === a.name);
        if (!reported) continue; // an LP still waiting
        expect(reported.gas.txs, a.name).to.equal(txs.length);
        expect(reported.gas.gasUsed, a.name).to.equal(gasUsed.toString());
        expect(reported.gas.costWei, a.name).to.equal((gasUsed * 5_000_000_000n).toString());
        if (a.kind !== "keeper") expect(txs.length, a.name).to.be.greaterThan(0);
      }
    });

    it("prices an L2's transactions with the L1 data fee of their calldata", async function () {
      const run = await loadFixture(threeDayRun);
      const daily = run.sim.result.actors.find((a) => a.kind === "lp" && a.interval === "daily")!;
      const txs = await chainTxs(run.sim.actors.find((a) => a.name === daily.name)!.signer.address);
      const base = GAS_PROFILES.base;
      const expected = sum(txs.map((t) => t.gasUsed * base.executionWei + l1DataFee(base, dataGas(t.data))));
      expect(costWei(base, daily.gas)).to.equal(expected);
    });

    it("runs the cohort: daily compounds every day, weekly and never not in 3 days, vault depositors hold shares", async function () {
      const run = await loadFixture(threeDayRun);
      const cycles = (name: string) => run.report.actors.find((a) => a.name === name)!.compoundCycles;
      expect(cycles("compound-daily")).to.equal(3);
      expect(cycles("compound-weekly")).to.equal(0);
      expect(cycles("compound-never")).to.equal(0);
      const { vault } = run.sim.market;
      for (const a of run.sim.result.actors) {
        if (a.kind !== "vault") continue;
        const signer = run.sim.actors.find((x) => x.name === a.name)!.signer;
        expect(await vault.balanceOf(signer.address), a.name).to.equal(a.shares);
        expect(await vault.previewRedeem(a.shares), a.name).to.equal(a.assets);
      }
      const harvests = await vault.queryFilter(vault.filters.Harvested());
      const keeper = run.report.actors.find((a) => a.kind === "keeper")!;
      expect(keeper.harvests).to.equal(harvests.length);
      expect(keeper.harvests! + keeper.skipped!).to.equal(3);
    });

    it("finds the optimal interval as the exact maximum of P(1 + r/n)^n − n·c at the run's own measured cost", async function () {
      const { report, sim } = await loadFixture(threeDayRun);
      const c = report.compounding!;
      const daily = sim.result.actors.find((a): a is LpResult => a.kind === "lp" && a.interval === "daily")!;
      const compound = daily.gas.filter((t) => t.activity === "compound");
      // Each cycle is four transactions: harvest, swap half, add liquidity, stake.
      expect(compound.length).to.equal(4 * daily.compoundCycles);
      const r = c.rewardAprPercent / 100;
      for (const p of c.profiles) {
        const profile = GAS_PROFILES[p.profile as "l1" | "base"];
        const cost =
          ((Number(costWei(profile, compound)) / 1e18) * sim.result.prices.eth) / daily.compoundCycles;
        expect(p.compoundUsd, p.profile).to.equal(Number(cost.toFixed(4)));
        for (const row of p.rows) {
          let best = 0;
          for (let n = 1; n <= 8_760; n++) {
            if (
              compoundedValue(row.positionUsd, r, n, cost) > compoundedValue(row.positionUsd, r, best, cost)
            )
              best = n;
          }
          expect(row.optimalCompoundsPerYear, `${p.profile} $${row.positionUsd}`).to.equal(best);
        }
      }
      // Gas decides: on L1 a $100 position never compounds; on the L2 it does.
      expect(c.profiles[0].rows[0].optimalCompoundsPerYear).to.equal(0);
      expect(c.profiles[1].rows[0].optimalCompoundsPerYear).to.be.greaterThan(0);
    });
  });

  describe("one valuation stack: the farm:* tasks read the run's last block as the simulation did", function () {
    async function tasksArgs(run: Run) {
      const m = run.sim.market;
      return { farm: await m.farm.getAddress(), weth: m.wethAddress, usdToken: m.usdcAddress };
    }
    async function task<T>(name: string, args: Record<string, unknown>): Promise<Json<T>> {
      const { json, exitCode, errors } = await runJson(name, args);
      expect(exitCode, errors.join("\n")).to.equal(0);
      return json as Json<T>;
    }

    it("farm:pools gives every pool the APR of the last sample, and the stake's underlying and value", async function () {
      const run = await loadFixture(threeDayRun);
      const m = run.sim.market;
      const pools = await task<PoolsReport>("farm:pools", await tasksArgs(run));
      const last = run.sim.result.samples.at(-1)!;
      expect(pools.block).to.equal(run.sim.result.blocks.end);
      expect(pools.unit.symbol).to.equal("USDC");
      const view = await viewMarket(m, DEFAULT_OPTIONS.bonusPriceUsd);
      for (const [i, pool] of m.pools.entries()) {
        const p = pools.pools[i];
        expect(p.pid, pool.name).to.equal(pool.pid);
        // The sample's APR is farm:pools' aprWad (1e18 = 100%) in percent, unrounded.
        expect(last.poolApr[i], pool.name).to.equal(Number(BigInt(p.aprWad!)) / 1e16);
        expect(run.report.pools[i].aprPercentEnd, pool.name).to.equal(
          Number((Number(BigInt(p.aprWad!)) / 1e16).toFixed(2)),
        );
        const staked = BigInt(p.totalStaked);
        if (pool.pair) {
          const [u0, u1] = await underlyingOf(m, pool, staked);
          expect(p.stakedUnderlying, pool.name).to.deep.equal([u0.toString(), u1.toString()]);
          expect(await valueOf(view, pool, u0, u1), pool.name).to.equal(Number(BigInt(p.stakedValue!)) / 1e6);
        } else {
          expect(p.stakedUnderlying, pool.name).to.equal(null);
          expect(await valueOf(view, pool, staked, 0n), pool.name).to.equal(
            Number(BigInt(p.stakedValue!)) / 1e6,
          );
        }
      }
    });

    it("farm:position values every active LP's stake as the simulation's LP value", async function () {
      const run = await loadFixture(threeDayRun);
      const args = await tasksArgs(run);
      const active = run.sim.actors.filter((a): a is LpActor => a.kind === "lp" && a.state === "active");
      expect(active.length).to.be.greaterThanOrEqual(3);
      for (const a of active) {
        const r = await task<PositionReport>("farm:position", { ...args, account: a.signer.address });
        const row = r.positions.find((p) => p.pid === a.pool.pid)!;
        const [u0, u1] = a.pool.pair
          ? await underlyingOf(run.sim.market, a.pool, BigInt(row.amount))
          : [BigInt(row.amount), 0n];
        expect(
          row.underlying.map((u) => u.amount),
          a.name,
        ).to.deep.equal(a.pool.pair ? [u0.toString(), u1.toString()] : [u0.toString()]);
        // An active LP has taken nothing out: its LP value is the value of what it has staked.
        const result = run.sim.result.actors.find((x): x is LpResult => x.name === a.name)!;
        expect(result.value!.lpUsd, a.name).to.equal(Number(BigInt(row.value!)) / 1e6);
      }
    });
  });

  describe("determinism", function () {
    it("gives byte-identical report.json, report.md and charts for the same seed, however long the deployment took", async function () {
      const first = await loadFixture(threeDayRun);
      const again = await threeDayRunAgain();
      for (const file of [
        "report.json",
        "report.md",
        "charts/rewards-per-pool.svg",
        "charts/il-vs-price-ratio.svg",
        "charts/real-yield-apr.svg",
        "charts/sustainability-ratio.svg",
      ]) {
        expect(read(again.dir, file), file).to.equal(read(first.dir, file));
      }
    });

    it("gives a different report for a different seed", async function () {
      const first = read(path.join(tmp, "seed1"), "report.json");
      const other = await threeDayRunOtherSeed();
      expect(read(other.dir, "report.json")).to.not.equal(first);
      expect(other.report.parameters.seed).to.equal(2);
      expect(other.report.audit.fur.exact).to.equal(true);
    });
  });
});
