import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../fixtures";
import { signPermit } from "../../src/chain/permit";
import { sendAt } from "../../src/chain/time";
import type { Farm, ViewProbeToken } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const DAY = 86_400n;

/**
 * Read-only reentrancy (issue 9.2): a stake token's transfer hook reads the farm's views while the
 * farm is in the middle of a call. Whatever it reads must be the farm's state either wholly before
 * the call or wholly after it, never a mix (a mix once showed the other staker 100 FUR instead of 50).
 *
 * Setting, by hand (1 FUR/s, one pool with all the weight, S_G = 1e18, S = 1e30): alice and bob stake
 * 1 token each before the start, so at T = start + 100 s, 100 FUR have been emitted and nothing has
 * touched the pool since it was empty of rewards.
 *   G at T            = 100 s * 1e18 * S_G / 100 alloc          = 1e36
 *   pool index at T   = 100 * 1e36 * (S / S_G) / 2e18 staked    = 5e31
 *   each one's reward = 1e18 * 5e31 / S                         = 50 FUR
 * The first accrual (at T) mints the 100 FUR emitted plus one day ahead: backed until T + 1 day.
 */
const G_T = (100n * E18 * E18) / 100n;
const ACC_T = (100n * G_T * 10n ** 12n) / (2n * E18);
const HALF = (E18 * ACC_T) / 10n ** 30n;

/** What the probe records, as plain values: [acc, G_pool, allocPoint, totalStaked], [amount, accrued, paid]. */
interface FarmView {
  pool: bigint[];
  alice: bigint[];
  bob: bigint[];
  pending: bigint[]; // [alice, bob]
  g: bigint;
  reserve: bigint[]; // [reserve, fundedUntil]
  farmBalance: bigint;
}

function seen(r: ViewProbeToken.ReadingStructOutput): FarmView {
  return {
    pool: [...r.pool],
    alice: [...r.user0],
    bob: [...r.user1],
    pending: [r.pending0, r.pending1],
    g: r.accRewardPerAllocPoint,
    reserve: [r.reserve, r.fundedUntil],
    farmBalance: r.farmBalance,
  };
}

/** The same views read from outside, at the latest block's time. */
async function viewsNow(farm: Farm, probe: ViewProbeToken, alice: string, bob: string): Promise<FarmView> {
  return {
    pool: [...(await farm.poolInfo(0))],
    alice: [...(await farm.userInfo(0, alice))],
    bob: [...(await farm.userInfo(0, bob))],
    pending: [await farm.pendingReward(0, alice), await farm.pendingReward(0, bob)],
    g: await farm.accRewardPerAllocPoint(),
    reserve: [...(await farm.rewardReserve())],
    farmBalance: await probe.balanceOf(farm),
  };
}

/** Pool 0 = the probe token (alloc 100, the only pool); alice and bob staked 1 each before the start. */
async function probedFixture() {
  const f = await farmFixture();
  const probe: ViewProbeToken = await ethers.deployContract("ViewProbeToken");
  for (const user of [f.alice, f.bob, f.carol]) await probe.mint(user.address, 10n * E18);
  for (const user of [f.alice, f.bob]) await probe.connect(user).approve(f.farm, ethers.MaxUint256);
  await f.farm.add(100, probe, ZERO);
  await sendAt(f.startTime - 2n, () => f.farm.connect(f.alice).deposit(0, E18, f.alice.address));
  await sendAt(f.startTime - 1n, () => f.farm.connect(f.bob).deposit(0, E18, f.bob.address));
  await probe.watch(f.farm, 0, f.alice.address, f.bob.address);
  return { ...f, probe, T: f.startTime + 100n };
}

/** The farm at T as a reader outside any call sees it: nothing written since the deposits. */
function stateBeforeT(farmBalance: bigint): FarmView {
  return {
    pool: [0n, 0n, 100n, 2n * E18],
    alice: [E18, 0n, 0n],
    bob: [E18, 0n, 0n],
    pending: [HALF, HALF],
    g: G_T,
    reserve: [0n, 0n],
    farmBalance,
  };
}

describe("Farm (views read from inside a stake token's transfer)", function () {
  describe("#deposit", function () {
    it("shows the farm as before the call, whole: the other staker's pending is 50 FUR, not 100", async function () {
      const { farm, probe, alice, bob, T } = await loadFixture(probedFixture);
      await sendAt(T, () => farm.connect(alice).deposit(0, E18, alice.address));
      const readings = await probe.readings();
      expect(readings.length).to.equal(1);
      expect([readings[0].from, readings[0].to]).to.deep.equal([alice.address, await farm.getAddress()]);
      // Before the fix (f302c2d^ wrote the pool index and alice's paid index, then pulled, then wrote
      // the pool's copy of G and alice's position) this read bob's pending as 100 FUR, not 50 (the
      // last 100 s counted twice), pool [5e31, 0, 100, 2e18] (index moved, G_pool not), alice
      // [1e18, 0, 5e31] (paid index moved, her 50 FUR not yet settled: her pending read 50 only
      // because the two errors cancel) and reserve [0, T + 1 day] (the mint had happened).
      // The token's own balance has moved already (3 tokens): the farm credits them after the pull.
      expect(seen(readings[0])).to.deep.equal(stateBeforeT(3n * E18));
      // And the call itself did what the views promised.
      expect(await viewsNow(farm, probe, alice.address, bob.address)).to.deep.equal({
        pool: [ACC_T, G_T, 100n, 3n * E18],
        alice: [2n * E18, HALF, ACC_T],
        bob: [E18, 0n, 0n],
        pending: [HALF, HALF],
        g: G_T,
        reserve: [0n, T + DAY],
        farmBalance: 3n * E18,
      });
    });
  });

  describe("#depositWithPermit", function () {
    it("shows the farm as before the call, whole (the permit itself moves no token)", async function () {
      const { farm, probe, alice, bob, carol, T } = await loadFixture(probedFixture);
      // carol has not approved the farm: the deposit needs her permit.
      const sig = await signPermit(probe, carol, await farm.getAddress(), E18, T + 3600n);
      await sendAt(T, () =>
        farm.connect(carol).depositWithPermit(0, E18, carol.address, T + 3600n, sig.v, sig.r, sig.s),
      );
      expect(await probe.nonces(carol.address)).to.equal(1n);
      const readings = await probe.readings();
      expect(readings.length).to.equal(1);
      // Before the fix this read 100 FUR for alice and for bob, and pool [5e31, 0, 100, 2e18].
      expect(seen(readings[0])).to.deep.equal(stateBeforeT(3n * E18));
      expect((await farm.userInfo(0, carol.address)).amount).to.equal(E18);
    });
  });

  describe("#multicall", function () {
    it("each deposit's pull sees the farm as the previous deposit left it, whole", async function () {
      const { farm, probe, alice, bob, T } = await loadFixture(probedFixture);
      const calls = [alice, bob].map((u) =>
        farm.interface.encodeFunctionData("deposit", [0, E18, u.address]),
      );
      await sendAt(T, () => farm.connect(alice).multicall(calls));
      const readings = await probe.readings();
      expect(readings.length).to.equal(2);
      // Before the fix the first read showed bob 100 FUR, as in #deposit.
      expect(seen(readings[0])).to.deep.equal(stateBeforeT(3n * E18));
      // After the first deposit (alice settled at the new index; G and the backing moved once).
      const afterFirst: FarmView = {
        pool: [ACC_T, G_T, 100n, 3n * E18],
        alice: [2n * E18, HALF, ACC_T],
        bob: [E18, 0n, 0n],
        pending: [HALF, HALF],
        g: G_T,
        reserve: [0n, T + DAY],
        farmBalance: 4n * E18,
      };
      expect(seen(readings[1])).to.deep.equal(afterFirst);
      expect(await viewsNow(farm, probe, alice.address, bob.address)).to.deep.equal({
        ...afterFirst,
        pool: [ACC_T, G_T, 100n, 4n * E18],
        bob: [2n * E18, HALF, ACC_T],
      });
    });
  });

  describe("#withdraw", function () {
    it("shows the farm as after the call, whole (the push is the last thing it does)", async function () {
      const { farm, probe, alice, bob, T } = await loadFixture(probedFixture);
      await sendAt(T, () => farm.connect(alice).withdraw(0, E18 / 2n, alice.address));
      const readings = await probe.readings();
      expect(readings.length).to.equal(1);
      expect([readings[0].from, readings[0].to]).to.deep.equal([await farm.getAddress(), alice.address]);
      const after: FarmView = {
        pool: [ACC_T, G_T, 100n, (3n * E18) / 2n],
        alice: [E18 / 2n, HALF, ACC_T],
        bob: [E18, 0n, 0n],
        pending: [HALF, HALF],
        g: G_T,
        reserve: [0n, T + DAY],
        farmBalance: (3n * E18) / 2n,
      };
      expect(seen(readings[0])).to.deep.equal(after);
      expect(await viewsNow(farm, probe, alice.address, bob.address)).to.deep.equal(after);
    });
  });

  describe("#withdrawAndHarvest", function () {
    it("shows the farm as after the call, whole: the FUR is paid, alice's pending is 0", async function () {
      const { farm, token, probe, alice, bob, T } = await loadFixture(probedFixture);
      await sendAt(T, () => farm.connect(alice).withdrawAndHarvest(0, E18 / 2n, alice.address));
      const readings = await probe.readings();
      expect(readings.length).to.equal(1);
      const after: FarmView = {
        pool: [ACC_T, G_T, 100n, (3n * E18) / 2n],
        alice: [E18 / 2n, 0n, ACC_T],
        bob: [E18, 0n, 0n],
        pending: [0n, HALF],
        g: G_T,
        reserve: [0n, T + DAY],
        farmBalance: (3n * E18) / 2n,
      };
      expect(seen(readings[0])).to.deep.equal(after);
      expect(await viewsNow(farm, probe, alice.address, bob.address)).to.deep.equal(after);
      expect(await token.balanceOf(alice.address)).to.equal(HALF);
    });
  });

  describe("#emergencyWithdraw", function () {
    it("shows the farm as after the call, whole: bob alone holds the unsettled 100 s", async function () {
      const { farm, probe, alice, bob, T } = await loadFixture(probedFixture);
      await sendAt(T, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
      const readings = await probe.readings();
      expect(readings.length).to.equal(1);
      // Neither G nor the pool is updated, nothing is minted; alice forfeits her share of the
      // unsettled interval to the one who stays (IFarm NatSpec): 100 * 1e36 * 1e12 / 1e18 staked
      // = 1e32, i.e. bob's pending is the whole 100 FUR.
      const after: FarmView = {
        pool: [0n, 0n, 100n, E18],
        alice: [0n, 0n, 0n],
        bob: [E18, 0n, 0n],
        pending: [0n, (E18 * ((100n * G_T * 10n ** 12n) / E18)) / 10n ** 30n],
        g: G_T,
        reserve: [0n, 0n],
        farmBalance: E18,
      };
      expect(after.pending[1]).to.equal(100n * E18);
      expect(seen(readings[0])).to.deep.equal(after);
      expect(await viewsNow(farm, probe, alice.address, bob.address)).to.deep.equal(after);
    });
  });

  describe("#harvest", function () {
    it("moves only FUR, which has no transfer hook: no stake-token transfer to read from", async function () {
      // RewardToken's _update (ERC20 + ERC20Votes) calls out to nobody, so no code runs mid-harvest
      // that is not the farm's own; a pool's rewarder is called last, after every write.
      const { farm, token, probe, alice, T } = await loadFixture(probedFixture);
      await time.setNextBlockTimestamp(T);
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(token, alice, HALF);
      expect((await probe.readings()).length).to.equal(0);
    });
  });
});
