import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployRewarder, E18, farmFixture } from "../fixtures";
import { sendAt } from "../../src/chain/time";
import { signPermit } from "../../src/chain/permit";
import { ContractCaller } from "./contractCaller";
import { FarmModel } from "../../src/model";
import { mappingSlot, setWord, word } from "../helpers/storage";

// Tests that kill Farm.sol mutants the farm suites let live in `npm run mutation` (docs/security.md,
// "Mutation testing"). Each names its mutants as line: original -> replacement; each kill was
// checked by applying the mutant and running this file (scripts/mutants.js). Values come from the
// reference model (src/model/farm.ts) and, where short, by hand in the comments.

const ZERO = ethers.ZeroAddress;
const DAY = 86_400n;
// Farm's storage (test/farm/Layout.test.ts): _pools (by stake token) in slot 6, _accounts (by pid,
// then user) in slot 7; a pool's state word holds accRewardPerShare in its low 192 bits, an
// account's second word its accRewardPerSharePaid.
const POOLS_SLOT = 6n;
const ACCOUNTS_SLOT = 7n;
const ACC_MASK = (1n << 192n) - 1n;

/** One pool (lpA, weight 100) where alice staked 1 token 10 s before the start. */
async function stakedFixtureOnChain() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await sendAt(f.startTime - 10n, () => f.farm.connect(f.alice).deposit(0, E18, f.alice.address));
  return f;
}

describe("Farm: mutants only these tests kill", function () {
  it("an emergency withdrawal adds what it forfeits to a reserve that already holds FUR (L221 `+=` -> `=`)", async function () {
    const f = await loadFixture(stakedFixtureOnChain);
    const { farm, alice, startTime: t0 } = f;
    const model = new FarmModel(t0, 0n, E18);
    model.add(100n, t0 - 20n);
    model.deposit(0, alice.address, E18, t0 - 10n);
    await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)); // backed until t0 + 10 + DAY
    model.harvest(0, alice.address, t0 + 10n);
    await sendAt(t0 + 15n, () => farm.connect(alice).deposit(0, E18, alice.address)); // 5 FUR settled
    model.deposit(0, alice.address, E18, t0 + 15n);
    // A rate change turns the backing left (to t0 + 10 + DAY: DAY - 10 s at 1 FUR/s) into reserve.
    await sendAt(t0 + 20n, () => farm.setRewardPerSecond(E18));
    model.setRewardPerSecond(E18, t0 + 20n);
    expect(model.reserve).to.equal((DAY - 10n) * E18);
    await sendAt(t0 + 25n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
    model.emergencyWithdraw(0, alice.address);
    // The 5 settled FUR come back on top of the DAY - 10 kept: with `=` the reserve would be 5 FUR.
    expect(model.reserve).to.equal((DAY - 10n) * E18 + 5n * E18);
    expect(await farm.rewardReserve()).to.deep.equal([model.reserve, model.fundedUntil]);
  });

  it("an emergency withdrawal of an empty stake forfeits the FUR settled to it and sends no stake token (L213 `accrued != 0` -> `< 0`, `<= 0`, `== 0`; L231 `!=` -> `>=`)", async function () {
    // With either mutant the branch needs a stake: alice's 10 settled FUR would stay hers to harvest,
    // and never go back to the reserve.
    const f = await loadFixture(stakedFixtureOnChain);
    const { farm, alice, startTime: t0 } = f;
    const model = new FarmModel(t0, 0n, E18);
    model.add(100n, t0 - 20n);
    model.deposit(0, alice.address, E18, t0 - 10n);
    // A plain withdraw (no harvest) of all of it at t0 + 10: 10 s at 1 FUR/s stay settled to her.
    await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, E18, alice.address));
    model.withdraw(0, alice.address, E18, t0 + 10n);
    const settled = await farm.userInfo(0, alice.address);
    expect([settled.amount, settled.accrued]).to.deep.equal([0n, 10n * E18]);
    const tx = await sendAt(t0 + 20n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
    expect(model.emergencyWithdraw(0, alice.address)).to.equal(0n);
    // Nothing staked, nothing sent: no zero transfer of the stake token, which some tokens refuse
    // (L231 `amount != 0` -> `>= 0` would send 0).
    await expect(tx).not.to.emit(f.lpA, "Transfer");
    const left = await farm.userInfo(0, alice.address);
    expect([left.amount, left.accrued]).to.deep.equal([0n, 0n]);
    expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
    expect(model.reserve).to.equal(10n * E18);
    expect(await farm.rewardReserve()).to.deep.equal([model.reserve, model.fundedUntil]);
  });

  it("a deposit or a withdrawal of 0 moves no stake token (L372 `amount == 0` -> `< 0`, L340 `amount != 0` -> `>= 0`)", async function () {
    // Zero transfers are refused by some tokens; MasterChef users deposit or withdraw 0 to settle.
    const { farm, alice, lpA, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const deposit = await sendAt(t0 + 5n, () => farm.connect(alice).deposit(0, 0n, alice.address));
    await expect(deposit).to.emit(farm, "Deposit").withArgs(alice.address, 0n, 0n, alice.address);
    await expect(deposit).not.to.emit(lpA, "Transfer");
    const tx = await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, 0n, alice.address));
    await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, 0n, alice.address);
    await expect(tx).not.to.emit(lpA, "Transfer");
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(E18);
  });

  it("a user settles across the pool index's wrap at 2^192 (L354 `paid == acc` -> `>=`, `>`)", async function () {
    // With either mutant a user whose paid index is above the wrapped pool index is skipped: alice's
    // 10 FUR would never be settled.
    const { farm, alice, lpA, token, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)); // paid = the index
    // Move the pool's index and alice's copy of it to 2^192 - 5e30 together (only differences matter).
    const farmAddress = await farm.getAddress();
    const high = 2n ** 192n - 5n * 10n ** 30n;
    const stateSlot = mappingSlot("address", await lpA.getAddress(), POOLS_SLOT);
    const state = await word(farmAddress, stateSlot);
    await setWord(farmAddress, stateSlot, (state & ~ACC_MASK) | high);
    const paidSlot = mappingSlot("address", alice.address, mappingSlot("uint256", 0n, ACCOUNTS_SLOT)) + 1n;
    await setWord(farmAddress, paidSlot, high);
    expect((await farm.userInfo(0, alice.address)).accRewardPerSharePaid).to.equal(high);
    // 10 s at 1 FUR/s on 1 LP: the index grows by 10e18 * 1e30 / 1e18 = 1e31, wrapping to 5e30.
    await time.setNextBlockTimestamp(t0 + 20n);
    await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
      token,
      alice,
      10n * E18,
    );
    expect((await farm.userInfo(0, alice.address)).accRewardPerSharePaid).to.equal(5n * 10n ** 30n);
  });

  it("a withdrawal without harvest sends no FUR (L380 `amount != 0` -> `>= 0`)", async function () {
    const { farm, alice, token, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const tx = await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, E18, alice.address));
    await expect(tx).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, E18, alice.address);
    // The farm mints its backing in the same call (a FUR Transfer from 0); none goes to alice: her
    // 10 FUR stay settled to her.
    const toAlice = tx.logs
      .filter((l) => l.address === token.target)
      .map((l) => token.interface.parseLog(l)!)
      .filter((e) => e.name === "Transfer" && e.args.to === alice.address);
    expect(toAlice).to.deep.equal([]);
    expect((await farm.userInfo(0, alice.address)).accrued).to.equal(10n * E18);
  });

  it("re-setting a pool with its own rewarder leaves the rewarder attached (L104 `rewarder_ != old` -> `true`)", async function () {
    // With the mutant the farm would detach and re-attach the same rewarder: ERC20Rewarder is single
    // use, so the re-attach reverts (WrongPhase) and the pool's weight could not be changed.
    const { farm, admin } = await loadFixture(stakedFixtureOnChain);
    const { rewarder } = await deployRewarder(farm, 0, E18, admin.address);
    await farm.set(0, 100, rewarder, true);
    const again = await farm.set(0, 50, rewarder, true);
    await expect(again)
      .to.emit(farm, "LogSetPool")
      .withArgs(0n, 50n, await rewarder.getAddress(), true);
    await expect(again).not.to.emit(rewarder, "Detached");
    await expect(again).not.to.emit(rewarder, "Attached");
    expect((await farm.poolInfo(0)).allocPoint).to.equal(50n);
  });

  it("a weight change of a pool already caught up this second writes no stake (L101 `moved` -> `true`: gas)", async function () {
    // The mutant only adds a write of an unchanged slot; the path's gas is pinned (the in-process
    // EVM is deterministic and MUTATION=1 compiles the farm as `npm test` does).
    const { farm, alice, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    await time.setNextBlockTimestamp(t0 + 10n);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      const deposit = await farm.connect(alice).deposit(0, E18, alice.address);
      const set = await farm.set(0, 50, ZERO, false);
      await network.provider.send("evm_mine", []);
      const [r1, r2] = [await deposit.wait(), await set.wait()];
      expect(r1!.blockNumber).to.equal(r2!.blockNumber);
      expect(r2!.gasUsed).to.equal(42_057n);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
  });

  it("a harvest on a pool without a rewarder calls no rewarder (L197 `hasRewarder` -> `true`)", async function () {
    // With the mutant the farm would call _rewarders[0] = address(0) and report RewarderFailed.
    const { farm, alice, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const tx = await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address));
    await expect(tx)
      .to.emit(farm, "Harvest")
      .withArgs(alice.address, 0n, 10n * E18);
    await expect(tx).not.to.emit(farm, "RewarderFailed");
  });

  it("a withdrawal from a pool without a rewarder calls no rewarder (L339 `hasRewarder` -> `true`)", async function () {
    // As at L197: the mutant calls _rewarders[0] = address(0), which has no code, and reports it.
    const { farm, alice, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const half = E18 / 2n;
    const plain = await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, half, alice.address));
    await expect(plain).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, half, alice.address);
    await expect(plain).not.to.emit(farm, "RewarderFailed");
    // 10 s at 1 FUR/s settled by the first withdrawal, 10 more on the half left: 20 FUR harvested.
    const harvested = await sendAt(t0 + 20n, () =>
      farm.connect(alice).withdrawAndHarvest(0, half, alice.address),
    );
    await expect(harvested)
      .to.emit(farm, "Harvest")
      .withArgs(alice.address, 0n, 20n * E18);
    await expect(harvested).not.to.emit(farm, "RewarderFailed");
  });

  it("InsufficientGasForRewarder reports the gas left: 10,000 less sent, exactly 10,000 less reported (L400 the reported gasleft() -> tx.gasprice, block.gaslimit, block.number, block.difficulty, block.timestamp, msg.value)", async function () {
    // The path up to the check does not depend on the gas limit, so the gas left there falls one for
    // one with it; each mutant reports a value the limit does not move.
    const { farm, alice } = await loadFixture(stakedFixtureOnChain);
    const burner = await ethers.deployContract("GasBurningRewarder");
    await farm.set(0, 100, burner, true);
    const needed = 200_000n + 200_000n / 63n + 10_000n;
    const reported: bigint[] = [];
    for (const gasLimit of [200_000n, 190_000n]) {
      await expect(farm.connect(alice).emergencyWithdraw(0, alice.address, { gasLimit }))
        .to.be.revertedWithCustomError(farm, "InsufficientGasForRewarder")
        .withArgs((gasLeft: bigint) => {
          reported.push(gasLeft);
          return gasLeft < needed;
        }, needed);
    }
    expect(reported[0] - reported[1]).to.equal(10_000n);
  });

  it("tells the rewarder each path's user, recipient, FUR paid and stake left (L230 `0` -> `1` twice; the other paths' hook arguments)", async function () {
    // ERC20Rewarder reads stakes from the farm and ignores the last two arguments, so only a
    // rewarder that records them tells a wrong one: what IRewarder promises other rewarders.
    const { farm, alice, bob, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const rec = await ethers.deployContract("RecordingRewarder");
    await sendAt(t0, () => farm.set(0, 100, rec, true));
    const last = async () => {
      const c = await rec.lastCall();
      return [c.pid, c.user, c.recipient, c.rewardAmount, c.newLpAmount];
    };
    // alice alone at 1 FUR/s: 10 FUR at each 10 s step.
    await sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, bob.address));
    expect(await last()).to.deep.equal([0n, alice.address, bob.address, 10n * E18, E18]);
    await sendAt(t0 + 20n, () => farm.connect(alice).withdrawAndHarvest(0, E18 / 4n, bob.address));
    expect(await last()).to.deep.equal([0n, alice.address, bob.address, 10n * E18, (3n * E18) / 4n]);
    await sendAt(t0 + 30n, () => farm.connect(bob).deposit(0, E18, alice.address)); // for alice
    expect(await last()).to.deep.equal([0n, alice.address, alice.address, 0n, (7n * E18) / 4n]);
    await sendAt(t0 + 40n, () => farm.connect(alice).emergencyWithdraw(0, bob.address));
    expect(await last()).to.deep.equal([0n, alice.address, bob.address, 0n, 0n]);
    expect(await rec.callCount()).to.equal(4n);
  });

  it("updatePool returns the pool as poolInfo reads it after (L147 the return deleted)", async function () {
    // Callers (a vault, a keeper) may use the returned PoolInfo instead of a second call.
    const { farm, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    await time.setNextBlockTimestamp(t0 + 10n);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      const returned = await farm.updatePool.staticCall(0, { blockTag: "pending" });
      await farm.updatePool(0);
      await network.provider.send("evm_mine", []);
      const stored = await farm.poolInfo(0);
      expect([...returned]).to.deep.equal([...stored]);
      // 10 s at 1 FUR/s over alice's 1 LP: accRewardPerShare = 10e18 * 1e30 / 1e18 = 1e31.
      expect(stored.accRewardPerShare).to.equal(10n ** 31n);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
  });

  it("depositWithPermit uses the caller's permit, never the transaction origin's (L167 `msg.sender` -> `tx.origin`)", async function () {
    // A contract deposits for itself, sent by alice, with a permit alice signed for the farm: the
    // farm must try the permit as the contract's (it fails: the contract signs nothing) and deposit
    // on the contract's own allowance, leaving alice's permit unused.
    const { farm, token, alice } = await loadFixture(stakedFixtureOnChain);
    await farm.add(100, token, ZERO);
    const caller = await ContractCaller.deploy(alice);
    const contract = await caller.address();
    await token.mint(contract, 10n * E18);
    await caller.call(
      token,
      token.interface.encodeFunctionData("approve", [await farm.getAddress(), 4n * E18]),
    );
    const deadline = BigInt(await time.latest()) + 3600n;
    const sig = await signPermit(token, alice, await farm.getAddress(), 4n * E18, deadline);
    const data = farm.interface.encodeFunctionData("depositWithPermit", [
      1,
      4n * E18,
      contract,
      deadline,
      sig.v,
      sig.r,
      sig.s,
    ]);
    await expect(caller.call(farm, data))
      .to.emit(farm, "Deposit")
      .withArgs(contract, 1n, 4n * E18, contract);
    expect(await token.nonces(alice.address)).to.equal(0n);
    expect(await token.allowance(alice.address, farm)).to.equal(0n);
    expect(await token.allowance(contract, farm)).to.equal(0n);
  });

  it("a contract staker harvests and leaves as itself, whoever sends the transaction (L188, L197, L198, L210, L230, L232, L309, L321, L339, L341, L342, L374 `msg.sender` -> `tx.origin`)", async function () {
    const { farm, token, lpA, bob } = await loadFixture(stakedFixtureOnChain);
    const rec = await ethers.deployContract("RecordingRewarder");
    await farm.set(0, 100, rec, true);
    const caller = await ContractCaller.deploy(bob); // sent by bob, arriving from the contract
    const contract = await caller.address();
    await lpA.mint(contract, E18);
    await caller.call(lpA, lpA.interface.encodeFunctionData("approve", [await farm.getAddress(), E18]));
    await expect(caller.call(farm, farm.interface.encodeFunctionData("deposit", [0, E18, contract])))
      .to.emit(farm, "Deposit")
      .withArgs(contract, 0n, E18, contract);
    await time.increase(10);
    const before = await token.balanceOf(contract);
    const harvest = await caller.call(farm, farm.interface.encodeFunctionData("harvest", [0, contract]));
    const paid = (await token.balanceOf(contract)) - before;
    expect(paid).to.be.greaterThan(0n);
    await expect(harvest).to.emit(farm, "Harvest").withArgs(contract, 0n, paid);
    let c = await rec.lastCall();
    expect([c.user, c.recipient, c.rewardAmount, c.newLpAmount]).to.deep.equal([
      contract,
      contract,
      paid,
      E18,
    ]);
    // A quarter out without harvest, a quarter with: the contract's own stake, events and hook calls.
    const quarter = E18 / 4n;
    await expect(caller.call(farm, farm.interface.encodeFunctionData("withdraw", [0, quarter, contract])))
      .to.emit(farm, "Withdraw")
      .withArgs(contract, 0n, quarter, contract);
    c = await rec.lastCall();
    expect([c.user, c.rewardAmount, c.newLpAmount]).to.deep.equal([contract, 0n, E18 - quarter]);
    const beforeHarvest = await token.balanceOf(contract);
    const both = await caller.call(
      farm,
      farm.interface.encodeFunctionData("withdrawAndHarvest", [0, quarter, contract]),
    );
    const harvested = (await token.balanceOf(contract)) - beforeHarvest;
    expect(harvested).to.be.greaterThan(0n);
    await expect(both).to.emit(farm, "Withdraw").withArgs(contract, 0n, quarter, contract);
    await expect(both).to.emit(farm, "Harvest").withArgs(contract, 0n, harvested);
    c = await rec.lastCall();
    expect([c.user, c.rewardAmount, c.newLpAmount]).to.deep.equal([contract, harvested, E18 / 2n]);
    const leave = await caller.call(
      farm,
      farm.interface.encodeFunctionData("emergencyWithdraw", [0, contract]),
    );
    await expect(leave)
      .to.emit(farm, "EmergencyWithdraw")
      .withArgs(contract, 0n, E18 / 2n, contract);
    expect(await lpA.balanceOf(contract)).to.equal(E18);
    c = await rec.lastCall();
    expect([c.user, c.recipient, c.rewardAmount, c.newLpAmount]).to.deep.equal([contract, contract, 0n, 0n]);
  });

  // Mutants that only add a redundant write or a no-op branch: the path's gas is pinned (see above).
  describe("gas of the paths with nothing to write", function () {
    it("a harvest with nothing settled rewrites no position (L192 `reward != 0` -> `true`, `>= 0`)", async function () {
      const { farm, bob, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
      const r = await sendAt(t0 + 10n, () => farm.connect(bob).harvest(0, bob.address));
      expect(r.gasUsed).to.equal(180_228n);
    });

    it("an emergency withdrawal of an account with nothing skips the forfeit (L213 condition -> `true`, `amount != 0` -> `>= 0`, `accrued != 0` -> `>= 0`)", async function () {
      const { farm, bob, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
      const r = await sendAt(t0 + 10n, () => farm.connect(bob).emergencyWithdraw(0, bob.address));
      expect(r.gasUsed).to.equal(29_471n);
    });

    it("an emergency withdrawal of settled FUR alone leaves the pool's total unwritten (L222 `amount != 0` -> `true`, `>= 0`)", async function () {
      const { farm, alice, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
      await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, E18, alice.address));
      const r = await sendAt(t0 + 20n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
      expect(r.gasUsed).to.equal(37_469n);
    });
  });

  it("a rewarder whose code is gone is reported as failed (L406 `code.length == 0` -> `< 0`)", async function () {
    // A call to an address without code succeeds: only the code check tells the farm nothing ran.
    const { farm, alice, admin, startTime: t0 } = await loadFixture(stakedFixtureOnChain);
    const { rewarder } = await deployRewarder(farm, 0, E18, admin.address);
    await farm.set(0, 100, rewarder, true);
    await network.provider.send("hardhat_setCode", [await rewarder.getAddress(), "0x"]);
    const tx = await sendAt(t0 + 10n, () => farm.connect(alice).withdraw(0, E18, alice.address));
    await expect(tx)
      .to.emit(farm, "RewarderFailed")
      .withArgs(0n, await rewarder.getAddress());
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(0n);
  });

  it("attaching a rewarder to a pool that had none calls no old rewarder (L110 `!=` -> `>=`)", async function () {
    // With `>=`, the farm would "detach" address(0): a call to an address without code, reported
    // as RewarderFailed(pid, address(0)) on every first attach.
    const { farm, admin } = await loadFixture(stakedFixtureOnChain);
    const { rewarder } = await deployRewarder(farm, 0, E18, admin.address);
    const attach = await farm.set(0, 100, rewarder, true);
    await expect(attach)
      .to.emit(farm, "LogSetPool")
      .withArgs(0n, 100n, await rewarder.getAddress(), true);
    await expect(attach).not.to.emit(farm, "RewarderFailed");
    // Detaching it calls it (it answers), and reports nothing either.
    const detach = await farm.set(0, 100, ZERO, true);
    await expect(detach).to.emit(rewarder, "Detached");
    await expect(detach).not.to.emit(farm, "RewarderFailed");
  });
});
