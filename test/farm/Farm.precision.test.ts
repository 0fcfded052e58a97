import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../fixtures";
import { FarmModel, Fraction, SHARE_SCALE } from "../../src/model";
import { now, sendAt } from "../../src/chain/time";

const ZERO = ethers.ZeroAddress;
const MAX_RATE = 100n * E18;
const UPDATES = 5n;
const S = SHARE_SCALE;
const S_G = 10n ** 18n;
const MAX_STAKE = 2n ** 104n - 1n;
const ALLOC_POINT = 1n;

const lessThan = (a: Fraction, b: Fraction) => a.n * b.d < b.n * a.d;

/**
 * Precision table: pool totals from 1 wei to the largest stake the farm takes (2^104 - 1 ~ 2.03e31),
 * rates from 1 wei/s to MAX_REWARD_PER_SECOND, the measured staker holding all of the pool or a
 * single wei of it, one pool with allocPoint 1 (so G itself never rounds). After UPDATES one-second
 * pool updates, every row checks against hand-computed BigInt values:
 *   acc     = UPDATES * floor(rate * S / total)   (each update: allocPoint * dG * (S / S_G) / total,
 *                                                  dG = rate * S_G / 1)
 *   pending = floor(stake * acc / S)
 * and against the BigInt model, and bounds the loss against the ideal (exact-fraction) reward
 * rate * UPDATES * stake / total by IFarm's "Rounding:" formula, exactly:
 *   0 <= ideal - pending < UPDATES * (stake / S + (stake / total) * allocPoint / S_G) + 1.
 * Up to totals of 1e30 (IFarm's stated range) that formula is < 1 wei per action: the loss is
 * < UPDATES + 1 (five pool updates and the view's own settlement), and the index moves at every
 * update. Above 1e30 neither holds in general (see the "above 1e30" rows below).
 */
const TOTALS = [
  1n,
  3n,
  10n ** 18n + 1n,
  7n * 10n ** 23n,
  10n ** 30n,
  10n ** 30n + 1n,
  10n ** 31n,
  2n ** 103n,
  MAX_STAKE,
];
const RATES = [1n, 3n, E18, MAX_RATE];
const ROWS = TOTALS.flatMap((total) =>
  RATES.flatMap((rate) => (total === 1n ? [1n] : [total, 1n]).map((stake) => ({ total, rate, stake }))),
);

/**
 * Above 1e30 the "< 1 wei per action" bound fails: the pool index loses up to one unit (1e-30 FUR
 * per staked wei) per update, which costs a staker of `amount` up to amount / 1e30 wei per update,
 * ~20.3 wei for 2^104 - 1. And a pool reward below total / 1e30 wei per update does not move the
 * index at all: it is minted, counted as emitted and owed to nobody. Exact losses over 5 updates for
 * a staker holding the whole pool (hand-computed from the two lines above: rate * 5 - pending):
 */
const ABOVE_1E30 = [
  { total: 10n ** 30n + 1n, rate: 1n, loss: 5n, indexMoves: false }, // all 5 wei lost, < 6 actions
  { total: 10n ** 31n, rate: 3n, loss: 15n, indexMoves: false }, // all 15 wei lost: > 6 actions
  { total: 2n ** 103n, rate: E18, loss: 35n, indexMoves: true },
  { total: MAX_STAKE, rate: E18, loss: 86n, indexMoves: true }, // ~17 wei per update
  { total: MAX_STAKE, rate: MAX_RATE, loss: 84n, indexMoves: true },
];

/** Runs one row and returns what the farm said, checking it against the model on the way. */
async function runRow(total: bigint, rate: bigint, stake: bigint) {
  const { farm, lpA, alice, bob, startTime } = await loadFixture(farmFixture);
  await lpA.mint(alice.address, stake);
  await lpA.mint(bob.address, total);
  const model = new FarmModel(startTime, 0n, rate);
  await farm.setRewardPerSecond(rate);
  await farm.add(ALLOC_POINT, lpA, ZERO);
  model.add(ALLOC_POINT, await now());
  const balanceBefore = await lpA.balanceOf(alice.address);
  await farm.connect(alice).deposit(0, stake, alice.address);
  model.deposit(0, alice.address, stake, await now());
  if (total > stake) {
    await farm.connect(bob).deposit(0, total - stake, bob.address);
    model.deposit(0, bob.address, total - stake, await now());
  }
  expect(balanceBefore - (await lpA.balanceOf(alice.address))).to.equal(stake);
  expect((await farm.poolInfo(0)).totalStaked).to.equal(total);

  const indexes: bigint[] = [];
  for (let i = 1n; i <= UPDATES; i++) {
    await sendAt(startTime + i, () => farm.updatePool(0));
    model.updatePool(0, startTime + i);
    const acc = (await farm.poolInfo(0)).accRewardPerShare;
    expect(acc).to.equal(model.pools[0].accRewardPerShare);
    indexes.push(acc);
  }
  const pending = await farm.pendingReward(0, alice.address);
  expect(pending).to.equal(model.pendingReward(0, alice.address, startTime + UPDATES));
  return { indexes, pending };
}

describe("Farm (precision)", function () {
  for (const { total, rate, stake } of ROWS) {
    it(`pool total ${total}, rate ${rate}/s, staker holding ${stake}`, async function () {
      const { indexes, pending } = await runRow(total, rate, stake);
      const step = (rate * S) / total;
      expect(indexes).to.deep.equal(Array.from({ length: Number(UPDATES) }, (_, i) => BigInt(i + 1) * step));
      expect(pending).to.equal((stake * UPDATES * step) / S);

      const ideal = new Fraction(rate * UPDATES * stake, total);
      const loss = ideal.sub(new Fraction(pending));
      expect(loss.n >= 0n, "paid more than the ideal").to.equal(true);
      const perUpdate = new Fraction(stake, S).add(new Fraction(stake * ALLOC_POINT, total * S_G));
      const bound = new Fraction(UPDATES).mul(perUpdate).add(new Fraction(1n));
      expect(lessThan(loss, bound), "IFarm's rounding formula").to.equal(true);
      if (total <= S) {
        expect(lessThan(loss, new Fraction(UPDATES + 1n)), "< 1 wei per action").to.equal(true);
        expect(step > 0n, "the pool index did not move").to.equal(true);
        if (stake === total) expect(pending).to.be.within(rate * UPDATES - 1n, rate * UPDATES);
      } else {
        // The index moves exactly when the pool's reward per update (rate wei) is >= total / S.
        expect(step > 0n).to.equal(rate * S >= total);
      }
    });
  }

  describe("above 1e30 (up to 2^104 - 1), beyond IFarm's stated range", function () {
    for (const { total, rate, loss, indexMoves } of ABOVE_1E30) {
      it(`a staker holding all of ${total} at ${rate}/s loses exactly ${loss} wei over ${UPDATES} updates`, async function () {
        const { indexes, pending } = await runRow(total, rate, total);
        expect(rate * UPDATES - pending).to.equal(loss);
        expect(indexes[0] > 0n).to.equal(indexMoves);
      });
    }
  });
});
