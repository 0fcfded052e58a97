import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, FARM_RATE, farmFixture } from "../fixtures";
import { executionGas, mineAt, now, sendAt } from "../../src/chain/time";
import type { Farm, MockERC20 } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const MAX_RATE = 100n * E18;
const MAX_ALLOC = 2n ** 32n - 1n;

/** farmFixture with pool 0 = lpA (alloc 100) and pool 1 = lpB (alloc 100). */
async function twoPoolFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.add(100, f.lpB, ZERO);
  return f;
}

describe("Farm", function () {
  describe("constructor", function () {
    it("sets the reward token, rate, start time and owner", async function () {
      const { farm, token, admin, startTime } = await loadFixture(farmFixture);
      expect(await farm.rewardToken()).to.equal(await token.getAddress());
      expect(await farm.rewardPerSecond()).to.equal(FARM_RATE);
      expect(await farm.startTime()).to.equal(startTime);
      expect(await farm.owner()).to.equal(admin.address);
      expect(await farm.MAX_REWARD_PER_SECOND()).to.equal(MAX_RATE);
      expect(await farm.MAX_ALLOC_POINT()).to.equal(MAX_ALLOC);
      expect(await farm.poolLength()).to.equal(0n);
      expect(await farm.totalAllocPoint()).to.equal(0n);
    });

    it("emits LogRewardPerSecond", async function () {
      const { token, admin } = await loadFixture(farmFixture);
      const factory = await ethers.getContractFactory("Farm");
      const farm = await factory.deploy(token, 7n, 0n, admin.address);
      await expect(farm.deploymentTransaction()).to.emit(farm, "LogRewardPerSecond").withArgs(7n);
    });

    it("reverts on a zero reward token, a rate above the max, a start past 2^32 and a zero owner", async function () {
      const { token, admin } = await loadFixture(farmFixture);
      const factory = await ethers.getContractFactory("Farm");
      await expect(factory.deploy(ZERO, 1n, 0n, admin.address)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddressToken",
      );
      await expect(factory.deploy(token, MAX_RATE + 1n, 0n, admin.address))
        .to.be.revertedWithCustomError(factory, "RewardPerSecondTooLarge")
        .withArgs(MAX_RATE + 1n, MAX_RATE);
      await expect(factory.deploy(token, 1n, 2n ** 32n, admin.address))
        .to.be.revertedWithCustomError(factory, "StartTimeTooLate")
        .withArgs(2n ** 32n, 2n ** 32n - 1n);
      await expect(factory.deploy(token, 1n, 0n, ZERO))
        .to.be.revertedWithCustomError(factory, "OwnableInvalidOwner")
        .withArgs(ZERO);
    });

    it("accrues from deployment when the start time is in the past", async function () {
      const { token, admin, alice, lpA } = await loadFixture(farmFixture);
      const farm: Farm = await ethers.deployContract("Farm", [token, E18, 1n, admin.address]);
      await token.grantRole(await token.MINTER_ROLE(), farm);
      await lpA.connect(alice).approve(farm, ethers.MaxUint256);
      const t0 = await now();
      await sendAt(t0 + 10n, () => farm.add(1, lpA, ZERO));
      await sendAt(t0 + 20n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await mineAt(t0 + 30n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(10n * E18);
    });
  });

  describe("#add", function () {
    it("registers the pool and emits LogPoolAddition", async function () {
      const { farm, lpA, admin } = await loadFixture(farmFixture);
      const rewarder = await ethers.deployContract("RecordingRewarder");
      await expect(farm.connect(admin).add(30, lpA, rewarder))
        .to.emit(farm, "LogPoolAddition")
        .withArgs(0n, 30n, await lpA.getAddress(), await rewarder.getAddress());
      expect(await farm.poolLength()).to.equal(1n);
      expect(await farm.lpToken(0)).to.equal(await lpA.getAddress());
      expect(await farm.rewarder(0)).to.equal(await rewarder.getAddress());
      expect(await farm.totalAllocPoint()).to.equal(30n);
      const info = await farm.poolInfo(0);
      expect(info.allocPoint).to.equal(30n);
      expect(info.totalStaked).to.equal(0n);
      expect(info.accRewardPerShare).to.equal(0n);
    });

    it("reverts with PoolExists naming the token for a second pool of the same token", async function () {
      const { farm, lpA } = await loadFixture(twoPoolFixture);
      await expect(farm.add(1, lpA, ZERO))
        .to.be.revertedWithCustomError(farm, "PoolExists")
        .withArgs(await lpA.getAddress());
    });

    it("reverts for the zero token, an allocPoint above the max and a caller other than the owner", async function () {
      const { farm, lpA, alice } = await loadFixture(farmFixture);
      await expect(farm.add(1, ZERO, ZERO)).to.be.revertedWithCustomError(farm, "ZeroAddressToken");
      await expect(farm.add(MAX_ALLOC + 1n, lpA, ZERO))
        .to.be.revertedWithCustomError(farm, "AllocPointTooLarge")
        .withArgs(MAX_ALLOC + 1n, MAX_ALLOC);
      await expect(farm.connect(alice).add(1, lpA, ZERO))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("does not pay the new pool for time before it was added", async function () {
      const { farm, lpA, lpB, alice, bob, startTime } = await loadFixture(farmFixture);
      await farm.add(100, lpA, ZERO);
      await sendAt(startTime, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime + 40n, () => farm.add(100, lpB, ZERO));
      await sendAt(startTime + 50n, () => farm.connect(bob).deposit(1, E18, bob.address));
      await mineAt(startTime + 100n);
      // alice: 40 s alone at 1 FUR/s + 60 s at half; bob: 50 s at half, nothing for before he joined.
      expect(await farm.pendingReward(0, alice.address)).to.equal(70n * E18);
      expect(await farm.pendingReward(1, bob.address)).to.equal(25n * E18);
    });

    it("costs the same gas with 2 or 30 pools (O(1))", async function () {
      const { farm, startTime } = await loadFixture(twoPoolFixture);
      await sendAt(startTime + 1n, () => farm.updatePool(0)); // the day's FUR is minted here
      const gasOfAdd = async (at: bigint) => {
        const lp = await ethers.deployContract("MockERC20", ["X", "X", 18]);
        return executionGas(await sendAt(at, () => farm.add(10, lp, ZERO)));
      };
      const early = await gasOfAdd(startTime + 10n);
      for (let i = 0; i < 27; i++)
        await farm.add(10, await ethers.deployContract("MockERC20", ["Y", "Y", 18]), ZERO);
      const late = await gasOfAdd((await now()) + 10n);
      expect(late).to.equal(early);
    });
  });

  describe("#set", function () {
    it("updates the weight and total and emits LogSetPool with the kept rewarder", async function () {
      const { farm } = await loadFixture(twoPoolFixture);
      const rewarder = await ethers.deployContract("RecordingRewarder");
      await farm.set(0, 10, rewarder, true);
      await expect(farm.set(0, 250, ZERO, false))
        .to.emit(farm, "LogSetPool")
        .withArgs(0n, 250n, await rewarder.getAddress(), false);
      expect((await farm.poolInfo(0)).allocPoint).to.equal(250n);
      expect(await farm.totalAllocPoint()).to.equal(350n);
      expect(await farm.rewarder(0)).to.equal(await rewarder.getAddress());
    });

    it("replaces the rewarder only with overwrite", async function () {
      const { farm } = await loadFixture(twoPoolFixture);
      const rewarder = await ethers.deployContract("RecordingRewarder");
      await expect(farm.set(1, 100, rewarder, true))
        .to.emit(farm, "LogSetPool")
        .withArgs(1n, 100n, await rewarder.getAddress(), true);
      await expect(farm.set(1, 100, ZERO, false))
        .to.emit(farm, "LogSetPool")
        .withArgs(1n, 100n, rewarder, false);
      expect(await farm.rewarder(1)).to.equal(await rewarder.getAddress());
      await farm.set(1, 100, ZERO, true);
      expect(await farm.rewarder(1)).to.equal(ZERO);
    });

    it("reverts for an unknown pool, an allocPoint above the max and a caller other than the owner", async function () {
      const { farm, alice } = await loadFixture(twoPoolFixture);
      await expect(farm.set(2, 1, ZERO, false))
        .to.be.revertedWithCustomError(farm, "UnknownPool")
        .withArgs(2n);
      await expect(farm.set(0, MAX_ALLOC + 1n, ZERO, false))
        .to.be.revertedWithCustomError(farm, "AllocPointTooLarge")
        .withArgs(MAX_ALLOC + 1n, MAX_ALLOC);
      await expect(farm.connect(alice).set(0, 1, ZERO, false))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("of another pool mid-way settles the earlier time at the old weights", async function () {
      const { farm, token, alice, startTime } = await loadFixture(twoPoolFixture);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime + 50n, () => farm.set(1, 300, ZERO, false));
      await time.setNextBlockTimestamp(startTime + 100n);
      // 50 s at 100/200 + 50 s at 100/400 of 1 FUR/s = 25 + 12.5.
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        token,
        alice,
        375n * 10n ** 17n,
      );
    });

    it("of the pool itself settles its stakers at the old weight first", async function () {
      const { farm, token, alice, startTime } = await loadFixture(twoPoolFixture);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime + 20n, () => farm.set(0, 300, ZERO, false));
      await time.setNextBlockTimestamp(startTime + 100n);
      // 20 s at 100/200 + 80 s at 300/400 = 10 + 60.
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        token,
        alice,
        70n * E18,
      );
    });

    it("costs the same gas with 2 or 30 pools (O(1))", async function () {
      const { farm, startTime } = await loadFixture(twoPoolFixture);
      await sendAt(startTime + 1n, () => farm.updatePool(0)); // the day's FUR is minted here
      const gasOfSet = async () =>
        executionGas(await sendAt((await now()) + 10n, () => farm.set(0, 77, ZERO, false)));
      await farm.set(0, 55, ZERO, false);
      const early = await gasOfSet();
      for (let i = 0; i < 28; i++)
        await farm.add(10, await ethers.deployContract("MockERC20", ["Y", "Y", 18]), ZERO);
      await farm.set(0, 55, ZERO, false);
      const late = await gasOfSet();
      expect(late).to.equal(early);
    });
  });

  describe("#setRewardPerSecond", function () {
    it("sets the rate and emits LogRewardPerSecond", async function () {
      const { farm } = await loadFixture(twoPoolFixture);
      await expect(farm.setRewardPerSecond(MAX_RATE)).to.emit(farm, "LogRewardPerSecond").withArgs(MAX_RATE);
      expect(await farm.rewardPerSecond()).to.equal(MAX_RATE);
    });

    it("reverts above MAX_REWARD_PER_SECOND and for a caller other than the owner", async function () {
      const { farm, alice } = await loadFixture(twoPoolFixture);
      await expect(farm.setRewardPerSecond(MAX_RATE + 1n))
        .to.be.revertedWithCustomError(farm, "RewardPerSecondTooLarge")
        .withArgs(MAX_RATE + 1n, MAX_RATE);
      await expect(farm.connect(alice).setRewardPerSecond(1))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("mid-way pays the earlier time at the old rate", async function () {
      const { farm, token, alice, startTime } = await loadFixture(twoPoolFixture);
      await farm.set(1, 0, ZERO, false);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime + 40n, () => farm.setRewardPerSecond(2n * E18));
      await time.setNextBlockTimestamp(startTime + 100n);
      // 40 s at 1 FUR/s + 60 s at 2 FUR/s.
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        token,
        alice,
        160n * E18,
      );
    });

    it("to zero stops accrual, and raising it again resumes from then", async function () {
      const { farm, token, alice, startTime } = await loadFixture(twoPoolFixture);
      await farm.set(1, 0, ZERO, false);
      await sendAt(startTime - 10n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime + 10n, () => farm.setRewardPerSecond(0));
      await sendAt(startTime + 500n, () => farm.setRewardPerSecond(E18));
      await time.setNextBlockTimestamp(startTime + 520n);
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        token,
        alice,
        30n * E18,
      );
    });
  });
});
