import { expect } from "chai";
import {
  AmmMathError,
  E18,
  computePairAddress,
  MINIMUM_LIQUIDITY,
  WAD,
  burnAmounts,
  getAmountIn,
  getAmountOut,
  getAmountsIn,
  getAmountsOut,
  impermanentLossWad,
  kHolds,
  mintLiquidity,
  positionVersusHold,
  protocolFeeLiquidity,
  quote,
  rootKPerShare,
  sortTokens,
  sqrt,
} from "../../src/model";

describe("src/model/amm (BigInt reference)", function () {
  it("reproduces Uniswap V2's published swap figures", function () {
    // V2-core's swap test table: [amountIn, reserve0, reserve1] ether → expected output in wei.
    const table: [bigint, bigint, bigint, bigint][] = [
      [1n, 5n, 10n, 1662497915624478906n],
      [1n, 10n, 5n, 453305446940074565n],
      [2n, 5n, 10n, 2851015155847869602n],
      [2n, 10n, 5n, 831248957812239453n],
      [1n, 10n, 10n, 906610893880149131n],
      [1n, 100n, 100n, 987158034397061298n],
      [1n, 1000n, 1000n, 996006981039903216n],
    ];
    for (const [a, r0, r1, out] of table) expect(getAmountOut(a * E18, r0 * E18, r1 * E18)).to.equal(out);
  });

  it("quote, getAmountOut and getAmountIn follow the formulas and name the Solidity errors", function () {
    expect(quote(3n, 4n, 10n)).to.equal(7n);
    expect(getAmountIn(90n, 1000n, 1000n)).to.equal(100n);
    expect(() => getAmountOut(1n, 0n, 1n)).to.throw(AmmMathError, "InsufficientReserves(0, 1)");
    try {
      getAmountIn(0n, 1n, 1n);
      expect.fail("should throw");
    } catch (e) {
      expect((e as AmmMathError).name).to.equal("ZeroAmount");
    }
  });

  it("chains quotes over hops in both directions", function () {
    const hops = [
      { reserveIn: 1000n * E18, reserveOut: 2000n * E18 },
      { reserveIn: 500n * E18, reserveOut: 5n * E18 },
    ];
    const out = getAmountsOut(E18, hops);
    expect(out).to.deep.equal([
      E18,
      getAmountOut(E18, 1000n * E18, 2000n * E18),
      getAmountOut(out[1], 500n * E18, 5n * E18),
    ]);
    const inn = getAmountsIn(E18 / 100n, hops);
    expect(inn[2]).to.equal(E18 / 100n);
    expect(inn[1]).to.equal(getAmountIn(E18 / 100n, 500n * E18, 5n * E18));
    expect(inn[0]).to.equal(getAmountIn(inn[1], 1000n * E18, 2000n * E18));
    expect(() => getAmountsOut(1n, [])).to.throw("InvalidPath(1)");
    expect(() => getAmountsIn(1n, [])).to.throw("InvalidPath(1)");
  });

  it("kHolds accepts getAmountOut and rejects one wei more", function () {
    const out = getAmountOut(E18, 5n * E18, 10n * E18);
    expect(kHolds(5n * E18, 10n * E18, 6n * E18, 10n * E18 - out, 0n, out)).to.equal(true);
    expect(kHolds(5n * E18, 10n * E18, 6n * E18, 10n * E18 - out - 1n, 0n, out + 1n)).to.equal(false);
    expect(kHolds(5n, 10n, 5n, 9n, 0n, 1n)).to.equal(false); // nothing paid in
  });

  it("mints sqrt(k) - MINIMUM_LIQUIDITY first, then the smaller proportional share", function () {
    expect(mintLiquidity({ reserve0: 0n, reserve1: 0n, totalSupply: 0n }, E18, 4n * E18)).to.equal(
      2n * E18 - MINIMUM_LIQUIDITY,
    );
    expect(mintLiquidity({ reserve0: 10n, reserve1: 20n, totalSupply: 100n }, 1n, 4n)).to.equal(10n);
    expect(() => mintLiquidity({ reserve0: 0n, reserve1: 0n, totalSupply: 0n }, 1000n, 1000n)).to.throw(
      "InsufficientLiquidityMinted(1000, 1000)",
    );
    expect(() => mintLiquidity({ reserve0: 10n, reserve1: 20n, totalSupply: 100n }, 0n, 4n)).to.throw(
      "InsufficientLiquidityMinted(0, 4)",
    );
    expect(burnAmounts(10n, 100n, 300n, 100n)).to.deep.equal([10n, 30n]);
    expect(() => burnAmounts(0n, 100n, 300n, 100n)).to.throw("InsufficientLiquidityBurned(0, 0)");
  });

  it("computes the protocol fee as 1/6 of sqrt(k) growth", function () {
    const pool = { reserve0: 4n * E18, reserve1: 9n * E18, totalSupply: 5n * E18 };
    // √k = 6e18, √kLast = 5e18: 5e18 · 1e18 / (30e18 + 5e18) = 142857142857142857
    expect(protocolFeeLiquidity(pool, 25n * E18 * E18)).to.equal(142857142857142857n);
    expect(protocolFeeLiquidity(pool, 0n)).to.equal(0n);
    expect(protocolFeeLiquidity(pool, 36n * E18 * E18)).to.equal(0n);
  });

  it("computes impermanent loss against holding", function () {
    expect(impermanentLossWad(WAD)).to.equal(0n);
    expect(impermanentLossWad(4n * WAD)).to.equal(-WAD / 5n); // 2·2/5 − 1 = −20%
    expect(impermanentLossWad(WAD / 4n)).to.equal(-WAD / 5n); // symmetric in r and 1/r
    expect(() => impermanentLossWad(0n)).to.throw(RangeError);
    // A pool that moved from 100:100 to 50:200 (price ×4, k kept): the LP lost exactly 20%.
    const r = positionVersusHold(
      { reserve0: 100n * E18, reserve1: 100n * E18 },
      { reserve0: 50n * E18, reserve1: 200n * E18 },
      WAD / 10n,
    );
    expect(r.lpValue).to.equal(40n * E18);
    expect(r.holdValue).to.equal(50n * E18);
    expect(r.differenceWad).to.equal(-WAD / 5n);
  });

  it("rootKPerShare is floor(√(r0·r1))·1e18 / supply: 1.0 at the seed, up with fees, 0 with no supply", function () {
    // [reserve0, reserve1, totalSupply] → √k per LP token (WAD).
    const table: [bigint, bigint, bigint, bigint][] = [
      [100n * E18, 400n * E18, 200n * E18, WAD], // √(4e40) = 2e20 over 2e20 LP
      [101n * E18, 400n * E18, 200n * E18, 1_004_987_562_112_089_027n], // 1 token more in: √1.01 ≈ 1.004987...
      [3n * E18, 5n * E18, 10n ** 9n, 3_872_983_346_207_416_885n * 10n ** 9n], // √15e36 = 3872983346207416885
      [100n * E18, 400n * E18, 0n, 0n],
    ];
    for (const [reserve0, reserve1, totalSupply, expected] of table) {
      expect(
        rootKPerShare({ reserve0, reserve1, totalSupply }),
        `${reserve0}/${reserve1}/${totalSupply}`,
      ).to.equal(expected);
    }
  });

  it("sqrt floors, and pair addresses sort their tokens", function () {
    expect(sqrt(99n)).to.equal(9n);
    expect(sqrt(100n)).to.equal(10n);
    expect(() => sqrt(-1n)).to.throw(RangeError);
    const [a, b] = [
      "0x2000000000000000000000000000000000000000",
      "0x1000000000000000000000000000000000000000",
    ];
    expect(sortTokens(a, b)).to.deep.equal([b, a]);
    expect(() => sortTokens(a, a)).to.throw("IdenticalAddresses");
    const hash = "0x" + "11".repeat(32);
    expect(computePairAddress(a, hash, a, b)).to.equal(computePairAddress(a, hash, b, a));
  });
});
