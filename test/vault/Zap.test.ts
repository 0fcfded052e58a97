import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../fixtures";
import { vaultFixture } from "./fixture";

async function zapFixture() {
  const f = await vaultFixture();
  const zap = await ethers.deployContract("Zap", [f.router]);
  await f.token0.connect(f.alice).approve(zap, ethers.MaxUint256);
  await f.vault.connect(f.alice).approve(zap, ethers.MaxUint256);
  return { ...f, zap };
}

describe("Zap", function () {
  describe("#zapIn", function () {
    it("leaves at most rounding dust of either token and deposits the LP for `to`", async function () {
      const { zap, vault, token0, token1, alice, bob } = await loadFixture(zapFixture);
      const t0 = await token0.balanceOf(alice.address);
      const t1 = await token1.balanceOf(alice.address);
      await zap.connect(alice).zapIn(vault, token0, 1_000n * E18, 1n, bob.address);
      expect(await vault.balanceOf(bob.address)).to.be.greaterThan(0n);
      // Everything but the refunded dust went in; the other token came back only as dust.
      const spent = t0 - (await token0.balanceOf(alice.address));
      const refund1 = (await token1.balanceOf(alice.address)) - t1;
      expect(1_000n * E18 - spent <= 1_000n).to.equal(true);
      expect(refund1 <= 1_000n).to.equal(true);
      expect(await token0.balanceOf(zap)).to.equal(0n);
      expect(await token1.balanceOf(zap)).to.equal(0n);
    });

    it("reverts with InsufficientResult under the minimum of shares", async function () {
      const { zap, vault, token0, alice } = await loadFixture(zapFixture);
      const huge = 10n ** 40n;
      await expect(
        zap.connect(alice).zapIn(vault, token0, 1_000n * E18, huge, alice.address),
      ).to.be.revertedWithCustomError(zap, "InsufficientResult");
    });

    it("reverts with NotAPairToken for a token outside the pair", async function () {
      const { zap, vault, token, alice } = await loadFixture(zapFixture);
      await expect(zap.connect(alice).zapIn(vault, token, 0n, 0, alice.address))
        .to.be.revertedWithCustomError(zap, "NotAPairToken")
        .withArgs(await token.getAddress());
    });
  });

  describe("#zapOut", function () {
    it("redeems shares into one token, about what went in less two swap fees", async function () {
      const { zap, vault, token0, alice } = await loadFixture(zapFixture);
      await zap.connect(alice).zapIn(vault, token0, 1_000n * E18, 1n, alice.address);
      const before = await token0.balanceOf(alice.address);
      await zap
        .connect(alice)
        .zapOut(vault, await vault.balanceOf(alice.address), token0, 990n * E18, alice.address);
      const back = (await token0.balanceOf(alice.address)) - before;
      expect(back > 990n * E18 && back < 1_000n * E18).to.equal(true);
      expect(await vault.balanceOf(alice.address)).to.equal(0n);
    });
  });
});
