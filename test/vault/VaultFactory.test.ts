import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../fixtures";
import { vaultFixture } from "./fixture";

describe("VaultFactory", function () {
  describe("#createVault", function () {
    it("creates one vault per pool, whose asset is the pool's token", async function () {
      const { vaultFactory, vault, farm, pair } = await loadFixture(vaultFixture);
      expect(await vaultFactory.vaultOf(0)).to.equal(await vault.getAddress());
      expect(await vaultFactory.vaultsLength()).to.equal(1n);
      expect(await vault.asset()).to.equal(await pair.getAddress());
      expect(await vault.farm()).to.equal(await farm.getAddress());
      expect(await vault.pid()).to.equal(0n);
      expect(await vault.factory()).to.equal(await vaultFactory.getAddress());
      expect(await vault.decimals()).to.equal(24n); // 18 + the offset of 6
      expect(await vaultFactory.vaultOf(1)).to.equal(ethers.ZeroAddress);
    });

    it("reverts with VaultExists naming the pid and the vault for a second vault", async function () {
      const { vaultFactory, vault } = await loadFixture(vaultFixture);
      await expect(vaultFactory.createVault(0))
        .to.be.revertedWithCustomError(vaultFactory, "VaultExists")
        .withArgs(0n, await vault.getAddress());
    });

    it("is owner only", async function () {
      const { vaultFactory, alice } = await loadFixture(vaultFixture);
      await expect(vaultFactory.connect(alice).createVault(0))
        .to.be.revertedWithCustomError(vaultFactory, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });
  });

  describe("settings", function () {
    it("bounds the performance fee at 10%", async function () {
      const { vaultFactory, vault } = await loadFixture(vaultFixture);
      await expect(vaultFactory.setPerformanceFee(1_000))
        .to.emit(vaultFactory, "PerformanceFeeSet")
        .withArgs(1_000n);
      expect(await vault.performanceFeeBps()).to.equal(1_000n);
      await expect(vaultFactory.setPerformanceFee(1_001))
        .to.be.revertedWithCustomError(vaultFactory, "PerformanceFeeTooHigh")
        .withArgs(1_001n, 1_000n);
      expect(await vault.performanceFeeBps()).to.equal(1_000n);
    });

    it("refuses a zero fee recipient", async function () {
      const { vaultFactory, vault, carol, admin } = await loadFixture(vaultFixture);
      expect(await vault.feeRecipient()).to.equal(admin.address);
      await expect(vaultFactory.setFeeRecipient(carol.address))
        .to.emit(vaultFactory, "FeeRecipientSet")
        .withArgs(carol.address);
      await expect(vaultFactory.setFeeRecipient(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        vaultFactory,
        "ZeroFeeRecipient",
      );
      expect(await vault.feeRecipient()).to.equal(carol.address);
    });

    it("keeps the unlock period within one hour and seven days", async function () {
      const { vaultFactory } = await loadFixture(vaultFixture);
      expect(await vaultFactory.unlockPeriod()).to.equal(86_400n);
      await expect(vaultFactory.setUnlockPeriod(7 * 86_400 + 1))
        .to.be.revertedWithCustomError(vaultFactory, "UnlockPeriodOutOfBounds")
        .withArgs(7n * 86_400n + 1n, 3_600n, 7n * 86_400n);
      await expect(vaultFactory.setUnlockPeriod(3_599))
        .to.be.revertedWithCustomError(vaultFactory, "UnlockPeriodOutOfBounds")
        .withArgs(3_599n, 3_600n, 7n * 86_400n);
      await expect(vaultFactory.setUnlockPeriod(3_600))
        .to.emit(vaultFactory, "UnlockPeriodSet")
        .withArgs(3_600n);
    });

    it("settings are owner only", async function () {
      const { vaultFactory, vault, alice } = await loadFixture(vaultFixture);
      const asAlice = vaultFactory.connect(alice);
      for (const call of [
        () => asAlice.setPerformanceFee(1),
        () => asAlice.setFeeRecipient(alice.address),
        () => asAlice.setUnlockPeriod(3_600),
        () => asAlice.setDepositsPaused(vault, true),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(vaultFactory, "OwnableUnauthorizedAccount")
          .withArgs(alice.address);
      }
    });
  });

  describe("#setDepositsPaused", function () {
    it("pauses deposits and mints only: withdrawals and redemptions go on", async function () {
      const { vaultFactory, vault, alice, pair } = await loadFixture(vaultFixture);
      await vault.connect(alice).deposit(1_000n * E18, alice.address);
      await expect(vaultFactory.setDepositsPaused(vault, true))
        .to.emit(vaultFactory, "DepositsPausedSet")
        .withArgs(await vault.getAddress(), true);
      expect([await vault.depositsPaused(), await vaultFactory.depositsPaused(vault)]).to.deep.equal([
        true,
        true,
      ]);
      expect(await vault.maxDeposit(alice.address)).to.equal(0n);
      expect(await vault.maxMint(alice.address)).to.equal(0n);
      await expect(vault.connect(alice).deposit(E18, alice.address)).to.be.revertedWithCustomError(
        vault,
        "DepositsPaused",
      );
      await expect(vault.connect(alice).mint(E18, alice.address)).to.be.revertedWithCustomError(
        vault,
        "DepositsPaused",
      );
      const before = await pair.balanceOf(alice.address);
      await vault.connect(alice).withdraw(400n * E18, alice.address, alice.address);
      await vault.connect(alice).redeem(await vault.balanceOf(alice.address), alice.address, alice.address);
      expect((await pair.balanceOf(alice.address)) - before).to.equal(1_000n * E18);
      await vaultFactory.setDepositsPaused(vault, false);
      expect(await vault.depositsPaused()).to.equal(false);
      await vault.connect(alice).deposit(E18, alice.address);
    });

    it("the vault keeps the pause in its own slot, which only the factory writes", async function () {
      const { vaultFactory, vault, alice } = await loadFixture(vaultFixture);
      await expect(vault.connect(alice).setDepositsPaused(true))
        .to.be.revertedWithCustomError(vault, "NotFactory")
        .withArgs(alice.address);
      // A harvest rewrites the lock in that slot: the pause survives it.
      await vault.connect(alice).deposit(1_000n * E18, alice.address);
      await vaultFactory.setDepositsPaused(vault, true);
      await time.increase(3_600);
      await vault.harvest(0);
      expect(await vault.depositsPaused()).to.equal(true);
      await expect(vault.connect(alice).deposit(E18, alice.address)).to.be.revertedWithCustomError(
        vault,
        "DepositsPaused",
      );
    });

    it("reverts with UnknownVault for an address it did not create", async function () {
      const { vaultFactory, alice } = await loadFixture(vaultFixture);
      await expect(vaultFactory.setDepositsPaused(alice.address, true))
        .to.be.revertedWithCustomError(vaultFactory, "UnknownVault")
        .withArgs(alice.address);
    });
  });
});
