import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ETH_PRICE_ANSWER, MAX_STALENESS } from "../fixtures";
import { mineAt, now } from "../../src/chain/time";
import type { ChainlinkOracle, MockAggregator } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const DAY = 86_400n;
/** USDC / USD at $0.9999, 8 decimals. */
const USDC_ANSWER = 99_990_000n;

/**
 * An ETH/USD feed ($3,000, 8 decimals), a USDC/USD feed ($0.9999, 8 decimals), and two oracles for a
 * USDC (6) loan against WETH (18) collateral: `single` without a loan feed, `dual` with the USDC feed.
 */
async function oracleFixture() {
  const ethFeed: MockAggregator = await ethers.deployContract("MockAggregator", [
    8,
    "ETH / USD",
    ETH_PRICE_ANSWER,
  ]);
  const usdcFeed: MockAggregator = await ethers.deployContract("MockAggregator", [
    8,
    "USDC / USD",
    USDC_ANSWER,
  ]);
  const single: ChainlinkOracle = await ethers.deployContract("ChainlinkOracle", [
    ethFeed,
    ZERO,
    18,
    6,
    MAX_STALENESS,
  ]);
  const dual: ChainlinkOracle = await ethers.deployContract("ChainlinkOracle", [
    ethFeed,
    usdcFeed,
    18,
    6,
    MAX_STALENESS,
  ]);
  return { ethFeed, usdcFeed, single, dual };
}

describe("ChainlinkOracle", function () {
  describe("constructor", function () {
    it("stores the feeds and the staleness bound", async function () {
      const { ethFeed, usdcFeed, single, dual } = await loadFixture(oracleFixture);
      expect(await single.collateralFeed()).to.equal(await ethFeed.getAddress());
      expect(await single.loanFeed()).to.equal(ZERO);
      expect(await dual.loanFeed()).to.equal(await usdcFeed.getAddress());
      expect(await dual.maxStaleness()).to.equal(MAX_STALENESS);
    });

    it("accepts a staleness bound of 1 minute and of 7 days", async function () {
      const { ethFeed } = await loadFixture(oracleFixture);
      for (const s of [60n, 7n * DAY]) {
        const o = await ethers.deployContract("ChainlinkOracle", [ethFeed, ZERO, 18, 6, s]);
        expect(await o.maxStaleness()).to.equal(s);
      }
    });

    const badStaleness: [string, bigint][] = [
      ["59 s", 59n],
      ["7 days + 1 s", 7n * DAY + 1n],
      ["0", 0n],
    ];
    for (const [name, s] of badStaleness) {
      it(`refuses a staleness bound of ${name}`, async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        await expect(
          ethers.deployContract("ChainlinkOracle", [ethFeed, ZERO, 18, 6, s]),
        ).to.be.revertedWithCustomError(single, "InvalidConfig");
      });
    }

    it("refuses a zero collateral feed", async function () {
      const { usdcFeed, single } = await loadFixture(oracleFixture);
      await expect(
        ethers.deployContract("ChainlinkOracle", [ZERO, usdcFeed, 18, 6, MAX_STALENESS]),
      ).to.be.revertedWithCustomError(single, "InvalidConfig");
    });

    it("accepts a power of ten of 10^76 and refuses 10^77, both ways", async function () {
      const { single } = await loadFixture(oracleFixture);
      const feed0: MockAggregator = await ethers.deployContract("MockAggregator", [0, "X / USD", 1n]);
      // up = 36 + loanDecimals, down = collateralDecimals + 0
      const o76 = await ethers.deployContract("ChainlinkOracle", [feed0, ZERO, 0, 40, MAX_STALENESS]);
      expect(await o76.price()).to.equal(10n ** 76n);
      await expect(
        ethers.deployContract("ChainlinkOracle", [feed0, ZERO, 0, 41, MAX_STALENESS]),
      ).to.be.revertedWithCustomError(single, "InvalidConfig");
      // down - up = 112 - 36 = 76: price 1 * 1 / 10^76 rounds to zero (accepted, then ZeroPrice)
      const oDown = await ethers.deployContract("ChainlinkOracle", [feed0, ZERO, 112, 0, MAX_STALENESS]);
      await expect(oDown.price()).to.be.revertedWithCustomError(single, "ZeroPrice");
      await expect(
        ethers.deployContract("ChainlinkOracle", [feed0, ZERO, 113, 0, MAX_STALENESS]),
      ).to.be.revertedWithCustomError(single, "InvalidConfig");
    });
  });

  describe("#price", function () {
    it("WETH in USDC without a loan feed: 3000e8 * 10^(36+6-18-8) = 3e27", async function () {
      const { single } = await loadFixture(oracleFixture);
      // 1 WETH (1e18 wei) is worth 3,000e6 USDC wei: 3e9 / 1e18 * 1e36 = 3e27
      expect(await single.price()).to.equal(3n * 10n ** 27n);
    });

    it("WETH in USDC with a $0.9999 USDC feed: 3000e8 * 10^(36+6+8-18-8) / 99,990,000", async function () {
      const { dual } = await loadFixture(oracleFixture);
      // floor(3e11 * 1e24 / 99,990,000) = floor(3e35 / 9.999e7), about 3.0003e27
      const expected = (3_000n * 10n ** 8n * 10n ** 24n) / USDC_ANSWER;
      expect(expected).to.equal(3_000_300_030_003_000_300_030_003_000n);
      expect(await dual.price()).to.equal(expected);
    });

    it("USDC in WETH (the other way): 1e8 * 10^(36+18+8-6-8) / 3000e8", async function () {
      const { ethFeed, single } = await loadFixture(oracleFixture);
      const usd: MockAggregator = await ethers.deployContract("MockAggregator", [8, "USDC / USD", 10n ** 8n]);
      const o = await ethers.deployContract("ChainlinkOracle", [usd, ethFeed, 6, 18, MAX_STALENESS]);
      // 1e8 * 1e48 / 3e11 = 1e45 / 3, rounded down
      expect(await o.price()).to.equal(10n ** 45n / 3n);
      expect(await single.price()).to.equal(3n * 10n ** 27n);
    });

    it("follows a new answer", async function () {
      const { ethFeed, single } = await loadFixture(oracleFixture);
      await ethFeed.setAnswer(1_234_56000000n); // $1,234.56
      expect(await single.price()).to.equal(1_234_56000000n * 10n ** 16n);
    });

    it("reverts ZeroPrice when the quotient rounds to zero", async function () {
      const { ethFeed, usdcFeed, dual } = await loadFixture(oracleFixture);
      // 1 * 1e24 / (1e24 + 1) = 0
      await ethFeed.setAnswer(1n);
      await usdcFeed.setAnswer(10n ** 24n + 1n);
      await expect(dual.price()).to.be.revertedWithCustomError(dual, "ZeroPrice");
    });

    describe("staleness", function () {
      it("trusts a round exactly maxStaleness old and refuses one a second older", async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        const t = await now();
        await ethFeed.setRound(5, ETH_PRICE_ANSWER, t, 5);
        await mineAt(t + MAX_STALENESS);
        expect(await single.price()).to.equal(3n * 10n ** 27n);
        await mineAt(t + MAX_STALENESS + 1n);
        await expect(single.price())
          .to.be.revertedWithCustomError(single, "StalePrice")
          .withArgs(await ethFeed.getAddress(), t, MAX_STALENESS);
      });

      it("refuses a stale loan feed, naming it", async function () {
        const { usdcFeed, ethFeed, dual } = await loadFixture(oracleFixture);
        const t = await now();
        await usdcFeed.setRound(9, USDC_ANSWER, t, 9);
        await mineAt(t + MAX_STALENESS + 1n);
        await ethFeed.setAnswer(ETH_PRICE_ANSWER); // the collateral feed is fresh
        await expect(dual.price())
          .to.be.revertedWithCustomError(dual, "StalePrice")
          .withArgs(await usdcFeed.getAddress(), t, MAX_STALENESS);
      });
    });

    describe("broken answers", function () {
      for (const answer of [0n, -1n, -(3_000n * 10n ** 8n)]) {
        it(`refuses answer ${answer}`, async function () {
          const { ethFeed, single } = await loadFixture(oracleFixture);
          await ethFeed.setRound(7, answer, await now(), 7);
          await expect(single.price())
            .to.be.revertedWithCustomError(single, "InvalidAnswer")
            .withArgs(await ethFeed.getAddress(), answer);
        });
      }

      it("refuses a zero loan-feed answer, naming the loan feed", async function () {
        const { usdcFeed, dual } = await loadFixture(oracleFixture);
        await usdcFeed.setRound(3, 0n, await now(), 3);
        await expect(dual.price())
          .to.be.revertedWithCustomError(dual, "InvalidAnswer")
          .withArgs(await usdcFeed.getAddress(), 0n);
      });

      it("refuses a round answered in an earlier round", async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        const t = await now();
        await ethFeed.setRound(8, ETH_PRICE_ANSWER, t, 7);
        await expect(single.price())
          .to.be.revertedWithCustomError(single, "IncompleteRound")
          .withArgs(await ethFeed.getAddress(), 8n, 7n, t);
      });

      it("accepts answeredInRound above roundId", async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        await ethFeed.setRound(8, ETH_PRICE_ANSWER, await now(), 9);
        expect(await single.price()).to.equal(3n * 10n ** 27n);
      });

      it("refuses a round never written (updatedAt 0)", async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        await ethFeed.setRound(8, ETH_PRICE_ANSWER, 0n, 8);
        await expect(single.price())
          .to.be.revertedWithCustomError(single, "IncompleteRound")
          .withArgs(await ethFeed.getAddress(), 8n, 8n, 0n);
      });

      it("refuses a round written in the future", async function () {
        const { ethFeed, single } = await loadFixture(oracleFixture);
        const future = (await now()) + 10n;
        await ethFeed.setRound(8, ETH_PRICE_ANSWER, future, 8);
        await expect(single.price())
          .to.be.revertedWithCustomError(single, "IncompleteRound")
          .withArgs(await ethFeed.getAddress(), 8n, 8n, future);
      });
    });
  });
});
