import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { zapIn, zapOut, type SidedPool } from "../../src/model";
import { factoryOf, uniswapArtifact } from "../../src/bench/peers/uniswap";
import type { Pair } from "../../typechain-types";
import { E18 } from "../fixtures";
import { DEADLINE, vaultFixture } from "./fixture";

/**
 * vaultFixture + a Zap, a token0/WETH pair (1,000/1,000) as farm pool 1 with its vault, and alice's
 * approvals: token0, her shares of both vaults and her token0/token1 LP, to the zap.
 */
async function zapFixture() {
  const f = await vaultFixture();
  const { router, farm, vaultFactory, token0, weth, factory, admin, alice, pair } = f;
  const zap = await ethers.deployContract("Zap", [router]);
  await router.addLiquidityETH(token0, 1_000n * E18, 0, 0, admin.address, DEADLINE, { value: 1_000n * E18 });
  const wethPair: Pair = await ethers.getContractAt("Pair", await factory.getPair(token0, weth));
  await farm.add(100, wethPair, ethers.ZeroAddress);
  await vaultFactory.createVault(1);
  const wethVault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(1));
  await token0.connect(alice).approve(zap, ethers.MaxUint256);
  await f.vault.connect(alice).approve(zap, ethers.MaxUint256);
  await wethVault.connect(alice).approve(zap, ethers.MaxUint256);
  await pair.connect(alice).approve(zap, ethers.MaxUint256);
  return { ...f, zap, wethPair, wethVault };
}

/** `pair` seen from `token`'s side. */
async function sided(pair: Pair, token: { getAddress(): Promise<string> }): Promise<SidedPool> {
  const [r0, r1] = await pair.getReserves();
  const isToken0 = (await pair.token0()) === (await token.getAddress());
  return {
    reserveIn: isToken0 ? r0 : r1,
    reserveOther: isToken0 ? r1 : r0,
    totalSupply: await pair.totalSupply(),
  };
}

describe("Zap", function () {
  describe("#zapIn", function () {
    it("swaps the closed-form amount, adds, deposits the LP for `to` and refunds exactly the rest", async function () {
      const { zap, vault, pair, token0, token1, alice, bob } = await loadFixture(zapFixture);
      const amount = 1_000n * E18;
      const m = zapIn(await sided(pair, token0), amount);
      const shares = await vault.previewDeposit(m.liquidity);
      const t0 = await token0.balanceOf(alice.address);
      const t1 = await token1.balanceOf(alice.address);
      await expect(zap.connect(alice).zapIn(vault, token0, amount, shares, bob.address))
        .to.emit(zap, "ZappedIn")
        .withArgs(
          alice.address,
          await vault.getAddress(),
          await token0.getAddress(),
          amount,
          shares,
          bob.address,
        );
      expect(await vault.balanceOf(bob.address)).to.equal(shares);
      expect(t0 - (await token0.balanceOf(alice.address))).to.equal(amount - m.refundIn);
      expect((await token1.balanceOf(alice.address)) - t1).to.equal(m.refundOther);
      // At the 0.3% fee the closed form (rounded down) leaves only wei of dust, of the input side:
      // here 3 wei of 1,000 token0, nothing of token1.
      expect([m.refundIn, m.refundOther]).to.deep.equal([3n, 0n]);
      for (const t of [token0, token1, pair]) expect(await t.balanceOf(zap)).to.equal(0n);
      expect(await pair.allowance(zap, vault)).to.equal(0n);
    });

    it("reverts with InsufficientResult(shares, minimum) one share above what it would mint", async function () {
      const { zap, vault, pair, token0, alice } = await loadFixture(zapFixture);
      const m = zapIn(await sided(pair, token0), 1_000n * E18);
      const shares = await vault.previewDeposit(m.liquidity);
      await expect(zap.connect(alice).zapIn(vault, token0, 1_000n * E18, shares + 1n, alice.address))
        .to.be.revertedWithCustomError(zap, "InsufficientResult")
        .withArgs(shares, shares + 1n);
    });

    it("reverts with NotAPairToken for a token outside the pair, InvalidRecipient for `to` = 0", async function () {
      const { zap, vault, token, token0, alice } = await loadFixture(zapFixture);
      await expect(zap.connect(alice).zapIn(vault, token, 0n, 0, alice.address))
        .to.be.revertedWithCustomError(zap, "NotAPairToken")
        .withArgs(await token.getAddress());
      await expect(
        zap.connect(alice).zapIn(vault, token0, E18, 0, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(zap, "InvalidRecipient");
    });

    it("zapInETH wraps msg.value and zaps it like WETH", async function () {
      const { zap, wethVault, wethPair, weth, alice } = await loadFixture(zapFixture);
      const m = zapIn(await sided(wethPair, weth), 10n * E18);
      const shares = await wethVault.previewDeposit(m.liquidity);
      await expect(zap.connect(alice).zapInETH(wethVault, shares, alice.address, { value: 10n * E18 }))
        .to.emit(zap, "ZappedIn")
        .withArgs(
          alice.address,
          await wethVault.getAddress(),
          await weth.getAddress(),
          10n * E18,
          shares,
          alice.address,
        );
      expect(await wethVault.balanceOf(alice.address)).to.equal(shares);
      expect(await weth.balanceOf(alice.address)).to.equal(m.refundIn);
    });
  });

  describe("#zapInFarm", function () {
    it("stakes the LP in the farm pool for `to`", async function () {
      const { zap, farm, pair, token0, alice, bob } = await loadFixture(zapFixture);
      const m = zapIn(await sided(pair, token0), 500n * E18);
      const staked = (await farm.poolInfo(0)).totalStaked;
      await expect(zap.connect(alice).zapInFarm(farm, 0, token0, 500n * E18, m.liquidity, bob.address))
        .to.emit(zap, "ZappedInFarm")
        .withArgs(
          alice.address,
          await farm.getAddress(),
          0n,
          await token0.getAddress(),
          500n * E18,
          m.liquidity,
          bob.address,
        );
      expect((await farm.userInfo(0, bob.address)).amount).to.equal(m.liquidity);
      expect((await farm.poolInfo(0)).totalStaked).to.equal(staked + m.liquidity);
      expect(await pair.allowance(zap, farm)).to.equal(0n);
      expect(await pair.balanceOf(zap)).to.equal(0n);
    });

    it("zapInETHFarm wraps msg.value and stakes it", async function () {
      const { zap, farm, wethPair, weth, alice } = await loadFixture(zapFixture);
      const m = zapIn(await sided(wethPair, weth), 3n * E18);
      await zap.connect(alice).zapInETHFarm(farm, 1, m.liquidity, alice.address, { value: 3n * E18 });
      expect((await farm.userInfo(1, alice.address)).amount).to.equal(m.liquidity);
    });

    it("reverts with InsufficientResult(liquidity, minimum) and changes nothing", async function () {
      const { zap, farm, pair, token0, alice } = await loadFixture(zapFixture);
      const m = zapIn(await sided(pair, token0), 500n * E18);
      const before = await token0.balanceOf(alice.address);
      await expect(zap.connect(alice).zapInFarm(farm, 0, token0, 500n * E18, m.liquidity + 1n, alice.address))
        .to.be.revertedWithCustomError(zap, "InsufficientResult")
        .withArgs(m.liquidity, m.liquidity + 1n);
      expect(await token0.balanceOf(alice.address)).to.equal(before);
    });

    it("refuses a pool whose stake token is a pair of another factory (NotAPair): its LP would stay in the zap", async function () {
      const { zap, farm, token0, token1, admin, alice } = await loadFixture(zapFixture);
      // The same two tokens, paired by Uniswap V2's factory: the router would add to Furrow's pair.
      const uniFactory = (await factoryOf(uniswapArtifact("UniswapV2Factory"), admin).deploy(
        admin.address,
      )) as Contract;
      await (await uniFactory.createPair(token0, token1)).wait();
      const foreign = await uniFactory.getPair(token0, token1);
      await farm.add(100, foreign, ethers.ZeroAddress);
      await expect(zap.connect(alice).zapInFarm(farm, 2, token0, E18, 0, alice.address))
        .to.be.revertedWithCustomError(zap, "NotAPair")
        .withArgs(foreign);
    });
  });

  describe("#zapOut / #zapOutLP", function () {
    it("zapOut redeems shares, removes the liquidity and swaps the other side into tokenOut", async function () {
      const { zap, vault, pair, token0, alice, bob } = await loadFixture(zapFixture);
      await zap.connect(alice).zapIn(vault, token0, 1_000n * E18, 1n, alice.address);
      const shares = await vault.balanceOf(alice.address);
      const lp = await vault.previewRedeem(shares);
      const { amountOut } = zapOut(await sided(pair, token0), lp);
      const bobBefore = await token0.balanceOf(bob.address);
      await expect(zap.connect(alice).zapOut(vault, shares, token0, amountOut, bob.address))
        .to.emit(zap, "ZappedOut")
        .withArgs(
          alice.address,
          await vault.getAddress(),
          await token0.getAddress(),
          shares,
          amountOut,
          bob.address,
        );
      expect((await token0.balanceOf(bob.address)) - bobBefore).to.equal(amountOut);
      expect(await vault.balanceOf(alice.address)).to.equal(0n);
      // Two swap fees and the pair's rounding: less than what went in.
      expect(amountOut < 1_000n * E18).to.equal(true);
    });

    it("zapOutLP turns LP (a farm stake, once withdrawn) into one token; under the minimum it reverts", async function () {
      const { zap, farm, pair, token1, alice } = await loadFixture(zapFixture);
      await farm.connect(alice).deposit(0, 100n * E18, alice.address);
      await farm.connect(alice).withdraw(0, 100n * E18, alice.address);
      const { amountOut } = zapOut(await sided(pair, token1), 100n * E18);
      await expect(zap.connect(alice).zapOutLP(pair, 100n * E18, token1, amountOut + 1n, alice.address))
        .to.be.revertedWithCustomError(zap, "InsufficientResult")
        .withArgs(amountOut, amountOut + 1n);
      const before = await token1.balanceOf(alice.address);
      await expect(zap.connect(alice).zapOutLP(pair, 100n * E18, token1, amountOut, alice.address))
        .to.emit(zap, "ZappedOutLP")
        .withArgs(
          alice.address,
          await pair.getAddress(),
          await token1.getAddress(),
          100n * E18,
          amountOut,
          alice.address,
        );
      expect((await token1.balanceOf(alice.address)) - before).to.equal(amountOut);
      for (const t of [pair, token1]) expect(await t.balanceOf(zap)).to.equal(0n);
    });
  });
});
