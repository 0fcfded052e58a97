// Issue 9.1, the review findings against the bonus rewarder, one `describe` each. Every scenario runs
// against ERC20Rewarder (the fixed values) and against LegacyPushRewarder, a copy of the rewarder as
// it was (the historical wrong values), so each test is shown to be able to fail.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, farmFixture } from "../fixtures";
import { mineAt, sendAt } from "../../src/chain/time";
import type {
  ERC20Rewarder,
  Farm,
  HookToken,
  LegacyPushRewarder,
  MockERC20,
  RevertingRewarder,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const MAX_RATE = 10n ** 24n;
const DETACHED = 2n; // IERC20Rewarder.Phase.Detached
const PANIC_OVERFLOW = 0x11;

type Kind = "ERC20Rewarder" | "LegacyPushRewarder";
type AnyRewarder = ERC20Rewarder | LegacyPushRewarder;

/** Both rewarders take (farm, pid, token, rate, owner). */
async function deployRewarder(
  kind: Kind,
  farm: Farm,
  pid: number,
  token: MockERC20 | HookToken,
  rate: bigint,
  owner: string,
): Promise<AnyRewarder> {
  return (await ethers.deployContract(kind, [farm, pid, token, rate, owner])) as unknown as AnyRewarder;
}

/** farmFixture plus a bonus token minted to admin, and `t0` = startTime + 1,000 to pin times from. */
async function bonusBase(hook: boolean) {
  const f = await farmFixture();
  const bonus: MockERC20 | HookToken = hook
    ? await ethers.deployContract("HookToken")
    : await ethers.deployContract("MockERC20", ["Bonus", "BONUS", 18]);
  await bonus.mint(f.admin.address, 1_000_000n * E18);
  return { ...f, bonus, t0: f.startTime + 1_000n };
}

// ---------------------------------------------------------------------------------------------
// Phantom stake
// ---------------------------------------------------------------------------------------------

/** Pool 0 = lpA with a `kind` rewarder paying 10 HOOK/s (100,000 funded); four attacker addresses. */
async function phantomFixture(kind: Kind) {
  const f = await bonusBase(true);
  const rewarder = await deployRewarder(kind, f.farm, 0, f.bonus, 10n * E18, f.admin.address);
  await f.bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(100_000n * E18);
  await f.farm.add(100, f.lpA, rewarder);
  const burner = await ethers.deployContract("GasBurningReceiver");
  const attackers = f.signers.slice(5, 9);
  for (const a of attackers) await f.lpA.connect(a).approve(f.farm, ethers.MaxUint256);
  await f.lpA.mint(attackers[0].address, 10n * E18);
  return { ...f, rewarder, burner, attackers };
}
async function phantomFixtureFixed() {
  return phantomFixture("ERC20Rewarder");
}
async function phantomFixtureLegacy() {
  return phantomFixture("LegacyPushRewarder");
}

/**
 * alice stakes 10 LP; then the same 10 LP go in from four fresh addresses in turn, each leaving by
 * emergencyWithdraw to a GasBurningReceiver one second later. Returns the rewarder's total, the farm's,
 * how many exits the rewarder failed on, and alice's bonus over 100 s afterwards (1,000 emitted).
 */
async function runPhantom(f: Awaited<ReturnType<typeof phantomFixture>>) {
  const { farm, lpA, rewarder, burner, attackers, alice, t0 } = f;
  await sendAt(t0, () => farm.connect(alice).deposit(0, 10n * E18, alice.address));
  let failures = 0;
  for (const [i, a] of attackers.entries()) {
    const at = t0 + 10n + 10n * BigInt(i);
    await sendAt(at, () => farm.connect(a).deposit(0, 10n * E18, a.address));
    const receipt = await sendAt(at + 1n, () =>
      farm.connect(a).emergencyWithdraw(0, burner, { gasLimit: 1_000_000 }),
    );
    failures += receipt.logs.filter((l) => farm.interface.parseLog(l)?.name === "RewarderFailed").length;
    // The attacker's own receiver would hand the LP on; this mock cannot, so the test moves it.
    await lpA.burn(burner, 10n * E18);
    if (i + 1 < attackers.length) await lpA.mint(attackers[i + 1].address, 10n * E18);
  }
  await mineAt(t0 + 100n);
  const before = await rewarder.pendingReward(alice.address);
  await mineAt(t0 + 200n);
  const honest = (await rewarder.pendingReward(alice.address)) - before;
  return {
    totalStaked: await rewarder.totalStaked(),
    farmTotal: (await farm.poolInfo(0)).totalStaked,
    failures,
    honest,
  };
}

describe("Rewarder phantom stake via forced gas failure", function () {
  // emergencyWithdraw zeroes the stake, then gives the rewarder 200,000 gas and ignores its failure. A
  // `to` that burns the bonus transfer's gas made the old rewarder's last write run out: its stake stayed.
  it("ERC20Rewarder: records every exit, so the honest staker keeps the whole emission", async function () {
    const r = await runPhantom(await loadFixture(phantomFixtureFixed));
    expect(r.failures).to.equal(0);
    expect(r.totalStaked).to.equal(10n * E18);
    expect(r.farmTotal).to.equal(10n * E18);
    // 100 s * 10/s, alice alone.
    expect(r.honest).to.equal(1_000n * E18);
  });

  it("LegacyPushRewarder (historical): 10 LP became 5 stakes and the honest staker earned 1/5", async function () {
    const r = await runPhantom(await loadFixture(phantomFixtureLegacy));
    expect(r.failures).to.equal(4);
    expect(r.totalStaked).to.equal(50n * E18);
    expect(r.farmTotal).to.equal(10n * E18);
    // 1,000 * 10 / 50.
    expect(r.honest).to.equal(200n * E18);
  });
});

// ---------------------------------------------------------------------------------------------
// Late attach
// ---------------------------------------------------------------------------------------------

/** Pool 0 = lpA without a rewarder, alice staked 1,000 LP; a `kind` rewarder (10/s, 100,000 funded). */
async function liveFixture(kind: Kind) {
  const f = await bonusBase(false);
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.connect(f.alice).deposit(0, 1_000n * E18, f.alice.address);
  const rewarder = await deployRewarder(kind, f.farm, 0, f.bonus, 10n * E18, f.admin.address);
  await f.bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(100_000n * E18);
  return { ...f, rewarder };
}
async function liveFixtureFixed() {
  return liveFixture("ERC20Rewarder");
}
async function liveFixtureLegacy() {
  return liveFixture("LegacyPushRewarder");
}

/** Attach at t0, bob deposits 1 wei at t0+1; both stakers' bonus at t0+3601. */
async function runLateAttach(f: Awaited<ReturnType<typeof liveFixture>>) {
  const { farm, rewarder, alice, bob, t0 } = f;
  await sendAt(t0, () => farm.set(0, 100, rewarder, true));
  await sendAt(t0 + 1n, () => farm.connect(bob).deposit(0, 1n, bob.address));
  await mineAt(t0 + 3_601n);
  return {
    alice: await rewarder.pendingReward(alice.address),
    bob: await rewarder.pendingReward(bob.address),
  };
}

describe("Rewarder late attach", function () {
  // set(pid, w, rewarder, true) on a pool with stakers: the old rewarder started at totalStaked = 0 and
  // knew only stakes pushed to it later, so the first depositor, however small, took all the bonus.
  it("ERC20Rewarder: counts the existing 1,000 LP from the attach second", async function () {
    const r = await runLateAttach(await loadFixture(liveFixtureFixed));
    // acc1 = 10e18 * 1e30 / 1,000e18 = 1e28 (alice alone 1 s); then 36,000e18 over 1,000e18 + 1:
    // acc2 = 1e28 + floor(36,000e48 / (1,000e18 + 1)) = 36,009,999,999,999,999,999,964,000,000,000.
    // alice = floor(1,000e18 * acc2 / 1e30); bob = floor(1 * (acc2 - acc1) / 1e30) = 35 wei.
    expect(r.alice).to.equal(36_010n * E18 - 36n);
    expect(r.bob).to.equal(35n);
  });

  it("LegacyPushRewarder (historical): the 1-wei deposit took the hour's 36,000 BONUS", async function () {
    const r = await runLateAttach(await loadFixture(liveFixtureLegacy));
    expect(r.alice).to.equal(0n);
    expect(r.bob).to.equal(36_000n * E18);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-attach
// ---------------------------------------------------------------------------------------------

/** Pool 0 = lpA added with a `kind` rewarder (10/s, 100,000 funded). */
async function attachedFixture(kind: Kind) {
  const f = await bonusBase(false);
  const rewarder = await deployRewarder(kind, f.farm, 0, f.bonus, 10n * E18, f.admin.address);
  await f.bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(100_000n * E18);
  await f.farm.add(100, f.lpA, rewarder);
  return { ...f, rewarder };
}
async function attachedFixtureFixed() {
  return attachedFixture("ERC20Rewarder");
}
async function attachedFixtureLegacy() {
  return attachedFixture("LegacyPushRewarder");
}

/** alice and carol stake 100 LP (t0, t0+1); detach at +10; carol leaves at +20 while detached. */
async function departBeforeReattach(f: Awaited<ReturnType<typeof attachedFixture>>) {
  const { farm, alice, carol, t0 } = f;
  await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
  await sendAt(t0 + 1n, () => farm.connect(carol).deposit(0, 100n * E18, carol.address));
  await sendAt(t0 + 10n, () => farm.set(0, 100, ZERO, true));
  await sendAt(t0 + 20n, () => farm.connect(carol).withdraw(0, 100n * E18, carol.address));
  expect((await farm.userInfo(0, carol.address)).amount).to.equal(0n);
}

describe("Rewarder re-attach pays the departed", function () {
  // The old rewarder ignored attach and detach: re-attached, it still counted a stake withdrawn while it
  // was detached, and paid it for the whole time since its last update.
  it("ERC20Rewarder: cannot be attached again; carol claims the 45 BONUS she earned while attached", async function () {
    const f = await loadFixture(attachedFixtureFixed);
    await departBeforeReattach(f);
    const rewarder = f.rewarder as ERC20Rewarder;
    await expect(sendAt(f.t0 + 30n, () => f.farm.set(0, 100, rewarder, true)))
      .to.be.revertedWithCustomError(rewarder, "WrongPhase")
      .withArgs(DETACHED);
    // +1..+10: 90 BONUS over 200 LP: 45 each; alice also had +0..+1 alone (10).
    await rewarder.connect(f.carol).claim(f.carol.address);
    await rewarder.connect(f.alice).claim(f.alice.address);
    expect(await f.bonus.balanceOf(f.carol.address)).to.equal(45n * E18);
    expect(await f.bonus.balanceOf(f.alice.address)).to.equal(55n * E18);
  });

  it("LegacyPushRewarder (historical): re-attached, it paid carol 5,025 BONUS on 0 LP", async function () {
    const f = await loadFixture(attachedFixtureLegacy);
    await departBeforeReattach(f);
    await sendAt(f.t0 + 30n, () => f.farm.set(0, 100, f.rewarder, true));
    // Its index moved from +1 to +1006 over its stale 200 LP: 10,050 * 100 / 200.
    await sendAt(f.t0 + 1_006n, () => f.farm.connect(f.carol).harvest(0, f.carol.address));
    expect(await f.bonus.balanceOf(f.carol.address)).to.equal(5_025n * E18);
  });
});

// ---------------------------------------------------------------------------------------------
// Unbounded rate
// ---------------------------------------------------------------------------------------------

/** attachedFixture at 1 BONUS/s with 1,000 funded: alice stakes 10 LP at t0. */
async function rateFixture(kind: Kind) {
  const f = await bonusBase(false);
  const rewarder = await deployRewarder(kind, f.farm, 0, f.bonus, E18, f.admin.address);
  await f.bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(1_000n * E18);
  await f.farm.add(100, f.lpA, rewarder);
  await sendAt(f.t0, () => f.farm.connect(f.alice).deposit(0, 10n * E18, f.alice.address));
  return { ...f, rewarder };
}
async function rateFixtureFixed() {
  return rateFixture("ERC20Rewarder");
}
async function rateFixtureLegacy() {
  return rateFixture("LegacyPushRewarder");
}

describe("Rewarder unbounded rate", function () {
  // setRewardPerSecond took any value: at 2^256 - 1, rate * dt overflowed in every later update, so
  // every hook, reclaim and rate change reverted: the pool's deposits and the reserve were bricked.
  it("ERC20Rewarder: refuses 2^256 - 1, and the pool and reserve keep working", async function () {
    const { farm, bonus, rewarder, alice, bob, carol, t0 } = await loadFixture(rateFixtureFixed);
    await expect(sendAt(t0 + 10n, () => rewarder.setRewardPerSecond(ethers.MaxUint256)))
      .to.be.revertedWithCustomError(rewarder as ERC20Rewarder, "RewardPerSecondTooLarge")
      .withArgs(ethers.MaxUint256, MAX_RATE);
    await sendAt(t0 + 20n, () => farm.connect(bob).deposit(0, 10n * E18, bob.address));
    // alice: 20 s alone, then half of 1 s.
    await sendAt(t0 + 21n, () => farm.connect(alice).withdrawAndHarvest(0, 10n * E18, alice.address));
    expect(await bonus.balanceOf(alice.address)).to.equal(205n * 10n ** 17n);
    await sendAt(t0 + 22n, () => rewarder.reclaim(900n * E18, carol.address));
    expect(await bonus.balanceOf(carol.address)).to.equal(900n * E18);
  });

  it("LegacyPushRewarder (historical): 2^256 - 1 overflowed every later update", async function () {
    const { farm, rewarder, alice, bob, carol, t0 } = await loadFixture(rateFixtureLegacy);
    await sendAt(t0 + 10n, () => rewarder.setRewardPerSecond(ethers.MaxUint256));
    await expect(
      sendAt(t0 + 20n, () => farm.connect(bob).deposit(0, 10n * E18, bob.address)),
    ).to.be.revertedWithPanic(PANIC_OVERFLOW);
    await expect(sendAt(t0 + 21n, () => farm.connect(alice).withdrawAndHarvest(0, 10n * E18, alice.address)))
      .to.emit(farm, "RewarderFailed")
      .withArgs(0n, await rewarder.getAddress());
    await expect(rewarder.reclaim(1n, carol.address)).to.be.revertedWithPanic(PANIC_OVERFLOW);
    await expect(rewarder.setRewardPerSecond(E18)).to.be.revertedWithPanic(PANIC_OVERFLOW);
  });
});

// ---------------------------------------------------------------------------------------------
// Funding by plain transfer
// ---------------------------------------------------------------------------------------------

/** Pool 0 = lpA added with an unfunded `kind` rewarder at 1 BONUS/s. */
async function unfundedFixture(kind: Kind) {
  const f = await bonusBase(false);
  const rewarder = await deployRewarder(kind, f.farm, 0, f.bonus, E18, f.admin.address);
  await f.farm.add(100, f.lpA, rewarder);
  return { ...f, rewarder };
}
async function unfundedFixtureFixed() {
  return unfundedFixture("ERC20Rewarder");
}
async function unfundedFixtureLegacy() {
  return unfundedFixture("LegacyPushRewarder");
}

/** 100 BONUS sent by plain transfer; alice stakes 10 LP at t0; views at t0+10. */
async function fundByTransfer(f: Awaited<ReturnType<typeof unfundedFixture>>) {
  const { farm, bonus, rewarder, alice, t0 } = f;
  await bonus.transfer(rewarder, 100n * E18);
  const reserveAtOnce = await rewarder.reserve();
  await sendAt(t0, () => farm.connect(alice).deposit(0, 10n * E18, alice.address));
  await mineAt(t0 + 10n);
  return { reserveAtOnce, pending: await rewarder.pendingReward(alice.address) };
}

describe("Rewarder funding by plain transfer", function () {
  // The old rewarder counted only what `fund` pulled: tokens sent by a plain transfer were never
  // emitted, and `reclaim` checked the same counter, so they could not be taken back either.
  it("ERC20Rewarder: the transfer is reserve at once, emitted, and the rest reclaimable", async function () {
    const f = await loadFixture(unfundedFixtureFixed);
    const r = await fundByTransfer(f);
    expect(r.reserveAtOnce).to.equal(100n * E18);
    expect(r.pending).to.equal(10n * E18); // 10 s * 1/s
    await sendAt(f.t0 + 11n, () => f.rewarder.reclaim(89n * E18, f.carol.address));
    expect(await f.bonus.balanceOf(f.carol.address)).to.equal(89n * E18);
    expect(await f.rewarder.reserve()).to.equal(0n);
  });

  it("LegacyPushRewarder (historical): the transfer was never credited nor recoverable", async function () {
    const f = await loadFixture(unfundedFixtureLegacy);
    const r = await fundByTransfer(f);
    expect(r.reserveAtOnce).to.equal(0n);
    expect(r.pending).to.equal(0n);
    await expect(f.rewarder.reclaim(100n * E18, f.carol.address))
      .to.be.revertedWithCustomError(f.rewarder, "InsufficientReserve")
      .withArgs(100n * E18, 0n);
    await expect(f.rewarder.reclaim(1n, f.carol.address))
      .to.be.revertedWithCustomError(f.rewarder, "InsufficientReserve")
      .withArgs(1n, 0n);
    expect(await f.bonus.balanceOf(f.rewarder)).to.equal(100n * E18);
  });
});

// ---------------------------------------------------------------------------------------------
// A reverting rewarder (MasterChefV2)
// ---------------------------------------------------------------------------------------------

/** Pool 0 = lpA, alice and bob 10 LP each (staked at t0), then a RevertingRewarder set at t0+1. */
async function brokenRewarderFixture() {
  const f = await bonusBase(false);
  await f.farm.add(100, f.lpA, ZERO);
  await sendAt(f.t0, () => f.farm.connect(f.alice).deposit(0, 10n * E18, f.alice.address));
  await f.farm.connect(f.bob).deposit(0, 10n * E18, f.bob.address);
  const bad: RevertingRewarder = await ethers.deployContract("RevertingRewarder");
  await f.farm.set(0, 100, bad, true);
  return { ...f, bad };
}

describe("MasterChefV2 broken rewarder", function () {
  // MasterChefV2 called the rewarder plainly in withdraw, harvest and emergencyWithdraw: a reverting
  // rewarder trapped every stake and all FUR of its pool, and only a new rewarder could free them.
  // Proof it can fail: with Farm._notifyRewarder changed to a plain `_rewarders[pid].onReward(...)`
  // (tried once on f3bd79c, not committed) harvest, withdraw, withdrawAndHarvest and emergencyWithdraw
  // all reverted with RewarderBroken(), and the second test below failed at its harvest. The plain
  // call deposits still make shows the same here.
  it("a plain call to it reverts (deposits), as MasterChefV2's calls did", async function () {
    const { farm, bad, carol } = await loadFixture(brokenRewarderFixture);
    await expect(farm.connect(carol).deposit(0, E18, carol.address)).to.be.revertedWithCustomError(
      bad,
      "RewarderBroken",
    );
  });

  it("cannot trap stake or FUR: harvest, withdraw and emergencyWithdraw work, and governance removes it", async function () {
    const { farm, token, lpA, bad, alice, bob, t0 } = await loadFixture(brokenRewarderFixture);
    const badAddress = await bad.getAddress();
    // pool 0 has all of 1 FUR/s; alice had it alone for 1 s, then half: 1 + 99 / 2 at t0+100.
    await time.setNextBlockTimestamp(t0 + 100n);
    const harvest = farm.connect(alice).harvest(0, alice.address);
    await expect(harvest).to.emit(farm, "RewarderFailed").withArgs(0n, badAddress);
    await expect(harvest).to.changeTokenBalance(token, alice, 505n * 10n ** 17n);
    const withdraw = farm.connect(alice).withdraw(0, 4n * E18, alice.address);
    await expect(withdraw).to.emit(farm, "RewarderFailed").withArgs(0n, badAddress);
    await expect(withdraw).to.changeTokenBalance(lpA, alice, 4n * E18);
    const exit = farm.connect(bob).emergencyWithdraw(0, bob.address);
    await expect(exit).to.emit(farm, "RewarderFailed").withArgs(0n, badAddress);
    await expect(exit).to.changeTokenBalance(lpA, bob, 10n * E18);
    // Its onDetach reverts too; the farm replaces it anyway and deposits work again.
    await expect(farm.set(0, 100, ZERO, true))
      .to.emit(farm, "RewarderFailed")
      .withArgs(0n, badAddress);
    expect(await farm.rewarder(0)).to.equal(ZERO);
    await expect(farm.connect(bob).deposit(0, E18, bob.address)).to.changeTokenBalance(lpA, bob, -E18);
    await expect(farm.connect(alice).withdrawAndHarvest(0, 6n * E18, alice.address)).to.changeTokenBalance(
      lpA,
      alice,
      6n * E18,
    );
  });
});
