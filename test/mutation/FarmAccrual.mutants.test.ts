import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture, type FarmFixture } from "../fixtures";
import { sendAt } from "../../src/chain/time";
import { FarmModel } from "../../src/model";
import { mappingSlot, setWord, word } from "../helpers/storage";

// Tests that kill FarmAccrual mutants the farm suites let live in `npm run mutation`
// (docs/security.md, "Mutation testing"). Each names its mutants as line: original -> replacement;
// each kill was checked by applying the mutant and running this file. Values come from the
// reference model (src/model/farm.ts) and, where short, by hand in the comments.

const ZERO = ethers.ZeroAddress;
const DAY = 86_400n;
const UINT32_MAX = 2n ** 32n - 1n;
// Farm's storage (test/farm/Layout.test.ts): _emission in slot 2, _pools (by stake token) in slot 6.
const EMISSION_SLOT = 2n;
const POOLS_SLOT = 6n;
const G_MASK = (1n << 152n) - 1n;

/** One pool (lpA, weight 100) where alice staked 1 token 10 s before the start. */
async function stakedFixtureOnChain() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await sendAt(f.startTime - 10n, () => f.farm.connect(f.alice).deposit(0, E18, f.alice.address));
  return f;
}

/** stakedFixtureOnChain with a fresh model of it (loadFixture restores the chain, not JS objects). */
async function stakedFixture() {
  const f = await loadFixture(stakedFixtureOnChain);
  const model = new FarmModel(f.startTime, 0n, E18);
  model.add(100n, f.startTime - 20n);
  model.deposit(0, f.alice.address, E18, f.startTime - 10n);
  return { ...f, model };
}

/** The farm's (reserve, fundedUntil) equal the model's. */
async function expectBudget(f: FarmFixture, model: FarmModel) {
  const [reserve, fundedUntil] = await f.farm.rewardReserve();
  expect([reserve, fundedUntil]).to.deep.equal([model.reserve, model.fundedUntil]);
}

describe("FarmAccrual: mutants only these tests kill", function () {
  describe("the reserve adds up (each `+=` -> `=` would drop what was kept before)", function () {
    it("forfeit, empty-pool refund and weightless time accumulate (L222, L158 `+=` -> `=`)", async function () {
      const f = await stakedFixture();
      const { farm, alice, startTime: t0, model } = f;
      await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)); // backed until t0 + 10 + DAY
      model.harvest(0, alice.address, t0 + 10n);
      await sendAt(t0 + 15n, () => farm.connect(alice).deposit(0, E18, alice.address)); // 5 FUR settled
      model.deposit(0, alice.address, E18, t0 + 15n);
      await sendAt(t0 + 20n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
      model.emergencyWithdraw(0, alice.address);
      await expectBudget(f, model);
      expect(model.reserve).to.equal(5n * E18); // the forfeited 5 FUR back in the reserve
      // The pool's index last moved at t0 + 15 and the pool is empty now: its 15 s of emission since
      // (alice's last 5 s were forfeited with her stake) are refunded on top of the 5 (L222).
      await sendAt(t0 + 30n, () => farm.set(0, 0, ZERO, false));
      model.set(0, 0n, t0 + 30n);
      await expectBudget(f, model);
      expect(model.reserve).to.equal(20n * E18);
      // No weight from t0 + 30: the 10 backed seconds to t0 + 40 are kept on top of the 20 (L158).
      await sendAt(t0 + 40n, () => farm.updatePool(0));
      model.updatePool(0, t0 + 40n);
      await expectBudget(f, model);
      expect([model.reserve, model.fundedUntil]).to.deep.equal([30n * E18, t0 + 10n + DAY]);
    });

    it("a mint adds to the reserve it tops up (L194 `available += toMint` -> `=`)", async function () {
      const f = await stakedFixture();
      const { farm, alice, startTime: t0, model } = f;
      await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address));
      model.harvest(0, alice.address, t0 + 10n);
      await sendAt(t0 + 20n, () => farm.setRewardPerSecond(2n * E18));
      model.setRewardPerSecond(2n * E18, t0 + 20n);
      // Kept: (DAY - 10) s at 1 FUR/s. At t0 + 30, 10 s at 2 FUR/s are needed plus a day at 2 FUR/s:
      // the farm mints (20 + 2 DAY) - (DAY - 10) FUR, which with the reserve backs exactly one more
      // day: fundedUntil = t0 + 30 + DAY, nothing left over. With `=` it would back (DAY - 35) s.
      await sendAt(t0 + 30n, () => farm.connect(alice).harvest(0, alice.address));
      model.harvest(0, alice.address, t0 + 30n);
      await expectBudget(f, model);
      expect([model.reserve, model.fundedUntil]).to.deep.equal([0n, t0 + 30n + DAY]);
    });
  });

  describe("time", function () {
    it("an update at the very second of the last one mints nothing (L114 `>` -> `>=`)", async function () {
      const { farm, token, alice, lpA, startTime: t0 } = await loadFixture(farmFixture);
      await farm.add(100, lpA, ZERO);
      const supply = await token.totalSupply();
      // The last update time is the start; nothing is backed yet (fundedUntil = 0).
      const tx = sendAt(t0, () => farm.connect(alice).deposit(0, E18, alice.address));
      await expect(tx).not.to.emit(farm, "RewardsMinted");
      expect(await token.totalSupply()).to.equal(supply);
      expect(await farm.rewardReserve()).to.deep.equal([0n, 0n]);
    });

    it("the views before the start read G as 0 instead of reverting (L136 `>` -> `!=`, `true`, `block.difficulty`)", async function () {
      const { farm, alice, startTime: t0 } = await stakedFixture();
      await time.increaseTo(t0 - 5n);
      expect(await farm.accRewardPerAllocPoint()).to.equal(0n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
    });

    it("accepts a start at 2^32 - 1 exactly (L79 `>` -> `>=`)", async function () {
      const { token, admin } = await loadFixture(farmFixture);
      const farm = await ethers.deployContract("Farm", [token, E18, UINT32_MAX, admin.address]);
      expect(await farm.startTime()).to.equal(UINT32_MAX);
    });

    // Elapsed times of more than the last update time itself (a jump to past twice the current
    // Unix time, which uint32 times allow until 2106) tell `now - last` from `now % last`.
    describe("jumps longer than the last update time (`-` -> `%`)", function () {
      /** stakedFixture at t0 + 30 after a rate cut at t0 + 20 to `rate`: the kept FUR backs a long time. */
      async function cutTo(f: Awaited<ReturnType<typeof stakedFixture>>, rate: bigint) {
        const { farm, alice, startTime: t0, model } = f;
        await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address));
        model.harvest(0, alice.address, t0 + 10n);
        await sendAt(t0 + 20n, () => farm.setRewardPerSecond(rate));
        model.setRewardPerSecond(rate, t0 + 20n);
        await sendAt(t0 + 30n, () => farm.connect(alice).harvest(0, alice.address));
        model.harvest(0, alice.address, t0 + 30n);
        await expectBudget(f, model);
      }

      it("while backed (L167 `block.timestamp - last` -> `%`)", async function () {
        const f = await stakedFixture();
        await cutTo(f, 1n); // (DAY - 10) * 1e18 wei at 1 wei/s: backed to 2^32 - 1
        const { farm, token, alice, startTime: t0, model } = f;
        expect(model.fundedUntil).to.equal(UINT32_MAX);
        const t = 2n * (t0 + 30n) + 1_000n;
        const before = await token.balanceOf(alice.address);
        await sendAt(t, () => farm.connect(alice).harvest(0, alice.address));
        const paid = model.harvest(0, alice.address, t);
        expect(paid).to.equal(t - (t0 + 30n)); // 1 wei a second, alone in the only pool
        expect((await token.balanceOf(alice.address)) - before).to.equal(paid);
        await expectBudget(f, model);
      });

      it("without weight (L158 `min(now, fundedUntil) - last` -> `%`)", async function () {
        const f = await stakedFixture();
        await cutTo(f, 1n);
        const { farm, startTime: t0, model } = f;
        await sendAt(t0 + 40n, () => farm.set(0, 0, ZERO, false));
        model.set(0, 0n, t0 + 40n);
        const t = 2n * (t0 + 40n) + 1_000n;
        const kept = model.reserve;
        await sendAt(t, () => farm.updatePool(0));
        model.updatePool(0, t);
        expect(model.reserve - kept).to.equal(t - (t0 + 40n)); // every second kept, at 1 wei/s
        await expectBudget(f, model);
      });

      it("after the backing ran out (L187 `fundedUntil - last`, L188 `block.timestamp - last` -> `%`)", async function () {
        const f = await stakedFixture();
        const { farm, token, alice, startTime: t0, model } = f;
        // A rate at which the kept FUR backs a little more than t0 + 30 seconds past t0 + 30.
        const rate = ((DAY - 10n) * E18) / (t0 + 1_030n);
        await cutTo(f, rate);
        const last = t0 + 30n;
        expect(model.fundedUntil - last).to.be.greaterThanOrEqual(last);
        const t = model.fundedUntil + 100n;
        const before = await token.balanceOf(alice.address);
        const [supply, minted, kept] = [await token.totalSupply(), model.minted, model.reserve];
        await sendAt(t, () => farm.connect(alice).harvest(0, alice.address));
        const paid = model.harvest(0, alice.address, t);
        // Minted: the 100 unbacked seconds and a day, less the reserve kept (under one second's worth);
        // a wrong `covered` (L187) would mint more.
        expect(model.minted - minted).to.equal(rate * (100n + DAY) - kept);
        expect((await token.totalSupply()) - supply).to.equal(model.minted - minted);
        // Backed to the end and 100 s more minted: alice, alone, is paid every second since t0 + 30.
        expect(paid).to.equal(rate * (t - last));
        expect((await token.balanceOf(alice.address)) - before).to.equal(paid);
        await expectBudget(f, model);
      });
    });
  });

  it("a pool's `exists` bit survives a hand-packed state write (L269 `<<` -> `>>`)", async function () {
    const { farm, alice, lpA, startTime: t0 } = await stakedFixture();
    await sendAt(t0 + 10n, () => farm.connect(alice).deposit(0, E18, alice.address)); // behind G: state written
    await expect(farm.add(100, lpA, ZERO))
      .to.be.revertedWithCustomError(farm, "PoolExists")
      .withArgs(lpA);
  });

  it("a pool catches up across G's wrap at 2^152 (L220 `==` -> `>=`)", async function () {
    const { farm, alice, lpA, startTime: t0 } = await stakedFixture();
    await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)); // pool at G
    // Move G and the pool's copy of it to 2^152 - 1e34 together (only differences matter).
    const farmAddress = await farm.getAddress();
    const high = 2n ** 152n - 10n ** 34n;
    const e = await word(farmAddress, EMISSION_SLOT);
    await setWord(farmAddress, EMISSION_SLOT, (e & ~G_MASK) | high);
    const stakeSlot = mappingSlot("address", await lpA.getAddress(), POOLS_SLOT) + 1n;
    const s = await word(farmAddress, stakeSlot);
    await setWord(farmAddress, stakeSlot, (s & ~G_MASK) | high);
    // 10 s at 1 FUR/s over a weight of 100: G += 10e18 * 1e18 / 100 = 1e35, wrapping to 9e34.
    await time.setNextBlockTimestamp(t0 + 20n);
    await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
      await ethers.getContractAt("RewardToken", await farm.rewardToken()),
      alice,
      10n * E18,
    );
    expect((await word(farmAddress, EMISSION_SLOT)) & G_MASK).to.equal(9n * 10n ** 34n);
  });

  // Mutants that only add a redundant write or a call and change no state: the gas of each path
  // is pinned (the in-process EVM is deterministic; MUTATION=1 compiles the farm as `npm test` does).
  describe("gas of the paths with a skipped write", function () {
    it("a second deposit in the same block writes neither G nor the pool state (L220 `return false` -> `true`, `==` -> `>`; L122 condition -> `false`)", async function () {
      const { farm, alice, bob, startTime: t0 } = await stakedFixture();
      await time.setNextBlockTimestamp(t0 + 10n);
      await network.provider.send("evm_setAutomine", [false]);
      try {
        const first = await farm.connect(alice).deposit(0, E18, alice.address);
        const second = await farm.connect(bob).deposit(0, E18, bob.address);
        await network.provider.send("evm_mine", []);
        const [r1, r2] = [await first.wait(), await second.wait()];
        expect(r1!.blockNumber).to.equal(r2!.blockNumber);
        expect(r2!.gasUsed).to.equal(102_134n);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
    });

    it("a deposit inside the backed time writes no budget (L121 condition -> `true`; L222 `!=` -> `>=`, `true`; L125 condition -> `true`)", async function () {
      const { farm, alice, startTime: t0 } = await stakedFixture();
      await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address));
      const r = await sendAt(t0 + 20n, () => farm.connect(alice).deposit(0, E18, alice.address));
      expect(r.gasUsed).to.equal(77_189n);
    });

    it("an update at rate 0 writes no budget (L154 `return (0, false)` -> `(0, true)`)", async function () {
      const { farm, alice, startTime: t0 } = await stakedFixture();
      await sendAt(t0 + 10n, () => farm.setRewardPerSecond(0));
      const r = await sendAt(t0 + 20n, () => farm.connect(alice).deposit(0, E18, alice.address));
      expect(r.gasUsed).to.equal(94_125n);
    });

    it("a weightless update with nothing backed since writes no budget (L157 `>` -> `>=`)", async function () {
      const { farm, startTime: t0 } = await stakedFixture();
      await sendAt(t0 + 10n, () => farm.set(0, 0, ZERO, false));
      await sendAt(t0 + 20n, () => farm.setRewardPerSecond(2n * E18)); // fundedUntil = last = t0 + 20
      const r = await sendAt(t0 + 30n, () => farm.updatePool(0));
      expect(r.gasUsed).to.equal(37_365n);
    });

    it("a reserve that exactly covers need + a day asks the token nothing (L192 `<` -> `<=`)", async function () {
      const { farm, alice, startTime: t0 } = await stakedFixture();
      await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address));
      // Kept at t0 + 20: (DAY - 10) FUR = 86,390e18 wei. At 0.8639 FUR/s, 13,600 s later the need
      // plus a day is 0.8639e18 * 100,000 = 86,390e18: exactly the reserve, nothing to mint.
      await sendAt(t0 + 20n, () => farm.setRewardPerSecond(863_900_000_000_000_000n));
      const r = await sendAt(t0 + 20n + 13_600n, () => farm.connect(alice).harvest(0, alice.address));
      expect(await farm.rewardReserve()).to.deep.equal([0n, t0 + 20n + 13_600n + DAY]);
      expect(r.gasUsed).to.equal(78_417n);
    });

    it("a deposit into a weightless pool computes no share (L239 `||` -> `&&`, `allocPoint == 0` -> `< 0`, condition -> `false`)", async function () {
      const { farm, alice, lpB, startTime: t0 } = await stakedFixture();
      await farm.add(0, lpB, ZERO);
      await sendAt(t0 + 5n, () => farm.connect(alice).deposit(1, E18, alice.address));
      const r = await sendAt(t0 + 20n, () => farm.connect(alice).deposit(1, E18, alice.address));
      expect(r.gasUsed).to.equal(70_885n);
    });
  });
});
