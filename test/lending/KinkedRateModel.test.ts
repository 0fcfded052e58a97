import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { E18, RATE_PARAMS, YEAR } from "../fixtures";
import type { KinkedRateModel } from "../../typechain-types";

/** 10e18 / 365 days, rounded down: 317,097,919,837. */
const MAX = (10n * E18) / YEAR;

async function rateModelFixture() {
  const irm: KinkedRateModel = await ethers.deployContract("KinkedRateModel", [
    RATE_PARAMS.base,
    RATE_PARAMS.slope1,
    RATE_PARAMS.slope2,
    RATE_PARAMS.kink,
  ]);
  return { irm };
}

async function deploy(base: bigint, slope1: bigint, slope2: bigint, kink: bigint) {
  return ethers.deployContract("KinkedRateModel", [base, slope1, slope2, kink]);
}

describe("KinkedRateModel", function () {
  describe("constructor", function () {
    it("stores the parameters and the bound", async function () {
      const { irm } = await loadFixture(rateModelFixture);
      expect(await irm.MAX_RATE_PER_SECOND()).to.equal(317_097_919_837n);
      expect(await irm.MAX_RATE_PER_SECOND()).to.equal(MAX);
      expect(await irm.baseRatePerSecond()).to.equal(RATE_PARAMS.base);
      expect(await irm.slope1PerSecond()).to.equal(RATE_PARAMS.slope1);
      expect(await irm.slope2PerSecond()).to.equal(RATE_PARAMS.slope2);
      expect(await irm.kink()).to.equal(RATE_PARAMS.kink);
    });

    const refused: [string, bigint, bigint, bigint, bigint][] = [
      ["kink 0", 0n, 0n, 0n, 0n],
      ["kink 1e18", 0n, 0n, 0n, E18],
      ["kink above 1e18", 0n, 0n, 0n, E18 + 1n],
      ["base above the bound", MAX + 1n, 0n, 0n, E18 / 2n],
      ["slope1 above the bound", 0n, MAX + 1n, 0n, E18 / 2n],
      ["slope2 above the bound", 0n, 0n, MAX + 1n, E18 / 2n],
      // base + kink*slope1/1e18 + (1e18-kink)*slope2/1e18 with kink 0.5: MAX is odd, so
      // 2 * floor(MAX/2) = MAX - 1, and base 2 gives MAX + 1
      ["rate at 100% one above the bound", 2n, MAX, MAX, E18 / 2n],
    ];
    for (const [name, base, s1, s2, kink] of refused) {
      it(`refuses ${name}`, async function () {
        const { irm } = await loadFixture(rateModelFixture);
        await expect(deploy(base, s1, s2, kink))
          .to.be.revertedWithCustomError(irm, "InvalidRateParameters")
          .withArgs(base, s1, s2, kink, MAX);
      });
    }

    it("accepts a rate at 100% exactly at the bound", async function () {
      // 1 + 2 * floor(MAX/2) = 1 + 2 * 158,548,959,918 = MAX
      const irm = await deploy(1n, MAX, MAX, E18 / 2n);
      expect(await irm.borrowRatePerSecond(0n, 1n)).to.equal(MAX);
    });

    it("accepts base alone at the bound", async function () {
      const irm = await deploy(MAX, 0n, 0n, 1n);
      expect(await irm.borrowRatePerSecond(0n, 0n)).to.equal(MAX);
    });
  });

  describe("#utilization", function () {
    const rows: [bigint, bigint, bigint][] = [
      [0n, 0n, 0n], // nothing at all: 0, not a division by zero
      [100n, 0n, 0n],
      [0n, 100n, E18], // all borrowed
      [300n, 100n, E18 / 4n],
      [2n, 1n, 333_333_333_333_333_333n], // rounds down
    ];
    for (const [cash, borrows, u] of rows) {
      it(`cash ${cash}, borrows ${borrows} -> ${u}`, async function () {
        const { irm } = await loadFixture(rateModelFixture);
        expect(await irm.utilization(cash, borrows)).to.equal(u);
      });
    }
  });

  describe("#borrowRatePerSecond", function () {
    // Hand-computed: slope1 = 5e16/31,536,000 = 1,585,489,599; slope2 = 3e18/31,536,000 = 95,129,375,951.
    const s1 = 1_585_489_599n;
    const s2 = 95_129_375_951n;
    it("uses the fixture's slopes", function () {
      expect(RATE_PARAMS.slope1).to.equal(s1);
      expect(RATE_PARAMS.slope2).to.equal(s2);
    });

    const rows: [string, bigint, bigint, bigint][] = [
      ["no cash, no borrows: the base", 0n, 0n, 0n],
      // u = 0.4: 0.4e18 * s1 / 1e18 = 634,195,839.6 -> 634,195,839
      ["below the kink (40%)", 60n, 40n, 634_195_839n],
      // u = 0.8: 1,268,391,679.2 -> 1,268,391,679
      ["at the kink (80%)", 20n, 80n, 1_268_391_679n],
      // u = 0.9: 1,268,391,679 + 0.1 * s2 = 9,512,937,595.1 -> 9,512,937,595; sum 10,781,329,274
      ["above the kink (90%)", 10n, 90n, 10_781_329_274n],
      // u = 1: 1,268,391,679 + 0.2 * s2 = 19,025,875,190.2 -> 19,025,875,190; sum 20,294,266,869
      ["all borrowed", 0n, 1_000n, 20_294_266_869n],
    ];
    for (const [name, cash, borrows, rate] of rows) {
      it(name, async function () {
        const { irm } = await loadFixture(rateModelFixture);
        expect(await irm.borrowRatePerSecond(cash, borrows)).to.equal(rate);
      });
    }

    it("adds the base on both sides of the kink", async function () {
      const irm = await deploy(1_000n, s1, s2, RATE_PARAMS.kink);
      expect(await irm.borrowRatePerSecond(60n, 40n)).to.equal(1_000n + 634_195_839n);
      expect(await irm.borrowRatePerSecond(10n, 90n)).to.equal(1_000n + 10_781_329_274n);
    });
  });
});
