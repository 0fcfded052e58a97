import { expect } from "chai";
import {
  BorrowRewardsModel,
  compoundedGrowth,
  kinkedRate,
  LendingMarketModel,
  LendingModelError,
  liquidationIncentive,
  SECONDS_PER_YEAR,
} from "../../src/model";

const W = 10n ** 18n;
const USDC = 10n ** 6n;
/** The lending fixture's kinked model: 0 base, 5%/yr to an 80% kink, 300%/yr above. */
const RATE = {
  base: 0n,
  slope1: (5n * W) / 100n / SECONDS_PER_YEAR,
  slope2: (300n * W) / 100n / SECONDS_PER_YEAR,
  kink: (80n * W) / 100n,
};
/** $3,000 a WETH in USDC units per WETH wei, 1e36-scaled: 3000e6 * 1e36 / 1e18. */
const P3000 = 3n * 10n ** 27n;
const LLTV = 86n * 10n ** 16n;

function market(rewards?: BorrowRewardsModel): LendingMarketModel {
  return new LendingMarketModel({
    lltv: LLTV,
    rate: (c, b) => kinkedRate(RATE, c, b),
    deployTime: 1_000n,
    price: P3000,
    rewards,
  });
}

describe("src/model/lending (LendingMarket by hand)", function () {
  it("bounds the liquidation incentive by min(1.15, 1 / (0.3 lltv + 0.7))", function () {
    const rows: [bigint, bigint][] = [
      [LLTV, 1_043_841_336_116_910_229n], // 1e36 / 0.958e18
      [95n * 10n ** 16n, 1_015_228_426_395_939_086n], // 1e36 / 0.985e18
      [50n * 10n ** 16n, 1_150_000_000_000_000_000n], // 1 / 0.85 = 1.176 > 1.15
    ];
    for (const [lltv, incentive] of rows) expect(liquidationIncentive(lltv)).to.equal(incentive);
  });

  it("compounds x + x²/2 + x³/6 with each term floored", function () {
    // 100%/yr: r = floor(1e18 / 31,536,000) = 31,709,791,983; x = r * YEAR = 999,999,999,975,888,000
    // x²/2e18 = 499,999,999,975,888,000; x²/2 * x / 3e18 = 166,666,666,654,610,666
    expect(compoundedGrowth(W / SECONDS_PER_YEAR, SECONDS_PER_YEAR)).to.equal(1_666_666_666_606_386_666n);
    // capped at x = 1e22: 1e22 + 5e25 + floor(5e25 * 1e22 / 3e18) = 1e22 + 5e25 + 1.666...e29
    expect(compoundedGrowth(10n ** 30n, 10n ** 30n)).to.equal(
      10n ** 22n + 5n * 10n ** 25n + (5n * 10n ** 47n) / (3n * W),
    );
  });

  it("prices the kinked model on both sides of the kink", function () {
    // slope1 = floor(0.05e18 / YEAR) = 1,585,489,599; slope2 = floor(3e18 / YEAR) = 95,129,375,951
    expect(kinkedRate(RATE, 1n, 1n)).to.equal(792_744_799n); // u = 50%: slope1 / 2
    // u = 90%: 0.8 * slope1 + 0.1 * slope2 = 1,268,391,679 + 9,512,937,595
    expect(kinkedRate(RATE, 1n, 9n)).to.equal(10_781_329_274n);
    expect(kinkedRate(RATE, 1n, 0n)).to.equal(0n);
  });

  describe("a supplier, a borrower, a year, a drawdown", function () {
    // seed 1 USDC: 1e6 * (0 + 1e6) / (0 + 1) = 1e12 shares; alice 10,000 USDC:
    // 1e10 * (1e12 + 1e6) / (1e6 + 1) = 1e16 shares (the seed set the price to 1e6 shares a unit)
    function setup() {
      const m = market();
      expect(m.deposit("dead", USDC, 1_000n)).to.equal(10n ** 12n);
      expect(m.deposit("alice", 10_000n * USDC, 1_000n)).to.equal(10n ** 16n);
      m.supplyCollateral("bob", W);
      // 2,000 USDC: ceil(2e9 * 1e6 / 1) = 2e15 borrow shares
      expect(m.borrow("bob", 2_000n * USDC, 1_000n, P3000)).to.equal(2n * 10n ** 15n);
      return m;
    }

    it("measures health as collateral value x lltv / debt", function () {
      const m = setup();
      // debt ceil(2e15 * (2e9 + 1) / (2e15 + 1e6)) = 2e9; max debt 1e18 * 3e27 / 1e36 * 0.86 = 2.58e9
      expect(m.debtOf("bob", 1_000n)).to.equal(2_000n * USDC);
      expect(m.healthFactor("bob", 1_000n, P3000)).to.equal(129n * 10n ** 16n);
      // 2.58e9 - 2e9 = 580 USDC more would be exactly at the limit; 581 is not
      const err = (() => {
        try {
          m.borrow("bob", 581n * USDC, 1_000n, P3000);
        } catch (e) {
          return e as LendingModelError;
        }
      })();
      expect(err?.error).to.equal("Unhealthy");
      expect(m.borrowAssets).to.equal(2_000n * USDC); // the failed step changed nothing
    });

    it("accrues a year of interest at the kinked rate and pays it to suppliers", function () {
      const m = setup();
      // u = floor(2e9 * 1e18 / 10,001e6) = 199,980,001,999,800,019; rate = u * slope1 / 1e18 = 317,066,213
      // growth over a year 10,049,156,711,275,909; interest floor(2e9 * growth / 1e18) = 20,098,313
      expect(m.accrue(1_000n + SECONDS_PER_YEAR)).to.equal(20_098_313n);
      const t = 1_000n + SECONDS_PER_YEAR;
      expect(m.totalAssets(t)).to.equal(10_021_098_313n); // 8,001e6 cash + 2,020,098,313
      // alice's 1e16 shares are worth floor(1e16 * 10,021,098,314 / (1.0001e16 + 1e6)), but only the
      // cash can leave: 1e12 shares redeem floor(1e12 * 10,021,098,314 / (1.0001e16 + 1e6))
      expect(m.convertToAssets(10n ** 16n, t)).to.equal(10_020_096_303n);
      expect(m.redeem("alice", 10n ** 12n, t)).to.equal(1_002_009n);
      expect(() => m.redeem("alice", m.balanceOf("alice"), t)).to.throw(
        LendingModelError,
        "ERC4626ExceededMaxRedeem",
      );
    });

    it("liquidates below health 1 with the incentive, then realises bad debt when collateral runs out", function () {
      const m = setup();
      const P2000 = 2n * 10n ** 27n;
      expect(m.healthFactor("bob", 1_000n, P2000)).to.equal(86n * 10n ** 16n); // 1.72e9 / 2e9
      // 1,000 USDC: shares floor(1e9 * (2e15 + 1e6) / (2e9 + 1)) = 1e15, repaid ceil(...) = 1e9,
      // seized floor(1e9 * 1.0438... ) * 1e36 / 2e27 = 521,920,668 * 1e9
      expect(m.liquidate("bob", 1_000n * USDC, 1_000n, P2000)).to.deep.equal({
        repaid: 1_000n * USDC,
        shares: 10n ** 15n,
        seized: 521_920_668n * 10n ** 9n,
        badDebt: 0n,
      });
    });

    it("turns the debt collateral cannot cover into bad debt at once", function () {
      const m = setup();
      const P1000 = 10n ** 27n;
      // all 2e9 would seize 2.0877e18 > 1e18: seize 1e18, repay ceil(ceil(1e18 * 1e27 / 1e36) * 1e18 / inc)
      // = 958,000,001 (958,000,001e6 shares); the 1,041,999,999 left is bad debt
      expect(m.liquidate("bob", (1n << 256n) - 1n, 1_000n, P1000)).to.deep.equal({
        repaid: 958_000_001n,
        shares: 958_000_001n * 10n ** 6n,
        seized: W,
        badDebt: 1_041_999_999n,
      });
      expect([m.borrowAssets, m.borrowShares, m.totalBadDebt]).to.deep.equal([0n, 0n, 1_041_999_999n]);
      // suppliers bear it: 8,001e6 + 958,000,001 cash, no borrows
      expect(m.totalAssets(1_000n)).to.equal(8_959_000_001n);
    });

    it("refuses a healthy liquidation and a stale-price one above 0.95", function () {
      const m = setup();
      expect(() => m.liquidate("bob", USDC, 1_000n, P3000)).to.throw(LendingModelError, "Healthy");
      expect(() => m.borrow("bob", USDC, 1_000n, undefined)).to.throw(LendingModelError, "PriceUnavailable");
    });
  });

  describe("BorrowRewardsModel", function () {
    it("pays pro rata to borrow shares held before each change; an uninitialised account is owed nothing", function () {
      const r = new BorrowRewardsModel(W, 100n * W, 0n);
      r.onBorrowChange("bob", 0n, 0n, 1_000n); // first borrow: nothing held, the clock starts
      r.onBorrowChange("carol", 0n, 2n * 10n ** 15n, 1_010n); // 10 s x 1 FUR over 2e15: index 5e27
      expect(r.index).to.equal(5n * 10n ** 27n);
      expect(r.pending("carol", 10n ** 15n, 3n * 10n ** 15n, 1_010n)).to.equal(0n);
      // 10 s more over 3e15: delta floor(1e43 / 3e15) = 3,333,333,333,333,333,333,333,333,333
      expect(r.pending("bob", 2n * 10n ** 15n, 3n * 10n ** 15n, 1_020n)).to.equal(
        10n * W + 6_666_666_666_666_666_666n,
      );
      expect(r.pending("carol", 10n ** 15n, 3n * 10n ** 15n, 1_020n)).to.equal(3_333_333_333_333_333_333n);
      expect(r.claim("bob", 2n * 10n ** 15n, 3n * 10n ** 15n, 1_020n)).to.equal(16_666_666_666_666_666_666n);
      // credited: both emissions whole, 10e18 + 10e18 (the index's rounding is owed to nobody)
      expect(r.reserve).to.equal(100n * W - 20n * W);
      // budget-bounded: a long wait emits only the reserve
      r.accrue(3n * 10n ** 15n, 1_000_000n);
      expect(r.credited <= 100n * W).to.equal(true);
      expect(r.reserve < 10n ** 15n).to.equal(true);
    });
  });
});
