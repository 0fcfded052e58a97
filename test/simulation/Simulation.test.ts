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

/** The short run every test here reads: 3 days, 8 actors (2 traders, 6 LPs), seed 1. */
const RUN = { days: 3, actors: 8 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-sim-"));

interface Run {
  /** The finished run: its plain-data result and the live market and actors. */
  sim: SimulationRun;
  report: SimulationReport;
  dir: string;
}

async function simulate(seed: number, dir: string): Promise<Run> {
  const deployment = await deployFresh(hre);
  const sim = await runSimulation(hre, deployment, { ...DEFAULT_OPTIONS, ...RUN, seed });
  const report = buildReport(sim.result, { network: hre.network.name });
  writeReport(dir, report);
  return { sim, report, dir };
}

async function threeDayRun(): Promise<Run> {
  return simulate(1, path.join(tmp, "seed1"));
}
async function threeDayRunAgain(): Promise<Run> {
  return simulate(1, path.join(tmp, "seed1-again"));
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
        expect(charts.length).to.equal(6);
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
        // Every daily sample is a vertex of each pool's line.
        const lines = chart("rewards-per-pool.svg").match(/<path d="([^"]+)"/g)!;
        for (const d of lines) expect(d.split(/[ML]/).length - 1).to.equal(report.series.day.length);
      });
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
    it("gives byte-identical report.json, report.md and charts for the same seed", async function () {
      const first = await loadFixture(threeDayRun);
      const again = await threeDayRunAgain();
      for (const file of [
        "report.json",
        "report.md",
        "charts/rewards-per-pool.svg",
        "charts/il-vs-price-ratio.svg",
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
