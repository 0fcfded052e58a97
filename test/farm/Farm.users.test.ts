import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../fixtures";
import { signPermit } from "../../src/chain/permit";
import { mineAt, sendAt } from "../../src/chain/time";

const ZERO = ethers.ZeroAddress;

/** farmFixture with pool 0 = lpA (alloc 100) and pool 1 = lpB (alloc 100). */
async function twoPoolFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.add(100, f.lpB, ZERO);
  return f;
}

/** One pool (lpA, alloc 100) where alice staked 1 token 10 s before the start. */
async function stakedFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await sendAt(f.startTime - 10n, () => f.farm.connect(f.alice).deposit(0, E18, f.alice.address));
  return f;
}

describe("Farm (users)", function () {
  describe("#deposit", function () {
    it("credits `to`, pulls from the caller and emits Deposit", async function () {
      const { farm, lpA, alice, bob } = await loadFixture(twoPoolFixture);
      const tx = farm.connect(alice).deposit(0, 5n * E18, bob.address);
      await expect(tx)
        .to.emit(farm, "Deposit")
        .withArgs(alice.address, 0n, 5n * E18, bob.address);
      await expect(tx).to.changeTokenBalances(lpA, [alice, farm], [-5n * E18, 5n * E18]);
      expect((await farm.userInfo(0, bob.address)).amount).to.equal(5n * E18);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(0n);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(5n * E18);
    });

    it("pays one staker alone for 100 s at 1 FUR/s exactly 100 FUR, nothing before startTime", async function () {
      const { farm, token, alice, startTime } = await loadFixture(stakedFixture);
      await mineAt(startTime + 100n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(100n * E18);
      await time.setNextBlockTimestamp(startTime + 100n + 1n);
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        token,
        alice,
        101n * E18,
      );
    });

    it("splits between stakers 1:3 by stake", async function () {
      const { farm, alice, bob, startTime } = await loadFixture(twoPoolFixture);
      await farm.set(1, 0, ZERO, false);
      await sendAt(startTime - 5n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime - 4n, () => farm.connect(bob).deposit(0, 3n * E18, bob.address));
      await mineAt(startTime + 100n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(25n * E18);
      expect(await farm.pendingReward(0, bob.address)).to.equal(75n * E18);
    });

    it("keeps earned FUR when adding to a stake (no harvest, no payout)", async function () {
      const { farm, token, alice, startTime } = await loadFixture(stakedFixture);
      await time.setNextBlockTimestamp(startTime + 30n);
      await expect(farm.connect(alice).deposit(0, E18, alice.address)).to.changeTokenBalance(
        token,
        alice,
        0n,
      );
      expect((await farm.userInfo(0, alice.address)).accrued).to.equal(30n * E18);
      await mineAt(startTime + 40n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(40n * E18);
    });

    it("credits what arrived for a fee-on-transfer token", async function () {
      const { farm, alice } = await loadFixture(twoPoolFixture);
      const fot = await ethers.deployContract("FeeOnTransferToken", [100n]); // 1 %
      await fot.mint(alice.address, 100n * E18);
      await fot.connect(alice).approve(farm, ethers.MaxUint256);
      await farm.add(100, fot, ZERO);
      await expect(farm.connect(alice).deposit(2, 100n * E18, alice.address))
        .to.emit(farm, "Deposit")
        .withArgs(alice.address, 2n, 99n * E18, alice.address);
      expect((await farm.userInfo(2, alice.address)).amount).to.equal(99n * E18);
      expect((await farm.poolInfo(2)).totalStaked).to.equal(99n * E18);
      expect(await fot.balanceOf(farm)).to.equal(99n * E18);
      await expect(farm.connect(alice).withdraw(2, 99n * E18, alice.address)).to.changeTokenBalance(
        fot,
        alice,
        (99n * E18 * 99n) / 100n,
      );
    });

    it("works with a token whose transfers return nothing", async function () {
      const { farm, alice } = await loadFixture(twoPoolFixture);
      const mrt = await ethers.deployContract("MissingReturnToken");
      await mrt.mint(alice.address, 10n * E18);
      await mrt.connect(alice).approve(farm, ethers.MaxUint256);
      await farm.add(100, mrt, ZERO);
      await farm.connect(alice).deposit(2, 10n * E18, alice.address);
      expect((await farm.userInfo(2, alice.address)).amount).to.equal(10n * E18);
      await farm.connect(alice).withdraw(2, 10n * E18, alice.address);
      expect(await mrt.balanceOf(alice.address)).to.equal(10n * E18);
    });

    it("accepts a zero amount (it only settles)", async function () {
      const { farm, alice, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime + 7n, () => farm.connect(alice).deposit(0, 0n, alice.address));
      expect((await farm.userInfo(0, alice.address)).accrued).to.equal(7n * E18);
    });

    it("reverts for the zero recipient, an unknown pool and a stake past 2^104 - 1", async function () {
      const { farm, lpA, alice } = await loadFixture(twoPoolFixture);
      await expect(farm.connect(alice).deposit(0, 1n, ZERO))
        .to.be.revertedWithCustomError(farm, "InvalidRecipient")
        .withArgs(ZERO);
      await expect(farm.connect(alice).deposit(9, 1n, alice.address))
        .to.be.revertedWithCustomError(farm, "UnknownPool")
        .withArgs(9n);
      const max = 2n ** 104n - 1n;
      await lpA.mint(alice.address, max);
      await farm.connect(alice).deposit(0, max - 1n, alice.address);
      await expect(farm.connect(alice).deposit(0, 2n, alice.address))
        .to.be.revertedWithCustomError(farm, "StakeTooLarge")
        .withArgs(max + 1n, max);
      await farm.connect(alice).deposit(0, 1n, alice.address);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(max);
    });

    it("deposit(x); deposit(y) in one block equals deposit(x + y)", async function () {
      const { farm, alice, bob, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime + 33n, () => farm.connect(bob).deposit(0, 7n, bob.address));
      await ethers.provider.send("evm_setAutomine", [false]);
      const a = await farm.connect(alice).deposit(0, 1234567n, alice.address);
      const b = await farm.connect(alice).deposit(0, 7654321n, alice.address);
      await ethers.provider.send("evm_mine", [Number(startTime + 50n)]);
      await ethers.provider.send("evm_setAutomine", [true]);
      await a.wait();
      await b.wait();
      const split = await farm.userInfo(0, alice.address);
      const { farm: farm2, alice: alice2, bob: bob2 } = await loadFixture(stakedFixture);
      await sendAt(startTime + 33n, () => farm2.connect(bob2).deposit(0, 7n, bob2.address));
      await sendAt(startTime + 50n, () =>
        farm2.connect(alice2).deposit(0, 1234567n + 7654321n, alice2.address),
      );
      const joint = await farm2.userInfo(0, alice2.address);
      expect(split.amount).to.equal(joint.amount);
      expect(split.accrued).to.equal(joint.accrued);
      expect(split.accRewardPerSharePaid).to.equal(joint.accRewardPerSharePaid);
    });
  });

  describe("#withdraw", function () {
    it("sends the stake to `to`, keeps rewards accrued and emits Withdraw", async function () {
      const { farm, lpA, token, alice, bob, startTime } = await loadFixture(stakedFixture);
      await time.setNextBlockTimestamp(startTime + 20n);
      const tx = farm.connect(alice).withdraw(0, 4n * 10n ** 17n, bob.address);
      await expect(tx)
        .to.emit(farm, "Withdraw")
        .withArgs(alice.address, 0n, 4n * 10n ** 17n, bob.address);
      await expect(tx).to.changeTokenBalances(lpA, [farm, bob], [-4n * 10n ** 17n, 4n * 10n ** 17n]);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect((await farm.userInfo(0, alice.address)).accrued).to.equal(20n * E18);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(6n * 10n ** 17n);
    });

    it("reverts with InsufficientStake above the stake, and for the zero recipient", async function () {
      const { farm, alice } = await loadFixture(stakedFixture);
      await expect(farm.connect(alice).withdraw(0, E18 + 1n, alice.address))
        .to.be.revertedWithCustomError(farm, "InsufficientStake")
        .withArgs(E18 + 1n, E18);
      await expect(farm.connect(alice).withdraw(0, 1n, ZERO))
        .to.be.revertedWithCustomError(farm, "InvalidRecipient")
        .withArgs(ZERO);
    });
  });

  describe("#harvest", function () {
    it("pays exactly pendingReward to `to` and emits Harvest", async function () {
      const { farm, token, alice, carol, startTime } = await loadFixture(stakedFixture);
      await mineAt(startTime + 42n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(42n * E18);
      await time.setNextBlockTimestamp(startTime + 43n); // one second (1 FUR) later
      const tx = farm.connect(alice).harvest(0, carol.address);
      await expect(tx)
        .to.emit(farm, "Harvest")
        .withArgs(alice.address, 0n, 43n * E18);
      await expect(tx).to.changeTokenBalance(token, carol, 43n * E18);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
    });

    it("pays nothing the second time in the same block", async function () {
      const { farm, token, alice, startTime } = await loadFixture(stakedFixture);
      await ethers.provider.send("evm_setAutomine", [false]);
      const first = await farm.connect(alice).harvest(0, alice.address);
      const second = await farm.connect(alice).harvest(0, alice.address);
      await ethers.provider.send("evm_mine", [Number(startTime + 5n)]);
      await ethers.provider.send("evm_setAutomine", [true]);
      await expect(first)
        .to.emit(farm, "Harvest")
        .withArgs(alice.address, 0n, 5n * E18);
      await expect(second).to.emit(farm, "Harvest").withArgs(alice.address, 0n, 0n);
      expect(await token.balanceOf(alice.address)).to.equal(5n * E18);
    });

    it("reverts for the zero recipient and an unknown pool", async function () {
      const { farm, alice } = await loadFixture(stakedFixture);
      await expect(farm.connect(alice).harvest(0, ZERO))
        .to.be.revertedWithCustomError(farm, "InvalidRecipient")
        .withArgs(ZERO);
      await expect(farm.connect(alice).harvest(1, alice.address))
        .to.be.revertedWithCustomError(farm, "UnknownPool")
        .withArgs(1n);
    });
  });

  describe("#withdrawAndHarvest", function () {
    it("sends stake and FUR to `to` and emits Withdraw and Harvest", async function () {
      const { farm, lpA, token, alice, bob, startTime } = await loadFixture(stakedFixture);
      await time.setNextBlockTimestamp(startTime + 60n);
      const tx = farm.connect(alice).withdrawAndHarvest(0, E18, bob.address);
      await expect(tx)
        .to.emit(farm, "Withdraw")
        .withArgs(alice.address, 0n, E18, bob.address)
        .and.to.emit(farm, "Harvest")
        .withArgs(alice.address, 0n, 60n * E18);
      await expect(tx).to.changeTokenBalance(lpA, bob, E18);
      await expect(tx).to.changeTokenBalance(token, bob, 60n * E18);
      expect(await farm.userInfo(0, alice.address)).to.deep.equal([0n, 0n, (await farm.poolInfo(0))[0]]);
    });
  });

  describe("#emergencyWithdraw", function () {
    it("returns the whole stake, forfeits FUR and emits EmergencyWithdraw", async function () {
      const { farm, lpA, token, alice, bob, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime + 30n, () => farm.connect(alice).deposit(0, 0n, alice.address)); // settles 30 FUR
      const [reserveBefore] = await farm.rewardReserve();
      await time.setNextBlockTimestamp(startTime + 40n);
      const tx = farm.connect(alice).emergencyWithdraw(0, bob.address);
      await expect(tx).to.emit(farm, "EmergencyWithdraw").withArgs(alice.address, 0n, E18, bob.address);
      await expect(tx).to.changeTokenBalance(lpA, bob, E18);
      await expect(tx).to.changeTokenBalance(token, bob, 0n);
      expect((await farm.userInfo(0, alice.address)).amount).to.equal(0n);
      expect((await farm.userInfo(0, alice.address)).accrued).to.equal(0n);
      expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(0n);
      // The forfeited 30 FUR go back to the reserve (before issue 9.6 they stayed in the farm, backing
      // nothing: this read reserveBefore). The pool's last 10 s were not settled: with no stake left,
      // they return to the reserve at the pool's next update.
      expect((await farm.rewardReserve())[0]).to.equal(reserveBefore + 30n * E18);
    });

    it("returns the forfeited FUR earned up to the pool's stored index, not just the settled part", async function () {
      const { farm, alice, bob, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime - 1n, () => farm.connect(bob).deposit(0, E18, bob.address));
      await sendAt(startTime + 20n, () => farm.connect(bob).deposit(0, 0n, bob.address)); // pool index at +20
      const [reserveBefore] = await farm.rewardReserve();
      // alice never acted since staking: nothing settled, 10 FUR earned (half of 20 s) at the stored
      // index; the 5 s after it go to bob.
      await sendAt(startTime + 25n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
      expect((await farm.rewardReserve())[0]).to.equal(reserveBefore + 10n * E18);
      await mineAt(startTime + 30n);
      expect(await farm.pendingReward(0, bob.address)).to.equal(10n * E18 + 5n * E18 + 5n * E18);
    });

    it("gives the leaver's unsettled share to the stakers who remain", async function () {
      const { farm, alice, bob, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime - 1n, () => farm.connect(bob).deposit(0, E18, bob.address));
      await sendAt(startTime + 10n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
      await mineAt(startTime + 20n);
      // The pool's first 10 s (10 FUR) are split at the next update over bob alone; then 10 s more.
      expect(await farm.pendingReward(0, bob.address)).to.equal(20n * E18);
    });

    it("is a no-op for a user without stake, and reverts for the zero recipient", async function () {
      const { farm, bob, alice } = await loadFixture(stakedFixture);
      await expect(farm.connect(bob).emergencyWithdraw(0, bob.address))
        .to.emit(farm, "EmergencyWithdraw")
        .withArgs(bob.address, 0n, 0n, bob.address);
      await expect(farm.connect(alice).emergencyWithdraw(0, ZERO))
        .to.be.revertedWithCustomError(farm, "InvalidRecipient")
        .withArgs(ZERO);
    });
  });

  describe("#depositWithPermit", function () {
    it("deposits FUR itself with a permit, and still deposits when the permit was front-run", async function () {
      const { farm, token, admin, alice } = await loadFixture(twoPoolFixture);
      await token.mint(alice.address, 10n * E18);
      await farm.add(100, token, ZERO);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(token, alice, await farm.getAddress(), 4n * E18, deadline);
      await expect(
        farm.connect(alice).depositWithPermit(2, 4n * E18, alice.address, deadline, sig.v, sig.r, sig.s),
      )
        .to.emit(farm, "Deposit")
        .withArgs(alice.address, 2n, 4n * E18, alice.address);
      const sig2 = await signPermit(token, alice, await farm.getAddress(), 3n * E18, deadline);
      await token.connect(admin).permit(alice.address, farm, 3n * E18, deadline, sig2.v, sig2.r, sig2.s);
      await farm
        .connect(alice)
        .depositWithPermit(2, 3n * E18, alice.address, deadline, sig2.v, sig2.r, sig2.s);
      expect((await farm.userInfo(2, alice.address)).amount).to.equal(7n * E18);
    });
  });

  describe("#multicall", function () {
    it("batches harvests of several pools", async function () {
      const { farm, token, alice, startTime } = await loadFixture(twoPoolFixture);
      await sendAt(startTime - 3n, () => farm.connect(alice).deposit(0, E18, alice.address));
      await sendAt(startTime - 2n, () => farm.connect(alice).deposit(1, E18, alice.address));
      await time.setNextBlockTimestamp(startTime + 10n);
      const calls = [0, 1].map((pid) => farm.interface.encodeFunctionData("harvest", [pid, alice.address]));
      await expect(farm.connect(alice).multicall(calls)).to.changeTokenBalance(token, alice, 10n * E18);
    });

    it("is not payable", async function () {
      const { farm, alice } = await loadFixture(twoPoolFixture);
      const data = farm.interface.encodeFunctionData("multicall", [[]]);
      await expect(alice.sendTransaction({ to: await farm.getAddress(), data, value: 1n })).to.be.reverted;
    });
  });

  describe("#updatePool", function () {
    it("brings the pool up to date for anyone", async function () {
      const { farm, bob, startTime } = await loadFixture(stakedFixture);
      await sendAt(startTime + 10n, () => farm.connect(bob).updatePool(0));
      // 10 FUR over 1e18 staked: acc = 10e18 * 1e30 / 1e18.
      expect((await farm.poolInfo(0)).accRewardPerShare).to.equal(10n * 10n ** 30n);
      expect(await farm.accRewardPerAllocPoint()).to.equal((10n * E18 * E18) / 100n);
    });
  });
});
