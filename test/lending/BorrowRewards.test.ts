import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, takeSnapshot } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  BORROW_REWARD_FUNDING,
  BORROW_REWARD_SPEED,
  deployFarm,
  E18,
  FARM_RATE,
  lendingFixture,
  LLTV,
  MARKET_ALLOC_POINT,
  SEED_ASSETS,
  USDC,
  type LendingFixture,
} from "../fixtures";
import { mineAt, now, sendAt } from "../../src/chain/time";
import { BorrowRewardsModel } from "../../src/model/lending";
import type {
  BorrowRewards,
  BrokenBorrowRewards,
  FeeOnTransferToken,
  LendingMarket,
  MockERC20,
  MockSpeedFarm,
  ReentrantToken,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const UINT96_MAX = (1n << 96n) - 1n;
/** Borrow speed the tests give the zero-rate market: 0.1 FUR per second. */
const SPEED = E18 / 10n;
/**
 * Supply-side speed of each of the two farm pools (the fixture's market and the zero-rate market, 100
 * allocation points each): FARM_RATE * 100 / 200 = 0.5 FUR per second.
 */
const SUPPLY_SPEED = (FARM_RATE * MARKET_ALLOC_POINT) / (2n * MARKET_ALLOC_POINT);
/** Collateral each user posts in the zero-rate market: 10 stETH, worth 30,000 USDC at the fixture's price. */
const COLLATERAL = 10n * E18;
/**
 * In the zero-rate market borrow shares stay at 1e6 per asset (wei): the first borrow mints
 * ceil(assets * (0 + 1e6) / (0 + 1)), and without interest (shares + 1e6) / (assets + 1) stays 1e6.
 * 1,000 USDC = 1e9 wei -> 1e15 shares.
 */
const sharesOf = (assets: bigint) => assets * 10n ** 6n;
/** BrokenBorrowRewards' flags. */
const BUG = {
  PROP62: 1n,
  FLOOR_CREDIT: 2n,
  OPEN_LISTING: 4n,
  UNBOUNDED_RECLAIM: 8n,
  OPEN_ADMIN: 16n,
  OPEN_REPORTS: 32n,
  NO_GUARD: 64n,
} as const;

interface RewardsFixture extends LendingFixture {
  steth: MockERC20;
  /** A USDC market with stETH collateral and a zero interest rate, listed by the fixture's factory. */
  zm: LendingMarket;
  /** Its farm pool. */
  zpid: bigint;
}

/**
 * lendingFixture plus a second market (USDC loan, stETH collateral at the WETH price, a zero rate
 * model, so borrow shares are exactly 1e6 per asset) staked in farm pool `zpid` with the same
 * allocation as the fixture's market, and no borrow speed yet. Dave supplied 100,000 USDC to it;
 * alice, bob and carol posted COLLATERAL in it.
 */
async function rewardsFixture(): Promise<RewardsFixture> {
  const base = await lendingFixture();
  const { admin, factory, usdc, oracle, farm, alice, bob, carol, dave } = base;
  const steth: MockERC20 = await ethers.deployContract("MockERC20", ["Staked Ether", "stETH", 18]);
  const zeroRate = await ethers.deployContract("KinkedRateModel", [0, 0, 0, E18 / 2n]);
  await usdc.mint(admin.address, SEED_ASSETS);
  await usdc.approve(factory, SEED_ASSETS);
  await factory.createMarket(usdc, steth, oracle, zeroRate, LLTV, SEED_ASSETS);
  const zm: LendingMarket = await ethers.getContractAt("LendingMarket", await factory.getMarket(usdc, steth));
  const zpid = await farm.poolLength();
  await farm.add(MARKET_ALLOC_POINT, zm, ZERO);
  for (const user of [alice, bob, carol, dave]) {
    await usdc.connect(user).approve(zm, ethers.MaxUint256);
    await steth.mint(user.address, COLLATERAL);
    await steth.connect(user).approve(zm, ethers.MaxUint256);
  }
  await zm.connect(dave).deposit(100_000n * USDC, dave.address);
  for (const user of [alice, bob, carol]) await zm.connect(user).supplyCollateral(COLLATERAL, user.address);
  return { ...base, steth, zm, zpid };
}

/** Puts BrokenBorrowRewards' code (with `bugs`) at the fixture's BorrowRewards address: same storage. */
async function breakRewards(f: RewardsFixture, bugs: bigint): Promise<BrokenBorrowRewards> {
  const broken = await ethers.deployContract("BrokenBorrowRewards", [
    f.farm,
    f.token,
    f.factory,
    f.admin.address,
    bugs,
  ]);
  const address = await f.rewards.getAddress();
  const reserve = await f.rewards.reserve();
  await network.provider.send("hardhat_setCode", [address, await ethers.provider.getCode(broken)]);
  const patched: BrokenBorrowRewards = await ethers.getContractAt("BrokenBorrowRewards", address);
  expect(await patched.bugs()).to.equal(bugs);
  expect(await patched.reserve()).to.equal(reserve); // the state carried over
  return patched;
}

/** Emitted and not yet claimed: balance minus reserve (exact while no plain transfer is unsynced). */
async function allocated(f: RewardsFixture): Promise<bigint> {
  return (await f.token.balanceOf(f.rewards)) - (await f.rewards.reserve());
}

async function borrowAt(f: RewardsFixture, at: bigint, user: HardhatEthersSigner, assets: bigint) {
  return sendAt(at, () => f.zm.connect(user).borrow(assets, user.address));
}

/** What `user` received from a claim at `at`. */
async function claimAt(
  f: RewardsFixture,
  at: bigint,
  user: HardhatEthersSigner,
  rewards: BorrowRewards | BrokenBorrowRewards = f.rewards,
): Promise<bigint> {
  const before = await f.token.balanceOf(user);
  await sendAt(at, () => rewards.connect(user).claim(f.zm, user.address));
  return (await f.token.balanceOf(user)) - before;
}

describe("BorrowRewards", function () {
  describe("constructor", function () {
    it("stores the farm, the token, the factory and the owner", async function () {
      const { rewards, farm, token, factory, admin } = await loadFixture(rewardsFixture);
      expect(await rewards.farm()).to.equal(await farm.getAddress());
      expect(await rewards.rewardToken()).to.equal(await token.getAddress());
      expect(await rewards.factory()).to.equal(await factory.getAddress());
      expect(await rewards.owner()).to.equal(admin.address);
    });

    for (const i of [0, 1, 2]) {
      it(`refuses a zero ${["farm", "reward token", "factory"][i]}`, async function () {
        const { rewards, farm, token, factory, admin } = await loadFixture(rewardsFixture);
        const args: string[] = [
          await farm.getAddress(),
          await token.getAddress(),
          await factory.getAddress(),
        ];
        args[i] = ZERO;
        await expect(
          ethers.deployContract("BorrowRewards", [...args, admin.address]),
        ).to.be.revertedWithCustomError(rewards, "ZeroAddress");
      });
    }
  });

  describe("#addMarket", function () {
    it("lists for the factory only: NotFactory(caller) for anyone else, the owner included", async function () {
      const { rewards, zm, alice, admin } = await loadFixture(rewardsFixture);
      await expect(rewards.connect(alice).addMarket(zm))
        .to.be.revertedWithCustomError(rewards, "NotFactory")
        .withArgs(alice.address);
      await expect(rewards.addMarket(zm))
        .to.be.revertedWithCustomError(rewards, "NotFactory")
        .withArgs(admin.address);
    });

    it("proof: open to anyone, re-listing resets a market's index and owes more than the contract holds", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.OPEN_LISTING);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => broken.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await borrowAt(f, t0 + 110n, f.bob, 1_000n * USDC); // bob's index: 1e28
      await sendAt(t0 + 111n, () => broken.connect(f.carol).addMarket(f.zm)); // index back to 0
      await mineAt(t0 + 120n);
      // new index: 9 s * 0.1 FUR over 2e15 shares = 4.5e26; minus bob's 1e28 it wraps modulo 2^160
      const wrapped = (1n << 160n) - 10n ** 28n + 45n * 10n ** 25n;
      const owed = (sharesOf(1_000n * USDC) * wrapped) / 10n ** 24n;
      expect(await broken.pendingReward(f.zm, f.bob.address)).to.equal(owed);
      expect(owed).to.be.greaterThan(await f.token.balanceOf(broken)); // ~1.5e39 against 1e24 held
    });
  });

  describe("#fund and #sync", function () {
    it("fund pulls the amount and credits it to the reserve, with Funded", async function () {
      const { rewards, token, admin } = await loadFixture(rewardsFixture);
      await token.mint(admin.address, 5n * E18);
      await token.approve(rewards, 5n * E18);
      const tx = rewards.fund(5n * E18);
      await expect(tx)
        .to.emit(rewards, "Funded")
        .withArgs(admin.address, 5n * E18);
      await expect(tx).to.changeTokenBalances(token, [admin, rewards], [-5n * E18, 5n * E18]);
      expect(await rewards.reserve()).to.equal(BORROW_REWARD_FUNDING + 5n * E18);
    });

    it("fund credits what arrived (a fee-on-transfer reward token)", async function () {
      const { farm, admin } = await loadFixture(rewardsFixture);
      const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [100]); // 1%
      const r: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        farm,
        fot,
        admin.address,
        admin.address,
      ]);
      await fot.mint(admin.address, 10_000n);
      await fot.approve(r, 10_000n);
      // 10,000 sent, 100 burnt on the way
      await expect(r.fund(10_000n)).to.emit(r, "Funded").withArgs(admin.address, 9_900n);
      expect(await r.reserve()).to.equal(9_900n);
      expect(await fot.balanceOf(r)).to.equal(9_900n);
    });

    it("a plain transfer counts from the next sync, which anyone may call", async function () {
      const { rewards, token, admin, alice } = await loadFixture(rewardsFixture);
      await token.mint(admin.address, 7n * E18);
      await token.transfer(rewards, 7n * E18);
      expect(await rewards.reserve()).to.equal(BORROW_REWARD_FUNDING);
      await rewards.connect(alice).sync();
      expect(await rewards.reserve()).to.equal(BORROW_REWARD_FUNDING + 7n * E18);
    });

    it("sync keeps what was emitted out of the reserve", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      // carol's claim (she owes nothing) accrues the market: 50 s * 0.1 FUR = 5 FUR emitted to alice
      await sendAt(t0 + 60n, () => f.rewards.connect(f.carol).claim(f.zm, f.carol.address));
      await f.token.mint(f.admin.address, E18);
      await f.token.transfer(f.rewards, E18);
      await f.rewards.sync();
      expect(await f.rewards.reserve()).to.equal(BORROW_REWARD_FUNDING + E18 - 5n * E18);
      expect(await allocated(f)).to.equal(5n * E18);
    });
  });

  describe("#reclaim", function () {
    it("pays the owner's recipient from the reserve, with Reclaimed", async function () {
      const { rewards, token, carol } = await loadFixture(rewardsFixture);
      const tx = rewards.reclaim(BORROW_REWARD_FUNDING, carol.address);
      await expect(tx).to.emit(rewards, "Reclaimed").withArgs(carol.address, BORROW_REWARD_FUNDING);
      await expect(tx).to.changeTokenBalances(
        token,
        [rewards, carol],
        [-BORROW_REWARD_FUNDING, BORROW_REWARD_FUNDING],
      );
      expect(await rewards.reserve()).to.equal(0n);
    });

    it("syncs first: a plain transfer can be reclaimed", async function () {
      const { rewards, token, admin, carol } = await loadFixture(rewardsFixture);
      await token.mint(admin.address, E18);
      await token.transfer(rewards, E18);
      await rewards.reclaim(BORROW_REWARD_FUNDING + E18, carol.address);
      expect(await token.balanceOf(carol)).to.equal(BORROW_REWARD_FUNDING + E18);
    });

    it("reverts with OwnableUnauthorizedAccount for anyone but the owner", async function () {
      const { rewards, alice } = await loadFixture(rewardsFixture);
      await expect(rewards.connect(alice).reclaim(1n, alice.address))
        .to.be.revertedWithCustomError(rewards, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("proof: without the owner check anyone takes the reserve", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.OPEN_ADMIN);
      await broken.connect(f.alice).reclaim(BORROW_REWARD_FUNDING, f.alice.address);
      expect(await f.token.balanceOf(f.alice)).to.equal(BORROW_REWARD_FUNDING);
    });

    it("refuses a zero recipient", async function () {
      const { rewards } = await loadFixture(rewardsFixture);
      await expect(rewards.reclaim(1n, ZERO)).to.be.revertedWithCustomError(rewards, "ZeroAddress");
    });

    it("is bounded by the unallocated reserve: what borrowers are owed stays", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      // carol's empty claim accrues 100 s * 0.1 = 10 FUR to alice
      await sendAt(t0 + 110n, () => f.rewards.connect(f.carol).claim(f.zm, f.carol.address));
      const left = BORROW_REWARD_FUNDING - 10n * E18;
      expect(await f.rewards.reserve()).to.equal(left);
      await expect(f.rewards.reclaim(left + 1n, f.carol.address))
        .to.be.revertedWithCustomError(f.rewards, "InsufficientReserve")
        .withArgs(left + 1n, left);
      // the view counts 5 s not yet accrued: 10.5 FUR; only the accrued 10 are allocated
      await mineAt(t0 + 115n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(10n * E18 + 5n * SPEED);
      await sendAt(t0 + 120n, () => f.rewards.reclaim(left, f.carol.address));
      // speed 0.1 FUR/s but an empty reserve: nothing more is emitted after t0 + 110
      await mineAt(t0 + 125n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(10n * E18);
      expect(await claimAt(f, t0 + 130n, f.alice)).to.equal(10n * E18);
      expect(await f.token.balanceOf(f.rewards)).to.equal(0n);
    });

    it("proof: unbounded, the owner takes what borrowers are owed", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.UNBOUNDED_RECLAIM);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => broken.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await sendAt(t0 + 110n, () => broken.connect(f.carol).claim(f.zm, f.carol.address));
      await sendAt(t0 + 120n, () => broken.reclaim(BORROW_REWARD_FUNDING, f.carol.address));
      await expect(sendAt(t0 + 130n, () => broken.connect(f.alice).claim(f.zm, f.alice.address)))
        .to.be.revertedWithCustomError(f.token, "ERC20InsufficientBalance")
        .withArgs(await broken.getAddress(), 0n, 10n * E18);
    });
  });

  describe("#setRewardSpeed", function () {
    it("sets the speed and the pool, with RewardSpeedSet", async function () {
      const { rewards, zm, zpid } = await loadFixture(rewardsFixture);
      await expect(rewards.setRewardSpeed(zm, zpid, SPEED))
        .to.emit(rewards, "RewardSpeedSet")
        .withArgs(await zm.getAddress(), zpid, SPEED);
      const c = await rewards.marketConfig(zm);
      expect([c.rewardPerSecond, c.pid]).to.deep.equal([SPEED, zpid]);
    });

    it("accepts the supply side's speed exactly; SpeedAboveSupplySide(rate, bound) one above", async function () {
      const { rewards, zm, zpid } = await loadFixture(rewardsFixture);
      expect(await rewards.supplySpeed(zpid)).to.equal(SUPPLY_SPEED);
      await expect(rewards.setRewardSpeed(zm, zpid, SUPPLY_SPEED + 1n))
        .to.be.revertedWithCustomError(rewards, "SpeedAboveSupplySide")
        .withArgs(SUPPLY_SPEED + 1n, SUPPLY_SPEED);
      await rewards.setRewardSpeed(zm, zpid, SUPPLY_SPEED);
      expect((await rewards.marketConfig(zm)).rewardPerSecond).to.equal(SUPPLY_SPEED);
    });

    it("reverts with OwnableUnauthorizedAccount for anyone but the owner", async function () {
      const { rewards, zm, zpid, alice } = await loadFixture(rewardsFixture);
      await expect(rewards.connect(alice).setRewardSpeed(zm, zpid, 1n))
        .to.be.revertedWithCustomError(rewards, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("proof: without the owner check anyone sets a speed", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.OPEN_ADMIN);
      await broken.connect(f.alice).setRewardSpeed(f.zm, f.zpid, SUPPLY_SPEED);
      expect((await broken.marketConfig(f.zm)).rewardPerSecond).to.equal(SUPPLY_SPEED);
    });

    it("refuses an unlisted market with NotMarket", async function () {
      const { rewards, lpA, zpid } = await loadFixture(rewardsFixture);
      await expect(rewards.setRewardSpeed(lpA, zpid, 1n))
        .to.be.revertedWithCustomError(rewards, "NotMarket")
        .withArgs(await lpA.getAddress());
    });

    it("refuses a pool that does not stake the market's shares with PoolMismatch", async function () {
      const { rewards, zm, pid, farm } = await loadFixture(rewardsFixture);
      const zmAddress = await zm.getAddress();
      // pool `pid` stakes the fixture's other market
      await expect(rewards.setRewardSpeed(zm, pid, 1n))
        .to.be.revertedWithCustomError(rewards, "PoolMismatch")
        .withArgs(zmAddress, pid);
      // no such pool
      const length = await farm.poolLength();
      await expect(rewards.setRewardSpeed(zm, length, 1n))
        .to.be.revertedWithCustomError(rewards, "PoolMismatch")
        .withArgs(zmAddress, length);
    });

    it("refuses SpeedTooLarge only above uint96 (a farm emitting more than the real Farm can)", async function () {
      const { rewards, token, zm, admin } = await loadFixture(rewardsFixture);
      const speedFarm: MockSpeedFarm = await ethers.deployContract("MockSpeedFarm", [zm, 1n << 100n]);
      // the admin plays the factory: it lists the market
      const r: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        speedFarm,
        token,
        admin.address,
        admin.address,
      ]);
      await r.addMarket(zm);
      expect(await r.supplySpeed(0)).to.equal(1n << 100n);
      await expect(r.setRewardSpeed(zm, 0, UINT96_MAX + 1n))
        .to.be.revertedWithCustomError(r, "SpeedTooLarge")
        .withArgs(UINT96_MAX + 1n);
      await r.setRewardSpeed(zm, 0, UINT96_MAX);
      expect((await r.marketConfig(zm)).rewardPerSecond).to.equal(UINT96_MAX);
      // with the real farm the supply-side bound is met long before
      await expect(rewards.setRewardSpeed(zm, 1, UINT96_MAX + 1n))
        .to.be.revertedWithCustomError(rewards, "SpeedAboveSupplySide")
        .withArgs(UINT96_MAX + 1n, SUPPLY_SPEED);
    });

    it("accrues at the old speed up to the change", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await sendAt(t0 + 110n, () => f.rewards.setRewardSpeed(f.zm, f.zpid, 3n * SPEED));
      await mineAt(t0 + 160n);
      // 100 s * 0.1 + 50 s * 0.3 = 25 FUR
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(25n * E18);
    });
  });

  describe("#syncSpeed", function () {
    it("refuses an unlisted market with NotMarket", async function () {
      const { rewards, lpA } = await loadFixture(rewardsFixture);
      await expect(rewards.syncSpeed(lpA))
        .to.be.revertedWithCustomError(rewards, "NotMarket")
        .withArgs(await lpA.getAddress());
    });

    it("changes nothing while the speed is within the supply side's", async function () {
      const { rewards, zm, zpid, alice } = await loadFixture(rewardsFixture);
      await rewards.setRewardSpeed(zm, zpid, SUPPLY_SPEED);
      await expect(rewards.connect(alice).syncSpeed(zm)).to.not.emit(rewards, "RewardSpeedSet");
      expect((await rewards.marketConfig(zm)).rewardPerSecond).to.equal(SUPPLY_SPEED);
    });

    it("lowers the speed to the supply side's once the farm emits less, accruing at the old speed first", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SUPPLY_SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      // a third pool with 200 points: the market's pool now gets 1 FUR/s * 100 / 400 = 0.25 FUR/s
      await sendAt(t0 + 20n, () => f.farm.add(200n, f.lpA, ZERO));
      const lowered = FARM_RATE / 4n;
      expect(await f.rewards.supplySpeed(f.zpid)).to.equal(lowered);
      const tx = sendAt(t0 + 30n, () => f.rewards.connect(f.bob).syncSpeed(f.zm));
      await expect(tx)
        .to.emit(f.rewards, "RewardSpeedSet")
        .withArgs(await f.zm.getAddress(), f.zpid, lowered);
      const c = await f.rewards.marketConfig(f.zm);
      expect([c.rewardPerSecond, c.pid]).to.deep.equal([lowered, f.zpid]);
      await mineAt(t0 + 50n);
      // 20 s * 0.5 (the old speed, up to the sync) + 20 s * 0.25 = 15 FUR
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(15n * E18);
    });
  });

  describe("views", function () {
    it("supplySpeed: the farm's rate times the pool's share; 0 without any allocation", async function () {
      const { rewards, pid, zpid, token, admin, factory } = await loadFixture(rewardsFixture);
      expect(await rewards.supplySpeed(pid)).to.equal(SUPPLY_SPEED);
      expect(await rewards.supplySpeed(zpid)).to.equal(SUPPLY_SPEED);
      const { farm: empty } = await deployFarm(token, admin);
      const r: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        empty,
        token,
        factory,
        admin.address,
      ]);
      expect(await r.supplySpeed(0)).to.equal(0n);
    });

    it("reserve, marketState, marketConfig and accountState start as listed and funded", async function () {
      const { rewards, zm, market, alice, lpA } = await loadFixture(rewardsFixture);
      expect(await rewards.reserve()).to.equal(BORROW_REWARD_FUNDING);
      expect((await rewards.marketState(zm)).listed).to.equal(true);
      expect((await rewards.marketState(lpA)).listed).to.equal(false);
      const c = await rewards.marketConfig(market);
      expect([c.rewardPerSecond, c.pid]).to.deep.equal([BORROW_REWARD_SPEED, 0n]);
      const a = await rewards.accountState(zm, alice.address);
      expect([a.index, a.owed]).to.deep.equal([0n, 0n]);
    });

    it("pendingReward is 0 for an unlisted market and for an account that never borrowed", async function () {
      const f = await loadFixture(rewardsFixture);
      await f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED);
      await f.zm.connect(f.alice).borrow(1_000n * USDC, f.alice.address);
      await mineAt((await now()) + 100n);
      expect(await f.rewards.pendingReward(f.lpA, f.alice.address)).to.equal(0n);
      expect(await f.rewards.pendingReward(f.zm, f.bob.address)).to.equal(0n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(100n * SPEED);
    });

    it("pendingReward equals what claim pays at the same second", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await borrowAt(f, t0 + 17n, f.bob, 333_333_333n); // 333.333333 USDC: a share count that rounds
      const paid: bigint[] = [];
      for (const user of [f.alice, f.bob]) {
        const snapshot = await takeSnapshot();
        paid.push(await claimAt(f, t0 + 99n, user));
        await snapshot.restore();
      }
      await mineAt(t0 + 99n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(paid[0]);
      expect(await f.rewards.pendingReward(f.zm, f.bob.address)).to.equal(paid[1]);
      // alice alone for 7 s: 0.7 FUR; then 8.2 FUR over 1e15 + 333,333,333e6 shares:
      // delta = floor(8.2e18 * 1e24 / 1,333,333,333e6) = 6,150,000,001,537,500,000,384,375,000
      // alice: 0.7e18 + floor(1e15 * delta / 1e24); bob: floor(333,333,333e6 * delta / 1e24)
      expect(paid).to.deep.equal([6_850_000_001_537_500_000n, 2_049_999_998_462_499_999n]);
    });
  });

  describe("accrual", function () {
    it("emits nothing while nobody borrows", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 100n, f.alice, 1_000n * USDC);
      const s = await f.rewards.marketState(f.zm);
      expect([s.index, s.lastUpdate]).to.deep.equal([0n, t0 + 100n]);
      expect(await f.rewards.reserve()).to.equal(BORROW_REWARD_FUNDING);
      await mineAt(t0 + 110n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(10n * SPEED);
    });

    it("pays two borrowers pro rata to their shares, from the balances before each change", async function () {
      const f = await loadFixture(rewardsFixture);
      const { rewards, zm, alice, bob } = f;
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => rewards.setRewardSpeed(zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, alice, 1_000n * USDC); // 1e15 shares
      await borrowAt(f, t0 + 110n, bob, 3_000n * USDC); // 3e15 shares
      expect(await zm.borrowSharesOf(alice)).to.equal(sharesOf(1_000n * USDC));
      expect(await zm.borrowSharesOf(bob)).to.equal(sharesOf(3_000n * USDC));
      // bob's report: 100 s * 0.1 FUR over 1e15 shares: index 1e19 * 1e24 / 1e15 = 1e28
      const s = await rewards.marketState(zm);
      expect([s.index, s.lastUpdate]).to.deep.equal([10n ** 28n, t0 + 110n]);
      let b = await rewards.accountState(zm, bob.address);
      expect([b.index, b.owed]).to.deep.equal([10n ** 28n, 0n]);
      await mineAt(t0 + 310n);
      // 200 s * 0.1 = 20 FUR over 4e15 shares (index + 5e27): alice 10 + 5, bob 15
      expect(await rewards.pendingReward(zm, alice.address)).to.equal(15n * E18);
      expect(await rewards.pendingReward(zm, bob.address)).to.equal(15n * E18);
      const tx = sendAt(t0 + 311n, () => rewards.connect(alice).claim(zm, alice.address));
      // one more second: 0.1 FUR * 1/4
      const alicePaid = 15n * E18 + SPEED / 4n;
      await expect(tx)
        .to.emit(rewards, "RewardClaimed")
        .withArgs(await zm.getAddress(), alice.address, alice.address, alicePaid);
      expect(await f.token.balanceOf(alice)).to.equal(alicePaid);
      // two more seconds for bob: 0.2 FUR * 3/4
      expect(await claimAt(f, t0 + 312n, bob)).to.equal(15n * E18 + (2n * SPEED * 3n) / 4n);
      b = await rewards.accountState(zm, bob.address);
      expect(b.owed).to.equal(0n);
      // 10 + 20 + 0.2 FUR emitted, all paid but alice's quarter of the last second
      expect(await rewards.reserve()).to.equal(BORROW_REWARD_FUNDING - 30n * E18 - 2n * SPEED);
      expect(await allocated(f)).to.equal(SPEED / 4n);
      expect(await rewards.pendingReward(zm, alice.address)).to.equal(SPEED / 4n);
    });

    it("pays a borrower from before the speed was set only from the speed's start", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await borrowAt(f, t0, f.alice, 1_000n * USDC);
      await mineAt(t0 + 100n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(0n); // speed 0
      await sendAt(t0 + 500n, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await mineAt(t0 + 540n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(40n * SPEED);
    });

    it("keeps what a borrower who repaid everything was owed, and emits nothing over no shares", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await sendAt(t0 + 110n, () => f.zm.connect(f.alice).repay(ethers.MaxUint256, f.alice.address));
      expect(await f.zm.totalBorrowShares()).to.equal(0n);
      const a = await f.rewards.accountState(f.zm, f.alice.address);
      expect([a.index, a.owed]).to.deep.equal([10n ** 28n, 10n * E18]);
      await mineAt(t0 + 150n);
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(10n * E18);
      expect(await claimAt(f, t0 + 160n, f.alice)).to.equal(10n * E18);
      expect(await f.rewards.reserve()).to.equal(BORROW_REWARD_FUNDING - 10n * E18);
    });

    it("matches BorrowRewardsModel to the wei over borrows, repayments and claims", async function () {
      const f = await loadFixture(rewardsFixture);
      const { rewards, zm, alice, bob, carol } = f;
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => rewards.setRewardSpeed(zm, f.zpid, SPEED));
      const model = new BorrowRewardsModel(SPEED, await rewards.reserve(), t0);
      const users = { alice, bob, carol };
      type Name = keyof typeof users;
      const check = async () => {
        const s = await rewards.marketState(zm);
        expect(s.index).to.equal(model.index);
        expect(s.lastUpdate).to.equal(model.lastUpdate);
        expect(await rewards.reserve()).to.equal(model.reserve);
        for (const name of Object.keys(users) as Name[]) {
          const a = await rewards.accountState(zm, users[name].address);
          const m = model.account(name);
          expect([a.index, a.owed]).to.deep.equal([m.index, m.owed]);
        }
      };
      /** Runs a debt change at `at`, reporting the pre-change shares to the model. */
      const step = async (at: bigint, name: Name, action: (u: HardhatEthersSigner) => Promise<unknown>) => {
        const user = users[name];
        const shares = await zm.borrowSharesOf(user);
        const total = await zm.totalBorrowShares();
        await sendAt(at, () => action(user) as never);
        model.onBorrowChange(name, shares, total, at);
        await check();
      };
      await step(t0 + 10n, "alice", (u) => zm.connect(u).borrow(1_000n * USDC, u.address));
      await step(t0 + 25n, "bob", (u) => zm.connect(u).borrow(2_500n * USDC, u.address));
      await step(t0 + 40n, "alice", (u) => zm.connect(u).repay(400n * USDC, u.address));
      await step(t0 + 55n, "carol", (u) => zm.connect(u).borrow(777_777_777n, u.address));
      await step(t0 + 70n, "bob", (u) => zm.connect(u).repay(ethers.MaxUint256, u.address));
      expect(await zm.borrowSharesOf(bob)).to.equal(0n);
      await step(t0 + 71n, "bob", (u) => zm.connect(u).borrow(1n, u.address));
      let at = t0 + 90n;
      for (const name of ["alice", "carol", "bob"] as Name[]) {
        const user = users[name];
        await mineAt(at);
        const shares = await zm.borrowSharesOf(user);
        const total = await zm.totalBorrowShares();
        expect(await rewards.pendingReward(zm, user.address)).to.equal(
          model.pending(name, shares, total, at),
        );
        at += 1n;
        const expected = model.clone().claim(name, shares, total, at);
        expect(await claimAt(f, at, user)).to.equal(expected);
        model.claim(name, shares, total, at);
        await check();
        at += 1n;
      }
      expect(await allocated(f)).to.equal(model.allocated);
    });
  });

  describe("Compound Proposal 62: an uninitialised account index", function () {
    /**
     * Alice borrows 1e15 shares at t0 + 10; bob, whose index was never set, borrows the same at t0 + 110
     * (the market index is then 100 s * 0.1 FUR / 1e15 = 1e28); bob claims at t0 + 210.
     */
    async function scenario(f: RewardsFixture, rewards: BorrowRewards | BrokenBorrowRewards) {
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await borrowAt(f, t0 + 110n, f.bob, 1_000n * USDC);
      return { t0, bobPaid: await claimAt(f, t0 + 210n, f.bob, rewards) };
    }

    it("pays a first borrow after rewards started nothing for the time before it", async function () {
      const f = await loadFixture(rewardsFixture);
      const { t0, bobPaid } = await scenario(f, f.rewards);
      // 100 s * 0.1 FUR shared 1:1 since bob's borrow
      expect(bobPaid).to.equal(5n * E18);
      // alice: 10 FUR alone, 5 shared, and 0.1 / 2 for the second after bob's claim
      expect(await claimAt(f, t0 + 211n, f.alice)).to.equal(15n * E18 + SPEED / 2n);
    });

    it("proof: an index left at 0 pays bob the 10 FUR emitted before he borrowed, and alice is then short", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.PROP62);
      const { t0, bobPaid } = await scenario(f, broken);
      // 1e15 shares * (1.5e28 - 0) / 1e24
      expect(bobPaid).to.equal(15n * E18);
      // 20.1 FUR were allocated, 15 paid to bob: alice's 15.05 no longer fits
      await expect(
        sendAt(t0 + 211n, () => broken.connect(f.alice).claim(f.zm, f.alice.address)),
      ).to.be.revertedWithPanic(0x11);
    });
  });

  describe("budget", function () {
    it("saturates at the reserve: never emits or pays more than it holds", async function () {
      const f = await loadFixture(rewardsFixture);
      await f.rewards.reclaim(BORROW_REWARD_FUNDING - 3n * E18, f.carol.address);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await mineAt(t0 + 110n);
      // 100 s * 0.1 = 10 FUR due, 3 held
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(3n * E18);
      await borrowAt(f, t0 + 120n, f.bob, 1_000n * USDC);
      expect(await f.rewards.reserve()).to.equal(0n);
      await mineAt(t0 + 200n);
      expect(await f.rewards.pendingReward(f.zm, f.bob.address)).to.equal(0n);
      expect(await claimAt(f, t0 + 201n, f.alice)).to.equal(3n * E18);
      expect(await claimAt(f, t0 + 202n, f.bob)).to.equal(0n);
      expect(await f.token.balanceOf(f.rewards)).to.equal(0n);
    });

    it("never owes more than it allocated, however the index rounds", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, 1n)); // 1 wei per second
      await borrowAt(f, t0 + 10n, f.alice, 3n); // 3e6 shares
      // five accruals of 1 s each (bob's empty claims): each adds floor(1e24 / 3e6) = 333,333,333,333,333,333
      for (let i = 1n; i <= 5n; i++) await claimAt(f, t0 + 10n + i, f.bob);
      // floor(3e6 * 5 * 333,333,333,333,333,333 / 1e24) = floor(4.999...) = 4, of 5 allocated
      expect(await f.rewards.pendingReward(f.zm, f.alice.address)).to.equal(4n);
      expect(await allocated(f)).to.equal(5n);
      // a sixth second: floor(5.999...) = 5 paid of 6 allocated; 1 wei is owed to nobody
      expect(await claimAt(f, t0 + 16n, f.alice)).to.equal(5n);
      expect(await allocated(f)).to.equal(1n);
      expect(await f.rewards.reserve()).to.equal(BORROW_REWARD_FUNDING - 6n);
    });

    it("proof: crediting the index's rounded-down value owes 5 wei with nothing allocated, and the claim fails", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.FLOOR_CREDIT);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => broken.setRewardSpeed(f.zm, f.zpid, 1n));
      await borrowAt(f, t0 + 10n, f.alice, 3n);
      for (let i = 1n; i <= 5n; i++) await claimAt(f, t0 + 10n + i, f.bob, broken);
      // each emission credited floor(333,333,333,333,333,333 * 3e6 / 1e24) = 0
      expect(await broken.pendingReward(f.zm, f.alice.address)).to.equal(4n);
      expect(await allocated(f)).to.equal(0n);
      expect(await broken.reserve()).to.equal(BORROW_REWARD_FUNDING);
      await expect(
        sendAt(t0 + 16n, () => broken.connect(f.alice).claim(f.zm, f.alice.address)),
      ).to.be.revertedWithPanic(0x11);
    });
  });

  describe("reentrancy: a reward token that calls back", function () {
    /** A BorrowRewards paying ReentrantToken (admin plays the factory); admin and the token hold some. */
    async function reentrantFixture() {
      const f = await rewardsFixture();
      const rt: ReentrantToken = await ethers.deployContract("ReentrantToken");
      const r: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        f.farm,
        rt,
        f.admin.address,
        f.admin.address,
      ]);
      const broken: BrokenBorrowRewards = await ethers.deployContract("BrokenBorrowRewards", [
        f.farm,
        rt,
        f.admin.address,
        f.admin.address,
        BUG.NO_GUARD,
      ]);
      await rt.mint(f.admin.address, 1_000_000n);
      await rt.mint(rt, 1_000_000n); // what the token's own re-entrant fund pays in
      for (const target of [r, broken]) {
        await rt.approve(target, ethers.MaxUint256);
        await rt.approveSelf(target, ethers.MaxUint256);
      }
      return { ...f, rt, r, broken };
    }

    it("cannot re-enter fund or sync from inside fund", async function () {
      const { rt, r, admin } = await loadFixture(reentrantFixture);
      await rt.arm(r, r.interface.encodeFunctionData("fund", [1_000n]));
      await expect(r.fund(10_000n)).to.be.revertedWithCustomError(r, "ReentrancyGuardReentrantCall");
      await rt.arm(r, r.interface.encodeFunctionData("sync"));
      await expect(r.fund(10_000n)).to.be.revertedWithCustomError(r, "ReentrancyGuardReentrantCall");
      await rt.arm(ZERO, "0x");
      await expect(r.fund(10_000n)).to.emit(r, "Funded").withArgs(admin.address, 10_000n);
    });

    it("cannot re-enter claim from inside its payment", async function () {
      const f = await loadFixture(reentrantFixture);
      const { rt, r, zm, zpid, alice } = f;
      await r.addMarket(zm);
      await r.fund(1_000_000n);
      await r.setRewardSpeed(zm, zpid, SPEED);
      await zm.connect(alice).borrow(1_000n * USDC, alice.address);
      await rt.arm(r, r.interface.encodeFunctionData("claim", [await zm.getAddress(), alice.address]));
      await expect(r.connect(alice).claim(zm, alice.address)).to.be.revertedWithCustomError(
        r,
        "ReentrancyGuardReentrantCall",
      );
      await rt.arm(ZERO, "0x");
      // 0.1 FUR/s against a reserve of 1e6 wei: the whole reserve, to the only borrower
      await r.connect(alice).claim(zm, alice.address);
      expect(await rt.balanceOf(alice)).to.equal(1_000_000n);
    });

    it("proof: unguarded, a fund re-entered from the token is reported twice", async function () {
      const { rt, broken, admin } = await loadFixture(reentrantFixture);
      await rt.arm(broken, broken.interface.encodeFunctionData("fund", [1_000n]));
      // the token's 1,000 arrive inside admin's transfer: admin's Funded counts them again
      const tx = broken.fund(10_000n);
      await expect(tx)
        .to.emit(broken, "Funded")
        .withArgs(await rt.getAddress(), 1_000n);
      await expect(tx).to.emit(broken, "Funded").withArgs(admin.address, 11_000n);
      expect(await broken.reserve()).to.equal(11_000n);
    });
  });

  describe("callers", function () {
    it("onBorrowChange: NotMarket(caller) for anyone but a listed market", async function () {
      const { rewards, alice } = await loadFixture(rewardsFixture);
      await expect(rewards.connect(alice).onBorrowChange(alice.address, 0n, 0n))
        .to.be.revertedWithCustomError(rewards, "NotMarket")
        .withArgs(alice.address);
    });

    it("proof: without the check any caller reports, and is listed by it", async function () {
      const f = await loadFixture(rewardsFixture);
      const broken = await breakRewards(f, BUG.OPEN_REPORTS);
      await broken.connect(f.alice).onBorrowChange(f.alice.address, 0n, 0n);
      expect((await broken.marketState(f.alice.address)).listed).to.equal(true);
    });

    it("claim: NotMarket(market) for an unlisted market, ZeroAddress for a zero recipient", async function () {
      const { rewards, lpA, zm, alice } = await loadFixture(rewardsFixture);
      await expect(rewards.connect(alice).claim(lpA, alice.address))
        .to.be.revertedWithCustomError(rewards, "NotMarket")
        .withArgs(await lpA.getAddress());
      await expect(rewards.connect(alice).claim(zm, ZERO)).to.be.revertedWithCustomError(
        rewards,
        "ZeroAddress",
      );
    });

    it("claim pays the caller's rewards to another address, once", async function () {
      const f = await loadFixture(rewardsFixture);
      const { rewards, zm, alice, carol, token } = f;
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => rewards.setRewardSpeed(zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, alice, 1_000n * USDC);
      const tx = sendAt(t0 + 60n, () => rewards.connect(alice).claim(zm, carol.address));
      await expect(tx)
        .to.emit(rewards, "RewardClaimed")
        .withArgs(await zm.getAddress(), alice.address, carol.address, 5n * E18);
      expect(await token.balanceOf(carol)).to.equal(5n * E18);
      expect(await token.balanceOf(alice)).to.equal(0n);
      const a = await rewards.accountState(zm, alice.address);
      expect(a.owed).to.equal(0n);
      // in the same second again: nothing owed, nothing sent, no event
      await network.provider.send("evm_setAutomine", [false]);
      try {
        const first = await rewards.connect(alice).claim(zm, carol.address);
        const second = await rewards.connect(alice).claim(zm, carol.address);
        await network.provider.send("evm_mine", [Number(t0 + 70n)]);
        await expect(first).to.emit(rewards, "RewardClaimed");
        await expect(second).to.not.emit(rewards, "RewardClaimed");
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      // the first paid 10 s * 0.1 = 1 FUR more, the second 0
      expect(await token.balanceOf(carol)).to.equal(6n * E18);
    });

    it("claim returns the amount paid", async function () {
      const f = await loadFixture(rewardsFixture);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.rewards.setRewardSpeed(f.zm, f.zpid, SPEED));
      await borrowAt(f, t0 + 10n, f.alice, 1_000n * USDC);
      await mineAt(t0 + 30n);
      // a call sees the latest block's time: 20 s * 0.1 FUR
      expect(await f.rewards.connect(f.alice).claim.staticCall(f.zm, f.alice.address)).to.equal(20n * SPEED);
      expect(await f.rewards.connect(f.bob).claim.staticCall(f.zm, f.bob.address)).to.equal(0n);
    });
  });
});
