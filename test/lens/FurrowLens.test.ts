import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { FurrowLens, UnguardedLens } from "../../typechain-types";
import {
  BONUS_RATE,
  E6,
  E18,
  positionsFixture,
  vaultTasksFixture,
  VAULT_TASKS_FEE_BPS,
  type PositionsFixture,
} from "../fixtures";

const E12 = 10n ** 12n;
/** FarmVault's virtual share offset: 10^6 shares per asset unit. */
const SHARE_OFFSET = 10n ** 6n;

/** positionsFixture plus a lens over its farm, without a VaultFactory. */
async function lensFixture(): Promise<PositionsFixture & { lens: FurrowLens }> {
  const f = await positionsFixture();
  const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
    f.farm,
    ethers.ZeroAddress,
    ethers.ZeroAddress,
    ethers.ZeroAddress,
  ]);
  return { ...f, lens };
}

/** The pair's (token0, token1) view of amounts given per token. */
async function inPairOrder(
  pair: { token0(): Promise<string> },
  weth: string,
  wethAmount: bigint,
  other: bigint,
) {
  return (await pair.token0()).toLowerCase() === weth.toLowerCase()
    ? [wethAmount, other]
    : [other, wethAmount];
}

describe("FurrowLens", function () {
  describe("constructor", function () {
    it("rejects a zero farm", async function () {
      const factory = await ethers.getContractFactory("FurrowLens");
      await expect(
        factory.deploy(ethers.ZeroAddress, ethers.ZeroAddress, ethers.ZeroAddress, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError({ interface: factory.interface }, "ZeroFarm");
    });
  });

  describe("#farmView", function () {
    it("reports the farm's emission, weights, reserve and counts at the block", async function () {
      const { lens, farm, fur } = await loadFixture(lensFixture);
      const f = await lens.farmView();
      const [reserve, fundedUntil] = await farm.rewardReserve();
      expect(f.farm).to.equal(await farm.getAddress());
      expect(f.rewardToken).to.equal(await fur.getAddress());
      expect(f.rewardPerSecond).to.equal(E18);
      expect(f.totalAllocPoint).to.equal(200n);
      expect(f.startTime).to.equal(await farm.startTime());
      expect([f.rewardReserve, f.fundedUntil]).to.deep.equal([reserve, fundedUntil]);
      expect(f.poolCount).to.equal(3n);
      expect(f.vaultCount).to.equal(0n);
      const latest = (await ethers.provider.getBlock("latest"))!;
      expect(f.blockNumber).to.be.oneOf([BigInt(latest.number), BigInt(latest.number + 1)]);
    });
  });

  describe("#pools", function () {
    it("reads every pool: pair tokens and reserves, weight, FUR/s share, stake and rewarder", async function () {
      const { lens, wethFur, wethUsdc, fur, weth, bonus, rewarder, carolDepositTime } =
        await loadFixture(lensFixture);
      const [p0, p1, p2] = await lens.pools(0, 10);

      expect(p0.ok).to.equal(true);
      expect(p0.pid).to.equal(0n);
      expect(p0.stakeToken).to.equal(await wethFur.getAddress());
      expect([p0.stakeSymbol, p0.stakeDecimals]).to.deep.equal(["FURROW-LP", 18n]);
      expect([p0.symbol0, p0.decimals0, p0.symbol1, p0.decimals1]).to.deep.equal(
        (await wethFur.token0()) === (await weth.getAddress())
          ? ["WETH", 18n, "FUR", 18n]
          : ["FUR", 18n, "WETH", 18n],
      );
      expect(p0.isPair).to.equal(true);
      expect([p0.token0, p0.token1]).to.deep.equal([await wethFur.token0(), await wethFur.token1()]);
      // 100 WETH : 40,000 FUR seeded, alice added 10 : 4,000; 2,000 + 200 LP.
      expect([p0.reserve0, p0.reserve1]).to.deep.equal(
        await inPairOrder(wethFur, await weth.getAddress(), 110n * E18, 44_000n * E18),
      );
      expect(p0.lpTotalSupply).to.equal(2_200n * E18);
      expect(p0.allocPoint).to.equal(100n);
      expect(p0.furPerSecond).to.equal(E18 / 2n); // 1 FUR/s × 100/200
      expect(p0.totalStaked).to.equal(200n * E18);
      expect(p0.rewarder.rewarder).to.equal(ethers.ZeroAddress);
      expect(p0.vault).to.equal(ethers.ZeroAddress);

      expect(p1.ok).to.equal(true);
      expect(p1.stakeToken).to.equal(await fur.getAddress());
      expect(p1.isPair).to.equal(false);
      expect([p1.stakeSymbol, p1.symbol0, p1.decimals0]).to.deep.equal(["FUR", "", 0n]);
      expect([p1.token0, p1.token1, p1.reserve0, p1.reserve1, p1.lpTotalSupply]).to.deep.equal([
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        0n,
        0n,
        0n,
      ]);
      expect(p1.furPerSecond).to.equal((E18 * 40n) / 200n);
      expect(p1.totalStaked).to.equal(1_000n * E18);

      expect(p2.isPair).to.equal(true);
      expect([p2.reserve0, p2.reserve1]).to.deep.equal(
        await inPairOrder(wethUsdc, await weth.getAddress(), 110n * E18, 275_000n * E6),
      );
      expect(p2.lpTotalSupply).to.equal(5_500n * E12);
      expect(p2.furPerSecond).to.equal((E18 * 60n) / 200n);
      expect(p2.totalStaked).to.equal(500n * E12);
      const now = (await lens.farmView()).timestamp;
      expect(p2.rewarder.rewarder).to.equal(await rewarder.getAddress());
      expect(p2.rewarder.ok).to.equal(true);
      expect(p2.rewarder.token).to.equal(await bonus.getAddress());
      expect([p2.rewarder.symbol, p2.rewarder.decimals]).to.deep.equal(["BONUS", 18n]);
      expect([p2.decimals0, p2.decimals1].sort()).to.deep.equal([18n, 6n].sort());
      expect(p2.rewarder.rewardPerSecond).to.equal(BONUS_RATE);
      // Funded 10,000 BONUS; emission runs from carol's stake on at 0.1 BONUS/s.
      expect(p2.rewarder.reserve).to.equal(10_000n * E18 - BONUS_RATE * (now - carolDepositTime));
      expect(p2.rewarder.pays).to.equal(true);
    });

    it("marks a rewarder that no longer pays: rate set to zero, or its reserve spent", async function () {
      const { lens, rewarder } = await loadFixture(lensFixture);
      await rewarder.setRewardPerSecond(0);
      let p2 = (await lens.pools(2, 1))[0];
      expect([p2.rewarder.ok, p2.rewarder.rewardPerSecond, p2.rewarder.pays]).to.deep.equal([
        true,
        0n,
        false,
      ]);

      // 1,000 BONUS/s spends the rest of the 10,000 within 10 s.
      await rewarder.setRewardPerSecond(1_000n * E18);
      await time.increase(3_600);
      p2 = (await lens.pools(2, 1))[0];
      expect([p2.rewarder.reserve, p2.rewarder.pays]).to.deep.equal([0n, false]);
    });

    it("pages: offset and limit are clipped to the pool count", async function () {
      const { lens } = await loadFixture(lensFixture);
      expect((await lens.pools(1, 1)).map((p) => p.pid)).to.deep.equal([1n]);
      expect((await lens.pools(1, 100)).map((p) => p.pid)).to.deep.equal([1n, 2n]);
      expect((await lens.pools(0, 0)).length).to.equal(0);
      expect((await lens.pools(3, 5)).length).to.equal(0);
      expect((await lens.pools(ethers.MaxUint256, ethers.MaxUint256)).length).to.equal(0);
      expect((await lens.pools(2, ethers.MaxUint256)).map((p) => p.pid)).to.deep.equal([2n]);
    });
  });

  describe("#positions", function () {
    it("reads a user's stake, underlying amounts, pending FUR and bonus, wallet and allowance", async function () {
      const { lens, alice, carol, bonus, weth, wethFur, wethUsdc, aliceDepositTime, carolDepositTime } =
        await loadFixture(lensFixture);
      await time.increase(1_000);
      const alicePositions = await lens.positions(alice.address, 0, 10);
      const now = (await lens.farmView()).timestamp;
      const a0 = alicePositions[0];
      expect(a0.ok).to.equal(true);
      expect(a0.staked).to.equal(200n * E18);
      // 200 of 2,200 LP: 10 WETH and 4,000 FUR of 110 : 44,000.
      expect([a0.amount0, a0.amount1]).to.deep.equal(
        await inPairOrder(wethFur, await weth.getAddress(), 10n * E18, 4_000n * E18),
      );
      // Alone in pool 0 (0.5 FUR/s) since her deposit.
      expect(a0.pendingFur).to.equal((E18 / 2n) * (now - aliceDepositTime));
      expect([a0.bonusOk, a0.bonusTokens, a0.bonusAmounts]).to.deep.equal([true, [], []]);
      expect(a0.walletBalance).to.equal(0n);
      expect(a0.allowance).to.equal(ethers.MaxUint256);
      // Positions she does not hold read as zero (the FUR pool's underlying is the stake itself).
      expect([
        alicePositions[1].staked,
        alicePositions[1].amount0,
        alicePositions[1].pendingFur,
      ]).to.deep.equal([0n, 0n, 0n]);

      const c2 = (await lens.positions(carol.address, 2, 1))[0];
      expect(c2.pid).to.equal(2n);
      expect(c2.staked).to.equal(500n * E12);
      // 500e12 of 5,500e12 LP: 10 WETH and 25,000 USDC of 110 : 275,000.
      expect([c2.amount0, c2.amount1]).to.deep.equal(
        await inPairOrder(wethUsdc, await weth.getAddress(), 10n * E18, 25_000n * E6),
      );
      const carolNow = (await lens.farmView()).timestamp;
      expect(c2.pendingFur).to.equal(((E18 * 3n) / 10n) * (carolNow - carolDepositTime));
      expect(c2.bonusOk).to.equal(true);
      expect(c2.bonusTokens).to.deep.equal([await bonus.getAddress()]);
      expect(c2.bonusAmounts).to.deep.equal([BONUS_RATE * (carolNow - carolDepositTime)]);
    });

    it("gives the single-token pool's stake as its underlying amount", async function () {
      const { lens, bob, fur } = await loadFixture(lensFixture);
      const b1 = (await lens.positions(bob.address, 1, 1))[0];
      expect([b1.staked, b1.amount0, b1.amount1]).to.deep.equal([1_000n * E18, 1_000n * E18, 0n]);
      expect(b1.walletBalance).to.equal(await fur.balanceOf(bob.address));
      expect(b1.walletBalance).to.equal(9_000n * E18);
    });

    it("returns no positions for the zero address (a page before the wallet connects)", async function () {
      const { lens } = await loadFixture(lensFixture);
      expect((await lens.positions(ethers.ZeroAddress, 0, 10)).length).to.equal(0);
      const o = await lens.overview(ethers.ZeroAddress, 0, 10);
      expect([o.pools.length, o.positions.length, o.vaults.length]).to.deep.equal([3, 0, 0]);
    });
  });

  describe("hostile contracts", function () {
    it("flags a rewarder whose pendingTokens reverts, and reads everything else", async function () {
      const { lens, farm, bob, carol } = await loadFixture(lensFixture);
      const broken = await ethers.deployContract("RevertingRewarder");
      await farm.set(1, 40, broken, true);

      const pools = await lens.pools(0, 10);
      expect(pools.map((p) => p.ok)).to.deep.equal([true, true, true]);
      expect(pools[1].rewarder.rewarder).to.equal(await broken.getAddress());
      expect([pools[1].rewarder.ok, pools[1].rewarder.pays]).to.deep.equal([false, false]);
      expect(pools[1].totalStaked).to.equal(1_000n * E18);
      expect(pools[2].rewarder.ok).to.equal(true);

      const b = await lens.positions(bob.address, 0, 10);
      expect(b.map((p) => p.ok)).to.deep.equal([true, true, true]);
      expect(b[1].bonusOk).to.equal(false);
      expect(b[1].staked).to.equal(1_000n * E18);
      expect(b[1].pendingFur).to.equal(await farm.pendingReward(1, bob.address));
      expect(b[1].pendingFur).to.be.greaterThan(0n);
      const c = await lens.positions(carol.address, 2, 1);
      expect([c[0].bonusOk, c[0].bonusAmounts.length]).to.deep.equal([true, 1]);
    });

    it("proof: a lens that reads pendingTokens unguarded reverts for everyone", async function () {
      const { lens, farm, bob } = await loadFixture(lensFixture);
      const naive: UnguardedLens = await ethers.deployContract("UnguardedLens", [farm]);
      expect((await naive.pendingBonus(bob.address)).length).to.equal(3);
      const broken = await ethers.deployContract("RevertingRewarder");
      await farm.set(1, 40, broken, true);
      await expect(naive.pendingBonus(bob.address)).to.be.revertedWithCustomError(broken, "RewarderBroken");
      expect((await lens.positions(bob.address, 0, 10))[1].bonusOk).to.equal(false);
    });

    it("flags a pool whose stake token's views revert, and reads the other pools", async function () {
      const { lens, farm, admin } = await loadFixture(lensFixture);
      const token = await ethers.deployContract("BrokenViewToken");
      await farm.add(10, token, ethers.ZeroAddress);
      await token.approve(farm, ethers.MaxUint256);
      await farm.deposit(3, 5n * E18, admin.address);
      expect((await lens.pools(3, 1))[0].totalStaked).to.equal(5n * E18);
      await token.breakViews();

      const pools = await lens.pools(0, 10);
      expect(pools.map((p) => [p.pid, p.ok])).to.deep.equal([
        [0n, true],
        [1n, true],
        [2n, true],
        [3n, false],
      ]);
      expect([pools[3].stakeToken, pools[3].totalStaked]).to.deep.equal([ethers.ZeroAddress, 0n]);
      const positions = await lens.positions(admin.address, 0, 10);
      expect(positions.map((p) => [p.pid, p.ok])).to.deep.equal([
        [0n, true],
        [1n, true],
        [2n, true],
        [3n, false],
      ]);
      await expect(lens.poolAt(3)).to.be.revertedWithCustomError(token, "ViewsBroken");
    });
  });

  describe("#vaults", function () {
    it("reads each vault and the user's shares, assets, wallet and allowance", async function () {
      const { farm, vaultFactory, vault0, vault2, wethFur, wethUsdc, dave } =
        await loadFixture(vaultTasksFixture);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        vaultFactory,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      const [v0, v2] = await lens.vaults(dave.address, 0, 10);
      expect(v0.ok).to.equal(true);
      expect(v0.vault).to.equal(await vault0.getAddress());
      expect([v0.pid, v0.asset, v0.decimals]).to.deep.equal([0n, await wethFur.getAddress(), 24n]);
      expect(v0.totalAssets).to.equal(300n * E18);
      expect(v0.totalSupply).to.equal(300n * E18 * SHARE_OFFSET);
      // No harvest yet: one whole share (10^24) is worth exactly one LP (10^18).
      expect(v0.pricePerShare).to.equal(E18);
      expect([v0.lockedProfit, v0.lastHarvest]).to.deep.equal([0n, 0n]);
      expect(v0.performanceFeeBps).to.equal(VAULT_TASKS_FEE_BPS);
      expect(v0.depositsPaused).to.equal(false);
      expect(v0.shares).to.equal(200n * E18 * SHARE_OFFSET);
      expect(v0.assets).to.equal(200n * E18);
      expect(v0.walletAssets).to.equal(0n);
      expect(v0.allowance).to.equal(ethers.MaxUint256);

      expect([v2.vault, v2.pid, v2.asset]).to.deep.equal([
        await vault2.getAddress(),
        2n,
        await wethUsdc.getAddress(),
      ]);
      expect([v2.totalAssets, v2.totalSupply, v2.shares, v2.allowance]).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(v2.pricePerShare).to.equal(E18);

      const pools = await lens.pools(0, 10);
      expect(pools.map((p) => p.vault)).to.deep.equal([
        await vault0.getAddress(),
        ethers.ZeroAddress,
        await vault2.getAddress(),
      ]);
      expect((await lens.farmView()).vaultCount).to.equal(2n);
    });

    it("reports the last harvest and the profit still locked, unlocking linearly", async function () {
      const { farm, vaultFactory, vault0, dave } = await loadFixture(vaultTasksFixture);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        vaultFactory,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      const receipt = (await (await vault0.harvest(0)).wait())!;
      const harvested = vault0.interface.parseLog(
        receipt.logs.find(
          (l) => l.address === receipt.to && l.topics[0] === vault0.interface.getEvent("Harvested").topicHash,
        )!,
      )!;
      const locked: bigint = harvested.args.locked;
      const harvestTime = BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
      const period = await vaultFactory.unlockPeriod();
      expect(locked).to.be.greaterThan(0n);

      await time.increase(Number(period / 4n));
      const [v0] = await lens.vaults(dave.address, 0, 1);
      const now = (await lens.farmView()).timestamp;
      expect(v0.lastHarvest).to.equal(harvestTime);
      expect(v0.lockedProfit).to.equal((locked * (harvestTime + period - now)) / period);
      expect(v0.totalAssets).to.equal(await vault0.totalAssets());
      expect(v0.pricePerShare).to.equal(await vault0.convertToAssets(E18 * SHARE_OFFSET));
    });

    it("pages the vault list and leaves it empty without a VaultFactory", async function () {
      const { farm, vaultFactory, vault2, dave } = await loadFixture(vaultTasksFixture);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        vaultFactory,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      expect((await lens.vaults(dave.address, 1, 5)).map((v) => v.vault)).to.deep.equal([
        await vault2.getAddress(),
      ]);
      expect((await lens.vaults(dave.address, 2, 5)).length).to.equal(0);
      const bare: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      expect((await bare.vaults(dave.address, 0, 5)).length).to.equal(0);
      expect((await bare.pools(0, 5)).map((p) => p.vault)).to.deep.equal([
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
    });
  });

  describe("#staking", function () {
    /** lensFixture plus sFUR (owned by admin) with a 18-decimal REV reward token; bob stakes 1,000 FUR. */
    async function stakingFixture() {
      const f = await lensFixture();
      const sFur = await ethers.deployContract("StakedFUR", [f.fur, f.admin.address]);
      const rev = await ethers.deployContract("MockERC20", ["Revenue", "REV", 18]);
      await sFur.addRewardToken(rev);
      await f.fur.connect(f.bob).approve(sFur, 1_500n * E18);
      await sFur.connect(f.bob).depositFor(f.bob.address, 1_000n * E18);
      await rev.mint(f.admin.address, 604_800n * E18);
      await rev.approve(sFur, ethers.MaxUint256);
      const receipt = (await (await sFur.notifyRewardAmount(rev, 604_800n * E18)).wait())!;
      const notifyTime = BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        f.farm,
        ethers.ZeroAddress,
        sFur,
        ethers.ZeroAddress,
      ]);
      return { ...f, sFur, rev, lens, notifyTime };
    }

    it("reads sFUR's supply and streams, and the user's stake, votes, earnings, wallet and allowance", async function () {
      const { lens, sFur, rev, fur, bob, notifyTime } = await loadFixture(stakingFixture);
      await sFur.connect(bob).delegate(bob.address);
      await time.increase(1_000);
      const o = await lens.overview(bob.address, 0, 10);
      const now = o.farm.timestamp;
      const s = o.staking;
      expect([s.stakedFur, s.ok, s.fur]).to.deep.equal([
        await sFur.getAddress(),
        true,
        await fur.getAddress(),
      ]);
      expect([s.totalSupply, s.balance, s.votes, s.delegatee]).to.deep.equal([
        1_000n * E18,
        1_000n * E18,
        1_000n * E18,
        bob.address,
      ]);
      // 10,000 minted, 1,000 staked in the farm's FUR pool, 1,000 wrapped; 1,500 approved, 1,000 used.
      expect([s.walletFur, s.allowance]).to.deep.equal([8_000n * E18, 500n * E18]);
      expect(s.rewards.length).to.equal(1);
      const [r] = s.rewards;
      expect([r.token, r.symbol, r.decimals]).to.deep.equal([await rev.getAddress(), "REV", 18n]);
      // 604,800 REV over 7 days (604,800 s): 1 REV/s, i.e. 1e18 × 1e27 units of PRECISION per second.
      expect(r.rate).to.equal(E18 * 10n ** 27n);
      expect(r.periodFinish).to.equal(notifyTime + 604_800n);
      // bob holds all the sFUR since the notify: 1 REV per second, exact (rpt = t·1e45/1e21 = t·1e24).
      expect(r.earned).to.equal(E18 * (now - notifyTime));
      expect(r.earned).to.equal(await sFur.earned(bob.address, rev));
    });

    it("reads no user fields for the zero address, and an empty section without sFUR", async function () {
      const { lens, farm, sFur } = await loadFixture(stakingFixture);
      const s = await lens.staking(ethers.ZeroAddress);
      expect([s.ok, s.totalSupply, s.balance, s.walletFur]).to.deep.equal([true, 1_000n * E18, 0n, 0n]);
      expect(s.rewards.map((r) => r.earned)).to.deep.equal([0n]);
      const bare: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      const empty = (await bare.overview(ethers.ZeroAddress, 0, 10)).staking;
      expect([empty.stakedFur, empty.ok, empty.rewards.length]).to.deep.equal([ethers.ZeroAddress, false, 0]);
      expect(await sFur.totalSupply()).to.equal(1_000n * E18);
    });

    it("flags an sFUR that does not answer, and reads the rest of the page", async function () {
      // A contract without sFUR's views (the farm) in sFUR's place: unguarded, overview would revert.
      const { farm, alice } = await loadFixture(stakingFixture);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        ethers.ZeroAddress,
        farm,
        ethers.ZeroAddress,
      ]);
      const o = await lens.overview(alice.address, 0, 10);
      expect([o.staking.stakedFur, o.staking.ok]).to.deep.equal([await farm.getAddress(), false]);
      expect(o.pools.map((p) => p.ok)).to.deep.equal([true, true, true]);
      await expect(lens.stakingAt(alice.address)).to.be.reverted;
    });
  });

  describe("#overview", function () {
    it("returns the farm, pools, positions and vaults of one page in one call", async function () {
      const { farm, vaultFactory, dave } = await loadFixture(vaultTasksFixture);
      const lens: FurrowLens = await ethers.deployContract("FurrowLens", [
        farm,
        vaultFactory,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      const o = await lens.overview(dave.address, 0, 10);
      expect(o.farm.poolCount).to.equal(3n);
      expect(o.pools.map((p) => p.pid)).to.deep.equal([0n, 1n, 2n]);
      expect(o.positions.map((p) => p.pid)).to.deep.equal([0n, 1n, 2n]);
      expect(o.vaults.map((v) => v.shares)).to.deep.equal([200n * E18 * SHARE_OFFSET, 0n]);
    });
  });
});
