import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, takeSnapshot, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployRewarder, E18, farmFixture } from "../fixtures";
import { mineAt, sendAt } from "../../src/chain/time";
import type { ERC20Rewarder, FeeOnTransferToken, HookToken, MockERC20 } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
/** Scale of the rewarder's index. */
const S = 10n ** 30n;
const MAX_RATE = 10n ** 24n;
/** IERC20Rewarder.Phase */
const IDLE = 0n;
const ATTACHED = 1n;
const DETACHED = 2n;

/**
 * farmFixture with pool 0 = lpA (alloc 100, the only pool) and an ERC20Rewarder paying 2 BONUS/s,
 * funded with 1,000 BONUS by the admin (its owner).
 */
async function rewarderFixture() {
  const f = await farmFixture();
  const { rewarder, bonus } = await deployRewarder(f.farm, 0, 2n * E18, f.admin.address);
  await bonus.mint(f.admin.address, 10_000n * E18);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(1_000n * E18);
  await f.farm.add(100, f.lpA, rewarder);
  return { ...f, bonus, rewarder };
}

/**
 * farmFixture with pool 0 = lpA (alloc 100, no rewarder) where alice staked 1,000 LP before any
 * rewarder, and an ERC20Rewarder for pool 0 paying 10 BONUS/s, funded with 100,000 BONUS, not attached.
 * Times are pinned from `t0` = startTime + 1,000 (the farm runs by then).
 */
async function livePoolFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.connect(f.alice).deposit(0, 1_000n * E18, f.alice.address);
  const { rewarder, bonus } = await deployRewarder(f.farm, 0, 10n * E18, f.admin.address);
  await bonus.mint(f.admin.address, 1_000_000n * E18);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(100_000n * E18);
  return { ...f, bonus, rewarder, t0: f.startTime + 1_000n };
}

/**
 * livePoolFixture with a HookToken bonus instead (10/s, 100,000 funded): its transfers call the
 * recipient, so a GasBurningReceiver `to` burns all the gas the transfer is given. carol also staked
 * 500 LP before the attach; `burner` is a GasBurningReceiver.
 */
async function hookPoolFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.connect(f.alice).deposit(0, 1_000n * E18, f.alice.address);
  await f.farm.connect(f.carol).deposit(0, 500n * E18, f.carol.address);
  const hook: HookToken = await ethers.deployContract("HookToken");
  const rewarder: ERC20Rewarder = await ethers.deployContract("ERC20Rewarder", [
    f.farm,
    0,
    hook,
    10n * E18,
    f.admin.address,
  ]);
  await hook.mint(f.admin.address, 100_000n * E18);
  await hook.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(100_000n * E18);
  const burner = await ethers.deployContract("GasBurningReceiver");
  return { ...f, hook, rewarder, burner, t0: f.startTime + 1_000n };
}

describe("ERC20Rewarder", function () {
  describe("constructor", function () {
    it("sets farm, pool, token, rate and owner", async function () {
      const { farm, bonus, rewarder, admin } = await loadFixture(rewarderFixture);
      expect(await rewarder.farm()).to.equal(await farm.getAddress());
      expect(await rewarder.pid()).to.equal(0n);
      expect(await rewarder.rewardToken()).to.equal(await bonus.getAddress());
      expect(await rewarder.rewardPerSecond()).to.equal(2n * E18);
      expect(await rewarder.owner()).to.equal(admin.address);
      expect(await rewarder.reserve()).to.equal(1_000n * E18);
    });

    it("reverts with ZeroAddress for a zero farm or token", async function () {
      const { farm, bonus, admin } = await loadFixture(rewarderFixture);
      const factory = await ethers.getContractFactory("ERC20Rewarder");
      await expect(factory.deploy(ZERO, 0, bonus, 1n, admin.address)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
      await expect(factory.deploy(farm, 0, ZERO, 1n, admin.address)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
    });
  });

  describe("#onReward", function () {
    it("accepts calls only from the farm, for its own pool", async function () {
      const { rewarder, alice, farm, bonus, admin, lpB } = await loadFixture(rewarderFixture);
      await expect(rewarder.connect(alice).onReward(0, alice.address, alice.address, 0, 1))
        .to.be.revertedWithCustomError(rewarder, "NotFarm")
        .withArgs(alice.address);
      // A rewarder for pool 5 cannot be attached to pool 1: the farm's onAttach names pool 1.
      const other = await ethers.deployContract("ERC20Rewarder", [farm, 5, bonus, 1n, admin.address]);
      await expect(farm.add(100, lpB, other))
        .to.be.revertedWithCustomError(other, "WrongPool")
        .withArgs(1n, 5n);
      await expect(rewarder.connect(alice).onAttach(0, 1)).to.be.revertedWithCustomError(rewarder, "NotFarm");
      await expect(rewarder.connect(alice).onDetach(0)).to.be.revertedWithCustomError(rewarder, "NotFarm");
    });

    it("pays dual rewards: FUR from the farm and BONUS at its own rate", async function () {
      const { farm, token, bonus, rewarder, alice, bob, startTime } = await loadFixture(rewarderFixture);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime - 5n, () => farm.connect(bob).deposit(0, 3n * E18, bob.address));
      await mineAt(startTime + 100n);
      // BONUS: alice alone 5 s (10), then 1/4 of 2/s for 105 s (52.5).
      const [tokens, amounts] = await rewarder.pendingTokens(0, alice.address, 0);
      expect(tokens).to.deep.equal([await bonus.getAddress()]);
      expect(amounts).to.deep.equal([625n * 10n ** 17n]);
      await time.setNextBlockTimestamp(startTime + 101n);
      const tx = farm.connect(alice).harvest(0, alice.address);
      await expect(tx).to.changeTokenBalance(token, alice, (101n * E18) / 4n);
      await expect(tx).to.changeTokenBalance(bonus, alice, 63n * E18);
      await expect(tx)
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, alice.address, 63n * E18);
      expect(await rewarder.totalStaked()).to.equal(4n * E18);
    });

    it("stops emitting when the reserve runs out, and emits nothing while nobody stakes", async function () {
      const { farm, bonus, rewarder, alice } = await loadFixture(rewarderFixture);
      await time.increase(1_000);
      expect(await rewarder.reserve()).to.equal(1_000n * E18); // no stake: nothing emitted
      await farm.connect(alice).deposit(0, E18, alice.address);
      await time.increase(10_000);
      expect(await rewarder.reserve()).to.equal(0n);
      expect(await rewarder.pendingReward(alice.address)).to.equal(1_000n * E18);
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        bonus,
        alice,
        1_000n * E18,
      );
    });

    it("is told about an emergency withdraw and pays what was owed", async function () {
      const { farm, bonus, rewarder, alice, startTime } = await loadFixture(rewarderFixture);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await time.setNextBlockTimestamp(startTime);
      await expect(farm.connect(alice).emergencyWithdraw(0, alice.address)).to.changeTokenBalance(
        bonus,
        alice,
        20n * E18,
      );
      expect(await rewarder.totalStaked()).to.equal(0n);
      expect((await rewarder.userInfo(alice.address)).amount).to.equal(0n);
    });
  });

  describe("#fund, #setRewardPerSecond, #reclaim", function () {
    it("fund credits what arrived and emits Funded", async function () {
      const { rewarder, bonus, alice } = await loadFixture(rewarderFixture);
      await bonus.mint(alice.address, 5n * E18);
      await bonus.connect(alice).approve(rewarder, 5n * E18);
      await expect(rewarder.connect(alice).fund(5n * E18))
        .to.emit(rewarder, "Funded")
        .withArgs(alice.address, 5n * E18);
      expect(await rewarder.reserve()).to.equal(1_005n * E18);
    });

    it("setRewardPerSecond settles the old rate first; owner only", async function () {
      const { farm, rewarder, alice, startTime } = await loadFixture(rewarderFixture);
      await sendAt(startTime, () => farm.connect(alice).deposit(0, E18, alice.address));
      await expect(sendAt(startTime + 10n, () => rewarder.setRewardPerSecond(E18)))
        .to.emit(rewarder, "RewardPerSecondSet")
        .withArgs(E18);
      await mineAt(startTime + 20n);
      expect(await rewarder.pendingReward(alice.address)).to.equal(30n * E18);
      await expect(rewarder.connect(alice).setRewardPerSecond(1))
        .to.be.revertedWithCustomError(rewarder, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("reclaim takes only the unallocated reserve; owner only", async function () {
      const { farm, bonus, rewarder, alice, carol, startTime } = await loadFixture(rewarderFixture);
      await sendAt(startTime, () => farm.connect(alice).deposit(0, E18, alice.address));
      await time.setNextBlockTimestamp(startTime + 100n);
      // 200 BONUS are owed to alice: 800 remain.
      await expect(rewarder.reclaim(801n * E18, carol.address))
        .to.be.revertedWithCustomError(rewarder, "InsufficientReserve")
        .withArgs(801n * E18, 800n * E18);
      await time.setNextBlockTimestamp(startTime + 101n);
      await expect(rewarder.reclaim(798n * E18, carol.address))
        .to.emit(rewarder, "Reclaimed")
        .withArgs(carol.address, 798n * E18);
      expect(await bonus.balanceOf(carol.address)).to.equal(798n * E18);
      await expect(rewarder.reclaim(1n, ZERO)).to.be.revertedWithCustomError(rewarder, "ZeroAddress");
      await expect(rewarder.connect(alice).reclaim(1n, alice.address))
        .to.be.revertedWithCustomError(rewarder, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      // Emission stopped when the reserve was emptied at +101: alice keeps 202 BONUS, no more.
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        bonus,
        alice,
        202n * E18,
      );
    });
  });

  describe("#onAttach on a live pool", function () {
    it("pays the existing stake from the attach second: 1,000 LP earn an hour beside a 1-wei deposit", async function () {
      const { farm, bonus, rewarder, alice, bob, t0 } = await loadFixture(livePoolFixture);
      await expect(sendAt(t0, () => farm.set(0, 100, rewarder, true)))
        .to.emit(rewarder, "Attached")
        .withArgs(1_000n * E18);
      expect(await rewarder.totalStaked()).to.equal(1_000n * E18);
      await sendAt(t0 + 1n, () => farm.connect(bob).deposit(0, 1n, bob.address));
      expect(await rewarder.totalStaked()).to.equal(1_000n * E18 + 1n);
      // t0..t0+1: alice alone, acc1 = 10e18 * 1e30 / 1,000e18 = 1e28.
      // t0+1..t0+3600: 3,599 s * 10e18 = 35,990e18 over 1,000e18 + 1:
      //   acc2 - acc1 = floor(35,990e18 * 1e30 / (1,000e18 + 1)) = 35,989,999,999,999,999,999,964,010,000,000
      //   bob   = floor(1 * (acc2 - acc1) / 1e30) = 35 wei
      //   alice = floor(1,000e18 * acc2 / 1e30) = 35,999.999999999999999964 BONUS
      //         = rate * 3600 - 36 wei (35 to bob, 1 lost to rounding).
      const alicePaid = 36_000n * E18 - 36n;
      await expect(sendAt(t0 + 3_600n, () => farm.connect(alice).harvest(0, alice.address)))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, alice.address, alicePaid);
      expect(await bonus.balanceOf(alice.address)).to.equal(alicePaid);
      expect(await rewarder.pendingReward(bob.address)).to.equal(35n);
      expect(await rewarder.reserve()).to.equal(100_000n * E18 - 36_000n * E18);
    });

    it("shows a staker unseen since the attach with their farm stake in userInfo and pendingReward", async function () {
      const { farm, rewarder, alice, bob, carol, t0 } = await loadFixture(livePoolFixture);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await mineAt(t0 + 100n);
      // alice never acted since the attach: her farm stake, nothing owed, index paid 0; 100 s * 10/s.
      const info = await rewarder.userInfo(alice.address);
      expect([info.amount, info.owed, info.accRewardPerSharePaid]).to.deep.equal([1_000n * E18, 0n, 0n]);
      expect(await rewarder.pendingReward(alice.address)).to.equal(1_000n * E18);
      const [, amounts] = await rewarder.pendingTokens(0, alice.address, 0);
      expect(amounts).to.deep.equal([1_000n * E18]);
      // bob deposits 1,000 LP at +101; at +201 alice has 1,010 + 500, bob 500.
      await sendAt(t0 + 101n, () => farm.connect(bob).deposit(0, 1_000n * E18, bob.address));
      await mineAt(t0 + 201n);
      expect(await rewarder.pendingReward(alice.address)).to.equal(1_510n * E18);
      expect(await rewarder.pendingReward(bob.address)).to.equal(500n * E18);
      expect((await rewarder.userInfo(bob.address)).amount).to.equal(1_000n * E18);
      expect((await rewarder.userInfo(carol.address)).amount).to.equal(0n);
      expect(await rewarder.pendingReward(carol.address)).to.equal(0n);
    });
  });

  describe("#onAttach, #onDetach: single use", function () {
    it("ignores the current rewarder passed again to set, and refuses to be attached again after its detach", async function () {
      const { farm, rewarder, alice, t0 } = await loadFixture(livePoolFixture);
      expect(await rewarder.phase()).to.equal(IDLE);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      expect(await rewarder.phase()).to.equal(ATTACHED);
      // Same rewarder again: no onAttach (which would revert WrongPhase(Attached)), no onDetach.
      const again = sendAt(t0 + 10n, () => farm.set(0, 100, rewarder, true));
      await expect(again).not.to.emit(rewarder, "Attached");
      await expect(again).not.to.emit(rewarder, "Detached");
      expect(await rewarder.phase()).to.equal(ATTACHED);
      expect(await rewarder.pendingReward(alice.address)).to.equal(100n * E18);
      await expect(sendAt(t0 + 20n, () => farm.set(0, 100, ZERO, true))).to.emit(rewarder, "Detached");
      expect(await rewarder.phase()).to.equal(DETACHED);
      await expect(farm.set(0, 100, rewarder, true))
        .to.be.revertedWithCustomError(rewarder, "WrongPhase")
        .withArgs(DETACHED);
      expect(await farm.rewarder(0)).to.equal(ZERO);
    });

    it("stops emission at the detach second", async function () {
      const { farm, rewarder, alice, t0 } = await loadFixture(livePoolFixture);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await sendAt(t0 + 50n, () => farm.set(0, 100, ZERO, true));
      // 50 s * 10/s, all to alice; nothing after.
      expect(await rewarder.pendingReward(alice.address)).to.equal(500n * E18);
      expect(await rewarder.reserve()).to.equal(99_500n * E18);
      await mineAt(t0 + 5_000n);
      expect(await rewarder.pendingReward(alice.address)).to.equal(500n * E18);
      expect(await rewarder.reserve()).to.equal(99_500n * E18);
      expect(await rewarder.totalStaked()).to.equal(1_000n * E18);
    });
  });

  describe("#claim", function () {
    it("pays a synced user and an unseen user with a position older than the detach, and 0 to one who deposited after it", async function () {
      const { farm, bonus, rewarder, alice, bob, carol, t0 } = await loadFixture(livePoolFixture);
      await farm.connect(carol).deposit(0, 1_000n * E18, carol.address);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await sendAt(t0 + 10n, () => farm.connect(bob).deposit(0, 2_000n * E18, bob.address));
      await sendAt(t0 + 20n, () => farm.set(0, 100, ZERO, true));
      // t0..+10: 100 BONUS over alice 1,000 + carol 1,000 (acc 5e28): 50 each.
      // +10..+20: 100 BONUS over 4,000 (acc 7.5e28): alice 25, carol 25, bob 50.
      expect(await rewarder.pendingReward(alice.address)).to.equal(75n * E18);
      expect(await rewarder.pendingReward(bob.address)).to.equal(50n * E18);
      expect(await rewarder.pendingReward(carol.address)).to.equal(75n * E18);
      // carol's deposit after the detach moves her farm index past the one at the detach: her
      // position no longer shows what it was, and she counts as 0.
      await sendAt(t0 + 30n, () => farm.connect(carol).deposit(0, 1n, carol.address));
      expect(await rewarder.pendingReward(carol.address)).to.equal(0n);
      await expect(rewarder.connect(bob).claim(bob.address))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(bob.address, bob.address, 50n * E18);
      await expect(rewarder.connect(alice).claim(carol.address))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, carol.address, 75n * E18);
      await expect(rewarder.connect(carol).claim(carol.address)).not.to.emit(rewarder, "BonusPaid");
      expect(await bonus.balanceOf(bob.address)).to.equal(50n * E18);
      expect(await bonus.balanceOf(carol.address)).to.equal(75n * E18);
      // Claimed once: nothing more.
      await expect(rewarder.connect(alice).claim(alice.address)).not.to.emit(rewarder, "BonusPaid");
      expect(await rewarder.pendingReward(alice.address)).to.equal(0n);
      // carol's 75 stay allocated: the reserve is 100,000 - 200 emitted.
      expect(await rewarder.reserve()).to.equal(99_800n * E18);
    });

    it("reverts with WrongPhase before the detach, and with ZeroAddress for a zero recipient", async function () {
      const { farm, rewarder, alice, t0 } = await loadFixture(livePoolFixture);
      await expect(rewarder.connect(alice).claim(alice.address))
        .to.be.revertedWithCustomError(rewarder, "WrongPhase")
        .withArgs(IDLE);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await expect(rewarder.connect(alice).claim(alice.address))
        .to.be.revertedWithCustomError(rewarder, "WrongPhase")
        .withArgs(ATTACHED);
      await farm.set(0, 100, ZERO, true);
      await expect(rewarder.connect(alice).claim(ZERO)).to.be.revertedWithCustomError(
        rewarder,
        "ZeroAddress",
      );
    });
  });

  describe("rate bound", function () {
    it("rejects a rate above 1e24 in the constructor and the setter, and accepts exactly 1e24", async function () {
      const { farm, bonus, rewarder, admin } = await loadFixture(livePoolFixture);
      expect(await rewarder.MAX_REWARD_PER_SECOND()).to.equal(MAX_RATE);
      const factory = await ethers.getContractFactory("ERC20Rewarder");
      await expect(factory.deploy(farm, 0, bonus, MAX_RATE + 1n, admin.address))
        .to.be.revertedWithCustomError(factory, "RewardPerSecondTooLarge")
        .withArgs(MAX_RATE + 1n, MAX_RATE);
      await expect(rewarder.setRewardPerSecond(ethers.MaxUint256))
        .to.be.revertedWithCustomError(rewarder, "RewardPerSecondTooLarge")
        .withArgs(ethers.MaxUint256, MAX_RATE);
      await expect(rewarder.setRewardPerSecond(MAX_RATE + 1n))
        .to.be.revertedWithCustomError(rewarder, "RewardPerSecondTooLarge")
        .withArgs(MAX_RATE + 1n, MAX_RATE);
      const atMax = await factory.deploy(farm, 0, bonus, MAX_RATE, admin.address);
      expect(await atMax.rewardPerSecond()).to.equal(MAX_RATE);
      await expect(rewarder.setRewardPerSecond(MAX_RATE))
        .to.emit(rewarder, "RewardPerSecondSet")
        .withArgs(MAX_RATE);
    });

    it("at 1e24/s with a 2^255 reserve, pays a 1-wei stake a whole year without overflow", async function () {
      const { farm, lpB, admin, bob, t0 } = await loadFixture(livePoolFixture);
      const big: MockERC20 = await ethers.deployContract("MockERC20", ["Big", "BIG", 18]);
      const rewarder = await ethers.deployContract("ERC20Rewarder", [farm, 1, big, MAX_RATE, admin.address]);
      await big.mint(rewarder, 2n ** 255n);
      await farm.add(100, lpB, rewarder);
      await sendAt(t0, () => farm.connect(bob).deposit(1, 1n, bob.address));
      const year = 365n * 24n * 3_600n;
      // A 1-wei stake takes everything: acc = 1e24 * 31,536,000 * 1e30 / 1 = 3.1536e61 (< 2^256), paid
      // 1 * acc / 1e30 = 3.1536e31 exactly.
      const paid = MAX_RATE * year;
      await mineAt(t0 + year);
      expect(await rewarder.pendingReward(bob.address)).to.equal(paid);
      expect(await rewarder.reserve()).to.equal(2n ** 255n - paid);
      // One second more when bob leaves.
      await expect(sendAt(t0 + year + 1n, () => farm.connect(bob).withdrawAndHarvest(1, 1n, bob.address)))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(bob.address, bob.address, paid + MAX_RATE);
      expect(await big.balanceOf(bob.address)).to.equal(paid + MAX_RATE);
      expect(await rewarder.totalStaked()).to.equal(0n);
    });
  });

  describe("funding by balance", function () {
    it("counts a plain transfer in reserve() at once, and emits it", async function () {
      const { farm, bonus, admin, alice, carol, t0 } = await loadFixture(livePoolFixture);
      const rewarder = await ethers.deployContract("ERC20Rewarder", [farm, 0, bonus, E18, admin.address]);
      await bonus.transfer(rewarder, 100n * E18);
      expect(await rewarder.reserve()).to.equal(100n * E18);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      // 1/s for 10 s to alice, the only staker.
      await expect(sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, alice.address, 10n * E18);
      expect(await rewarder.reserve()).to.equal(90n * E18);
      await sendAt(t0 + 20n, () => rewarder.reclaim(80n * E18, carol.address));
      expect(await bonus.balanceOf(carol.address)).to.equal(80n * E18);
      // +10..+20 emitted 10 more, owed to alice; the reserve is empty.
      expect(await rewarder.reserve()).to.equal(0n);
      expect(await rewarder.pendingReward(alice.address)).to.equal(10n * E18);
    });

    it("measures a fee-on-transfer bonus token by its balance", async function () {
      const { farm, admin, alice, carol, t0 } = await loadFixture(livePoolFixture);
      const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [100]); // 1%
      const rewarder = await ethers.deployContract("ERC20Rewarder", [farm, 0, fot, E18, admin.address]);
      await fot.mint(admin.address, 1_000n * E18);
      await fot.approve(rewarder, ethers.MaxUint256);
      await expect(rewarder.fund(100n * E18))
        .to.emit(rewarder, "Funded")
        .withArgs(admin.address, 99n * E18);
      await fot.transfer(rewarder, 100n * E18);
      expect(await rewarder.reserve()).to.equal(198n * E18);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      // 10 owed and sent; alice receives 99% of it.
      await expect(sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, alice.address, 10n * E18);
      expect(await fot.balanceOf(alice.address)).to.equal(99n * 10n ** 17n);
      expect(await rewarder.reserve()).to.equal(188n * E18);
      // At +20: 178 left; the owner can take exactly that, not a wei more.
      await expect(sendAt(t0 + 20n, () => rewarder.reclaim(178n * E18 + 1n, carol.address)))
        .to.be.revertedWithCustomError(rewarder, "InsufficientReserve")
        .withArgs(178n * E18 + 1n, 178n * E18);
      await sendAt(t0 + 21n, () => rewarder.reclaim(177n * E18, carol.address));
      expect(await fot.balanceOf(carol.address)).to.equal((177n * E18 * 99n) / 100n);
      expect(await rewarder.reserve()).to.equal(0n);
      expect(await fot.balanceOf(rewarder)).to.equal(11n * E18);
      // alice's 11 owed (+10..+21) are still there.
      await sendAt(t0 + 30n, () => farm.connect(alice).harvest(0, alice.address));
      expect(await fot.balanceOf(alice.address)).to.equal(99n * 10n ** 17n + (11n * E18 * 99n) / 100n);
      expect(await fot.balanceOf(rewarder)).to.equal(0n);
    });
  });

  describe("#reclaim never takes owed tokens", function () {
    it("leaves what was emitted, attached or detached, to the stakers", async function () {
      const { farm, bonus, rewarder, alice, carol, t0 } = await loadFixture(livePoolFixture);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      // At +50: 500 emitted to alice, 99,500 left.
      await expect(sendAt(t0 + 50n, () => rewarder.reclaim(99_500n * E18 + 1n, carol.address)))
        .to.be.revertedWithCustomError(rewarder, "InsufficientReserve")
        .withArgs(99_500n * E18 + 1n, 99_500n * E18);
      await sendAt(t0 + 100n, () => farm.set(0, 100, ZERO, true));
      // Detached at +100 with 1,000 emitted: all the owner can ever take is 99,000.
      await expect(rewarder.reclaim(99_000n * E18 + 1n, carol.address))
        .to.be.revertedWithCustomError(rewarder, "InsufficientReserve")
        .withArgs(99_000n * E18 + 1n, 99_000n * E18);
      await rewarder.reclaim(99_000n * E18, carol.address);
      expect(await bonus.balanceOf(rewarder)).to.equal(1_000n * E18);
      await expect(rewarder.reclaim(1n, carol.address))
        .to.be.revertedWithCustomError(rewarder, "InsufficientReserve")
        .withArgs(1n, 0n);
      await expect(rewarder.connect(alice).claim(alice.address))
        .to.emit(rewarder, "BonusPaid")
        .withArgs(alice.address, alice.address, 1_000n * E18);
      expect(await bonus.balanceOf(rewarder)).to.equal(0n);
    });
  });

  describe("stake tracking", function () {
    it("matches the farm's stake of every user and its total, through emergency withdrawals to a gas-burning recipient", async function () {
      const { farm, rewarder, burner, alice, bob, carol, dave, t0 } = await loadFixture(hookPoolFixture);
      const users = [alice, bob, carol, dave];
      const expectSameStakes = async () => {
        for (const u of users) {
          expect((await rewarder.userInfo(u.address)).amount).to.equal(
            (await farm.userInfo(0, u.address)).amount,
          );
        }
        expect(await rewarder.totalStaked()).to.equal((await farm.poolInfo(0)).totalStaked);
      };
      const leaveToBurner = async (at: bigint, user: typeof alice) => {
        const tx = sendAt(at, () => farm.connect(user).emergencyWithdraw(0, burner, { gasLimit: 1_000_000 }));
        // The bonus transfer was tried and burnt: deferred, and the rewarder still recorded the exit.
        await expect(tx)
          .to.emit(rewarder, "BonusDeferred")
          .withArgs(user.address, await burner.getAddress(), (owed: bigint) => owed > 0n);
        await expect(tx).not.to.emit(farm, "RewarderFailed");
      };
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await expectSameStakes();
      await sendAt(t0 + 5n, () => farm.connect(bob).deposit(0, 300n * E18, bob.address));
      await expectSameStakes();
      await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, 200n * E18, alice.address));
      await expectSameStakes();
      await sendAt(t0 + 15n, () => farm.connect(dave).deposit(0, 100n * E18, carol.address));
      await expectSameStakes();
      await leaveToBurner(t0 + 20n, carol);
      await expectSameStakes();
      await sendAt(t0 + 25n, () => farm.connect(bob).harvest(0, bob.address));
      await sendAt(t0 + 30n, () => farm.connect(dave).deposit(0, 50n * E18, dave.address));
      await expectSameStakes();
      await leaveToBurner(t0 + 35n, dave);
      await expectSameStakes();
      await leaveToBurner(t0 + 40n, alice);
      await expectSameStakes();
      await sendAt(t0 + 45n, () => farm.connect(carol).deposit(0, 10n * E18, carol.address));
      await expectSameStakes();
      expect(await rewarder.totalStaked()).to.equal(310n * E18);
    });

    it("records an emergency withdrawal sent with the least gas the farm accepts (the rewarder gets its whole budget); less reverts", async function () {
      const { farm, rewarder, burner, alice, bob, t0 } = await loadFixture(hookPoolFixture);
      await sendAt(t0, () => farm.set(0, 100, rewarder, true));
      await sendAt(t0 + 50n, () => farm.connect(bob).deposit(0, 1_000n * E18, bob.address));
      const at = t0 + 100n;
      // alice, unseen since the attach, leaves to the burner with her bonus owed.
      const leave = (gasLimit: bigint) =>
        sendAt(at, () => farm.connect(alice).emergencyWithdraw(0, burner, { gasLimit }));
      const succeeds = async (gasLimit: bigint) => {
        const snapshot = await takeSnapshot();
        try {
          await leave(gasLimit);
          return true;
        } catch {
          return false;
        } finally {
          await snapshot.restore();
        }
      };
      let [lo, hi] = [100_000n, 1_000_000n];
      expect(await succeeds(lo)).to.equal(false);
      expect(await succeeds(hi)).to.equal(true);
      while (hi - lo > 1n) {
        const mid = (lo + hi) / 2n;
        if (await succeeds(mid)) hi = mid;
        else lo = mid;
      }
      const needed = 200_000n + 200_000n / 63n + 10_000n;
      // One gas less: the whole call reverts (the stake transfer after the rewarder runs out), so
      // nothing is half done. Further below, the farm's check refuses before calling the rewarder.
      let snapshot = await takeSnapshot();
      await expect(leave(hi - 1n)).to.be.reverted;
      await snapshot.restore();
      snapshot = await takeSnapshot();
      await expect(leave(hi - 50_000n))
        .to.be.revertedWithCustomError(farm, "InsufficientGasForRewarder")
        .withArgs((gasLeft: bigint) => gasLeft < needed, needed);
      await snapshot.restore();
      // t0..+50: 500 over 1,500 (alice 1,000 of it, acc 3.33..e29); +50..+100: 500 over 2,500
      // (acc + 2e29): alice = floor(1,000e18 * 533,333,333,333,333,333,333,333,333,333 / 1e30).
      const owed = 533_333_333_333_333_333_333n;
      await expect(leave(hi))
        .to.emit(rewarder, "BonusDeferred")
        .withArgs(alice.address, await burner.getAddress(), owed);
      const info = await rewarder.userInfo(alice.address);
      expect([info.amount, info.owed]).to.deep.equal([0n, owed]);
      expect(await rewarder.totalStaked()).to.equal(1_500n * E18);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(1_500n * E18);
    });
  });
});

describe("ERC20Rewarder: sync before a detach", function () {
  /** Pool 0 = lpA at `alloc`, alice and carol 1,000 LP each, a 10/s rewarder funded by transfer. */
  async function setup(alloc: number) {
    const f = await farmFixture();
    await f.farm.add(alloc, f.lpA, ZERO);
    await f.farm.connect(f.alice).deposit(0, 1_000n * E18, f.alice.address);
    await f.farm.connect(f.carol).deposit(0, 1_000n * E18, f.carol.address);
    const { rewarder: r, bonus } = await deployRewarder(f.farm, 0, 10n * E18, f.admin.address);
    await bonus.mint(r, 100_000n * E18);
    return { ...f, r, bonus, t0: f.startTime + 1_000n };
  }
  async function bonusOnlyPool() {
    return setup(0);
  }
  async function furPool() {
    return setup(100);
  }

  it("a bonus-only pool (weight 0): unsynced stakers claim 0 after the detach, synced ones their exact share", async function () {
    const { farm, r, alice, carol, bob, t0 } = await loadFixture(bonusOnlyPool);
    await sendAt(t0, () => farm.set(0, 0, r, true));
    // The pool's FUR index never moves, so the farm cannot show alice's position predates the detach.
    await sendAt(t0 + 50n, () => r.connect(bob).sync([carol.address, carol.address]));
    expect((await r.userInfo(carol.address)).amount).to.equal(1_000n * E18);
    await sendAt(t0 + 100n, () => farm.set(0, 0, ZERO, true));
    // 100 s at 10/s over 2,000 LP: 500 each. carol was synced: 500; alice was not: 0 (stranded).
    expect(await r.pendingReward(carol.address)).to.equal(500n * E18);
    expect(await r.pendingReward(alice.address)).to.equal(0n);
    await expect(r.connect(carol).claim(carol.address)).to.changeTokenBalance(
      await ethers.getContractAt("MockERC20", await r.rewardToken()),
      carol,
      500n * E18,
    );
    await expect(r.sync([alice.address]))
      .to.be.revertedWithCustomError(r, "WrongPhase")
      .withArgs(2n);
  });

  it("a deposit made to an unsynced staker after the detach erases their claim; a sync before it does not", async function () {
    const { farm, r, alice, carol, bob, t0 } = await loadFixture(furPool);
    await sendAt(t0, () => farm.set(0, 100, r, true));
    await sendAt(t0 + 10n, () => r.sync([alice.address]));
    await sendAt(t0 + 100n, () => farm.set(0, 100, ZERO, true));
    expect(await r.pendingReward(carol.address)).to.equal(500n * E18);
    // bob deposits 1 wei for each: carol's position now postdates the detach and cannot be proven.
    await sendAt(t0 + 101n, () => farm.connect(bob).deposit(0, 1n, carol.address));
    await sendAt(t0 + 102n, () => farm.connect(bob).deposit(0, 1n, alice.address));
    expect(await r.pendingReward(carol.address)).to.equal(0n);
    expect(await r.pendingReward(alice.address)).to.equal(500n * E18);
  });
});
