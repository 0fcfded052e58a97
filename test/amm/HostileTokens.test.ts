import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18 } from "../fixtures";
import { computePairAddress, getAmountOut, getAmountsOut } from "../../src/model";

const MAX = ethers.MaxUint256;

describe("Pair and Router with hostile tokens", function () {
  describe("a reentrant token (calls back into the pair or the router during transfer)", function () {
    async function reentrantFixture() {
      const f = await ammFixture();
      const { router, factory, token0, admin, bob } = f;
      const evil = await ethers.deployContract("ReentrantToken");
      for (const who of [admin, bob]) {
        await evil.mint(who.address, 1_000n * E18);
        await evil.connect(who).approve(router, MAX);
      }
      await router
        .connect(admin)
        .addLiquidity(evil, token0, 100n * E18, 100n * E18, 0, 0, admin.address, MAX);
      const pair = await ethers.getContractAt("Pair", await factory.getPair(evil, token0));
      return { ...f, evil, evilPair: pair };
    }

    it("a callback into the pair while it sends the token reverts with Locked", async function () {
      const { router, evil, evilPair, token0, bob } = await loadFixture(reentrantFixture);
      await evil.arm(evilPair, evilPair.interface.encodeFunctionData("sync"));
      await expect(
        router.connect(bob).swapExactTokensForTokens(E18, 0, [token0, evil], bob.address, MAX),
      ).to.be.revertedWithCustomError(evilPair, "Locked");
      // mint and burn re-entered from the token's hook during burn/skim are locked too.
      await evil.arm(evilPair, evilPair.interface.encodeFunctionData("mint", [bob.address]));
      await expect(evilPair.skim(bob.address)).to.be.revertedWithCustomError(evilPair, "Locked");
    });

    it("burn and skim re-entered from the token's hook are locked too", async function () {
      const { evil, evilPair, bob } = await loadFixture(reentrantFixture);
      // skim moves the evil token (0 wei of excess still goes through its hook).
      await evil.arm(evilPair, evilPair.interface.encodeFunctionData("burn", [bob.address]));
      await expect(evilPair.skim(bob.address)).to.be.revertedWithCustomError(evilPair, "Locked");
      await evil.arm(evilPair, evilPair.interface.encodeFunctionData("skim", [bob.address]));
      await expect(evilPair.skim(bob.address)).to.be.revertedWithCustomError(evilPair, "Locked");
    });

    it("a callback into the router that reaches the same pair reverts with the pair's Locked", async function () {
      const { router, evil, evilPair, token0, bob } = await loadFixture(reentrantFixture);
      await evil.mint(evil, 10n * E18);
      const call = router.interface.encodeFunctionData("swapExactTokensForTokens", [
        E18,
        0n,
        [await evil.getAddress(), await token0.getAddress()],
        await evil.getAddress(),
        MAX,
      ]);
      await evil.arm(router, call);
      // The hook's router call pulls from the token contract itself: allow it.
      await evil.approveSelf(router, MAX);
      await expect(
        router.connect(bob).swapExactTokensForTokens(E18, 0, [token0, evil], bob.address, MAX),
      ).to.be.revertedWithCustomError(evilPair, "Locked");
    });

    it("works normally while disarmed", async function () {
      const { router, evil, evilPair, token0, bob } = await loadFixture(reentrantFixture);
      const [r0, r1] = await evilPair.getReserves();
      const evilIs0 = (await evilPair.token0()) === (await evil.getAddress());
      const out = getAmountOut(E18, evilIs0 ? r1 : r0, evilIs0 ? r0 : r1);
      await expect(
        router.connect(bob).swapExactTokensForTokens(E18, 0, [token0, evil], bob.address, MAX),
      ).to.changeTokenBalances(evil, [bob], [out]);
    });
  });

  describe("a token whose transfer returns nothing (USDT style)", function () {
    it("can be added, swapped and removed", async function () {
      const { router, factory, token0, admin, bob } = await loadFixture(ammFixture);
      const usdt = await ethers.deployContract("MissingReturnToken");
      for (const who of [admin, bob]) {
        await usdt.mint(who.address, 1_000n * E18);
        await usdt.connect(who).approve(router, MAX);
      }
      await router
        .connect(admin)
        .addLiquidity(usdt, token0, 100n * E18, 200n * E18, 0, 0, admin.address, MAX);
      const pair = await ethers.getContractAt("Pair", await factory.getPair(usdt, token0));
      const expected = getAmountsOut(E18, [{ reserveIn: 100n * E18, reserveOut: 200n * E18 }]);
      await router.connect(bob).swapExactTokensForTokens(E18, 0, [usdt, token0], bob.address, MAX);
      expect(await token0.balanceOf(bob.address)).to.equal(1_000_000n * E18 + expected[1]);
      const back = getAmountsOut(E18, [{ reserveIn: 200n * E18 - expected[1], reserveOut: 101n * E18 }]);
      await router.connect(bob).swapExactTokensForTokens(E18, 0, [token0, usdt], bob.address, MAX);
      expect(await usdt.balanceOf(bob.address)).to.equal(999n * E18 + back[1]);
      await pair.connect(admin).approve(router, MAX);
      await router
        .connect(admin)
        .removeLiquidity(usdt, token0, await pair.balanceOf(admin.address), 0, 0, admin.address, MAX);
      expect(await pair.totalSupply()).to.equal(1000n);
    });
  });

  describe("a token whose transfer returns false", function () {
    it("makes the router revert with TransferFromFailed", async function () {
      const { router, token0, admin } = await loadFixture(ammFixture);
      const bad = await ethers.deployContract("ReturnsFalseToken");
      const factory = await ethers.getContractAt("PairFactory", await router.factory());
      const pairAddress = async () =>
        computePairAddress(
          await factory.getAddress(),
          await factory.PAIR_INIT_CODE_HASH(),
          await bad.getAddress(),
          await token0.getAddress(),
        );
      await expect(router.addLiquidity(bad, token0, E18, E18, 0, 0, admin.address, MAX))
        .to.be.revertedWithCustomError(router, "TransferFromFailed")
        .withArgs(await bad.getAddress(), admin.address, await pairAddress(), E18);
    });
  });

  describe("tokens with 6 and 18 decimals", function () {
    it("price and swap exactly by raw units", async function () {
      const { router, factory, token0, admin, bob } = await loadFixture(ammFixture);
      const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
      for (const who of [admin, bob]) {
        await usdc.mint(who.address, 10n ** 12n * 10n ** 6n);
        await usdc.connect(who).approve(router, MAX);
      }
      // 2,000,000 USDC : 1,000 token0 (price 2,000 USDC per token0).
      await router
        .connect(admin)
        .addLiquidity(usdc, token0, 2_000_000n * 10n ** 6n, 1_000n * E18, 0, 0, admin.address, MAX);
      const pair = await ethers.getContractAt("Pair", await factory.getPair(usdc, token0));
      expect(await pair.balanceOf(admin.address)).to.equal(44_721_359_549_995_793n - 1000n); // floor(sqrt(2e12 · 1e21)) - 1000
      const out = getAmountOut(E18, 1_000n * E18, 2_000_000n * 10n ** 6n);
      await expect(
        router.connect(bob).swapExactTokensForTokens(E18, 0, [token0, usdc], bob.address, MAX),
      ).to.changeTokenBalances(usdc, [bob], [out]);
      expect(out).to.equal(1_992_013_962n); // 1,992.013962 USDC
    });
  });
});
