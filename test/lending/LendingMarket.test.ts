// LendingMarket, unit by unit: the ERC-4626 supply side, collateral, borrow, repay, interest, views,
// liquidation and bad debt, caps and the oracle rules of docs/lending.md. Figures are computed by hand
// in the comments (1 USDC = 1e6, 1 WETH = 1e18, prices 1e36-scaled: $3,000 = 3e27) or, once interest
// has run, by the BigInt model of src/model/lending.ts, which MarketSim steps in the same seconds and
// which "interest" checks against a hand computation first.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  E18,
  ETH_PRICE_ANSWER,
  LLTV,
  MAX_STALENESS,
  RATE_PARAMS,
  SEED_ASSETS,
  USDC,
  lendingFixture,
} from "../fixtures";
import {
  DEAD,
  MarketSim,
  REVERT_CODE,
  SLOT,
  constantCode,
  modelError,
  positionSlot,
  priceOfAnswer,
  setCode,
} from "../helpers/lendingSim";
import { compoundedGrowth, mulDivDown, mulDivUp } from "../../src/model";

const MAX = ethers.MaxUint256;
const UINT128_MAX = (1n << 128n) - 1n;
/** $3,000 a WETH: 3,000e6 USDC units per 1e18 wei, 1e36-scaled. */
const P3000 = 3n * 10n ** 27n;
/** 1e36 / (0.3 * 0.86e18 + 0.7e18) = 1e36 / 0.958e18, floored: a 4.38% bonus. */
const INCENTIVE = 1_043_841_336_116_910_229n;
const SUPPLY = 10_000n * USDC;
const GAS = { gasLimit: 2_000_000 };
const YEAR_SECONDS = 365n * 86_400n;

async function marketFixture() {
  const f = await lendingFixture();
  const sim = await MarketSim.start(f.market, RATE_PARAMS, SEED_ASSETS);
  return { ...f, sim };
}

/** Alice has supplied 10,000 USDC. */
async function suppliedFixture() {
  const f = await marketFixture();
  await f.sim.deposit(f.alice, SUPPLY);
  return f;
}

/** And bob has borrowed 2,500 USDC against 1 WETH (health 2,580 / 2,500 = 1.032). */
async function borrowedFixture() {
  const f = await suppliedFixture();
  await f.sim.supplyCollateral(f.bob, E18);
  await f.sim.borrow(f.bob, 2_500n * USDC);
  return f;
}

/** The fixture's sim, forked so the test's steps do not leak into the next test. */
async function load<T extends { sim: MarketSim }>(fixture: () => Promise<T>): Promise<T> {
  const f = await loadFixture(fixture);
  return { ...f, sim: f.sim.fork() };
}

describe("LendingMarket", function () {
  describe("storage layout (the incident tests patch it)", function () {
    it("keeps borrows, the ledger, caps, last price, bad debt and positions in slots 5 to 10", async function () {
      const { market, sim, bob } = await load(borrowedFixture);
      const read = async (slot: bigint | string) => BigInt(await ethers.provider.getStorage(market, slot));
      const low = (v: bigint) => v & UINT128_MAX;
      const high = (v: bigint) => v >> 128n;
      const borrows = await read(SLOT.borrows);
      expect([low(borrows), high(borrows)]).to.deep.equal([2_500n * USDC, 2_500n * USDC * 10n ** 6n]);
      const ledger = await read(SLOT.ledger);
      expect([low(ledger), high(ledger)]).to.deep.equal([await market.cash(), sim.t]);
      expect(await read(SLOT.caps)).to.equal((UINT128_MAX << 128n) | UINT128_MAX);
      expect(await read(SLOT.lastPrice)).to.equal(P3000);
      expect(await read(SLOT.totalBadDebt)).to.equal(0n);
      const position = await read(positionSlot(bob.address));
      expect([low(position), high(position)]).to.deep.equal([E18, await market.borrowSharesOf(bob.address)]);
    });
  });

  describe("supply side (ERC-4626)", function () {
    it("is listed with 1 USDC for the dead address: 1e12 shares, a share worth 1e-6 of a wei", async function () {
      const { market, usdc } = await load(marketFixture);
      expect(await market.asset()).to.equal(await usdc.getAddress());
      expect(await market.decimals()).to.equal(12n); // 6 + the decimals offset 6
      // shares = 1e6 * (0 + 1e6) / (0 + 1) = 1e12
      expect(await market.totalSupply()).to.equal(10n ** 12n);
      expect(await market.balanceOf(DEAD)).to.equal(10n ** 12n);
      expect(await market.totalAssets()).to.equal(SEED_ASSETS);
      expect(await market.cash()).to.equal(SEED_ASSETS);
    });

    describe("#deposit", function () {
      it("mints assets * (supply + 1e6) / (totalAssets + 1) shares and counts the cash", async function () {
        const { market, usdc, alice } = await load(marketFixture);
        // 1e10 * (1e12 + 1e6) / (1e6 + 1) = 1e10 * 1e6 = 1e16
        expect(await market.previewDeposit(SUPPLY)).to.equal(10n ** 16n);
        await expect(market.connect(alice).deposit(SUPPLY, alice.address))
          .to.emit(market, "Deposit")
          .withArgs(alice.address, alice.address, SUPPLY, 10n ** 16n);
        expect(await market.balanceOf(alice.address)).to.equal(10n ** 16n);
        expect(await market.cash()).to.equal(SUPPLY + SEED_ASSETS);
        expect(await usdc.balanceOf(market)).to.equal(SUPPLY + SEED_ASSETS);
      });

      it("credits the receiver and charges the caller", async function () {
        const { market, usdc, alice, bob } = await load(marketFixture);
        await market.connect(alice).deposit(SUPPLY, bob.address);
        expect(await market.balanceOf(bob.address)).to.equal(10n ** 16n);
        expect(await market.balanceOf(alice.address)).to.equal(0n);
        expect(await usdc.balanceOf(bob.address)).to.equal(1_000_000n * USDC);
        expect(await usdc.balanceOf(alice.address)).to.equal(1_000_000n * USDC - SUPPLY);
      });
    });

    describe("#mint", function () {
      it("pulls shares * (totalAssets + 1) / (supply + 1e6) assets, rounded up", async function () {
        const { market, alice } = await load(marketFixture);
        // 1e16 * (1e6 + 1) / (1e12 + 1e6) = 1e10 exactly; 1 share: ceil(1 / 1e6) = 1 wei
        expect(await market.previewMint(10n ** 16n)).to.equal(SUPPLY);
        expect(await market.previewMint(1n)).to.equal(1n);
        await expect(market.connect(alice).mint(10n ** 16n, alice.address))
          .to.emit(market, "Deposit")
          .withArgs(alice.address, alice.address, SUPPLY, 10n ** 16n);
        expect(await market.cash()).to.equal(SUPPLY + SEED_ASSETS);
      });
    });

    describe("once interest has moved the share price", function () {
      it("deposit and redeem round shares and assets down, mint and withdraw round up, as the model", async function () {
        const { sim, market, alice, carol, usdc } = await load(borrowedFixture);
        await sim.mine(30n * 86_400n);
        const m = sim.model;
        // the price is no longer 1e6 shares a wei: each conversion has a remainder to round
        const ta = (t: bigint) => m.totalAssets(t) + 1n;
        const ts = () => m.totalSupply + 10n ** 6n;

        const depositShares = mulDivDown(1_000n * USDC, ts(), ta(sim.t + 1n));
        expect(await sim.deposit(carol, 1_000n * USDC)).to.equal(depositShares);
        expect(await market.balanceOf(carol.address)).to.equal(depositShares);

        // mint 1e15 shares: ceil(1e15 * ta / ts)
        const mintCost = mulDivUp(10n ** 15n, ta(sim.t + 1n), ts());
        const before = await usdc.balanceOf(carol.address);
        await sim.send(() => market.connect(carol).mint(10n ** 15n, carol.address));
        expect(m.mint(carol.address, 10n ** 15n, sim.t)).to.equal(mintCost);
        expect(before - (await usdc.balanceOf(carol.address))).to.equal(mintCost);

        // withdraw 100 USDC burns ceil(1e8 * ts / ta) shares
        const burnt = mulDivUp(100n * USDC, ts(), ta(sim.t + 1n));
        const held = await market.balanceOf(carol.address);
        await sim.send(() => market.connect(carol).withdraw(100n * USDC, carol.address, carol.address));
        expect(m.withdraw(carol.address, 100n * USDC, sim.t)).to.equal(burnt);
        expect(held - (await market.balanceOf(carol.address))).to.equal(burnt);

        // redeem alice's 1e15 shares pays floor(1e15 * ta / ts)
        const paid = mulDivDown(10n ** 15n, ta(sim.t + 1n), ts());
        const aliceUsdc = await usdc.balanceOf(alice.address);
        expect(await sim.redeem(alice, 10n ** 15n)).to.equal(paid);
        expect((await usdc.balanceOf(alice.address)) - aliceUsdc).to.equal(paid);
        await sim.expectTotals();
      });
    });

    describe("#withdraw and #redeem", function () {
      it("are bounded by the cash: lent assets come back as borrowers repay", async function () {
        const { market, sim, alice } = await load(borrowedFixture);
        // cash = 1 + 10,000 - 2,500 = 7,501 USDC
        expect(await market.cash()).to.equal(7_501n * USDC);
        expect(await market.maxWithdraw(alice.address)).to.equal(7_501n * USDC);
        await sim.next();
        await expect(market.connect(alice).withdraw(7_501n * USDC + 1n, alice.address, alice.address, GAS))
          .to.be.revertedWithCustomError(market, "ERC4626ExceededMaxWithdraw")
          .withArgs(alice.address, 7_501n * USDC + 1n, 7_501n * USDC);
        await sim.mine();
        // maxRedeem = shares worth the cash, rounded down
        expect(await market.maxRedeem(alice.address)).to.equal(sim.model.maxRedeem(alice.address, sim.t));
        expect(await market.maxRedeem(alice.address)).to.equal(
          mulDivDown(7_501n * USDC, sim.model.totalSupply + 10n ** 6n, sim.model.totalAssets(sim.t) + 1n),
        );
      });

      it("maxWithdraw is previewRedeem(maxRedeem): the cash in whole shares, a wei below it here", async function () {
        const { market, sim, alice, bob } = await load(suppliedFixture);
        await sim.supplyCollateral(bob, 10n * E18);
        await sim.borrow(bob, 8_000n * USDC);
        await sim.mine(86_400n);
        const m = sim.model;
        const [ta, ts] = [m.totalAssets(sim.t) + 1n, m.totalSupply + 10n ** 6n];
        // maxRedeem = floor(2,001e6 * ts / ta); its assets floor(maxRedeem * ta / ts) = 2,000,999,999
        const maxRedeem = mulDivDown(2_001n * USDC, ts, ta);
        expect(await market.maxRedeem(alice.address)).to.equal(maxRedeem);
        expect(mulDivDown(maxRedeem, ta, ts)).to.equal(2_001n * USDC - 1n);
        expect(await market.maxWithdraw(alice.address)).to.equal(2_001n * USDC - 1n);
        expect(m.maxWithdraw(alice.address, sim.t)).to.equal(2_001n * USDC - 1n);
        await sim.next();
        const refused = modelError(() => m.clone().withdraw(alice.address, 2_001n * USDC, sim.t));
        await expect(market.connect(alice).withdraw(2_001n * USDC, alice.address, alice.address, GAS))
          .to.be.revertedWithCustomError(market, "ERC4626ExceededMaxWithdraw")
          .withArgs(...refused.args);
        expect(refused.args).to.deep.equal([alice.address, 2_001n * USDC, 2_001n * USDC - 1n]);
      });

      it("withdraw sends to the receiver and burns the owner's shares; redeem all of them too", async function () {
        const { market, usdc, alice, bob } = await load(suppliedFixture);
        await expect(market.connect(alice).withdraw(1_000n * USDC, bob.address, alice.address))
          .to.emit(market, "Withdraw")
          .withArgs(alice.address, bob.address, alice.address, 1_000n * USDC, 10n ** 15n);
        expect(await usdc.balanceOf(bob.address)).to.equal(1_001_000n * USDC);
        await market.connect(alice).redeem(9n * 10n ** 15n, alice.address, alice.address);
        expect(await market.balanceOf(alice.address)).to.equal(0n);
        expect(await market.cash()).to.equal(SEED_ASSETS);
        expect(await usdc.balanceOf(alice.address)).to.equal(1_000_000n * USDC - 1_000n * USDC);
      });
    });

    describe("#totalAssets", function () {
      it("is cash + borrows with interest to the current second", async function () {
        const { market, sim } = await load(borrowedFixture);
        await sim.mine(365n * 86_400n);
        const borrows = sim.model.totalBorrows(sim.t);
        expect(borrows).to.be.greaterThan(2_500n * USDC);
        expect(await market.totalBorrows()).to.equal(borrows);
        expect(await market.totalAssets()).to.equal(7_501n * USDC + borrows);
      });
    });

    describe("a donation", function () {
      it("changes no exchange rate, no total and no preview: cash is counted, not read", async function () {
        // no borrows: nothing but a donation could move these views from one second to the next
        const { market, sim, usdc, dave, carol } = await load(suppliedFixture);
        const seen = async () => [
          await market.cash(),
          await market.totalAssets(),
          await market.convertToAssets(10n ** 18n),
          await market.previewDeposit(1_000n * USDC),
          await market.previewRedeem(10n ** 15n),
          await market.maxWithdraw(DEAD),
        ];
        const before = await seen();
        await sim.send(() => usdc.connect(dave).transfer(market, 1_000_000n * USDC));
        expect(await seen()).to.deep.equal(before);
        expect(await usdc.balanceOf(market)).to.equal(before[0] + 1_000_000n * USDC);
        expect(await market.convertToAssets(10n ** 18n)).to.equal(10n ** 12n); // 1e18 shares, 1e6 a wei
        // and the next deposit mints what the model, which never saw the donation, says
        expect(await market.balanceOf(carol.address)).to.equal(0n);
        const shares = await sim.deposit(carol, 1_000n * USDC);
        expect(await market.balanceOf(carol.address)).to.equal(shares);
        await sim.expectTotals();
      });
    });
  });

  describe("collateral", function () {
    describe("#supplyCollateral", function () {
      it("pulls from the caller and credits onBehalf", async function () {
        const { market, weth, carol, bob } = await load(marketFixture);
        await expect(market.connect(carol).supplyCollateral(2n * E18, bob.address))
          .to.emit(market, "CollateralSupplied")
          .withArgs(carol.address, bob.address, 2n * E18);
        expect(await market.collateralOf(bob.address)).to.equal(2n * E18);
        expect(await market.collateralOf(carol.address)).to.equal(0n);
        expect(await weth.balanceOf(carol.address)).to.equal(998n * E18);
        expect(await weth.balanceOf(market)).to.equal(2n * E18);
      });

      it("refuses a zero amount and the zero address", async function () {
        const { market, bob } = await load(marketFixture);
        await expect(market.connect(bob).supplyCollateral(0n, bob.address)).to.be.revertedWithCustomError(
          market,
          "ZeroAmount",
        );
        await expect(
          market.connect(bob).supplyCollateral(1n, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(market, "ZeroAddress");
      });
    });

    describe("#withdrawCollateral", function () {
      it("without debt, pays the receiver and needs no price", async function () {
        const { market, oracle, weth, carol, dave } = await load(marketFixture);
        await market.connect(carol).supplyCollateral(2n * E18, carol.address);
        await setCode(oracle, REVERT_CODE);
        await expect(market.connect(carol).withdrawCollateral(2n * E18, dave.address))
          .to.emit(market, "CollateralWithdrawn")
          .withArgs(carol.address, dave.address, 2n * E18);
        expect(await market.collateralOf(carol.address)).to.equal(0n);
        expect(await weth.balanceOf(dave.address)).to.equal(1_002n * E18);
      });

      it("with debt, down to health 1 exactly, and not one wei further: Unhealthy(account, health)", async function () {
        const { market, sim, bob } = await load(suppliedFixture);
        await sim.supplyCollateral(bob, 10n * E18);
        await sim.borrow(bob, 8_000n * USDC);
        // the next second's debt D; collateral c is enough iff floor(floor(c * 3e27 / 1e36) * 0.86) >= D,
        // i.e. floor(3c / 1e9) >= v = ceil(D / 0.86), i.e. c >= ceil(v * 1e9 / 3)
        const cMinAt = (t: bigint) =>
          mulDivUp(mulDivUp(sim.model.debtOf(bob.address, t), E18, LLTV), 10n ** 9n, 3n);
        const cMin = cMinAt(sim.t + 1n);
        await sim.withdrawCollateral(bob, 10n * E18 - cMin);
        expect(await market.collateralOf(bob.address)).to.equal(cMin);
        expect(await market.healthFactor(bob.address)).to.equal(E18);
        // a second later, one wei more fails (at the debt of that second)
        const debt = sim.model.debtOf(bob.address, sim.t + 1n);
        await sim.next();
        await expect(market.connect(bob).withdrawCollateral(1n, bob.address, GAS))
          .to.be.revertedWithCustomError(market, "Unhealthy")
          .withArgs(
            bob.address,
            mulDivDown(mulDivDown((3n * (cMin - 1n)) / 10n ** 9n, LLTV, E18), E18, debt),
          );
      });

      it("refuses more than the account holds, zero, and the zero receiver", async function () {
        const { market, bob } = await load(borrowedFixture);
        await expect(market.connect(bob).withdrawCollateral(E18 + 1n, bob.address))
          .to.be.revertedWithCustomError(market, "InsufficientCollateral")
          .withArgs(E18 + 1n, E18);
        await expect(market.connect(bob).withdrawCollateral(0n, bob.address)).to.be.revertedWithCustomError(
          market,
          "ZeroAmount",
        );
        await expect(
          market.connect(bob).withdrawCollateral(1n, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(market, "ZeroAddress");
      });
    });
  });

  describe("#borrow", function () {
    it("lends up to collateral * price * lltv: health 1e18 at the limit, Unhealthy one wei above", async function () {
      const { market, usdc, bob, carol } = await load(suppliedFixture);
      await market.connect(bob).supplyCollateral(E18, bob.address);
      // maxDebt = 1e18 * 3e27 / 1e36 * 0.86 = 2,580 USDC. One wei more: shares = 2,580,000,001e6, debt
      // 2,580,000,001 and health floor(2,580e6 * 1e18 / 2,580,000,001) = 999,999,999,612,403,100
      await expect(market.connect(bob).borrow(2_580n * USDC + 1n, bob.address))
        .to.be.revertedWithCustomError(market, "Unhealthy")
        .withArgs(bob.address, 999_999_999_612_403_100n);
      // the first borrow mints assets * (0 + 1e6) / (0 + 1) shares, rounded up
      await expect(market.connect(bob).borrow(2_580n * USDC, carol.address))
        .to.emit(market, "Borrowed")
        .withArgs(bob.address, carol.address, 2_580n * USDC, 2_580n * USDC * 10n ** 6n);
      expect(await usdc.balanceOf(carol.address)).to.equal(1_002_580n * USDC);
      expect(await market.healthFactor(bob.address)).to.equal(E18);
      expect(await market.debtOf(bob.address)).to.equal(2_580n * USDC);
      expect(await market.totalBorrows()).to.equal(2_580n * USDC);
      expect(await market.cash()).to.equal(SUPPLY + SEED_ASSETS - 2_580n * USDC);
    });

    it("rounds a later borrower's shares up once interest has accrued", async function () {
      const { market, sim, feed, carol } = await load(borrowedFixture);
      await sim.supplyCollateral(carol, E18, 86_400n);
      await sim.setAnswer(feed, ETH_PRICE_ANSWER);
      const [a, s] = [sim.model.totalBorrows(sim.t + 1n), sim.model.borrowShares];
      expect(await sim.borrow(carol, 1_000n * USDC)).to.equal(mulDivUp(1_000n * USDC, s + 10n ** 6n, a + 1n));
      expect(await market.borrowSharesOf(carol.address)).to.equal(
        mulDivUp(1_000n * USDC, s + 10n ** 6n, a + 1n),
      );
      await sim.expectTotals();
    });

    it("refuses more than the cash: InsufficientCash(assets, cash)", async function () {
      const { market, bob } = await load(suppliedFixture);
      await market.connect(bob).supplyCollateral(100n * E18, bob.address);
      await expect(market.connect(bob).borrow(SUPPLY + SEED_ASSETS + 1n, bob.address))
        .to.be.revertedWithCustomError(market, "InsufficientCash")
        .withArgs(SUPPLY + SEED_ASSETS + 1n, SUPPLY + SEED_ASSETS);
    });

    it("refuses zero and the zero receiver", async function () {
      const { market, bob } = await load(borrowedFixture);
      await expect(market.connect(bob).borrow(0n, bob.address)).to.be.revertedWithCustomError(
        market,
        "ZeroAmount",
      );
      await expect(market.connect(bob).borrow(1n, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        market,
        "ZeroAddress",
      );
    });
  });

  describe("#repay", function () {
    it("partially: burns floor(assets * shares / borrows) shares and charges their value rounded up", async function () {
      const { market, sim, bob } = await load(borrowedFixture);
      await sim.mine(86_400n);
      const t = sim.t + 1n;
      const [a, s] = [sim.model.totalBorrows(t), sim.model.borrowShares];
      const shares = mulDivDown(1_000n * USDC, s + 10n ** 6n, a + 1n);
      const charged = mulDivUp(shares, a + 1n, s + 10n ** 6n);
      expect(charged).to.be.at.most(1_000n * USDC);
      await sim.next();
      expect(await market.connect(bob).repay.staticCall(1_000n * USDC, bob.address)).to.equal(charged);
      await expect(market.connect(bob).repay(1_000n * USDC, bob.address))
        .to.emit(market, "Repaid")
        .withArgs(bob.address, bob.address, charged, shares);
      expect(sim.model.repay(bob.address, 1_000n * USDC, sim.t)).to.deep.equal({ repaid: charged, shares });
      expect(await market.borrowSharesOf(bob.address)).to.equal(s - shares);
      await sim.expectTotals();
    });

    it("type(uint256).max repays all, interest to the second included, and returns it", async function () {
      const { market, sim, bob, usdc } = await load(borrowedFixture);
      await sim.mine(100n * 86_400n);
      const debt = sim.model.debtOf(bob.address, sim.t + 1n);
      const before = await usdc.balanceOf(bob.address);
      await sim.next();
      await expect(market.connect(bob).repay(MAX, bob.address))
        .to.emit(market, "Repaid")
        .withArgs(bob.address, bob.address, debt, 2_500n * USDC * 10n ** 6n);
      expect(before - (await usdc.balanceOf(bob.address))).to.equal(debt);
      expect(await market.debtOf(bob.address)).to.equal(0n);
      expect(await market.borrowSharesOf(bob.address)).to.equal(0n);
      expect(await market.totalBorrows()).to.equal(0n);
      expect(await market.totalBorrowShares()).to.equal(0n);
      expect(await market.healthFactor(bob.address)).to.equal(MAX);
      expect(await market.cash()).to.equal(7_501n * USDC + debt);
    });

    it("an amount above the debt is charged the debt only", async function () {
      const { market, sim, bob, usdc } = await load(borrowedFixture);
      await sim.mine(86_400n);
      const debt = sim.model.debtOf(bob.address, sim.t + 1n);
      const before = await usdc.balanceOf(bob.address);
      expect(await sim.repay(bob, 1_000_000n * USDC)).to.deep.equal({
        repaid: debt,
        shares: 2_500n * USDC * 10n ** 6n,
      });
      expect(before - (await usdc.balanceOf(bob.address))).to.equal(debt);
      expect(await market.borrowSharesOf(bob.address)).to.equal(0n);
      expect(await market.totalBorrows()).to.equal(0n);
    });

    it("onBehalf: the caller pays, the account's debt falls", async function () {
      const { market, sim, bob, carol, usdc } = await load(borrowedFixture);
      const before = await usdc.balanceOf(carol.address);
      const { repaid } = await sim.repay(carol, MAX, bob.address);
      expect(before - (await usdc.balanceOf(carol.address))).to.equal(repaid);
      expect(await usdc.balanceOf(bob.address)).to.equal(1_002_500n * USDC);
      expect(await market.debtOf(bob.address)).to.equal(0n);
      await sim.expectTotals();
    });

    it("refuses an account without debt, zero, and the zero address", async function () {
      const { market, bob, carol } = await load(borrowedFixture);
      await expect(market.connect(carol).repay(1n, carol.address))
        .to.be.revertedWithCustomError(market, "NoDebt")
        .withArgs(carol.address);
      await expect(market.connect(bob).repay(0n, bob.address)).to.be.revertedWithCustomError(
        market,
        "ZeroAmount",
      );
      await expect(market.connect(bob).repay(1n, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        market,
        "ZeroAddress",
      );
    });
  });

  describe("interest", function () {
    /** Alice's 10,000 USDC, bob's 8,000 borrowed against 10 WETH: cash 2,001, borrows 8,000. */
    async function eightyPercentFixture() {
      const f = await suppliedFixture();
      await f.sim.supplyCollateral(f.bob, 10n * E18);
      await f.sim.borrow(f.bob, 8_000n * USDC);
      return f;
    }

    it("accrues borrows * (x + x²/2 + x³/6) per second from the kinked model, by hand for one day", async function () {
      const { market, sim, bob } = await load(eightyPercentFixture);
      // slope1 = floor(5e16 / 31,536,000) = 1,585,489,599 per second
      // u = floor(8e9 * 1e18 / 10,001e6) = 799,920,007,999,200,079 (below the 80% kink)
      // r = floor(u * slope1 / 1e18) = 1,268,264,852; x = r * 86,400 = 109,578,083,212,800
      // x² / 2e18 = 6,003,678,160; x²/2 * x / 3e18 = 219,290; growth = 109,584,087,110,250
      // interest = floor(8e9 * growth / 1e18) = 876,672 (0.876672 USDC: 8,000 * ~4%/yr for a day)
      expect(RATE_PARAMS.slope1).to.equal(1_585_489_599n);
      expect(await market.utilization()).to.equal(799_920_007_999_200_079n);
      expect(await market.borrowRatePerSecond()).to.equal(1_268_264_852n);
      expect(compoundedGrowth(1_268_264_852n, 86_400n)).to.equal(109_584_087_110_250n);
      await sim.next(86_400n);
      await expect(market.accrueInterest()).to.emit(market, "InterestAccrued").withArgs(876_672n);
      expect(await market.totalBorrows()).to.equal(8_000_876_672n);
      expect(await market.totalAssets()).to.equal(2_001n * USDC + 8_000_876_672n);
      expect(await market.lastAccrual()).to.equal(sim.t);
      // debtOf: ceil(8e15 * (8,000,876,672 + 1) / (8e15 + 1e6))
      expect(await market.debtOf(bob.address)).to.equal(
        mulDivUp(8n * 10n ** 15n, 8_000_876_673n, 8n * 10n ** 15n + 10n ** 6n),
      );
      // and the model says the same
      sim.model.accrue(sim.t);
      expect(sim.model.borrowAssets).to.equal(8_000_876_672n);
      await sim.expectTotals();
    });

    // r = 1,268,264,852 per second (above); interest = floor(8e9 * (x + x²/2e18 + x²/2 * x/3e18) / 1e18), x = r t
    const accruals: [string, bigint, bigint, bigint][] = [
      ["a second", 1n, 1_268_264_852n, 10n],
      ["a minute", 60n, 76_095_894_015n, 608n],
      ["an hour", 3_600n, 4_565_763_890_267n, 36_526n],
      ["a day", 86_400n, 109_584_087_110_250n, 876_672n],
      ["a year in one accrual (4.08% = e^0.04 - 1)", YEAR_SECONDS, 40_806_503_862_862_122n, 326_452_030n],
    ];
    for (const [name, elapsed, growth, interest] of accruals) {
      it(`accrues ${name}: growth ${growth}, interest ${interest}`, async function () {
        const { market, sim } = await load(eightyPercentFixture);
        expect(compoundedGrowth(1_268_264_852n, elapsed)).to.equal(growth);
        await sim.next(elapsed);
        await expect(market.accrueInterest()).to.emit(market, "InterestAccrued").withArgs(interest);
        expect(await market.totalBorrows()).to.equal(8_000n * USDC + interest);
      });
    }

    it("the views accrue to now without a transaction: totalBorrows, debtOf, utilization, rates", async function () {
      const { market, sim, bob } = await load(eightyPercentFixture);
      await sim.mine(86_400n);
      expect(await market.lastAccrual()).to.equal(sim.t - 86_400n);
      expect(await market.totalBorrows()).to.equal(8_000_876_672n);
      // utilization with interest: floor(8,000,876,672e18 / (2,001e6 + 8,000,876,672))
      const u = (8_000_876_672n * E18) / (2_001n * USDC + 8_000_876_672n);
      expect(await market.utilization()).to.equal(u);
      const r = (u * RATE_PARAMS.slope1) / E18;
      expect(await market.borrowRatePerSecond()).to.equal(r);
      expect(await market.supplyRatePerSecond()).to.equal((r * u) / E18);
      expect(await market.debtOf(bob.address)).to.equal(sim.model.debtOf(bob.address, sim.t));
    });

    it("above the kink adds (u - kink) * slope2", async function () {
      const { market, sim, bob } = await load(suppliedFixture);
      await sim.supplyCollateral(bob, 10n * E18);
      await sim.borrow(bob, 9_500n * USDC);
      // u = floor(9,500e6 * 1e18 / 10,001e6) = 949,905,009,499,050,094
      const u = (9_500n * E18) / 10_001n;
      expect(await market.utilization()).to.equal(u);
      const r =
        (RATE_PARAMS.kink * RATE_PARAMS.slope1) / E18 + ((u - RATE_PARAMS.kink) * RATE_PARAMS.slope2) / E18;
      expect(await market.borrowRatePerSecond()).to.equal(r);
      // floor(0.8e18 * slope1 / 1e18) + floor((u - 0.8e18) * slope2 / 1e18), slope2 = 95,129,375,951
      expect(r).to.equal(1_268_391_679n + 14_260_370_005n);
    });

    it("zero borrows accrue nothing and only move the clock", async function () {
      const { market, sim } = await load(suppliedFixture);
      await sim.next(YEAR_SECONDS);
      await expect(market.accrueInterest()).not.to.emit(market, "InterestAccrued");
      expect(await market.lastAccrual()).to.equal(sim.t);
      expect(await market.totalAssets()).to.equal(SUPPLY + SEED_ASSETS);
    });

    it("agree with the model over a year of monthly steps by four users", async function () {
      const { sim, feed, alice, bob, carol, dave } = await load(eightyPercentFixture);
      const month = 30n * 86_400n;
      await sim.supplyCollateral(carol, 5n * E18, month);
      await sim.setAnswer(feed, ETH_PRICE_ANSWER);
      await sim.borrow(carol, 1_000n * USDC);
      await sim.deposit(dave, 5_000n * USDC, month);
      await sim.repay(bob, 3_000n * USDC, bob.address, month);
      await sim.send(
        () => sim.market.connect(alice).withdraw(2_000n * USDC, alice.address, alice.address),
        month,
      );
      sim.model.withdraw(alice.address, 2_000n * USDC, sim.t);
      await sim.repay(carol, MAX, carol.address, month);
      await sim.deposit(alice, 1_000n * USDC, month);
      for (let i = 0; i < 6; i++) await sim.mine(month);
      await sim.expectTotals();
      await sim.repay(bob, MAX, bob.address);
      await sim.expectTotals();
      expect(sim.model.interest).to.be.greaterThan(0n);
    });
  });

  describe("#healthFactor", function () {
    it("is type(uint256).max without debt and (collateral * price * lltv) / debt with it", async function () {
      const { market, sim, bob, carol } = await load(borrowedFixture);
      expect(await market.healthFactor(carol.address)).to.equal(MAX);
      // floor(2,580e6 * 1e18 / 2,500e6) = 1.032e18 (the borrow's second: no interest yet)
      expect(await market.healthFactor(bob.address)).to.equal(1_032_000_000_000_000_000n);
      await sim.mine(86_400n);
      expect(await market.healthFactor(bob.address)).to.equal(
        sim.model.healthFactor(bob.address, sim.t, P3000),
      );
      expect(await market.healthFactor(bob.address)).to.be.lessThan(1_032_000_000_000_000_000n);
    });

    it("reads the last good price when the oracle fails", async function () {
      const { market, oracle, bob } = await load(borrowedFixture);
      const before = await market.healthFactor(bob.address);
      await setCode(oracle, REVERT_CODE);
      expect(await market.healthFactor(bob.address)).to.equal(before);
      await setCode(oracle, constantCode(0n));
      expect(await market.healthFactor(bob.address)).to.equal(before);
    });
  });

  describe("#liquidate", function () {
    const incentives: [string, bigint, bigint][] = [
      ["50%: 1 / 0.85 = 1.176 is above the bound", 500_000_000_000_000_000n, 1_150_000_000_000_000_000n],
      ["86%: 1 / 0.958", LLTV, INCENTIVE],
      ["95%: 1 / 0.985", 950_000_000_000_000_000n, 1_015_228_426_395_939_086n],
    ];
    for (const [name, lltv, incentive] of incentives) {
      it(`pays an incentive of min(1.15, 1 / (0.3 lltv + 0.7)), fixed at listing: lltv ${name}`, async function () {
        const { factory, weth, oracle, irm, admin } = await load(marketFixture);
        const loan = await ethers.deployContract("MockERC20", ["Loan", "LOAN", 6]);
        await loan.mint(admin.address, SEED_ASSETS);
        await loan.approve(factory, SEED_ASSETS);
        await factory.createMarket(loan, weth, oracle, irm, lltv, SEED_ASSETS);
        const listed = await ethers.getContractAt("LendingMarket", await factory.getMarket(loan, weth));
        expect(await listed.lltv()).to.equal(lltv);
        expect(await listed.liquidationIncentive()).to.equal(incentive);
        expect(await listed.MAX_LIQUIDATION_INCENTIVE()).to.equal(1_150_000_000_000_000_000n);
      });
    }

    it("refuses a healthy account: Healthy(borrower, health, 1e18)", async function () {
      const { market, sim, bob, carol } = await load(borrowedFixture);
      await sim.next();
      await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address, GAS))
        .to.be.revertedWithCustomError(market, "Healthy")
        .withArgs(bob.address, sim.model.healthFactor(bob.address, sim.t, P3000), E18);
    });

    it("refuses at health exactly 1e18 and accepts a second later (interest alone)", async function () {
      const { market, sim, bob, carol } = await load(suppliedFixture);
      await sim.supplyCollateral(bob, E18);
      // the largest borrow whose debt a second later is exactly 2,580 USDC (health 1e18): by the model
      let x = 2_580n * USDC;
      const healthNext = (assets: bigint) => {
        const m = sim.fork().model;
        m.borrow(bob.address, assets, sim.t + 1n, P3000);
        return m.healthFactor(bob.address, sim.t + 2n, P3000);
      };
      while (healthNext(x) < E18) x -= 1n;
      expect(healthNext(x)).to.equal(E18);
      await sim.borrow(bob, x);
      await sim.next();
      await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address, GAS))
        .to.be.revertedWithCustomError(market, "Healthy")
        .withArgs(bob.address, E18, E18);
      await sim.mine(10n);
      expect(await market.healthFactor(bob.address)).to.be.lessThan(E18);
      const { seized } = await sim.liquidate(carol, bob.address, 100n * USDC);
      expect(await market.collateralOf(bob.address)).to.equal(E18 - seized);
      await sim.expectTotals();
    });

    it("below 1: seizes repaid * incentive / price, exactly, and sends it to the receiver", async function () {
      const { market, sim, feed, bob, carol, dave, weth, usdc } = await load(borrowedFixture);
      expect(await market.liquidationIncentive()).to.equal(INCENTIVE);
      await sim.setAnswer(feed, 2_900n * 10n ** 8n);
      const price = priceOfAnswer(2_900n * 10n ** 8n);
      // health = floor(1e18 * 2.9e27 / 1e36 * 0.86) / debt = 2,494e6 / ~2,500e6 < 1
      // repay 1,000 USDC: A and S are in the ratio 1 : 1e6 plus the interest of two seconds
      const t = sim.t + 1n;
      const [a, s] = [sim.model.totalBorrows(t), sim.model.borrowShares];
      const shares = mulDivDown(1_000n * USDC, s + 10n ** 6n, a + 1n);
      const repaid = mulDivUp(shares, a + 1n, s + 10n ** 6n);
      // seized = floor(floor(repaid * 1.0438e18 / 1e18) * 1e36 / 2.9e27); for repaid = 1,000e6 it is
      // floor(1,043,841,336 * 1e9 / 2.9) = 359,945,288,275,862,068
      const seized = mulDivDown(mulDivDown(repaid, INCENTIVE, E18), 10n ** 36n, price);
      expect(mulDivDown(mulDivDown(1_000n * USDC, INCENTIVE, E18), 10n ** 36n, price)).to.equal(
        359_945_288_275_862_068n,
      );
      const usdcBefore = await usdc.balanceOf(carol.address);
      await sim.next();
      expect(
        await market.connect(carol).liquidate.staticCall(bob.address, 1_000n * USDC, dave.address),
      ).to.equal(seized);
      await expect(market.connect(carol).liquidate(bob.address, 1_000n * USDC, dave.address))
        .to.emit(market, "Liquidated")
        .withArgs(carol.address, bob.address, dave.address, repaid, shares, seized);
      expect(sim.model.liquidate(bob.address, 1_000n * USDC, sim.t, sim.price)).to.deep.equal({
        repaid,
        shares,
        seized,
        badDebt: 0n,
      });
      expect(await weth.balanceOf(dave.address)).to.equal(1_000n * E18 + seized);
      expect(usdcBefore - (await usdc.balanceOf(carol.address))).to.equal(repaid);
      expect(await market.collateralOf(bob.address)).to.equal(E18 - seized);
      expect(await market.totalBadDebt()).to.equal(0n);
      await sim.expectTotals();
    });

    it("when the collateral runs out, realises the rest as bad debt at once and the share price drops by it", async function () {
      const { market, sim, feed, bob, carol, alice } = await load(borrowedFixture);
      await sim.setAnswer(feed, 2_000n * 10n ** 8n);
      const price = priceOfAnswer(2_000n * 10n ** 8n);
      const t = sim.t + 1n;
      const m = sim.model;
      const [a, s] = [m.totalBorrows(t), m.borrowShares];
      // 1 WETH at $2,000 is worth less than the debt times the incentive: all of it goes, for
      // repaid = ceil(ceil(1e18 * 2e27 / 1e36) * 1e18 / incentive) = ceil(2,000e6 / 1.0438) = 1,916,000,001
      const repaid = mulDivUp(mulDivUp(E18, price, 10n ** 36n), E18, INCENTIVE);
      expect(repaid).to.equal(1_916_000_001n);
      const shares = mulDivDown(repaid, s + 10n ** 6n, a + 1n);
      // left: A' = A - repaid, S' = S - shares, all bob's; bad = min(ceil(S' (A' + 1) / (S' + 1e6)), A')
      const [a2, s2] = [a - repaid, s - shares];
      const bad = mulDivUp(s2, a2 + 1n, s2 + 10n ** 6n) < a2 ? mulDivUp(s2, a2 + 1n, s2 + 10n ** 6n) : a2;
      const cash = m.cash;
      const supply = m.totalSupply;
      const aliceShares = m.balanceOf(alice.address);
      await sim.next();
      await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address))
        .to.emit(market, "BadDebtRealized")
        .withArgs(bob.address, bad, s2)
        .and.to.emit(market, "Liquidated")
        .withArgs(carol.address, bob.address, carol.address, repaid, shares, E18);
      expect(m.liquidate(bob.address, MAX, sim.t, sim.price)).to.deep.equal({
        repaid,
        shares,
        seized: E18,
        badDebt: bad,
      });
      expect(await market.totalBadDebt()).to.equal(bad);
      expect(await market.collateralOf(bob.address)).to.equal(0n);
      expect(await market.borrowSharesOf(bob.address)).to.equal(0n);
      expect(await market.debtOf(bob.address)).to.equal(0n);
      // totalAssets was cash + A; it is now (cash + repaid) + (A - repaid - bad) = cash + A - bad
      expect(await market.totalBorrows()).to.equal(a2 - bad);
      expect(await market.totalAssets()).to.equal(cash + a - bad);
      // alice's 1e16 shares: worth floor(1e16 * (cash + A + 1) / (supply + 1e6)) before, with A - bad now
      expect(await market.convertToAssets(aliceShares)).to.equal(
        mulDivDown(aliceShares, cash + a - bad + 1n, supply + 10n ** 6n),
      );
      // her loss is her part of the bad debt, to the rounding of two floors
      const loss =
        mulDivDown(aliceShares, cash + a + 1n, supply + 10n ** 6n) -
        (await market.convertToAssets(aliceShares));
      expect(loss).to.be.closeTo((bad * aliceShares) / (supply + 10n ** 6n), 1n);
      expect(bad).to.be.greaterThan(580n * USDC); // 2,500 owed, 1,916 repaid
      await sim.expectTotals();
    });

    it("refuses an account without debt, zero, and the zero receiver", async function () {
      const { market, bob, carol } = await load(borrowedFixture);
      await expect(market.connect(carol).liquidate(carol.address, 1n, carol.address))
        .to.be.revertedWithCustomError(market, "NoDebt")
        .withArgs(carol.address);
      await expect(
        market.connect(carol).liquidate(bob.address, 0n, carol.address),
      ).to.be.revertedWithCustomError(market, "ZeroAmount");
      await expect(
        market.connect(carol).liquidate(bob.address, 1n, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
    });
  });

  describe("caps", function () {
    it("are set by the factory's owner only, each at most 2^128 - 1", async function () {
      const { market, admin, alice } = await load(marketFixture);
      expect(await market.supplyCap()).to.equal(UINT128_MAX);
      expect(await market.borrowCap()).to.equal(UINT128_MAX);
      await expect(market.connect(alice).setCaps(1n, 1n))
        .to.be.revertedWithCustomError(market, "NotFactoryOwner")
        .withArgs(alice.address);
      await expect(market.connect(admin).setCaps(UINT128_MAX + 1n, 0n))
        .to.be.revertedWithCustomError(market, "CapTooLarge")
        .withArgs(UINT128_MAX + 1n, UINT128_MAX);
      await expect(market.connect(admin).setCaps(0n, UINT128_MAX + 1n))
        .to.be.revertedWithCustomError(market, "CapTooLarge")
        .withArgs(UINT128_MAX + 1n, UINT128_MAX);
      await expect(market.connect(admin).setCaps(20_000n * USDC, 5_000n * USDC))
        .to.emit(market, "CapsSet")
        .withArgs(20_000n * USDC, 5_000n * USDC);
      expect(await market.supplyCap()).to.equal(20_000n * USDC);
      expect(await market.borrowCap()).to.equal(5_000n * USDC);
    });

    it("the supply cap bounds totalAssets after a deposit: maxDeposit, maxMint and ERC4626ExceededMaxDeposit", async function () {
      const { market, admin, alice } = await load(suppliedFixture);
      await market.connect(admin).setCaps(20_000n * USDC, UINT128_MAX);
      // 20,000 - 10,001 = 9,999 USDC left; shares at 1e6 a wei
      expect(await market.maxDeposit(alice.address)).to.equal(9_999n * USDC);
      expect(await market.maxMint(alice.address)).to.equal(9_999n * USDC * 10n ** 6n);
      await expect(market.connect(alice).deposit(9_999n * USDC + 1n, alice.address))
        .to.be.revertedWithCustomError(market, "ERC4626ExceededMaxDeposit")
        .withArgs(alice.address, 9_999n * USDC + 1n, 9_999n * USDC);
      await market.connect(alice).deposit(9_999n * USDC, alice.address);
      expect(await market.maxDeposit(alice.address)).to.equal(0n);
    });

    it("the borrow cap bounds total borrows: BorrowCapExceeded(totalBorrows, cap)", async function () {
      const { market, admin, bob } = await load(suppliedFixture);
      await market.connect(admin).setCaps(UINT128_MAX, 5_000n * USDC);
      await market.connect(bob).supplyCollateral(10n * E18, bob.address);
      await expect(market.connect(bob).borrow(5_000n * USDC + 1n, bob.address))
        .to.be.revertedWithCustomError(market, "BorrowCapExceeded")
        .withArgs(5_000n * USDC + 1n, 5_000n * USDC);
      await market.connect(bob).borrow(5_000n * USDC, bob.address);
      expect(await market.totalBorrows()).to.equal(5_000n * USDC);
    });

    it("bind new deposits and borrows only: withdrawals and repayments go on under a cap of zero", async function () {
      const { market, admin, alice, bob } = await load(borrowedFixture);
      await market.connect(admin).setCaps(0n, 0n);
      expect(await market.maxDeposit(alice.address)).to.equal(0n);
      await expect(market.connect(alice).deposit(1n, alice.address))
        .to.be.revertedWithCustomError(market, "ERC4626ExceededMaxDeposit")
        .withArgs(alice.address, 1n, 0n);
      await market.connect(bob).repay(MAX, bob.address);
      await market.connect(alice).withdraw(5_000n * USDC, alice.address, alice.address);
      await market.connect(bob).withdrawCollateral(E18, bob.address);
      expect(await market.collateralOf(bob.address)).to.equal(0n);
    });
  });

  describe("oracle failure (docs/lending.md, the oracle rules)", function () {
    const failures: [string, (f: Awaited<ReturnType<typeof borrowedFixture>>) => Promise<void>][] = [
      [
        "stale: no round for longer than maxStaleness",
        async ({ sim }) => {
          await sim.mine(MAX_STALENESS + 1n);
        },
      ],
      ["zero: the oracle answers 0", async ({ oracle }) => setCode(oracle, constantCode(0n))],
      ["broken: the oracle reverts", async ({ oracle }) => setCode(oracle, REVERT_CODE)],
    ];
    for (const [name, fail] of failures) {
      describe(`when ${name}`, function () {
        it("stops borrows and withdrawals of collateral backing debt: PriceUnavailable()", async function () {
          const f = await load(borrowedFixture);
          const { market, bob } = f;
          await fail(f);
          await expect(market.connect(bob).borrow(1n, bob.address)).to.be.revertedWithCustomError(
            market,
            "PriceUnavailable",
          );
          await expect(market.connect(bob).withdrawCollateral(1n, bob.address)).to.be.revertedWithCustomError(
            market,
            "PriceUnavailable",
          );
        });

        it("never stops supplies, withdrawals, collateral without debt and repayments", async function () {
          const f = await load(borrowedFixture);
          const { market, alice, bob, carol, usdc, weth } = f;
          await fail(f);
          await market.connect(carol).deposit(100n * USDC, carol.address);
          await market.connect(carol).mint(10n ** 12n, carol.address);
          await market.connect(carol).withdraw(50n * USDC, carol.address, carol.address);
          await market.connect(alice).redeem(10n ** 15n, alice.address, alice.address);
          await market.connect(carol).supplyCollateral(E18, carol.address);
          await market.connect(carol).withdrawCollateral(E18, carol.address);
          await market.connect(bob).supplyCollateral(E18, bob.address);
          await market.connect(bob).repay(100n * USDC, bob.address);
          await market.connect(bob).repay(MAX, bob.address);
          // without debt, bob's collateral comes back too
          await market.connect(bob).withdrawCollateral(2n * E18, bob.address);
          expect(await weth.balanceOf(bob.address)).to.equal(1_000n * E18);
          expect(await usdc.balanceOf(market)).to.equal(await market.cash());
        });
      });
    }

    /** bob's 2,500 USDC on 1 WETH; the market last read the price `answer` (carol's 1 USDC borrow). */
    async function lastPriceAt(answer: bigint) {
      const f = await load(borrowedFixture);
      const { sim, feed, carol } = f;
      await sim.setAnswer(feed, answer);
      await sim.supplyCollateral(carol, E18);
      await sim.borrow(carol, USDC);
      expect(await f.market.lastPrice()).to.equal(sim.price);
      await sim.mine(MAX_STALENESS + 1n); // the feed goes stale
      sim.price = undefined;
      return f;
    }

    it("liquidates a clearly unhealthy position (below 0.95) at the last good price", async function () {
      const { market, sim, bob, carol } = await lastPriceAt(2_700n * 10n ** 8n);
      const last = priceOfAnswer(2_700n * 10n ** 8n);
      // at $2,700: 2,322 / ~2,500 = 0.93 < 0.95
      expect(await market.healthFactor(bob.address)).to.equal(
        sim.model.healthFactor(bob.address, sim.t, undefined),
      );
      expect(await market.healthFactor(bob.address)).to.be.lessThan(950_000_000_000_000_000n);
      const t = sim.t + 1n;
      const [a, s] = [sim.model.totalBorrows(t), sim.model.borrowShares];
      const shares = mulDivDown(500n * USDC, s + 10n ** 6n, a + 1n);
      const repaid = mulDivUp(shares, a + 1n, s + 10n ** 6n);
      const { seized } = await sim.liquidate(carol, bob.address, 500n * USDC);
      expect(seized).to.equal(mulDivDown(mulDivDown(repaid, INCENTIVE, E18), 10n ** 36n, last));
      expect(await market.collateralOf(bob.address)).to.equal(E18 - seized);
      expect(await market.lastPrice()).to.equal(last);
      await sim.expectTotals();
    });

    it("does not liquidate in [0.95, 1) at the last good price: Healthy(borrower, health, 0.95e18)", async function () {
      const { market, sim, bob, carol } = await lastPriceAt(2_900n * 10n ** 8n);
      // at $2,900: 2,494 / ~2,500 = 0.9976
      await sim.next();
      const health = sim.model.healthFactor(bob.address, sim.t, undefined);
      expect(health).to.be.lessThan(E18).and.at.least(950_000_000_000_000_000n);
      await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address, GAS))
        .to.be.revertedWithCustomError(market, "Healthy")
        .withArgs(bob.address, health, 950_000_000_000_000_000n);
      expect(await market.STALE_LIQUIDATION_HEALTH()).to.equal(950_000_000_000_000_000n);
    });
  });
});
