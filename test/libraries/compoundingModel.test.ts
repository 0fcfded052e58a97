import { expect } from "chai";
import {
  approximateCompounds,
  approximateInterval,
  compoundedValue,
  manualNetApy,
  optimalCompounds,
  vaultNetApy,
} from "../../src/model";

/**
 * src/model/compounding.ts by hand. P = $1,000 at r = 100%, $100 a compound:
 *   V(0) = 1000 × 2                 = 2000        (never: simple interest)
 *   V(1) = 1000 × 2      − 100      = 1900
 *   V(2) = 1000 × 2.25   − 200      = 2050
 *   V(3) = 1000 × 64/27  − 300      = 2070.37…    ← the best
 *   V(4) = 1000 × 625/256 − 400     = 2041.40…
 * The classical interval √(2c/(P r²)) = √0.2 = 0.447 years (2.24 a year) and r√(P e^r/(2c)) =
 * √(5e) = 3.69 a year bracket the exact 3.
 */
describe("src/model/compounding (when compounding pays)", function () {
  const [P, r, c] = [1_000, 1, 100];

  it("values a year of compounding as P(1 + r/n)^n − n c, and never compounding as P(1 + r)", function () {
    const rows: [number, number][] = [
      [0, 2_000],
      [1, 1_900],
      [2, 2_050],
      [3, 1_000 * (64 / 27) - 300],
      [4, 1_000 * (625 / 256) - 400],
    ];
    for (const [n, v] of rows) expect(compoundedValue(P, r, n, c), `n = ${n}`).to.be.closeTo(v, 1e-9);
    expect(manualNetApy(P, r, 2, c)).to.be.closeTo(1.05, 1e-12);
  });

  it("finds the optimum of the hand-computed case: 3 compounds a year", function () {
    expect(optimalCompounds(P, r, c)).to.equal(3);
  });

  it("never compounds when one compound costs more than it can earn", function () {
    // V(0) = 2000 > V(1) = 1000 > V(2) = 250: 0.
    expect(optimalCompounds(P, r, 1_000)).to.equal(0);
  });

  it("compounds as often as allowed when gas is free", function () {
    expect(optimalCompounds(P, r, 0, 12)).to.equal(12);
  });

  it("brackets the optimum between the classical approximation and the one with e^r kept", function () {
    expect(approximateInterval(P, r, c)).to.be.closeTo(Math.sqrt(0.2), 1e-12);
    expect(1 / approximateInterval(P, r, c)).to.be.closeTo(2.236, 1e-3);
    expect(approximateCompounds(P, r, c)).to.be.closeTo(Math.sqrt(5 * Math.E), 1e-12);
  });

  it("agrees with the approximation where it is meant to hold (small r, large n)", function () {
    // P = $100,000, r = 20%, c = $1: n* ≈ 0.2 × √(100,000 × e^0.2 / 2) = 49.4 a year.
    const n = optimalCompounds(100_000, 0.2, 1);
    expect(n).to.be.within(48, 51);
    expect(Math.abs(n - approximateCompounds(100_000, 0.2, 1))).to.be.lessThan(1.5);
  });

  it("gives a vault depositor the fee-reduced compounded rate less its one-off gas per dollar", function () {
    expect(vaultNetApy(1_000, 1, 1, 0, 0)).to.equal(1);
    // (1 + 0.1 × 0.5 / 2)^2 − 1 − 10 / 1000 = 0.050625 − 0.01
    expect(vaultNetApy(1_000, 0.1, 2, 0.5, 10)).to.be.closeTo(0.040625, 1e-12);
  });
});
