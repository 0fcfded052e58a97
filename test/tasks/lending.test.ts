import { expect } from "chai";
import fs from "fs";
import path from "path";
import hre, { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { LOCAL_LENDING, type DeployConfig } from "../../deploy/config";
import { HARDHAT_DEPLOY_CONFIG, E18 } from "../fixtures";
import { runCapturing, runJson, writeJournal } from "../helpers/tasks";
import { deployFurrow } from "../../src/chain/deploy";
import {
  liquidationPrice,
  type LendingPositionReport,
  type MarketsReport,
} from "../../src/positions/lending";
import type { Json } from "../../src/format/units";
import type { MockERC20 } from "../../typechain-types";

const DEADLINE = ethers.MaxUint256;
const USDC = 10n ** 6n;
const YEAR = 31_536_000n;
const MAX = ethers.MaxUint256;
/** WETH/FUR liquidity: 10 WETH against 20,000 FUR, so 1 FUR is worth 1/2,000 WETH. */
const POOL_WETH = 10n * E18;
const POOL_FUR = 20_000n * E18;
/** The market-share pool's weight: 60 of 100 (WETH/FUR) + 40 (FUR) + 60 = 200, so 0.3 of 1 FUR/s. */
const MARKET_ALLOC = 60n;
/** Borrower rewards: half the supply side's 0.3 FUR/s, from a 10,000,000 FUR reserve. */
const BORROW_SPEED = 15n * 10n ** 16n;
const BORROW_FUNDING = 10_000_000n * E18;
/** Alice supplies 30,000 USDC beside the 1 USDC seed; bob borrows half of the 30,001: utilisation 50%. */
const ALICE_SUPPLY = 30_000n * USDC;
const BOB_COLLATERAL = 10n * E18;
const BOB_BORROW = 15_000_500_000n;
/** Market 1 (no interest): carol posts 1,000 TKB ($2 each) and borrows 1,000 USDC, 80% lltv. */
const CAROL_COLLATERAL = 1_000n * 10n ** 8n;
const CAROL_BORROW = 1_000n * USDC;

/**
 * The Furrow deployment with two markets from the parameters (mock USDC, minted on the local chain):
 *  0. LOCAL_LENDING's USDC/WETH (ETH/USD mock feed at $3,000, 86% lltv, 5%/yr to an 80% kink);
 *  1. USDC/TKB (an existing 8-decimal token, TKB/USD mock feed at $2, 80% lltv, a zero rate model).
 * The timelock (impersonated, standing in for passed proposals) adds a farm pool for market 0's
 * shares (pid 2, 60 points), funds BorrowRewards with 10,000,000 FUR and gives market 0 a speed of
 * 0.15 FUR/s. LP fills WETH/FUR (10 : 20,000) and supplies 2,000 USDC to market 1, carol borrows
 * there; alice supplies 30,000 USDC to market 0 and stakes all her shares; bob posts 10 WETH and
 * borrows 15,000.5 USDC, last (block `borrowBlock`).
 */
async function lendingTasksFixture() {
  const [, alice, bob, lp, carol, , , , , stranger] = await ethers.getSigners();
  const tkb: MockERC20 = await ethers.deployContract("MockERC20", ["Token B", "TKB", 8], stranger);
  const config: DeployConfig = {
    ...HARDHAT_DEPLOY_CONFIG,
    lending: {
      mockTokens: LOCAL_LENDING.mockTokens,
      markets: [
        LOCAL_LENDING.markets[0],
        {
          loanToken: "USDC",
          collateralToken: await tkb.getAddress(),
          oracle: { collateralFeed: { mock: { decimals: 8, answer: "200000000" } }, maxStaleness: 604_800 },
          lltv: (8n * 10n ** 17n).toString(),
          seedAssets: USDC.toString(),
          rateModel: {
            basePerYear: "0",
            slope1PerYear: "0",
            slope2PerYear: "0",
            kink: (8n * 10n ** 17n).toString(),
          },
        },
      ],
    },
  };
  const system = await deployFurrow(hre, config);
  const { token: fur, weth, router, farm, timelock, borrowRewards, markets } = system;
  const [market, zeroRate] = markets;
  const usdc = await ethers.getContractAt("MockERC20", await market.asset());
  const tl = await timelock.getAddress();
  await impersonateAccount(tl);
  await setBalance(tl, 10n * E18);
  const asTimelock = await ethers.getSigner(tl);
  await fur.connect(asTimelock).grantRole(await fur.MINTER_ROLE(), tl);
  await fur.connect(asTimelock).mint(lp.address, 100_000n * E18);
  await weth.connect(lp).deposit({ value: 100n * E18 });
  await fur.connect(lp).approve(router, MAX);
  await weth.connect(lp).approve(router, MAX);
  await router.connect(lp).addLiquidity(weth, fur, POOL_WETH, POOL_FUR, 0, 0, lp.address, DEADLINE);

  const pid = Number(await farm.poolLength());
  await farm.connect(asTimelock).add(MARKET_ALLOC, market, ethers.ZeroAddress);
  await fur.connect(asTimelock).mint(tl, BORROW_FUNDING);
  await fur.connect(asTimelock).approve(borrowRewards, BORROW_FUNDING);
  await borrowRewards.connect(asTimelock).fund(BORROW_FUNDING);
  await borrowRewards.connect(asTimelock).setRewardSpeed(market, pid, BORROW_SPEED);

  await usdc.mint(lp.address, 2_000n * USDC);
  await usdc.connect(lp).approve(zeroRate, MAX);
  await zeroRate.connect(lp).deposit(2_000n * USDC, lp.address);
  await tkb.mint(carol.address, CAROL_COLLATERAL);
  await tkb.connect(carol).approve(zeroRate, MAX);
  await zeroRate.connect(carol).supplyCollateral(CAROL_COLLATERAL, carol.address);
  await zeroRate.connect(carol).borrow(CAROL_BORROW, carol.address);

  await usdc.mint(alice.address, ALICE_SUPPLY);
  await usdc.connect(alice).approve(market, MAX);
  await market.connect(alice).deposit(ALICE_SUPPLY, alice.address);
  const aliceShares = await market.balanceOf(alice.address);
  await market.connect(alice).approve(farm, MAX);
  await farm.connect(alice).deposit(pid, aliceShares, alice.address);
  await weth.connect(bob).deposit({ value: BOB_COLLATERAL });
  await weth.connect(bob).approve(market, MAX);
  await market.connect(bob).supplyCollateral(BOB_COLLATERAL, bob.address);
  const borrowed = await (await market.connect(bob).borrow(BOB_BORROW, bob.address)).wait();
  const borrowBlock = borrowed!.blockNumber;
  const borrowTime = BigInt((await ethers.provider.getBlock(borrowBlock))!.timestamp);
  return {
    ...system,
    usdc,
    tkb,
    market,
    zeroRate,
    pid,
    alice,
    bob,
    carol,
    lp,
    stranger,
    aliceShares,
    borrowBlock,
    borrowTime,
  };
}
type Fixture = Awaited<ReturnType<typeof lendingTasksFixture>>;

/** The task's JSON with the factory and WETH given (no journal). */
async function run<T>(f: Fixture, name: string, args: Record<string, unknown>): Promise<Json<T>> {
  const { json, exitCode, errors } = await runJson(name, {
    marketFactory: await f.marketFactory.getAddress(),
    weth: await f.weth.getAddress(),
    ...args,
  });
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<T>;
}

/** A journal folder naming the fixture's contracts, with or without the lending ones. */
function journalOf(f: Fixture, withLending: boolean): string {
  return writeJournal("furrow-lending-", f.addresses, { lending: withLending });
}

describe("Lending tasks", function () {
  it("finds the factory, its farm and WETH in the deployment's journal", async function () {
    const f = await loadFixture(lendingTasksFixture);
    const dir = journalOf(f, true);
    try {
      const { json, exitCode, errors } = await runJson("lending:markets", { deployment: dir });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const r = json as Json<MarketsReport>;
      expect([r.marketFactory, r.borrowRewards, r.source, r.unit.symbol]).to.deep.equal([
        await f.marketFactory.getAddress(),
        await f.borrowRewards.getAddress(),
        path.relative(process.cwd(), dir),
        "WETH",
      ]);
      expect(r.markets.map((m) => m.market)).to.deep.equal(f.addresses.markets);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("says so when the journal predates lending, or there is no journal", async function () {
    const f = await loadFixture(lendingTasksFixture);
    const dir = journalOf(f, false);
    const where = path.relative(process.cwd(), dir);
    try {
      const old = await runJson("lending:markets", { deployment: dir });
      expect([old.exitCode, old.errors]).to.deep.equal([
        1,
        [
          `furrow: the deployment in ${where} has no MarketFactory (it predates lending): pass --market-factory <address>`,
        ],
      ]);
      const none = await runJson("lending:position", {
        account: f.bob.address,
        deployment: path.join(dir, "none"),
      });
      expect([none.exitCode, none.errors]).to.deep.equal([
        1,
        [
          `furrow: no Furrow deployment in ${path.join(where, "none")}: deploy first, or pass --market-factory <address>`,
        ],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  describe("lending:markets", function () {
    it("shows each market's price, supply, borrows, utilisation and interest APRs, to the wei", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const r = await run<MarketsReport>(f, "lending:markets", { block: f.borrowBlock });
      const [m0, m1] = r.markets;
      expect([m0.symbol, m0.loanToken.symbol, m0.collateralToken.symbol, m1.symbol]).to.deep.equal([
        "flUSDC/WETH",
        "USDC",
        "WETH",
        "flUSDC/TKB",
      ]);
      // $3,000 with 8 decimals: 3000e8 · 10^(36 + 6) / 10^(18 + 8) = 3e27; one WETH = 3,000 USDC.
      expect([m0.price, m0.priceFresh, m0.collateralPrice, m0.lltv]).to.deep.equal([
        (3n * 10n ** 27n).toString(),
        true,
        (3_000n * USDC).toString(),
        (86n * 10n ** 16n).toString(),
      ]);
      // 1 USDC seed + 30,000 from alice; 15,000.5 lent to bob, as much left in cash. Shares: 10^6 per
      // asset (the first deposit: assets · (0 + 10^6) / (0 + 1), the next at the same rate).
      expect([m0.totalAssets, m0.totalSupply, m0.cash, m0.totalBorrows, m0.totalBadDebt]).to.deep.equal([
        (30_001n * USDC).toString(),
        (30_001n * USDC * 10n ** 6n).toString(),
        BOB_BORROW.toString(),
        BOB_BORROW.toString(),
        "0",
      ]);
      // Utilisation 15,000.5 / 30,001 = 50%: below the 80% kink the rate is 0.5 · slope1 =
      // floor(0.5 · 1,585,489,599) = 792,744,799 /s, suppliers get floor(792,744,799 · 0.5) = 396,372,399 /s.
      expect([m0.utilizationWad, m0.borrowRatePerSecond, m0.supplyRatePerSecond]).to.deep.equal([
        (E18 / 2n).toString(),
        "792744799",
        "396372399",
      ]);
      // APRs are rate · 31,536,000: 792,744,799 · 31,536,000 = 24,999,999,981,264,000 (2.4999%),
      // 396,372,399 · 31,536,000 = 12,499,999,974,864,000.
      expect([m0.borrowAprWad, m0.supplyAprWad]).to.deep.equal(["24999999981264000", "12499999974864000"]);
      expect(792_744_799n * YEAR).to.equal(24_999_999_981_264_000n);
      // USDC has no AMM pair: valued through the oracle, 30,001e6 · 1e36 / 3e27 = 30,001e15 / 3 wei of WETH.
      expect(m0.totalAssetsValue).to.equal(((30_001n * 10n ** 15n) / 3n).toString());
      // Market 1: $2 per TKB (8 decimals): 2e8 · 10^(36 + 6) / 10^(8 + 8) = 2e34; one TKB = 2 USDC; no interest.
      expect([m1.price, m1.collateralPrice, m1.borrowAprWad, m1.supplyAprWad, m1.totalBorrows]).to.deep.equal(
        [(2n * 10n ** 34n).toString(), (2n * USDC).toString(), "0", "0", CAROL_BORROW.toString()],
      );
      // TKB has no price at all: nothing of market 1 can be valued.
      expect(m1.totalAssetsValue).to.equal(null);
    });

    it("gives the supply side's mining APR from the farm pool and the borrow side's from BorrowRewards", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const r = await run<MarketsReport>(f, "lending:markets", { block: f.borrowBlock });
      const [m0, m1] = r.markets;
      // Pool 2 gets 60/200 of 1 FUR/s: 0.3 · 31,536,000 = 9,460,800 FUR a year = 4,730.4 WETH at
      // 1/2,000; alice's 3e16 shares are worth 30,000 USDC = 10 WETH: 473.04 = 47,304%.
      expect(m0.supplyMining).to.deep.equal({
        pid: f.pid,
        allocPoint: MARKET_ALLOC.toString(),
        totalStaked: f.aliceShares.toString(),
        stakedAssets: ALICE_SUPPLY.toString(),
        stakedValue: (10n * E18).toString(),
        perYear: (9_460_800n * E18).toString(),
        perYearValue: ((47_304n * E18) / 10n).toString(),
        aprWad: ((47_304n * E18) / 100n).toString(),
      });
      expect(f.aliceShares).to.equal(3n * 10n ** 16n);
      // 0.15 FUR/s is 4,730,400 FUR a year (under the 10,000,000 reserve) = 2,365.2 WETH, over bob's
      // 15,000.5 USDC = 15,000.5e15 / 3 = 5,000,166,666,666,666,666 wei: 2,365.2e18 · 1e18 / that.
      const borrowsValue = (BOB_BORROW * 10n ** 9n) / 3n;
      expect(borrowsValue).to.equal(5_000_166_666_666_666_666n);
      expect(m0.borrowMining).to.deep.equal({
        pid: f.pid,
        rewardPerSecond: BORROW_SPEED.toString(),
        reserve: BORROW_FUNDING.toString(),
        perYear: (4_730_400n * E18).toString(),
        perYearValue: ((23_652n * E18) / 10n).toString(),
        aprWad: ((((23_652n * E18) / 10n) * E18) / borrowsValue).toString(),
      });
      expect(m0.borrowMining!.aprWad).to.equal("473024232525582480647");
      expect([m1.supplyMining, m1.borrowMining]).to.deep.equal([null, null]);
    });

    it("bounds a year of borrower rewards by the reserve", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const tl = await ethers.getSigner(await f.timelock.getAddress());
      // Take all but 1,000,000 FUR back: a year at 0.15 FUR/s (4,730,400) is then more than is left.
      const reserve = await f.borrowRewards.reserve();
      await f.borrowRewards.connect(tl).reclaim(reserve - 1_000_000n * E18, tl.address);
      const r = await run<MarketsReport>(f, "lending:markets", {});
      const b = r.markets[0].borrowMining!;
      expect([b.reserve, b.perYear, b.perYearValue]).to.deep.equal([
        (1_000_000n * E18).toString(),
        (1_000_000n * E18).toString(),
        (500n * E18).toString(),
      ]);
    });

    it("falls back to the market's last good price when the oracle reverts, and says so", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const oracle = await ethers.getContractAt("ChainlinkOracle", await f.market.oracle());
      const feed = await ethers.getContractAt("MockAggregator", await oracle.collateralFeed());
      // A new $2,500 round the market never read, then a round older than the 3,600 s bound: stale.
      await feed.setAnswer(2_500n * 10n ** 8n);
      const now = BigInt(await time.latest());
      await feed.setRound(9, 2_500n * 10n ** 8n, now - 3_601n, 9);
      await expect(oracle.price()).to.be.revertedWithCustomError(oracle, "StalePrice");
      const r = await run<MarketsReport>(f, "lending:markets", {});
      // The market last read $3,000 (at bob's borrow): that is the price liquidations would use.
      expect([r.markets[0].price, r.markets[0].priceFresh, r.markets[0].collateralPrice]).to.deep.equal([
        (3n * 10n ** 27n).toString(),
        false,
        (3_000n * USDC).toString(),
      ]);
      expect(await f.market.lastPrice()).to.equal(3n * 10n ** 27n);
      const { printed } = await runCapturing("lending:markets", {
        marketFactory: await f.marketFactory.getAddress(),
        weth: await f.weth.getAddress(),
        json: false,
      });
      expect(printed.join("\n")).to.contain("3,000 USDC/WETH (last good: oracle down)");
    });

    it("prints a table with each market", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const { printed, exitCode, errors } = await runCapturing("lending:markets", {
        marketFactory: await f.marketFactory.getAddress(),
        weth: await f.weth.getAddress(),
        block: f.borrowBlock,
        json: false,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const text = printed.join("\n");
      expect(text).to.contain(`flUSDC/WETH ${await f.market.getAddress()}`);
      expect(text).to.contain("3,000 USDC/WETH");
      expect(text).to.contain("30,001 USDC");
      expect(text).to.contain("50.00%");
      expect(text).to.contain("47,304.00%");
      expect(text).to.contain("2 USDC/TKB");
    });
  });

  describe("lending:position", function () {
    it("shows a borrower's collateral, debt, health factor and liquidation price, to the wei", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const r = await run<LendingPositionReport>(f, "lending:position", {
        account: f.bob.address,
        block: f.borrowBlock,
      });
      expect(r.positions.map((p) => p.market)).to.deep.equal([await f.market.getAddress()]);
      const p = r.positions[0];
      // Borrow shares 15,000.5e6 · 10^6 (virtual 1 asset, 10^6 shares) are worth exactly the 15,000.5 USDC.
      expect([p.collateral, p.collateralValue, p.borrowShares, p.borrowed]).to.deep.equal([
        BOB_COLLATERAL.toString(),
        BOB_COLLATERAL.toString(),
        (BOB_BORROW * 10n ** 6n).toString(),
        BOB_BORROW.toString(),
      ]);
      // maxDebt = 10 WETH · 3,000 · 0.86 = 25,800 USDC; health = 25,800e6 · 1e18 / 15,000.5e6, floored.
      expect(p.healthFactorWad).to.equal(((25_800n * USDC * E18) / BOB_BORROW).toString());
      expect(p.healthFactorWad).to.equal("1719942668577714076");
      // Health hits 1 where 10 WETH · price · 0.86 = 15,000.5 USDC: ceil(15,000.5e6 / 0.86) = 17,442,441,861
      // units of max debt, ceil(17,442,441,861 · 1e36 / 10e18) = 1.7442441861e27; per WETH
      // 1,744.2441861 USDC, rounded up to 1,744,244,187 units.
      expect([p.liquidationPrice, p.liquidationCollateralPrice, p.collateralPrice]).to.deep.equal([
        (17_442_441_861n * 10n ** 17n).toString(),
        "1744244187",
        (3_000n * USDC).toString(),
      ]);
      // Borrow APR 2.4999...% less mining 473.02...: negative, bob is paid to borrow.
      expect([p.borrowAprWad, p.borrowMiningAprWad, p.borrowerNetAprWad]).to.deep.equal([
        "24999999981264000",
        "473024232525582480647",
        (24_999_999_981_264_000n - 473_024_232_525_582_480_647n).toString(),
      ]);
      expect([p.shares, p.stakedShares, p.supplied]).to.deep.equal(["0", "0", "0"]);
    });

    it("shows a lender's supply in the wallet and the farm, and interest plus mining APR", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const r = await run<LendingPositionReport>(f, "lending:position", {
        account: f.alice.address,
        block: f.borrowBlock,
      });
      expect(r.positions).to.have.length(1);
      const p = r.positions[0];
      expect([p.shares, p.stakedShares, p.supplied, p.suppliedValue]).to.deep.equal([
        "0",
        f.aliceShares.toString(),
        ALICE_SUPPLY.toString(),
        (10n * E18).toString(),
      ]);
      expect([p.borrowed, p.healthFactorWad, p.liquidationPrice, p.liquidationCollateralPrice]).to.deep.equal(
        ["0", MAX.toString(), null, null],
      );
      // 12,499,999,974,864,000 interest + 473.04e18 mining.
      expect([p.supplyAprWad, p.supplyMiningAprWad, p.lenderAprWad]).to.deep.equal([
        "12499999974864000",
        ((47_304n * E18) / 100n).toString(),
        (12_499_999_974_864_000n + (47_304n * E18) / 100n).toString(),
      ]);
    });

    it("puts the liquidation price where the market's health is exactly 1 (a zero-rate market)", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const p = (
        await run<LendingPositionReport>(f, "lending:position", {
          account: f.carol.address,
          market: await f.zeroRate.getAddress(),
        })
      ).positions[0];
      // ceil(1,000e6 · 1e18 / 0.8e18) = 1,250e6; ceil(1,250e6 · 1e36 / 1,000e8) = 1.25e34: $1.25 per TKB.
      expect([p.liquidationPrice, p.liquidationCollateralPrice]).to.deep.equal([
        (125n * 10n ** 32n).toString(),
        "1250000",
      ]);
      const oracle = await ethers.getContractAt("ChainlinkOracle", await f.zeroRate.oracle());
      const feed = await ethers.getContractAt("MockAggregator", await oracle.collateralFeed());
      // price = answer · 10^(36 + 6) / 10^(8 + 8) = answer · 1e26: 1.25e34 is the answer 125,000,000.
      await feed.setAnswer(125_000_000n);
      expect(await oracle.price()).to.equal(BigInt(p.liquidationPrice!));
      expect(await f.zeroRate.healthFactor(f.carol.address)).to.equal(E18);
      await expect(f.zeroRate.connect(f.lp).liquidate(f.carol.address, USDC, f.lp.address))
        .to.be.revertedWithCustomError(f.zeroRate, "Healthy")
        .withArgs(f.carol.address, E18, E18);
      // One step lower: max debt floor(1e11 · 1.24999999e34 / 1e36) · 0.8 = 999,999,992 < 1,000e6.
      await feed.setAnswer(124_999_999n);
      expect(await f.zeroRate.healthFactor(f.carol.address)).to.equal(999_999_992n * 10n ** 9n);
      await f.usdc.mint(f.lp.address, USDC);
      await expect(f.zeroRate.connect(f.lp).liquidate(f.carol.address, USDC, f.lp.address)).to.emit(
        f.zeroRate,
        "Liquidated",
      );
    });

    it("computes liquidation prices with the market's rounding (table)", function () {
      const lltv86 = 86n * 10n ** 16n;
      for (const [debt, collateral, lltv, expected] of [
        // ceil(15,000.5e6 / 0.86) = 17,442,441,861; · 1e36 / 1e19
        [BOB_BORROW, BOB_COLLATERAL, lltv86, 17_442_441_861n * 10n ** 17n],
        // ceil(1 · 1e18 / 0.86e18) = 2; ceil(2 · 1e36 / 3) = 666...667
        [1n, 3n, lltv86, (2n * 10n ** 36n + 2n) / 3n],
        // no debt: no liquidation price; debt without collateral: no price is enough
        [0n, BOB_COLLATERAL, lltv86, null],
        [1n, 0n, lltv86, MAX],
      ] as const) {
        expect(liquidationPrice(debt, collateral, lltv), `${debt}/${collateral}`).to.equal(expected);
      }
    });

    it("shows what the farm and BorrowRewards owe, to the wei", async function () {
      const f = await loadFixture(lendingTasksFixture);
      await time.increase(1_000);
      const [a, b] = [
        await run<LendingPositionReport>(f, "lending:position", { account: f.alice.address }),
        await run<LendingPositionReport>(f, "lending:position", { account: f.bob.address }),
      ];
      const elapsed = BigInt(b.timestamp) - f.borrowTime;
      // Bob is the only borrower: index += floor(0.15e18 · t · 1e24 / shares), owed = floor(shares · index / 1e24).
      const shares = BOB_BORROW * 10n ** 6n;
      const index = (BORROW_SPEED * elapsed * 10n ** 24n) / shares;
      expect(b.positions[0].pendingBorrowReward).to.equal(((shares * index) / 10n ** 24n).toString());
      expect(BigInt(b.positions[0].pendingBorrowReward)).to.be.closeTo(BORROW_SPEED * elapsed, 10n ** 6n);
      expect(a.positions[0].pendingSupplyReward).to.equal(
        (await f.farm.pendingReward(f.pid, f.alice.address, { blockTag: a.block })).toString(),
      );
      expect(a.positions[0].pendingBorrowReward).to.equal("0");
    });

    it("prints each position with its health, liquidation price and APRs", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const { printed, exitCode, errors } = await runCapturing("lending:position", {
        account: f.bob.address,
        marketFactory: await f.marketFactory.getAddress(),
        weth: await f.weth.getAddress(),
        block: f.borrowBlock,
        json: false,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const text = printed.join("\n");
      expect(text).to.contain("collateral 10 WETH (10 WETH); borrowed 15,000.5 USDC (5.0001 WETH)");
      expect(text).to.contain(
        "health factor 1.7199; liquidation price 1,744.2441 USDC per WETH (now 3,000 USDC)",
      );
      expect(text).to.contain("borrower: borrow APR 2.49% - mining 47,302.42% = -47,299.92%");
    });

    it("says so for an account in no market, and refuses a bad --account or --market in one line", async function () {
      const f = await loadFixture(lendingTasksFixture);
      const none = await run<LendingPositionReport>(f, "lending:position", { account: f.stranger.address });
      expect(none.positions).to.deep.equal([]);
      const bad = await runJson("lending:position", {
        account: "0x1234",
        marketFactory: await f.marketFactory.getAddress(),
        weth: await f.weth.getAddress(),
      });
      expect([bad.exitCode, bad.errors]).to.deep.equal([1, ["furrow: --account is not an address: 0x1234"]]);
      const notMarket = await runJson("lending:position", {
        account: f.bob.address,
        market: await f.usdc.getAddress(),
        marketFactory: await f.marketFactory.getAddress(),
        weth: await f.weth.getAddress(),
      });
      expect([notMarket.exitCode, notMarket.errors]).to.deep.equal([
        1,
        [
          `furrow: ${await f.usdc.getAddress()} is not a market of MarketFactory ${await f.marketFactory.getAddress()}`,
        ],
      ]);
    });
  });
});
