import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../shared/fixtures";
import { FarmModel, Fraction } from "../../src/model";
import { now, sendAt } from "../../src/chain/time";

const ZERO = ethers.ZeroAddress;
const MAX_RATE = 100n * E18;
const UPDATES = 5n;

/**
 * Precision table: pool totals from 1 wei to 1e30, rates from 1 wei/s to MAX_REWARD_PER_SECOND, the
 * measured staker holding all of the pool or a single wei of it. After UPDATES one-second pool
 * updates the staker's pending must be the ideal (exact-fraction) reward rounded down, less at most
 * 1 wei per update plus 1 for the view's own settlement, and the pool index must have moved at every
 * update (no emission rounds to zero in the index). Every row also matches the BigInt model exactly.
 */
const TOTALS = [1n, 3n, 10n ** 18n + 1n, 7n * 10n ** 23n, 10n ** 30n];
const RATES = [1n, 3n, E18, MAX_RATE];
const ROWS = TOTALS.flatMap((total) =>
  RATES.flatMap((rate) => (total === 1n ? [1n] : [total, 1n]).map((stake) => ({ total, rate, stake }))),
);

describe("Farm (precision)", function () {
  for (const { total, rate, stake } of ROWS) {
    it(`pool total ${total}, rate ${rate}/s, staker holding ${stake}`, async function () {
      const { farm, lpA, alice, bob, startTime } = await loadFixture(farmFixture);
      await lpA.mint(alice.address, stake);
      await lpA.mint(bob.address, total);
      const model = new FarmModel(startTime, 0n, rate);
      await farm.setRewardPerSecond(rate);
      await farm.add(1, lpA, ZERO);
      model.add(1n, await now());
      const balanceBefore = await lpA.balanceOf(alice.address);
      await farm.connect(alice).deposit(0, stake, alice.address);
      model.deposit(0, alice.address, stake, await now());
      if (total > stake) {
        await farm.connect(bob).deposit(0, total - stake, bob.address);
        model.deposit(0, bob.address, total - stake, await now());
      }
      expect(balanceBefore - (await lpA.balanceOf(alice.address))).to.equal(stake);

      let acc = 0n;
      for (let i = 1n; i <= UPDATES; i++) {
        await sendAt(startTime + i, () => farm.updatePool(0));
        model.updatePool(0, startTime + i);
        expect((await farm.poolInfo(0)).accRewardPerShare).to.equal(model.pools[0].accRewardPerShare);
        const next = (await farm.poolInfo(0)).accRewardPerShare;
        expect(next).to.be.greaterThan(acc, "the pool index did not move");
        acc = next;
      }
      const t = startTime + UPDATES;
      const pending = await farm.pendingReward(0, alice.address);
      const ideal = new Fraction(rate * UPDATES * stake, total);
      expect(ideal.floor() - pending).to.be.within(0n, UPDATES + 1n);
      expect(pending).to.equal(model.pendingReward(0, alice.address, t));
      if (stake === total) expect(pending).to.be.within(rate * UPDATES - 1n, rate * UPDATES);
    });
  }
});
