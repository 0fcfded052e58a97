import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import { now, sendAt } from "../../src/chain/time";
import {
  burnAmounts,
  protocolFeeLiquidity,
  STAKING_PRECISION as P,
  STAKING_REWARD_DURATION as D,
} from "../../src/model";
import type { FeeCollector, Pair, StakedFUR } from "../../typechain-types";

/**
 * ammFixture + sFUR (on the fixture's FUR) rewarding token0 and token1, alice staking 100 sFUR, and a
 * FeeCollector set as the factory's feeTo. The pair holds 1,000 / 4,000 of liquidity (bob's LP).
 */
async function collectorFixture() {
  const f = await ammFixture();
  const { token: fur, admin, alice, bob, factory, pair, token0, token1 } = f;
  const sfur: StakedFUR = await ethers.deployContract("StakedFUR", [fur, admin.address]);
  const collector: FeeCollector = await ethers.deployContract("FeeCollector", [factory, sfur, admin.address]);
  await factory.setFeeTo(collector);
  await sfur.addRewardToken(token0);
  await fur.mint(alice.address, 100n * E18);
  await fur.connect(alice).approve(sfur, ethers.MaxUint256);
  await sfur.connect(alice).depositFor(alice.address, 100n * E18);
  await mintDirect(pair, token0, token1, 1_000n * E18, 4_000n * E18, bob);
  return { ...f, fur, sfur, collector };
}

/** What burning `lp` of `pair` pays now: the protocol fee is minted first (to the collector), then pro rata. */
async function burnOut(pair: Pair, lp: bigint): Promise<[bigint, bigint]> {
  const [reserve0, reserve1] = await pair.getReserves();
  const pool = { reserve0, reserve1, totalSupply: await pair.totalSupply() };
  const supply = pool.totalSupply + protocolFeeLiquidity(pool, await pair.kLast());
  return burnAmounts(lp, reserve0, reserve1, supply);
}

describe("FeeCollector", function () {
  describe("deployment", function () {
    it("refuses a zero factory or staking", async function () {
      const { factory, admin, collector } = await loadFixture(collectorFixture);
      const Factory = await ethers.getContractFactory("FeeCollector");
      await expect(
        Factory.deploy(ethers.ZeroAddress, collector, admin.address),
      ).to.be.revertedWithCustomError(collector, "ZeroAddress");
      await expect(Factory.deploy(factory, ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        collector,
        "ZeroAddress",
      );
    });
  });

  describe("#setPolBps", function () {
    it("lets the owner set up to 5,000 bps and nobody else", async function () {
      const { collector, alice } = await loadFixture(collectorFixture);
      expect(await collector.MAX_POL_BPS()).to.equal(5_000n);
      await expect(collector.setPolBps(5_000)).to.emit(collector, "PolBpsSet").withArgs(5_000n);
      expect(await collector.polBps()).to.equal(5_000n);
      await expect(collector.setPolBps(5_001))
        .to.be.revertedWithCustomError(collector, "PolBpsTooHigh")
        .withArgs(5_001n, 5_000n);
      await expect(collector.connect(alice).setPolBps(1))
        .to.be.revertedWithCustomError(collector, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      expect(await collector.polBps()).to.equal(5_000n);
    });
  });

  describe("#collect", function () {
    it("is permissionless: burns the fee LP and notifies the allow-listed token in kind", async function () {
      const { collector, sfur, pair, bob, carol, token0, token1 } = await loadFixture(collectorFixture);
      await pair.connect(bob).transfer(collector, 10n * E18);
      const [out0, out1] = await burnOut(pair, 10n * E18);
      const t = (await now()) + 10n;
      const tx = await sendAt(t, () => collector.connect(carol).collect([pair]));
      await expect(tx.hash)
        .to.emit(collector, "Collected")
        .withArgs(await pair.getAddress(), 10n * E18, 0n, out0, out1);
      await expect(tx.hash)
        .to.emit(collector, "Distributed")
        .withArgs(await token0.getAddress(), out0);
      expect(await sfur.rewardStream(token0)).to.deep.equal([(out0 * P) / D, t + D, 0n]);
      // token1 is not allow-listed: it waits in the collector.
      expect(await token1.balanceOf(collector)).to.equal(out1);
      expect(await pair.balanceOf(collector)).to.equal(0n);
      // No swap anywhere in the collect.
      await expect(tx.hash).not.to.emit(pair, "Swap");
    });

    it("sends polBps of the LP to the owner as protocol-owned liquidity", async function () {
      const { collector, pair, bob, admin } = await loadFixture(collectorFixture);
      await collector.setPolBps(2_500);
      await pair.connect(bob).transfer(collector, 8n * E18);
      const before = await pair.balanceOf(admin.address);
      const [out0, out1] = await burnOut(pair, 6n * E18);
      await expect(collector.collect([pair]))
        .to.emit(collector, "Collected")
        .withArgs(await pair.getAddress(), 6n * E18, 2n * E18, out0, out1);
      expect((await pair.balanceOf(admin.address)) - before).to.equal(2n * E18);
    });

    it("notifies a waiting token, with the new, once it is allow-listed", async function () {
      const { collector, sfur, pair, bob, token1 } = await loadFixture(collectorFixture);
      await pair.connect(bob).transfer(collector, 10n * E18);
      await collector.collect([pair]);
      const waiting = await token1.balanceOf(collector);
      await sfur.addRewardToken(token1);
      await pair.connect(bob).transfer(collector, 5n * E18);
      const [, out1] = await burnOut(pair, 5n * E18);
      const tx = await collector.collect([pair]);
      // This collect's token1 is paid by the pair to sFUR directly; what waited goes from here.
      await expect(tx)
        .to.emit(collector, "Distributed")
        .withArgs(await token1.getAddress(), out1);
      await expect(tx)
        .to.emit(collector, "Distributed")
        .withArgs(await token1.getAddress(), waiting);
      expect(await token1.balanceOf(collector)).to.equal(0n);
      expect(await token1.balanceOf(sfur)).to.equal(waiting + out1);
      // Nothing waits any more: the next collect pays sFUR directly and sends nothing from here.
      await pair.connect(bob).transfer(collector, E18);
      const [, next1] = await burnOut(pair, E18);
      const receipt = (await (await collector.collect([pair])).wait())!;
      const distributed = receipt.logs
        .map((l) => collector.interface.parseLog(l))
        .filter((e) => e?.name === "Distributed" && e.args.token === token1.target);
      expect(distributed.map((e) => e!.args.amount)).to.deep.equal([next1]);
    });

    it("once sFUR streams both tokens, the pair pays sFUR directly: no token passes through the collector", async function () {
      const { collector, sfur, pair, bob, carol, token0, token1 } = await loadFixture(collectorFixture);
      await sfur.addRewardToken(token1);
      await pair.connect(bob).transfer(collector, 10n * E18);
      const [out0, out1] = await burnOut(pair, 10n * E18);
      const t = (await now()) + 10n;
      const tx = await sendAt(t, () => collector.connect(carol).collect([pair]));
      await expect(tx.hash)
        .to.emit(collector, "Collected")
        .withArgs(await pair.getAddress(), 10n * E18, 0n, out0, out1);
      for (const [token, out] of [
        [token0, out0],
        [token1, out1],
      ] as const) {
        await expect(tx.hash)
          .to.emit(collector, "Distributed")
          .withArgs(await token.getAddress(), out);
        await expect(tx.hash)
          .to.emit(token, "Transfer")
          .withArgs(await pair.getAddress(), await sfur.getAddress(), out);
        await expect(tx.hash)
          .to.emit(sfur, "RewardNotified")
          .withArgs(await token.getAddress(), await collector.getAddress(), out, (out * P) / D, t + D);
        expect(await token.balanceOf(collector)).to.equal(0n);
      }
      const receipt = (await ethers.provider.getTransactionReceipt(tx.hash))!;
      const toCollector = receipt.logs
        .filter((l) => l.address === token0.target || l.address === token1.target)
        .map((l) => token0.interface.parseLog(l)!)
        .filter((e) => e.name === "Transfer" && e.args.to === collector.target);
      expect(toCollector).to.deep.equal([]);
      expect(await token1.balanceOf(sfur)).to.equal(out1);
    });
    it("collects the protocol fee the pair mints to it after swaps", async function () {
      const { collector, pair, router, alice, bob, token0, token1 } = await loadFixture(collectorFixture);
      const deadline = (await now()) + 3_600n;
      for (let i = 0; i < 4; i++)
        await router
          .connect(alice)
          .swapExactTokensForTokens(
            100n * E18,
            0,
            [token0, token1].map((t) => t.getAddress()) as never,
            alice.address,
            deadline,
          )
          .then(() =>
            router
              .connect(alice)
              .swapExactTokensForTokens(
                300n * E18,
                0,
                [token1, token0].map((t) => t.getAddress()) as never,
                alice.address,
                deadline,
              ),
          );
      // Any mint or burn mints the protocol's 1/6 of fee growth to feeTo.
      await mintDirect(pair, token0, token1, E18, 4n * E18, bob);
      const fee = await pair.balanceOf(collector);
      expect(fee).to.be.greaterThan(0n);
      await expect(collector.collect([pair])).to.emit(collector, "Collected");
      expect(await pair.balanceOf(collector)).to.equal(0n);
    });

    it("refuses an address that is not a factory pair, changing nothing", async function () {
      const { collector, token0, alice, factory } = await loadFixture(collectorFixture);
      await expect(collector.collect([alice.address]))
        .to.be.revertedWithCustomError(collector, "NotAPair")
        .withArgs(alice.address);
      await expect(collector.collect([token0]))
        .to.be.revertedWithCustomError(collector, "NotAPair")
        .withArgs(await token0.getAddress());
      // A pair of another factory (same code, same tokens) is not this factory's.
      const other = await ethers.deployContract("PairFactory", [alice.address]);
      const t1 = await ethers.deployContract("MockERC20", ["X", "X", 18]);
      await other.createPair(token0, t1);
      const foreign = await other.getPair(token0, t1);
      expect(await factory.getPair(token0, t1)).to.equal(ethers.ZeroAddress);
      await expect(collector.collect([foreign]))
        .to.be.revertedWithCustomError(collector, "NotAPair")
        .withArgs(foreign);
    });

    it("refuses a pair whose token is itself a Furrow LP token (LP of LP)", async function () {
      const { collector, factory, pair, token0, bob } = await loadFixture(collectorFixture);
      await factory.createPair(pair, token0);
      const lpOfLp = await factory.getPair(pair, token0);
      const lp = await ethers.getContractAt("Pair", lpOfLp);
      await pair.connect(bob).transfer(lpOfLp, 10n * E18);
      await token0.connect(bob).transfer(lpOfLp, 10n * E18);
      await lp.connect(bob).mint(bob.address);
      await lp.connect(bob).transfer(collector, E18);
      await expect(collector.collect([lpOfLp]))
        .to.be.revertedWithCustomError(collector, "LpOfLpRefused")
        .withArgs(lpOfLp, await pair.getAddress());
      expect(await lp.balanceOf(collector)).to.equal(E18);
    });

    it("cannot be drained through a thin pool: a sandwich around collect only costs the attacker", async function () {
      const { collector, pair, router, carol, bob, token0, token1 } = await loadFixture(collectorFixture);
      await pair.connect(bob).transfer(collector, 10n * E18);
      const deadline = (await now()) + 3_600n;
      const start0 = await token0.balanceOf(carol.address);
      const start1 = await token1.balanceOf(carol.address);
      const path = [await token0.getAddress(), await token1.getAddress()];
      // Push the price far: 9,000 token0 into a 1,000-token0 pool.
      await router.connect(carol).swapExactTokensForTokens(9_000n * E18, 0, path, carol.address, deadline);
      const [out0, out1] = await burnOut(pair, 10n * E18);
      await expect(collector.collect([pair]))
        .to.emit(collector, "Collected")
        .withArgs(await pair.getAddress(), 10n * E18, 0n, out0, out1);
      const got1 = (await token1.balanceOf(carol.address)) - start1;
      await router
        .connect(carol)
        .swapExactTokensForTokens(got1, 0, [...path].reverse(), carol.address, deadline);
      // The swap's fee growth was minted to the collector as LP during the burn: it stays for the next collect.
      expect(await pair.balanceOf(collector)).to.be.greaterThan(0n);
      // Back to token1 = start; token0 below start: the fees of two swaps, nothing gained.
      expect(await token1.balanceOf(carol.address)).to.equal(start1);
      expect(await token0.balanceOf(carol.address)).to.be.lessThan(start0);
    });
  });

  describe("#distribute", function () {
    it("notifies what was sent to the collector, for a streamed token; anyone may call it", async function () {
      const { collector, sfur, bob, carol, token0 } = await loadFixture(collectorFixture);
      await token0.connect(bob).transfer(collector, 3n * E18);
      const t = (await now()) + 10n;
      const tx = await sendAt(t, () => collector.connect(carol).distribute([token0]));
      await expect(tx.hash)
        .to.emit(collector, "Distributed")
        .withArgs(await token0.getAddress(), 3n * E18);
      expect(await sfur.rewardStream(token0)).to.deep.equal([(3n * E18 * P) / D, t + D, 0n]);
      expect(await token0.balanceOf(collector)).to.equal(0n);
      // Nothing held: nothing notified.
      await expect(collector.distribute([token0])).not.to.emit(collector, "Distributed");
    });

    it("refuses a token sFUR does not stream, changing nothing", async function () {
      const { collector, sfur, bob, token0, token1 } = await loadFixture(collectorFixture);
      await token0.connect(bob).transfer(collector, E18);
      await token1.connect(bob).transfer(collector, E18);
      await expect(collector.distribute([token0, token1]))
        .to.be.revertedWithCustomError(sfur, "NotRewardToken")
        .withArgs(await token1.getAddress());
      expect(await token0.balanceOf(collector)).to.equal(E18);
      expect(await token1.balanceOf(collector)).to.equal(E18);
    });
  });
});
