import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { FurrowLens, LendingMarket, MockERC20 } from "../../typechain-types";
import {
  BORROW_REWARD_SPEED,
  E18,
  LLTV,
  RATE_PARAMS,
  SEED_ASSETS,
  USDC,
  lendingFixture,
  type LendingFixture,
} from "../fixtures";
import { kinkedRate, kinkedUtilization } from "../../src/model/lending";

const WAD = E18;
/** Alice's supply and bob's collateral and borrow in `suppliedAndBorrowedFixture`. */
const SUPPLY = 10_000n * USDC;
const COLLATERAL = E18;
const BORROW = 1_500n * USDC;

/** lendingFixture plus a lens over its farm and MarketFactory (no vaults, no sFUR). */
async function lendingLensFixture(): Promise<LendingFixture & { lens: FurrowLens }> {
  const f = await lendingFixture();
  const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
    f.farm,
    ethers.ZeroAddress,
    ethers.ZeroAddress,
    f.factory,
  ]);
  return { ...f, lens };
}

/**
 * Alice supplies SUPPLY; bob posts COLLATERAL of WETH and borrows BORROW; a second market (USDC
 * against a fresh 18-decimal token, same oracle and model, listed by admin) exists with nothing in it
 * but its seed. `block` is bob's borrow's block: read there, no interest has accrued.
 */
async function suppliedAndBorrowedFixture() {
  const f = await lendingLensFixture();
  const { admin, alice, bob, usdc, oracle, irm, factory, market } = f;
  await market.connect(alice).deposit(SUPPLY, alice.address);
  await market.connect(bob).supplyCollateral(COLLATERAL, bob.address);
  const receipt = (await (await market.connect(bob).borrow(BORROW, bob.address)).wait())!;
  const other: MockERC20 = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
  await usdc.mint(admin.address, SEED_ASSETS);
  await usdc.approve(factory, SEED_ASSETS);
  await factory.createMarket(usdc, other, oracle, irm, LLTV, SEED_ASSETS);
  const second: LendingMarket = await ethers.getContractAt(
    "LendingMarket",
    await factory.getMarket(usdc, other),
  );
  return { ...f, other, second, block: receipt.blockNumber };
}

describe("FurrowLens: lending markets", function () {
  describe("#markets", function () {
    it("reads a market's tokens, totals, rates, lltv, price and borrow speed, and a user's place, exactly", async function () {
      const f = await loadFixture(suppliedAndBorrowedFixture);
      const { lens, market, usdc, weth, alice, bob, block } = f;
      const [a] = await lens.markets(alice.address, 0, 1, { blockTag: block });
      const [b] = await lens.markets(bob.address, 0, 1, { blockTag: block });

      expect([a.market, a.ok]).to.deep.equal([await market.getAddress(), true]);
      expect([a.loanToken, a.loanSymbol, a.loanDecimals]).to.deep.equal([
        await usdc.getAddress(),
        "USDC",
        6n,
      ]);
      expect([a.collateralToken, a.collateralSymbol, a.collateralDecimals]).to.deep.equal([
        await weth.getAddress(),
        "WETH",
        18n,
      ]);
      // cash = seed 1 USDC + 10,000 supplied − 1,500 lent = 8,501 USDC; borrows 1,500 (no interest yet).
      const cash = 8_501n * USDC;
      expect(a.cash).to.equal(cash);
      expect(a.totalBorrows).to.equal(BORROW);
      expect(a.totalAssets).to.equal(10_001n * USDC);
      // Shares (6 virtual decimals): the seed 1e6 → 1e12; alice 1e10·(1e12+1e6)/(1e6+1) = 1e16 exactly.
      expect(a.totalSupply).to.equal(10n ** 12n + 10n ** 16n);
      // 1.5e9·1e18 / 1.0001e10, floored.
      expect(a.utilization).to.equal(149_985_001_499_850_014n);
      expect(a.utilization).to.equal(kinkedUtilization(cash, BORROW));
      // Below the kink: 0 + u·slope1/1e18 with slope1 = 5e16 / 31,536,000 = 1,585,489,599 per second:
      // 149,985,001,499,850,014 · 1,585,489,599 / 1e18 = 237,799,659 (floored).
      const borrowRate = kinkedRate(RATE_PARAMS, cash, BORROW);
      expect(borrowRate).to.equal(237_799_659n);
      expect(a.borrowRatePerSecond).to.equal(borrowRate);
      // Suppliers: the borrow rate × utilization: 237,799,659 · 0.149985… = 35,666,382 (floored).
      expect(a.supplyRatePerSecond).to.equal((borrowRate * 149_985_001_499_850_014n) / WAD);
      expect(a.supplyRatePerSecond).to.equal(35_666_382n);
      expect(a.lltv).to.equal(LLTV);
      // $3,000 per WETH: 3,000·1e6 USDC wei per 1e18 WETH wei, × 1e36 = 3e27.
      expect([a.priceOk, a.price]).to.deep.equal([true, 3n * 10n ** 27n]);
      expect(a.borrowRewardPerSecond).to.equal(BORROW_REWARD_SPEED);
      expect(a.borrowRewards).to.equal(await f.rewards.getAddress());
      // Read in the borrow's own block: nothing mined yet, by the borrower or the supplier.
      expect([a.borrowRewardEarned, b.borrowRewardEarned]).to.deep.equal([0n, 0n]);

      // Alice: 1e16 shares in the wallet, redeeming for 1e16·(1.0001e10+1)/(1.0001e16+1e6) = 1e10 exactly.
      expect([a.shares, a.assets]).to.deep.equal([10n ** 16n, SUPPLY]);
      expect([a.collateral, a.debt, a.healthFactor]).to.deep.equal([0n, 0n, ethers.MaxUint256]);
      expect(a.walletLoan).to.equal(1_000_000n * USDC - SUPPLY);
      expect([a.loanAllowance, a.collateralAllowance]).to.deep.equal([ethers.MaxUint256, ethers.MaxUint256]);
      expect(a.walletCollateral).to.equal(1_000n * E18);

      // Bob: 1 WETH worth 1e18·3e27/1e36 = 3e9 USDC wei; × 0.86 = 2.58e9 of debt allowed; health
      // 2.58e9 · 1e18 / 1.5e9 = 1.72e18. Debt: shares 1.5e9·1e6 = 1.5e15 give back exactly 1.5e9.
      expect([b.shares, b.assets]).to.deep.equal([0n, 0n]);
      expect([b.collateral, b.debt]).to.deep.equal([COLLATERAL, BORROW]);
      expect(b.healthFactor).to.equal(172n * 10n ** 16n);
      expect(b.walletLoan).to.equal(1_000_000n * USDC + BORROW);
      expect(b.walletCollateral).to.equal(1_000n * E18 - COLLATERAL);
    });

    it("reports what the borrower mined: the only borrower takes the whole speed, less the index's rounding", async function () {
      const { lens, rewards, market, bob, block } = await loadFixture(suppliedAndBorrowedFixture);
      await time.increase(10);
      const [b] = await lens.markets(bob.address, 0, 1);
      const elapsed =
        BigInt((await ethers.provider.getBlock("latest"))!.timestamp) -
        BigInt((await ethers.provider.getBlock(block))!.timestamp);
      // Bob's 1.5e15 borrow shares are all there are: `elapsed` s of BORROW_REWARD_SPEED over them move
      // the index by floor(emitted * 1e24 / 1.5e15); bob is owed floor(1.5e15 * delta / 1e24).
      const shares = 1_500n * USDC * 10n ** 6n;
      const emitted = elapsed * BORROW_REWARD_SPEED;
      const owed = (shares * ((emitted * 10n ** 24n) / shares)) / 10n ** 24n;
      expect(b.borrowRewardEarned).to.equal(owed);
      expect(b.borrowRewardEarned).to.equal(await rewards.pendingReward(market, bob.address));
      expect(emitted - owed).to.be.at.most(1n); // the two floors lose under 1 + 1.5e15 / 1e24 wei
    });

    it("lists every market of the factory, paged by offset and limit", async function () {
      const { lens, market, second, bob } = await loadFixture(suppliedAndBorrowedFixture);
      const all = await lens.markets(bob.address, 0, 10);
      expect(all.map((m) => [m.market, m.ok])).to.deep.equal([
        [await market.getAddress(), true],
        [await second.getAddress(), true],
      ]);
      // The second market: only its 1 USDC seed; no borrows, so no utilization and rate 0 (base 0).
      expect([
        all[1].cash,
        all[1].totalBorrows,
        all[1].utilization,
        all[1].borrowRatePerSecond,
      ]).to.deep.equal([SEED_ASSETS, 0n, 0n, 0n]);
      expect(all[1].collateralSymbol).to.equal("OTH");
      expect(all[1].borrowRewardPerSecond).to.equal(0n);
      expect((await lens.markets(bob.address, 1, 1)).map((m) => m.market)).to.deep.equal([
        await second.getAddress(),
      ]);
      expect((await lens.markets(bob.address, 0, 1)).map((m) => m.market)).to.deep.equal([
        await market.getAddress(),
      ]);
      expect((await lens.markets(bob.address, 2, 5)).length).to.equal(0);
    });

    it("reads the market without a user: the user's fields are zero", async function () {
      const { lens, block } = await loadFixture(suppliedAndBorrowedFixture);
      const [m] = await lens.markets(ethers.ZeroAddress, 0, 1, { blockTag: block });
      expect(m.totalBorrows).to.equal(BORROW);
      expect([m.shares, m.assets, m.collateral, m.debt, m.healthFactor, m.walletLoan]).to.deep.equal([
        0n,
        0n,
        0n,
        0n,
        0n,
        0n,
      ]);
    });

    it("flags an oracle that reverts (a stale feed) and still reads the market", async function () {
      const { lens, market, bob } = await loadFixture(suppliedAndBorrowedFixture);
      // MAX_STALENESS is 1 hour: past it the oracle reverts StalePrice.
      await time.increase(3_601);
      const oracle = await ethers.getContractAt("ChainlinkOracle", await market.oracle());
      await expect(oracle.price()).to.be.revertedWithCustomError(oracle, "StalePrice");
      const [m] = await lens.markets(bob.address, 0, 1);
      expect([m.ok, m.priceOk, m.price]).to.deep.equal([true, false, 0n]);
      expect(m.collateral).to.equal(COLLATERAL);
      // The market's own health factor falls back to the last good price; the lens reports it as is.
      expect(m.healthFactor).to.equal(await market.healthFactor(bob.address));
    });

    it("reports a market that reverts as failed and reads the others", async function () {
      const { lens, market, second, bob } = await loadFixture(suppliedAndBorrowedFixture);
      // PUSH1 0 PUSH1 0 REVERT: every call to the first market reverts.
      await ethers.provider.send("hardhat_setCode", [await market.getAddress(), "0x60006000fd"]);
      const all = await lens.markets(bob.address, 0, 10);
      expect(all.map((m) => [m.market, m.ok])).to.deep.equal([
        [await market.getAddress(), false],
        [await second.getAddress(), true],
      ]);
      expect([all[0].loanToken, all[0].totalAssets, all[0].debt]).to.deep.equal([ethers.ZeroAddress, 0n, 0n]);
      expect(all[1].cash).to.equal(SEED_ASSETS);
    });

    it("proof: read without the guard (marketAt itself, as an unguarded list would), that market reverts the call", async function () {
      const { lens, market, bob } = await loadFixture(suppliedAndBorrowedFixture);
      await ethers.provider.send("hardhat_setCode", [await market.getAddress(), "0x60006000fd"]);
      await expect(lens.marketAt(bob.address, market)).to.be.reverted;
    });

    it("is empty for a lens without a MarketFactory", async function () {
      const { farm, bob } = await loadFixture(suppliedAndBorrowedFixture);
      const bare: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      expect(await bare.marketFactory()).to.equal(ethers.ZeroAddress);
      expect((await bare.markets(bob.address, 0, 10)).length).to.equal(0);
      expect((await bare.overview(bob.address, 0, 10)).markets.length).to.equal(0);
    });
  });

  describe("#overview", function () {
    it("carries the page's markets with the user's place", async function () {
      const { lens, factory, market, second, bob, block } = await loadFixture(suppliedAndBorrowedFixture);
      expect(await lens.marketFactory()).to.equal(await factory.getAddress());
      const o = await lens.overview(bob.address, 0, 10, { blockTag: block });
      // At bob's borrow's block the second market was not listed yet.
      expect(o.markets.map((m) => [m.market, m.debt])).to.deep.equal([[await market.getAddress(), BORROW]]);
      const now = await lens.overview(bob.address, 1, 10);
      expect(now.markets.map((m) => m.market)).to.deep.equal([await second.getAddress()]);
    });
  });
});
