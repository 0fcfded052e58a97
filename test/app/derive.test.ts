import { expect } from "chai";
import {
  aprBreakdown,
  apyFromApr,
  feeApr,
  formatHealth,
  formatRate,
  formatUnitsFixed,
  liquidationPrice,
  liquidationPricePerToken,
  ratePerYear,
  impermanentLossWad,
  poolApr,
  pricesInWeth,
  rewardApr,
  stakeValue,
  stakingApr,
  vaultNetApr,
  SFUR_PRECISION,
  valueOf,
  WAD,
  YEAR,
  type PricedPool,
} from "../../app/src/lib/derive";
import { describeError } from "../../app/src/lib/errors";
import { liquidationPrice as tasksLiquidationPrice } from "../../src/positions/lending";

const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
const WETH = "0x00000000000000000000000000000000000000e7";
const FUR = "0x00000000000000000000000000000000000000f0";
const USDC = "0x00000000000000000000000000000000000000c0";
const TKA = "0x00000000000000000000000000000000000000a0";
const TKB = "0x00000000000000000000000000000000000000b0";

const pair = (
  stakeToken: string,
  token0: string,
  reserve0: bigint,
  token1: string,
  reserve1: bigint,
  lp: bigint,
) =>
  ({ stakeToken, isPair: true, token0, token1, reserve0, reserve1, lpTotalSupply: lp }) satisfies PricedPool;
const single = (token: string): PricedPool => ({
  stakeToken: token,
  isPair: false,
  token0: "",
  token1: "",
  reserve0: 0n,
  reserve1: 0n,
  lpTotalSupply: 0n,
});

// WETH/FUR 100 : 40,000 (1 FUR = 0.0025 WETH), 2,000 LP; USDC/WETH 300,000 : 100 (1 WETH = 3,000 USDC);
// a shallower FUR/WETH at another price (ignored: the deepest pair prices); TKA/TKB unpriced.
const wethFur = pair("0x01", WETH, 100n * E18, FUR, 40_000n * E18, 2_000n * E18);
const usdcWeth = pair("0x02", USDC, 300_000n * E6, WETH, 100n * E18, 5_000n * E18);
const shallowFur = pair("0x03", FUR, 1_000n * E18, WETH, 1n * E18, 10n * E18);
const unpriced = pair("0x04", TKA, 10n * E18, TKB, 10n * E18, 10n * E18);
const halfPriced = pair("0x05", TKA, 50n * E18, FUR, 4_000n * E18, 100n * E18);
const pools = [wethFur, usdcWeth, shallowFur, unpriced, halfPriced];
const prices = pricesInWeth(pools, WETH);

describe("app derived numbers (app/src/lib/derive.ts)", function () {
  describe("pricesInWeth / valueOf", function () {
    const rows: [string, string, bigint, bigint | null][] = [
      ["WETH is 1:1", WETH, 7n * E18, 7n * E18],
      ["FUR from the deepest WETH pair (100 : 40,000)", FUR, 400n * E18, 1n * E18],
      ["USDC across decimals (300,000e6 : 100e18)", USDC, 3_000n * E6, 1n * E18],
      ["a token without a WETH pair has no price", TKA, E18, null],
      ["rounded down", FUR, 399n, 0n],
    ];
    for (const [name, token, amount, expected] of rows) {
      it(name, function () {
        expect(valueOf(prices, token, amount)).to.equal(expected);
      });
    }
  });

  describe("stakeValue", function () {
    it("values LP as its share of both reserves: 200 of 2,000 LP of 100 WETH + 40,000 FUR = 20 WETH", function () {
      expect(stakeValue(prices, wethFur, 200n * E18)).to.equal(20n * E18);
    });
    it("values a single-token stake at the token's price: 1,000 FUR = 2.5 WETH", function () {
      expect(stakeValue(prices, single(FUR), 1_000n * E18)).to.equal(25n * 10n ** 17n);
    });
    it("values a pair with one priced side at twice that side: 10 of 100 LP of 4,000 FUR = 2 WETH", function () {
      expect(stakeValue(prices, halfPriced, 10n * E18)).to.equal(2n * E18);
    });
    it("gives null for a pair with no priced side, 0 for an empty pair", function () {
      expect(stakeValue(prices, unpriced, E18)).to.equal(null);
      expect(stakeValue(prices, { ...wethFur, lpTotalSupply: 0n }, E18)).to.equal(0n);
    });
  });

  describe("rewardApr", function () {
    it("0.5 FUR/s on 20 WETH staked: 15,768,000 FUR a year = 39,420 WETH, 197,100%", function () {
      expect(rewardApr(prices, FUR, E18 / 2n, 20n * E18)).to.equal(1_971n * WAD);
    });
    it("is null, not Infinity, with nothing staked or no price", function () {
      expect(rewardApr(prices, FUR, E18, 0n)).to.equal(null);
      expect(rewardApr(prices, TKA, E18, E18)).to.equal(null);
      expect(rewardApr(prices, FUR, E18, null)).to.equal(null);
    });
  });

  describe("feeApr", function () {
    it("√k per LP up 1% in a twelfth of a year is 12% a year", function () {
      expect(
        feeApr(
          { timestamp: 0n, rootKPerShare: WAD },
          { timestamp: YEAR / 12n, rootKPerShare: (WAD * 101n) / 100n },
        ),
      ).to.equal((WAD * 12n) / 100n);
    });
    it("is null until time has passed", function () {
      expect(
        feeApr({ timestamp: 5n, rootKPerShare: WAD }, { timestamp: 5n, rootKPerShare: 2n * WAD }),
      ).to.equal(null);
    });
  });

  describe("aprBreakdown", function () {
    it("adds the known parts and says when one is unknown", function () {
      expect(aprBreakdown(null, WAD / 10n, WAD / 20n)).to.deep.equal({
        fees: null,
        fur: WAD / 10n,
        bonus: WAD / 20n,
        total: (WAD * 15n) / 100n,
        partial: true,
      });
      expect(aprBreakdown(1n, 2n, 3n)).to.deep.include({ total: 6n, partial: false });
    });
  });

  describe("poolApr", function () {
    // WETH/FUR (100 WETH : 40,000 FUR, 2,000 LP, √k per LP = √(100·40,000)e18 / 2,000 = 1e18) with
    // 1,000 LP staked: TVL 100 WETH. 1 FUR/s is 31,536,000 FUR = 78,840 WETH a year: FUR APR 788.4.
    // A bonus of 1 USDC/s is 31,536,000 USDC = 10,512 WETH a year: 105.12. A quarter of a year after
    // an observation of 0.8e18, √k per LP is up 25%: swap-fee APR 100%.
    const T = 10n * YEAR;
    const farm = { rewardToken: FUR, rewardReserve: 0n, fundedUntil: T + 1n, timestamp: T };
    const noRewarder = {
      rewarder: "0x0000000000000000000000000000000000000000",
      ok: false,
      pays: false,
      token: "",
      rewardPerSecond: 0n,
    };
    const bonusOf = (token: string, pays = true) => ({
      rewarder: "0x00000000000000000000000000000000000000dd",
      ok: true,
      pays,
      token,
      rewardPerSecond: E6,
    });
    const pool = {
      ...wethFur,
      allocPoint: 10n,
      furPerSecond: E18,
      totalStaked: 1_000n * E18,
      rewarder: noRewarder,
    };
    const first = { timestamp: T - YEAR / 4n, rootKPerShare: (8n * WAD) / 10n };
    const FUR_APR = (7_884n * E18) / 10n;
    const BONUS_APR = (10_512n * E18) / 100n;
    const rows: [string, Parameters<typeof poolApr>, bigint | null, bigint | null, bigint | null][] = [
      ["swap fees, FUR, no rewarder", [farm, prices, first, pool], WAD, FUR_APR, 0n],
      [
        "a paying USDC bonus",
        [farm, prices, first, { ...pool, rewarder: bonusOf(USDC) }],
        WAD,
        FUR_APR,
        BONUS_APR,
      ],
      [
        "a bonus that no longer pays: 0, not unknown",
        [farm, prices, first, { ...pool, rewarder: bonusOf(USDC, false) }],
        WAD,
        FUR_APR,
        0n,
      ],
      [
        "a bonus in an unpriced token: unknown",
        [farm, prices, first, { ...pool, rewarder: bonusOf(TKA) }],
        WAD,
        FUR_APR,
        null,
      ],
      ["the pool's weight at 0: no FUR", [farm, prices, first, { ...pool, allocPoint: 0n }], WAD, 0n, 0n],
      [
        "the farm's funding over, no reserve: no FUR",
        [{ ...farm, fundedUntil: T }, prices, first, pool],
        WAD,
        0n,
        0n,
      ],
      [
        "funding over but a reserve left: FUR",
        [{ ...farm, fundedUntil: T, rewardReserve: 1n }, prices, first, pool],
        WAD,
        FUR_APR,
        0n,
      ],
      [
        "a first visit (observed now): fees unknown",
        [farm, prices, { ...first, timestamp: T }, pool],
        null,
        FUR_APR,
        0n,
      ],
    ];
    for (const [name, args, fees, fur, bonus] of rows) {
      it(name, function () {
        const r = poolApr(...args);
        expect(r.tvl).to.equal(100n * E18);
        expect(r.apr).to.deep.equal(aprBreakdown(fees, fur, bonus));
        expect(r.hasBonus).to.equal(args[3].rewarder !== noRewarder);
      });
    }
    it("counts no swap fee for a single-token pool", function () {
      // 1,000 FUR staked = 2.5 WETH; 1 FUR/s = 78,840 WETH a year: 31,536×.
      const r = poolApr(farm, prices, undefined, {
        ...single(FUR),
        allocPoint: 1n,
        furPerSecond: E18,
        totalStaked: 1_000n * E18,
        rewarder: noRewarder,
      });
      expect(r.apr).to.deep.equal(aprBreakdown(0n, 31_536n * E18, 0n));
    });
  });

  describe("vaultNetApr", function () {
    it("takes the performance fee from the FUR and bonus parts only", function () {
      // fees 2% + (FUR 30% + bonus 10%) × (1 − 10%) = 2% + 36% = 38%.
      const b = aprBreakdown((2n * WAD) / 100n, (30n * WAD) / 100n, (10n * WAD) / 100n);
      expect(vaultNetApr(b, 1_000n)).to.deep.equal({ apr: (38n * WAD) / 100n, partial: false });
      // Unknown fees: 40% × 95% = 38%, a lower bound.
      expect(vaultNetApr(aprBreakdown(null, (40n * WAD) / 100n, 0n), 500n)).to.deep.equal({
        apr: (38n * WAD) / 100n,
        partial: true,
      });
    });
  });

  describe("stakingApr", function () {
    // FUR at 0.0025 WETH (40,000 FUR : 100 WETH); 1,000 sFUR staked is worth 2.5 WETH.
    const px = new Map([
      [WETH, { num: 1n, den: 1n }],
      [FUR, { num: 100n, den: 40_000n }],
    ]);
    it("values a year of the streams still paying over the staked FUR", function () {
      // 1 WETH per day: rate = 1e18 / 86,400 s × 1e27; a year is 365 WETH (rounded down by 1 wei at most).
      const rate = (E18 * SFUR_PRECISION) / 86_400n;
      const streams = [
        { token: WETH, rate, periodFinish: 2_000n },
        { token: FUR, rate: E18 * SFUR_PRECISION, periodFinish: 500n }, // ended: counts 0
      ];
      const year = (rate * YEAR) / SFUR_PRECISION; // 364.999…e18
      const r = stakingApr(px, streams, 1_000n, 1_000n * E18, FUR);
      expect(r).to.deep.equal({ apr: (year * WAD) / ((25n * E18) / 10n), partial: false });
      expect(formatRate(r.apr)).to.equal("14,599.99%"); // 365 / 2.5 = 146× less 1 wei
    });
    it("is unknown with nothing staked, partial with an unpriced token", function () {
      expect(stakingApr(px, [], 0n, 0n, FUR)).to.deep.equal({ apr: null, partial: false });
      const r = stakingApr(px, [{ token: USDC, rate: 1n, periodFinish: 9n }], 0n, E18, FUR);
      expect(r).to.deep.equal({ apr: 0n, partial: true });
    });
  });

  describe("apyFromApr", function () {
    const rows: [bigint, bigint, bigint][] = [
      [(WAD * 12n) / 100n, 1n, (WAD * 12n) / 100n],
      [(WAD * 12n) / 100n, 2n, (WAD * 1_236n) / 10_000n], // 1.06² = 1.1236
      [(WAD * 12n) / 100n, 4n, (WAD * 12_550_881n) / 100_000_000n], // 1.03⁴ = 1.12550881
      [0n, 365n, 0n],
    ];
    for (const [apr, n, apy] of rows) {
      it(`APR ${apr} compounded ${n}× a year`, function () {
        expect(apyFromApr(apr, n)).to.equal(apy);
      });
    }
  });

  describe("impermanentLossWad (src/model, reused)", function () {
    it("a 4× price move loses 20% against holding: 2·2/5 − 1", function () {
      expect(impermanentLossWad(4n * WAD)).to.equal(-(WAD / 5n));
    });
  });

  describe("formatting", function () {
    const amounts: [bigint, number, number, string][] = [
      [1_234_567_891n * 10n ** 15n, 18, 4, "1,234,567.891"],
      [1n, 18, 4, "0"],
      [-1_500_000n, 6, 2, "-1.5"],
      [42n, 0, 4, "42"],
    ];
    for (const [amount, decimals, digits, text] of amounts) {
      it(`formats ${amount} with ${decimals} decimals as ${text}`, function () {
        expect(formatUnitsFixed(amount, decimals, digits)).to.equal(text);
      });
    }
    const rates: [bigint | null, string][] = [
      [(WAD * 12_345n) / 100_000n, "12.34%"],
      [-(WAD / 20n), "-5.00%"],
      [null, "—"],
      [20_000n * WAD, "> 1,000,000%"],
      [1_971n * WAD, "197,100.00%"],
    ];
    for (const [rate, text] of rates) {
      it(`shows rate ${rate} as ${text}`, function () {
        expect(formatRate(rate)).to.equal(text);
      });
    }
  });

  describe("lending", function () {
    const LLTV = 86n * 10n ** 16n;
    const MAX = 2n ** 256n - 1n;
    // Loan USDC (6 decimals), collateral WETH (18): the lens's price is USDC wei per WETH wei × 1e36.
    const rows: [string, bigint, bigint, bigint | null, bigint | null][] = [
      // 1,500 USDC against 1 WETH: ceil(1.5e9 · 1e18 / 0.86e18) = 1,744,186,047 of allowed debt needed;
      // × 1e36 / 1e18 = 1,744,186,047e18 exactly; per whole WETH 1,744,186,047 (1,744.186047 USDC).
      ["1,500 USDC against 1 WETH", 1_500n * E6, E18, 1_744_186_047n * E18, 1_744_186_047n],
      // 1,000 USDC against 3 WETH: ceil(1e9 / 0.86) = 1,162,790,698; × 1e36 / 3e18 = 387,596,899.33…e18,
      // up to …334; per whole WETH ceil(387,596,899.33…) = 387,596,900.
      [
        "1,000 USDC against 3 WETH",
        1_000n * E6,
        3n * E18,
        387_596_899_333_333_333_333_333_334n,
        387_596_900n,
      ],
      ["no debt", 0n, E18, null, null],
      ["debt without collateral", 1n, 0n, MAX, MAX],
    ];
    for (const [name, debt, collateral, price, perToken] of rows) {
      it(`liquidation price: ${name}`, function () {
        expect(liquidationPrice(debt, collateral, LLTV)).to.equal(price);
        // The lending tasks (src/positions/lending.ts) give the same number.
        expect(tasksLiquidationPrice(debt, collateral, LLTV)).to.equal(price);
        expect(liquidationPricePerToken({ debt, collateral, lltv: LLTV, collateralDecimals: 18 })).to.equal(
          perToken,
        );
      });
    }
    it("puts health exactly at 1 at the liquidation price and below 1 one unit under it", function () {
      // The market's rounding: floor(floor(collateral · price / 1e36) · lltv / 1e18) against the debt.
      const maxDebt = (collateral: bigint, price: bigint) =>
        (((collateral * price) / 10n ** 36n) * LLTV) / E18;
      const price = liquidationPrice(1_500n * E6, E18, LLTV)!;
      expect(maxDebt(E18, price)).to.equal(1_500n * E6); // floor(1,744,186,047 · 0.86) = 1,500,000,000
      expect(maxDebt(E18, price - E18)).to.equal(1_500n * E6 - 1n); // floor(1,744,186,046 · 0.86)
    });
    it("turns rates per second into yearly rates: rate · 31,536,000", function () {
      // The lens test's market: borrow 237,799,659 /s, supply 35,666,382 /s.
      expect(ratePerYear(237_799_659n)).to.equal(7_499_250_046_224_000n);
      expect(formatRate(ratePerYear(237_799_659n))).to.equal("0.74%");
      expect(ratePerYear(35_666_382n)).to.equal(1_124_775_022_752_000n);
      expect(formatRate(ratePerYear(35_666_382n))).to.equal("0.11%");
    });
    const healths: [bigint, string][] = [
      [172n * 10n ** 16n, "1.72"],
      [E18 - 1n, "0.99"],
      [12_345n * E18, "12,345"],
      [MAX, "∞"],
    ];
    for (const [h, text] of healths) {
      it(`shows health ${h} as ${text}`, function () {
        expect(formatHealth(h)).to.equal(text);
      });
    }
    it("puts the market's errors in plain words", function () {
      expect(describeError("Unhealthy", ["0x01", 995n * 10n ** 15n])).to.equal(
        "Unhealthy: That would leave your position with health 0.99, below 1: post more collateral or borrow less.",
      );
      expect(describeError("InsufficientCash", [5n, 3n])).to.equal(
        "InsufficientCash: The market has only 3 left to lend or withdraw (you asked 5).",
      );
    });
  });

  describe("describeError", function () {
    it("puts a known custom error in plain words with its arguments", function () {
      expect(describeError("InsufficientStake", [5n, 3n])).to.equal(
        "InsufficientStake: You tried to withdraw 5 but only 3 is staked.",
      );
      expect(describeError("DepositsPaused")).to.equal(
        "DepositsPaused: Deposits into this vault are paused by governance.",
      );
    });
    it("keeps an unknown error's name and arguments", function () {
      expect(describeError("Mystery", [1n, "x"])).to.equal("Mystery(1, x)");
    });
  });
});
