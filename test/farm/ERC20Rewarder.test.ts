import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../shared/fixtures";
import { mineAt, sendAt } from "../../src/chain/time";
import type { ERC20Rewarder, MockERC20 } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;

/**
 * farmFixture with pool 0 = lpA (alloc 100, the only pool) and an ERC20Rewarder paying 2 BONUS/s,
 * funded with 1,000 BONUS by the admin (its owner).
 */
async function rewarderFixture() {
  const f = await farmFixture();
  const bonus: MockERC20 = await ethers.deployContract("MockERC20", ["Bonus", "BONUS", 18]);
  const rewarder: ERC20Rewarder = await ethers.deployContract("ERC20Rewarder", [
    f.farm,
    0,
    bonus,
    2n * E18,
    f.admin.address,
  ]);
  await bonus.mint(f.admin.address, 10_000n * E18);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(1_000n * E18);
  await f.farm.add(100, f.lpA, rewarder);
  return { ...f, bonus, rewarder };
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
      // A rewarder for pool 5 attached to pool 1: the farm's call names pool 1.
      const other = await ethers.deployContract("ERC20Rewarder", [farm, 5, bonus, 1n, admin.address]);
      await farm.add(100, lpB, other);
      await expect(farm.connect(alice).deposit(1, E18, alice.address))
        .to.be.revertedWithCustomError(other, "WrongPool")
        .withArgs(1n, 5n);
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
});
