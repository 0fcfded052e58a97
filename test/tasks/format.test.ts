import { expect } from "chai";
import { formatAmount, formatPercent, toJson } from "../../src/format/units";
import { apr, poolEmission } from "../../src/positions/pools";
import { E18 } from "../../src/model";

describe("Farm task formatting and formulas", function () {
  describe("formatAmount", function () {
    const rows: [bigint, number, number, string][] = [
      [0n, 18, 4, "0"],
      [1n, 18, 4, "0"],
      [E18, 18, 4, "1"],
      [1_234_567n * E18 + E18 / 2n, 18, 4, "1,234,567.5"],
      [18186778212239701736n, 18, 4, "18.1867"], // rounded down, never up
      [-79939156960162689n, 18, 4, "-0.0799"],
      [25_000n * 10n ** 6n, 6, 2, "25,000"],
      [500n * 10n ** 12n, 18, 4, "0.0005"],
    ];
    for (const [amount, decimals, digits, text] of rows) {
      it(`${amount} at ${decimals} decimals, ${digits} digits → ${text}`, function () {
        expect(formatAmount(amount, decimals, digits)).to.equal(text);
      });
    }
  });

  describe("formatPercent", function () {
    const rows: [bigint | null, string][] = [
      [null, "n/a"],
      [0n, "0.00%"],
      [E18, "100.00%"],
      [90909090909090909n, "9.09%"],
      [1_971n * E18, "197,100.00%"],
      [-4376219073436304n, "-0.43%"], // toward zero
    ];
    for (const [wad, text] of rows) {
      it(`${wad} → ${text}`, function () {
        expect(formatPercent(wad)).to.equal(text);
      });
    }
  });

  describe("poolEmission", function () {
    it("splits the rate by weight and rounds down", function () {
      expect(poolEmission(E18, 86_400n, 100n, 200n)).to.equal(43_200n * E18);
      expect(poolEmission(E18, 1n, 100n, 140n)).to.equal(714285714285714285n);
      expect(poolEmission(E18, 86_400n, 0n, 0n)).to.equal(0n);
    });
  });

  describe("apr", function () {
    it("is the year's reward value over the staked value, 1e18-scaled", function () {
      expect(apr(39_420n * E18, 20n * E18)).to.equal(1_971n * E18);
    });
    it("is null without a price or without stake", function () {
      expect(apr(null, E18)).to.equal(null);
      expect(apr(E18, null)).to.equal(null);
      expect(apr(E18, 0n)).to.equal(null);
    });
  });

  describe("toJson", function () {
    it("writes bigints as decimal strings", function () {
      expect(JSON.parse(toJson({ a: 2n ** 200n, b: [1n, null] }))).to.deep.equal({
        a: (2n ** 200n).toString(),
        b: ["1", null],
      });
    });
  });
});
