import { expect } from "chai";
import fs from "fs";
import path from "path";
import hre, { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { HARDHAT_DEPLOY_CONFIG, E18 } from "../fixtures";
import { runCapturing, runJson, writeJournal } from "../helpers/tasks";
import { deployFurrow } from "../../src/chain/deploy";
import { burnAmounts, protocolFeeLiquidity, YEAR } from "../../src/model";
import { STAKING_PRECISION, STAKING_REWARD_DURATION } from "../../src/model/staking";
import { parsePairs, type CollectResult, type StakingPositionReport } from "../../src/positions/staking";
import type { Json } from "../../src/format/units";
import type { MockERC20 } from "../../typechain-types";

const DEADLINE = ethers.MaxUint256;
/** WETH/FUR liquidity: 10 WETH against 20,000 FUR, so 1 FUR is worth 1/2,000 WETH. */
const POOL_WETH = 10n * E18;
const POOL_FUR = 20_000n * E18;
const ALICE_STAKE = 1_000n * E18;
const BOB_STAKE = 3_000n * E18;
/** Streams over 7 days (604,800 s): 6,048 FUR is 0.01 FUR/s, 0.6048 WETH is 10^-6 WETH/s. */
const FUR_NOTIFY = 6_048n * E18;
const WETH_NOTIFY = 6_048n * 10n ** 14n;

/**
 * The Furrow deployment with the fee switch on (`feeSwitch: true`) and one more pair, WETH/TKA;
 * the timelock (impersonated, standing in for passed proposals) lists FUR and WETH as sFUR rewards
 * and mints FUR for the test's accounts. LPs fill WETH/FUR (10 WETH : 20,000 FUR) and WETH/TKA;
 * alice stakes 1,000 FUR and delegates to bob, bob stakes 3,000 FUR and delegates to himself,
 * then 6,048 FUR and 0.6048 WETH are notified.
 */
async function stakingTasksFixture() {
  const [deployer, alice, bob, lp, carol, , , , , stranger] = await ethers.getSigners();
  const tka: MockERC20 = await ethers.deployContract("MockERC20", ["Token A", "TKA", 18], stranger);
  const system = await deployFurrow(hre, {
    ...HARDHAT_DEPLOY_CONFIG,
    feeSwitch: true,
    pairs: [
      ...HARDHAT_DEPLOY_CONFIG.pairs,
      { tokenA: "WETH", tokenB: await tka.getAddress(), allocPoint: 0 },
    ],
  });
  const { token: fur, weth, router, stakedFur, timelock } = system;
  const tl = await timelock.getAddress();
  await impersonateAccount(tl);
  await setBalance(tl, 10n * E18);
  const asTimelock = await ethers.getSigner(tl);
  await stakedFur.connect(asTimelock).addRewardToken(fur);
  await stakedFur.connect(asTimelock).addRewardToken(weth);
  await fur.connect(asTimelock).grantRole(await fur.MINTER_ROLE(), tl);
  for (const [who, amount] of [
    [lp, 100_000n * E18],
    [alice, ALICE_STAKE],
    [bob, BOB_STAKE],
    [deployer, FUR_NOTIFY],
  ] as const) {
    await fur.connect(asTimelock).mint(who.address, amount);
  }
  await weth.connect(lp).deposit({ value: 1_000n * E18 });
  await weth.connect(deployer).deposit({ value: WETH_NOTIFY });
  await tka.mint(lp.address, 1_000_000n * E18);
  await fur.connect(lp).approve(router, ethers.MaxUint256);
  await weth.connect(lp).approve(router, ethers.MaxUint256);
  await tka.connect(lp).approve(router, ethers.MaxUint256);
  await router.connect(lp).addLiquidity(weth, fur, POOL_WETH, POOL_FUR, 0, 0, lp.address, DEADLINE);
  await router.connect(lp).addLiquidity(weth, tka, 100n * E18, 100_000n * E18, 0, 0, lp.address, DEADLINE);

  for (const [who, amount, delegate] of [
    [alice, ALICE_STAKE, bob],
    [bob, BOB_STAKE, bob],
  ] as const) {
    await fur.connect(who).approve(stakedFur, amount);
    await stakedFur.connect(who).depositFor(who.address, amount);
    await stakedFur.connect(who).delegate(delegate.address);
  }
  await fur.connect(deployer).approve(stakedFur, FUR_NOTIFY);
  await weth.connect(deployer).approve(stakedFur, WETH_NOTIFY);
  const furNotify = await (await stakedFur.connect(deployer).notifyRewardAmount(fur, FUR_NOTIFY)).wait();
  const wethNotify = await (await stakedFur.connect(deployer).notifyRewardAmount(weth, WETH_NOTIFY)).wait();
  const at = async (r: typeof furNotify) =>
    BigInt((await ethers.provider.getBlock(r!.blockNumber))!.timestamp);
  return {
    ...system,
    tka,
    alice,
    bob,
    lp,
    carol,
    stranger,
    asTimelock,
    furNotifyTime: await at(furNotify),
    wethNotifyTime: await at(wethNotify),
  };
}
type Fixture = Awaited<ReturnType<typeof stakingTasksFixture>>;

async function position(f: Fixture, args: Record<string, unknown>) {
  const { json, exitCode, errors } = await runJson("staking:position", {
    stakedFur: await f.stakedFur.getAddress(),
    farm: await f.farm.getAddress(),
    weth: await f.weth.getAddress(),
    ...args,
  });
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<StakingPositionReport>;
}

/** A journal folder naming the fixture's contracts, with or without the revenue ones. */
function journalOf(f: Fixture, withRevenue: boolean): string {
  return writeJournal("furrow-staking-", f.addresses, { revenue: withRevenue });
}

describe("Staking tasks", function () {
  it("finds sFUR, the collector, the farm and WETH in the deployment's journal", async function () {
    const f = await loadFixture(stakingTasksFixture);
    const dir = journalOf(f, true);
    try {
      const { json, exitCode, errors } = await runJson("staking:position", {
        account: f.bob.address,
        deployment: dir,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const r = json as Json<StakingPositionReport>;
      expect([r.stakedFur, r.source, r.balance, r.balanceValue]).to.deep.equal([
        await f.stakedFur.getAddress(),
        path.relative(process.cwd(), dir),
        BOB_STAKE.toString(),
        ((3n * E18) / 2n).toString(),
      ]);
      const collected = await runJson("fees:collect", {
        pairs: await f.pairs[0].getAddress(),
        deployment: dir,
      });
      expect(collected.exitCode, collected.errors.join("\n")).to.equal(0);
      expect((collected.json as Json<CollectResult>).collector).to.equal(await f.feeCollector.getAddress());
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("says so when the journal predates sFUR and the collector", async function () {
    const f = await loadFixture(stakingTasksFixture);
    const dir = journalOf(f, false);
    const where = path.relative(process.cwd(), dir);
    try {
      const position = await runJson("staking:position", { account: f.bob.address, deployment: dir });
      expect([position.exitCode, position.errors]).to.deep.equal([
        1,
        [
          `furrow: the deployment in ${where} has no StakedFUR (it predates real yield): pass --staked-fur <address>`,
        ],
      ]);
      const collect = await runJson("fees:collect", {
        pairs: await f.pairs[0].getAddress(),
        deployment: dir,
      });
      expect([collect.exitCode, collect.errors]).to.deep.equal([
        1,
        [
          `furrow: the deployment in ${where} has no FeeCollector (it predates real yield): pass --collector <address>`,
        ],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  describe("staking:position", function () {
    it("shows the stake, its share, the votes and the delegate of each account", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const a = await position(f, { account: f.alice.address });
      const b = await position(f, { account: f.bob.address });
      expect([a.balance, a.totalSupply, a.shareWad, a.votes, a.delegate]).to.deep.equal([
        ALICE_STAKE.toString(),
        (4_000n * E18).toString(),
        (E18 / 4n).toString(),
        "0", // alice's votes went to bob
        f.bob.address,
      ]);
      expect([b.balance, b.shareWad, b.votes, b.delegate]).to.deep.equal([
        BOB_STAKE.toString(),
        ((3n * E18) / 4n).toString(),
        (4_000n * E18).toString(), // his own 3,000 and alice's 1,000
        f.bob.address,
      ]);
      // 1 FUR = 10/20,000 WETH: 1,000 FUR are 0.5 WETH, the 4,000 staked 2 WETH.
      expect([a.balanceValue, a.totalSupplyValue, a.unit.symbol]).to.deep.equal([
        (E18 / 2n).toString(),
        (2n * E18).toString(),
        "WETH",
      ]);
    });

    it("shows what each reward token has earned, to the wei", async function () {
      const f = await loadFixture(stakingTasksFixture);
      await time.increase(86_400);
      const a = await position(f, { account: f.alice.address });
      const now = BigInt(a.timestamp);
      // FUR streams 10^43 (PRECISION units)/s over 4,000e18 sFUR: 2.5e21 per sFUR-wei per second,
      // alice's 1,000e18 earn 2.5e15 wei of FUR a second; WETH streams 10^39/s: 2.5e11 wei a second.
      const furEarned = 2_500_000_000_000_000n * (now - f.furNotifyTime);
      const wethEarned = 250_000_000_000n * (now - f.wethNotifyTime);
      expect(a.rewards.map((r) => [r.token.symbol, r.earned.amount, r.earned.value])).to.deep.equal([
        ["FUR", furEarned.toString(), (furEarned / 2_000n).toString()],
        ["WETH", wethEarned.toString(), wethEarned.toString()],
      ]);
      expect(a.earnedValue).to.equal((furEarned / 2_000n + wethEarned).toString());
      expect(await f.stakedFur.earned(f.alice.address, f.token)).to.equal(furEarned);
    });

    it("gives each current stream's APR: rate × year ÷ value of the staked FUR", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const a = await position(f, { account: f.alice.address });
      const furRate = (FUR_NOTIFY * STAKING_PRECISION) / STAKING_REWARD_DURATION;
      const wethRate = (WETH_NOTIFY * STAKING_PRECISION) / STAKING_REWARD_DURATION;
      expect([furRate, wethRate]).to.deep.equal([10n ** 43n, 10n ** 39n]);
      // A year of 0.01 FUR/s is 315,360 FUR = 157.68 WETH over 2 WETH staked: 7,884%;
      // a year of 10^-6 WETH/s is 31.536 WETH over 2 WETH: 1,576.8%.
      expect(
        a.rewards.map((r) => [r.rate, r.periodFinish, r.streaming, r.perYear, r.perYearValue, r.aprWad]),
      ).to.deep.equal([
        [
          furRate.toString(),
          (f.furNotifyTime + STAKING_REWARD_DURATION).toString(),
          true,
          (315_360n * E18).toString(),
          ((15_768n * E18) / 100n).toString(),
          ((7_884n * E18) / 100n).toString(),
        ],
        [
          wethRate.toString(),
          (f.wethNotifyTime + STAKING_REWARD_DURATION).toString(),
          true,
          ((31_536n * E18) / 1_000n).toString(),
          ((31_536n * E18) / 1_000n).toString(),
          ((15_768n * E18) / 1_000n).toString(),
        ],
      ]);
      expect(a.aprWad).to.equal(((9_460_800n * E18) / 100_000n).toString());
      expect(YEAR).to.equal(31_536_000n);
    });

    it("shows an APR of 0 once the streams are over, and the earned amounts stop growing", async function () {
      const f = await loadFixture(stakingTasksFixture);
      await time.increase(8 * 86_400);
      const a = await position(f, { account: f.alice.address });
      expect(a.rewards.map((r) => [r.streaming, r.perYear, r.aprWad])).to.deep.equal([
        [false, "0", "0"],
        [false, "0", "0"],
      ]);
      // A quarter of each whole stream: 1,512 FUR and 0.1512 WETH.
      // A quarter of each whole stream: 2.5e15 · 604,800 = 1,512 FUR and 2.5e11 · 604,800 = 0.1512 WETH.
      expect(a.rewards.map((r) => r.earned.amount)).to.deep.equal([
        (FUR_NOTIFY / 4n).toString(),
        (WETH_NOTIFY / 4n).toString(),
      ]);
    });

    it("reads at --block: before the notifies nothing was earned or streaming", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const block = (await ethers.provider.getBlock("latest"))!.number - 2;
      const a = await position(f, { account: f.alice.address, block });
      expect(a.block).to.equal(block);
      expect(a.rewards.map((r) => [r.earned.amount, r.rate, r.streaming, r.aprWad])).to.deep.equal([
        ["0", "0", false, "0"],
        ["0", "0", false, "0"],
      ]);
    });

    it("prints a table with the stake, votes and streams", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const { printed, exitCode } = await runCapturing("staking:position", {
        account: f.alice.address,
        stakedFur: await f.stakedFur.getAddress(),
        farm: await f.farm.getAddress(),
        weth: await f.weth.getAddress(),
        json: false,
      });
      expect(exitCode).to.equal(0);
      const text = printed.join("\n");
      expect(text).to.contain("staked 1,000 sFUR (0.5 WETH), 25.00% of 4,000 sFUR (2 WETH)");
      expect(text).to.contain(`votes 0; delegates to ${f.bob.address}`);
      expect(text).to.contain("7,884.00%");
      expect(text).to.contain("1,576.80%");
      expect(text).to.contain("APR of the current streams 9,460.80%");
    });

    it("refuses a bad --account or --staked-fur in one line", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const bad = await runJson("staking:position", {
        account: "0x1234",
        stakedFur: await f.stakedFur.getAddress(),
        farm: await f.farm.getAddress(),
        weth: await f.weth.getAddress(),
      });
      expect([bad.exitCode, bad.errors]).to.deep.equal([1, ["furrow: --account is not an address: 0x1234"]]);
      const none = await runJson("staking:position", {
        account: f.alice.address,
        stakedFur: f.carol.address,
        farm: await f.farm.getAddress(),
        weth: await f.weth.getAddress(),
      });
      expect([none.exitCode, none.errors]).to.deep.equal([
        1,
        [`furrow: no contract at ${f.carol.address} on chain 31337`],
      ]);
    });
  });

  describe("fees:collect", function () {
    /** Swaps through WETH/FUR and WETH/TKA, then an add on each realises the protocol fee as LP to the collector. */
    async function withFees(f: Fixture) {
      const { router, weth, token: fur, tka, lp, pairs } = f;
      for (let i = 0; i < 3; i++) {
        await router.connect(lp).swapExactTokensForTokens(E18, 0, [weth, fur], lp.address, DEADLINE);
        await router.connect(lp).swapExactTokensForTokens(2_000n * E18, 0, [fur, weth], lp.address, DEADLINE);
        await router.connect(lp).swapExactTokensForTokens(10n * E18, 0, [weth, tka], lp.address, DEADLINE);
      }
      const expected = [];
      for (const [pair, tokenA, tokenB] of [
        [pairs[0], weth, fur],
        [pairs[1], weth, tka],
      ] as const) {
        const [r0, r1] = await pair.getReserves();
        const fee = protocolFeeLiquidity(
          { reserve0: r0, reserve1: r1, totalSupply: await pair.totalSupply() },
          await pair.kLast(),
        );
        await router.connect(lp).addLiquidity(tokenA, tokenB, E18, E18 * 10_000n, 0, 0, lp.address, DEADLINE);
        expect(await pair.balanceOf(f.feeCollector)).to.equal(fee);
        const [b0, b1] = await pair.getReserves();
        expected.push({ pair, fee, amounts: burnAmounts(fee, b0, b1, await pair.totalSupply()) });
      }
      return expected;
    }

    it("burns each pair's fee LP, reports what it gave, and notifies the listed tokens to sFUR", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const expected = await withFees(f);
      const [wethFur, wethTka] = expected;
      expect(wethFur.fee > 0n && wethTka.fee > 0n).to.equal(true);
      const sfurWeth = await f.weth.balanceOf(f.stakedFur);
      const sfurFur = await f.token.balanceOf(f.stakedFur);
      const tkaToken0 = (await wethTka.pair.token0()) === (await f.tka.getAddress());

      const { json, exitCode, errors } = await runJson("fees:collect", {
        pairs: `${await wethFur.pair.getAddress()},${await wethTka.pair.getAddress()}`,
        collector: await f.feeCollector.getAddress(),
        from: f.carol.address,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const r = json as Json<CollectResult>;
      expect([r.collector, r.account]).to.deep.equal([await f.feeCollector.getAddress(), f.carol.address]);
      expect(r.pairs.map((p) => [p.pair, p.burned, p.pol, p.amounts.map((a) => a.amount)])).to.deep.equal(
        expected.map((e) => [e.pair.target, e.fee.toString(), "0", e.amounts.map(String)]),
      );
      // FUR and WETH are listed: notified in kind, in the order the pairs were walked. TKA is not: it waits.
      const [furIdx, wethIdx] =
        (await wethFur.pair.token0()) === (await f.token.getAddress()) ? [0, 1] : [1, 0];
      const wethFromTka = wethTka.amounts[tkaToken0 ? 1 : 0];
      const tkaAmount = wethTka.amounts[tkaToken0 ? 0 : 1];
      // One notify per listed token per pair, in the order collect walks them: the WETH/FUR pair's
      // token0 then token1, then the WETH of WETH/TKA (TKA is not listed: it waits in the collector).
      const furFirst = furIdx === 0;
      expect(r.notified.map((n) => [n.token.symbol, n.amount])).to.deep.equal([
        ...(furFirst
          ? [
              ["FUR", wethFur.amounts[0].toString()],
              ["WETH", wethFur.amounts[1].toString()],
            ]
          : [
              ["WETH", wethFur.amounts[0].toString()],
              ["FUR", wethFur.amounts[1].toString()],
            ]),
        ["WETH", wethFromTka.toString()],
      ]);
      expect(await f.weth.balanceOf(f.stakedFur)).to.equal(sfurWeth + wethFur.amounts[wethIdx] + wethFromTka);
      expect(await f.token.balanceOf(f.stakedFur)).to.equal(sfurFur + wethFur.amounts[furIdx]);
      expect(await f.tka.balanceOf(f.feeCollector)).to.equal(tkaAmount);
      expect(await wethFur.pair.balanceOf(f.feeCollector)).to.equal(0n);
    });

    it("reports a pair with no fee LP as giving nothing, and prints a summary", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const pair = await f.pairs[1].getAddress();
      const { printed, exitCode, errors } = await runCapturing("fees:collect", {
        pairs: pair,
        collector: await f.feeCollector.getAddress(),
        json: false,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const text = printed.join("\n");
      expect(text).to.contain(`${pair}`);
      expect(text).to.contain("nothing (no fee LP)");
      expect(text).to.contain("notified nothing to sFUR (no reward-listed token was held)");
    });

    it("refuses a token that is not a pair, and bad --pairs, in one line, sending nothing", async function () {
      const f = await loadFixture(stakingTasksFixture);
      const collector = await f.feeCollector.getAddress();
      const before = await ethers.provider.getTransactionCount(f.carol.address);
      const notPair = await runJson("fees:collect", {
        pairs: await f.tka.getAddress(),
        collector,
        from: f.carol.address,
      });
      expect([notPair.exitCode, notPair.errors]).to.deep.equal([
        1,
        [
          `furrow: collect refused: ${await f.tka.getAddress()} is not a pair of the collector's factory; nothing was sent`,
        ],
      ]);
      expect(await ethers.provider.getTransactionCount(f.carol.address)).to.equal(before);
      expect(() => parsePairs("")).to.throw("--pairs names no pair");
      expect(() => parsePairs("0xabc")).to.throw("--pairs: not an address: 0xabc");
      const p = await f.pairs[0].getAddress();
      expect(() => parsePairs(`${p}, ${p}`)).to.throw(`--pairs names ${p} twice`);
      expect(parsePairs(` ${p} ,${collector}`)).to.deep.equal([p, collector]);
    });
  });
});
