import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../fixtures";
import { DEADLINE, vaultFixture } from "./fixture";

const OFFSET = 10n ** 6n;

describe("FarmVault", function () {
  describe("#deposit / #withdraw", function () {
    it("stakes deposits in the farm and unstakes withdrawals straight to the receiver", async function () {
      const { vault, farm, pair, alice, bob } = await loadFixture(vaultFixture);
      await expect(vault.connect(alice).deposit(1_000n * E18, alice.address))
        .to.emit(vault, "Deposit")
        .withArgs(alice.address, alice.address, 1_000n * E18, 1_000n * E18 * OFFSET);
      expect((await farm.userInfo(0, vault)).amount).to.equal(1_000n * E18);
      expect(await vault.totalStaked()).to.equal(1_000n * E18);
      expect(await vault.totalAssets()).to.equal(1_000n * E18);
      expect(await pair.balanceOf(vault)).to.equal(0n);
      const before = await pair.balanceOf(bob.address);
      await vault.connect(alice).withdraw(300n * E18, bob.address, alice.address);
      expect((await pair.balanceOf(bob.address)) - before).to.equal(300n * E18);
      expect((await farm.userInfo(0, vault)).amount).to.equal(700n * E18);
      expect(await vault.balanceOf(alice.address)).to.equal(700n * E18 * OFFSET);
    });
  });

  describe("attacks", function () {
    it("first-depositor inflation and donation: a donation changes nothing (and does against the bug)", async function () {
      const { vault, farm, pair, alice, bob } = await loadFixture(vaultFixture);
      // Attacker alice: 1 wei of shares, then donates 2,000 LP straight to the vault and as farm stake.
      await vault.connect(alice).deposit(1n, alice.address);
      await pair.connect(alice).transfer(vault, 1_000n * E18);
      await farm.connect(alice).deposit(0, 1_000n * E18, vault);
      expect(await vault.totalAssets()).to.equal(1n);
      await vault.connect(bob).deposit(1_000n * E18, bob.address);
      // (1e21 * (1e6 + 1e6)) / (1 + 1) shares: exactly the undonated price.
      expect(await vault.balanceOf(bob.address)).to.equal(1_000n * E18 * OFFSET);
      expect(await vault.maxWithdraw(bob.address)).to.equal(1_000n * E18);

      // The same attack against a vault that counts balanceOf without an offset: bob gets 0 shares.
      const naive = await ethers.deployContract("BalanceCountingVault", [pair]);
      await pair.connect(alice).approve(naive, ethers.MaxUint256);
      await pair.connect(bob).approve(naive, ethers.MaxUint256);
      await naive.connect(alice).deposit(1n, alice.address);
      await pair.connect(alice).transfer(naive, 2_000n * E18);
      await naive.connect(bob).deposit(1_000n * E18, bob.address);
      expect(await naive.balanceOf(bob.address)).to.equal(0n);
    });
  });

  describe("#harvest", function () {
    async function harvestedFixture() {
      const f = await vaultFixture();
      await f.vault.connect(f.alice).deposit(1_000n * E18, f.alice.address);
      await time.increase(3_600);
      return f;
    }

    it("compounds FUR into staked LP, locked and unlocking linearly over a day", async function () {
      const { vault, farm, alice } = await loadFixture(harvestedFixture);
      const assetsBefore = await vault.totalAssets();
      const tx = await vault.connect(alice).harvest(1n);
      const receipt = await tx.wait();
      const event = receipt!.logs
        .map((l) => vault.interface.parseLog(l))
        .find((e) => e?.name === "Harvested")!;
      const added: bigint = event.args.assetsAdded;
      expect(added).to.be.greaterThan(0n);
      expect(await vault.totalStaked()).to.equal(1_000n * E18 + added);
      expect((await farm.userInfo(0, vault)).amount).to.equal(1_000n * E18 + added);
      expect(await vault.lockedProfit()).to.equal(added);
      expect(await vault.totalAssets()).to.equal(assetsBefore);
      const t0 = BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
      expect(await vault.lastHarvest()).to.equal(t0);
      await time.increaseTo(t0 + 21_600n);
      expect(await vault.lockedProfit()).to.equal((added * (86_400n - 21_600n)) / 86_400n);
      await time.increaseTo(t0 + 86_400n);
      expect(await vault.lockedProfit()).to.equal(0n);
      expect(await vault.totalAssets()).to.equal(1_000n * E18 + added);
    });

    it("mints the performance fee as shares, a tenth of it to the caller, at the pre-profit price", async function () {
      const { vault, vaultFactory, alice, bob, carol } = await loadFixture(harvestedFixture);
      await vaultFactory.setPerformanceFee(1_000);
      await vaultFactory.setFeeRecipient(carol.address);
      const price = await vault.convertToAssets(E18 * OFFSET);
      const supply = await vault.totalSupply();
      const assets = await vault.totalAssets();
      const receipt = await (await vault.connect(bob).harvest(0)).wait();
      const e = receipt!.logs.map((l) => vault.interface.parseLog(l)).find((x) => x?.name === "Harvested")!;
      const added: bigint = e.args.assetsAdded;
      const feeAssets = added / 10n;
      const feeShares = (feeAssets * (supply + OFFSET)) / (assets + 1n);
      expect(e.args.feeShares).to.equal(feeShares);
      expect(await vault.balanceOf(bob.address)).to.equal(feeShares / 10n);
      expect(await vault.balanceOf(carol.address)).to.equal(feeShares - feeShares / 10n);
      expect(await vault.lockedProfit()).to.equal(added - feeAssets);
      const after = await vault.convertToAssets(E18 * OFFSET);
      expect(after >= price && after <= price + 1n).to.equal(true);
      expect(await vault.balanceOf(alice.address)).to.equal(1_000n * E18 * OFFSET);
    });

    it("just-in-time deposit around a harvest earns nothing; the long-term holder gets the profit", async function () {
      const { vault, pair, alice, bob } = await loadFixture(harvestedFixture);
      const bobBefore = await pair.balanceOf(bob.address);
      await vault.connect(bob).deposit(9_000n * E18, bob.address);
      const receipt = await (await vault.harvest(0)).wait();
      const e = receipt!.logs.map((l) => vault.interface.parseLog(l)).find((x) => x?.name === "Harvested")!;
      const added: bigint = e.args.assetsAdded;
      const shares = await vault.balanceOf(bob.address);
      // Against the bug (profit counted at once): bob's shares would be worth more than he put in.
      const unlockedValue =
        (shares * ((await vault.totalStaked()) + 1n)) / ((await vault.totalSupply()) + OFFSET);
      expect(unlockedValue).to.be.greaterThan(9_000n * E18);
      await vault.connect(bob).redeem(shares, bob.address, bob.address);
      // Redeemed one second after the harvest: at most his part of one second's unlock, 1/86,400.
      const gain = (await pair.balanceOf(bob.address)) - bobBefore;
      expect(gain <= added / 86_400n + 1n).to.equal(true);
      await time.increase(86_400);
      expect(await vault.maxWithdraw(alice.address)).to.be.greaterThan(1_000n * E18);
    });

    it("reverts with PriceDeviation when the FUR price was pushed 10% before it", async function () {
      const { vault, router, token, token0, furPair, admin } = await loadFixture(harvestedFixture);
      // ~5.1% of the pool's FUR swapped in moves the spot price by ~10%.
      await router.swapExactTokensForTokens(5_130n * E18, 0, [token, token0], admin.address, DEADLINE);
      await expect(vault.harvest(0)).to.be.revertedWithCustomError(vault, "PriceDeviation");
      void furPair;
    });

    it("reverts with PriceDeviation when the pool pair itself was pushed 10%", async function () {
      const { vault, router, token0, token1, admin } = await loadFixture(harvestedFixture);
      await router.swapExactTokensForTokens(5_130n * E18, 0, [token0, token1], admin.address, DEADLINE);
      await expect(vault.harvest(0)).to.be.revertedWithCustomError(vault, "PriceDeviation");
    });

    it("reverts with InsufficientAssetsAdded under the caller's minimum", async function () {
      const { vault } = await loadFixture(harvestedFixture);
      const max = 10n ** 30n;
      await expect(vault.harvest(max)).to.be.revertedWithCustomError(vault, "InsufficientAssetsAdded");
    });

    it("with zero supply: mints the fee, divides by nothing, locks the rest", async function () {
      const { vault, vaultFactory, alice, carol } = await loadFixture(harvestedFixture);
      await vaultFactory.setPerformanceFee(1_000);
      await vaultFactory.setFeeRecipient(carol.address);
      await vault.connect(alice).redeem(await vault.balanceOf(alice.address), alice.address, alice.address);
      expect(await vault.totalSupply()).to.equal(0n);
      const receipt = await (await vault.harvest(0)).wait();
      const e = receipt!.logs.map((l) => vault.interface.parseLog(l)).find((x) => x?.name === "Harvested")!;
      const added: bigint = e.args.assetsAdded;
      expect(added).to.be.greaterThan(0n);
      // (added / 10) * (0 + 1e6) / (0 + 1)
      expect(e.args.feeShares).to.equal((added / 10n) * OFFSET);
      expect(await vault.totalSupply()).to.equal((added / 10n) * OFFSET);
    });
  });

  describe("when the farm's FUR cap runs out", function () {
    it("harvests what the farm still pays, then nothing, and withdrawals go on", async function () {
      const { vault, farm, token, pair, admin, alice } = await loadFixture(vaultFixture);
      await vault.connect(alice).deposit(1_000n * E18, alice.address);
      await token.mint(admin.address, await token.mintableSupply());
      expect(await token.mintableSupply()).to.equal(0n);
      await time.increase(10 * 86_400);
      await vault.harvest(0); // pays what the farm had minted ahead, if anything
      await time.increase(3_600);
      // Nothing is minted any more, so the farm pays 0 FUR. The first harvest may leave a wei of a
      // pool token (its add-liquidity refund), which this one may turn into a wei of LP: the vault's
      // assetsAdded is not the claim here, the farm's payment is.
      expect(await farm.pendingReward(0, vault)).to.equal(0n);
      const furBefore = await token.balanceOf(farm);
      await expect(vault.harvest(0))
        .to.emit(farm, "Harvest")
        .withArgs(await vault.getAddress(), 0n, 0n);
      expect(await token.balanceOf(farm)).to.equal(furBefore);
      const before = await pair.balanceOf(alice.address);
      const assets = await vault.maxWithdraw(alice.address);
      await vault.connect(alice).withdraw(assets, alice.address, alice.address);
      expect((await pair.balanceOf(alice.address)) - before).to.equal(assets);
    });
  });

  describe("hostile rewarders", function () {
    for (const name of ["RevertingRewarder", "GasBurningRewarder"]) {
      it(`withdrawals go on with a ${name} (the harvest's re-stake cannot: Farm.deposit calls it unbounded)`, async function () {
        const { vault, farm, pair, alice } = await loadFixture(vaultFixture);
        await vault.connect(alice).deposit(1_000n * E18, alice.address);
        const rewarder = await ethers.deployContract(name);
        await farm.set(0, 100, rewarder, true);
        await time.increase(3_600);
        await expect(vault.harvest(0)).to.be.reverted;
        const before = await pair.balanceOf(alice.address);
        await vault.connect(alice).withdraw(500n * E18, alice.address, alice.address);
        expect((await pair.balanceOf(alice.address)) - before).to.equal(500n * E18);
      });
    }
  });
});
