import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setBalance, takeSnapshot, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployRewarder, E18, farmFixture } from "../fixtures";
import { sendAt } from "../../src/chain/time";
import { ContractCaller } from "./contractCaller";

// Tests that kill ERC20Rewarder mutants the unit, incident, hostile and audit suites let live in
// `npm run mutation` (docs/security.md, "Mutation testing"). Each names its mutants as
// line: original -> replacement; each kill was checked by applying the mutant and running this file.

const ZERO = ethers.ZeroAddress;
/** Scale of the rewarder's index. */
const S = 10n ** 30n;
const RATE = 10n * E18;
const FUNDED = 100_000n * E18;
/** IERC20Rewarder.Phase */
const IDLE = 0n;
const DETACHED = 2n;

/** farmFixture + an ERC20Rewarder for pool 0 paying 10 BONUS/s, funded with 100,000, not attached. */
async function idleFixture() {
  const f = await farmFixture();
  const { rewarder, bonus } = await deployRewarder(f.farm, 0, RATE, f.admin.address);
  await bonus.mint(f.admin.address, 10n * FUNDED);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(FUNDED);
  return { ...f, bonus, rewarder, t0: f.startTime + 1_000n };
}

/** idleFixture with the rewarder attached to pool 0 (lpA) from the pool's creation. */
async function attachedFixture() {
  const f = await idleFixture();
  await f.farm.add(100, f.lpA, f.rewarder);
  return f;
}

/**
 * attachedFixture where alice stakes 100 at t0 and bob 300 at t0 + 1: by t0 + 101 alice has earned
 * 10 (alone for a second) + 100 s * 10 * 100/400 = 260 BONUS and bob 100 s * 10 * 300/400 = 750.
 */
async function twoStakersFixture() {
  const f = await attachedFixture();
  await sendAt(f.t0, () => f.farm.connect(f.alice).deposit(0, 100n * E18, f.alice.address));
  await sendAt(f.t0 + 1n, () => f.farm.connect(f.bob).deposit(0, 300n * E18, f.bob.address));
  return f;
}

/** A signer at the farm's address (an impersonated contract account), to drive the hooks directly. */
async function asFarm(farm: { getAddress(): Promise<string> }) {
  const address = await farm.getAddress();
  await ethers.provider.send("hardhat_impersonateAccount", [address]);
  await setBalance(address, E18);
  return ethers.getSigner(address);
}

describe("ERC20Rewarder mutants", function () {
  it("a payment lowers the allocated total by exactly the amount paid (L120 `-=` -> `%=`)", async function () {
    const { farm, bonus, rewarder, alice, t0 } = await loadFixture(twoStakersFixture);
    await sendAt(t0 + 101n, () => farm.connect(alice).harvest(0, alice.address));
    expect(await bonus.balanceOf(alice.address)).to.equal(260n * E18);
    // 100,000 - 260 paid - 750 still owed to bob (1,010 % 260 = 230 would leave 99,510).
    expect(await rewarder.reserve()).to.equal(FUNDED - 260n * E18 - 750n * E18);
  });

  it("a claim after the detach lowers the allocated total by the claim (L191 `-=` -> `=`), and leaves the claimer synced at 0 (L189 `true` -> `false`)", async function () {
    const { farm, bonus, rewarder, alice, bob, t0 } = await loadFixture(twoStakersFixture);
    await sendAt(t0 + 101n, () => farm.set(0, 100, ZERO, true));
    expect(await rewarder.phase()).to.equal(DETACHED);
    await rewarder.connect(alice).claim(alice.address);
    expect(await bonus.balanceOf(alice.address)).to.equal(260n * E18);
    expect(await rewarder.reserve()).to.equal(FUNDED - 260n * E18 - 750n * E18);
    // alice's farm stake predates the detach: unsynced, the view would count it again.
    const info = await rewarder.userInfo(alice.address);
    expect([info.amount, info.owed]).to.deep.equal([0n, 0n]);
    expect(await rewarder.pendingReward(alice.address)).to.equal(0n);
    await rewarder.connect(bob).claim(bob.address);
    expect(await bonus.balanceOf(bob.address)).to.equal(750n * E18);
    expect(await rewarder.reserve()).to.equal(FUNDED - 1_010n * E18);
  });

  it("sync goes past a user already synced (L175 `continue` -> `break`)", async function () {
    const { farm, bonus, rewarder, lpA, alice, bob, t0 } = await loadFixture(idleFixture);
    await farm.add(100, lpA, ZERO);
    await farm.connect(alice).deposit(0, 1_000n * E18, alice.address);
    await farm.connect(bob).deposit(0, 500n * E18, bob.address);
    await sendAt(t0, () => farm.set(0, 100, rewarder, true));
    await sendAt(t0 + 10n, () => farm.connect(alice).deposit(0, E18, alice.address)); // alice: synced
    await rewarder.sync([alice.address, bob.address]);
    await sendAt(t0 + 100n, () => farm.set(0, 100, ZERO, true));
    // bob's farm position changes after the detach: only the synced record still shows his stake.
    await farm.connect(bob).withdraw(0, 500n * E18, bob.address);
    const acc10 = (10n * RATE * S) / (1_500n * E18);
    const acc100 = acc10 + (90n * RATE * S) / (1_501n * E18);
    const bobs = (500n * E18 * acc100) / S;
    await expect(rewarder.connect(bob).claim(bob.address))
      .to.emit(rewarder, "BonusPaid")
      .withArgs(bob.address, bob.address, bobs);
    expect(await bonus.balanceOf(bob.address)).to.equal(bobs);
  });

  it("sync reverts before the attach (L172 `!=` -> `>`)", async function () {
    const { rewarder, alice } = await loadFixture(idleFixture);
    await expect(rewarder.sync([alice.address]))
      .to.be.revertedWithCustomError(rewarder, "WrongPhase")
      .withArgs(IDLE);
  });

  it("the farm's hooks revert in the wrong phase, whoever calls them (L97, L108 `!=` -> `>`, `<`)", async function () {
    const { farm, rewarder, lpA, alice } = await loadFixture(idleFixture);
    await farm.add(100, lpA, ZERO); // pool 0 exists (the rewarder reads its index at a detach)
    const farmSigner = await asFarm(farm);
    const asTheFarm = rewarder.connect(farmSigner);
    await expect(asTheFarm.onDetach(0)).to.be.revertedWithCustomError(rewarder, "WrongPhase").withArgs(IDLE);
    await expect(asTheFarm.onReward(0, alice.address, alice.address, 0, 1))
      .to.be.revertedWithCustomError(rewarder, "WrongPhase")
      .withArgs(IDLE);
    await asTheFarm.onAttach(0, 0);
    await asTheFarm.onDetach(0);
    await expect(asTheFarm.onDetach(0))
      .to.be.revertedWithCustomError(rewarder, "WrongPhase")
      .withArgs(DETACHED);
    await expect(asTheFarm.onReward(0, alice.address, alice.address, 0, 1))
      .to.be.revertedWithCustomError(rewarder, "WrongPhase")
      .withArgs(DETACHED);
  });

  it("the constructor announces its rate (L77 the emit deleted)", async function () {
    const { farm, bonus, admin } = await loadFixture(idleFixture);
    const rewarder = await ethers.deployContract("ERC20Rewarder", [farm, 0, bonus, RATE, admin.address]);
    await expect(rewarder.deploymentTransaction()).to.emit(rewarder, "RewardPerSecondSet").withArgs(RATE);
  });

  it("only the farm, for its own pool: callers above and below the farm's address, a pool id above (L298, L299 `!=` -> `<`)", async function () {
    const { farm, rewarder, alice } = await loadFixture(attachedFixture);
    // The addresses one below and one above the farm's, whatever the farm's address is in this run
    // (the signers' addresses may all fall on one side of it).
    const farmAddress = BigInt(await farm.getAddress());
    const strangers = [];
    for (const at of [farmAddress - 1n, farmAddress + 1n]) {
      const address = ethers.getAddress(ethers.toBeHex(at, 20));
      await ethers.provider.send("hardhat_impersonateAccount", [address]);
      await setBalance(address, E18);
      strangers.push(await ethers.getSigner(address));
    }
    for (const stranger of strangers) {
      await expect(rewarder.connect(stranger).onReward(0, alice.address, alice.address, 0, 1))
        .to.be.revertedWithCustomError(rewarder, "NotFarm")
        .withArgs(stranger.address);
    }
    const asTheFarm = rewarder.connect(await asFarm(farm));
    await expect(asTheFarm.onReward(7, alice.address, alice.address, 0, 1))
      .to.be.revertedWithCustomError(rewarder, "WrongPool")
      .withArgs(7n, 0n);
  });

  it("before the attach, a farm staker's view shows no stake (L264 `==` -> `<=`)", async function () {
    const { farm, rewarder, lpA, alice } = await loadFixture(idleFixture);
    await farm.add(100, lpA, ZERO);
    await farm.connect(alice).deposit(0, 1_000n * E18, alice.address);
    expect((await rewarder.userInfo(alice.address)).amount).to.equal(0n);
  });

  it("a balance that shrank below what is allocated stops emission instead of bricking the hooks (L249 `>` -> `!=`)", async function () {
    const { farm, bonus, rewarder, alice, bob, t0 } = await loadFixture(attachedFixture);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    await sendAt(t0 + 100n, () => farm.connect(bob).deposit(0, 100n * E18, bob.address)); // 1,000 allocated to alice
    await bonus.burn(rewarder, FUNDED - 500n * E18); // 500 left: below the 1,000 allocated
    expect(await rewarder.reserve()).to.equal(0n);
    const tx = sendAt(t0 + 200n, () => farm.connect(alice).harvest(0, alice.address));
    await expect(tx).not.to.emit(farm, "RewarderFailed");
    // Nothing more was emitted; alice's 1,000 cannot be paid from 500 and waits, whole.
    await expect(tx)
      .to.emit(rewarder, "BonusDeferred")
      .withArgs(alice.address, alice.address, 1_000n * E18);
    expect(await rewarder.pendingReward(alice.address)).to.equal(1_000n * E18);
  });

  it("fund pulls from and names its caller, a contract (L148, L149 `msg.sender` -> `tx.origin`)", async function () {
    const { bonus, rewarder, alice } = await loadFixture(idleFixture);
    const caller = await ContractCaller.deploy(alice);
    const address = await caller.address();
    await bonus.mint(address, 50n * E18);
    await caller.call(
      bonus,
      bonus.interface.encodeFunctionData("approve", [await rewarder.getAddress(), 50n * E18]),
    );
    await expect(caller.call(rewarder, rewarder.interface.encodeFunctionData("fund", [50n * E18])))
      .to.emit(rewarder, "Funded")
      .withArgs(address, 50n * E18);
    expect([await bonus.balanceOf(address), await bonus.balanceOf(alice.address)]).to.deep.equal([0n, 0n]);
    expect(await rewarder.reserve()).to.equal(FUNDED + 50n * E18);
  });

  it("claim pays the calling contract's own stake, once, and NotFarm names the calling contract (L186, L188, L193, L298 `msg.sender` -> `tx.origin`)", async function () {
    const { farm, bonus, lpA, rewarder, alice, t0 } = await loadFixture(idleFixture);
    await farm.add(100, lpA, ZERO);
    const caller = await ContractCaller.deploy(alice);
    const address = await caller.address();
    await lpA.mint(address, 100n * E18);
    await caller.call(
      lpA,
      lpA.interface.encodeFunctionData("approve", [await farm.getAddress(), 100n * E18]),
    );
    // Staked before the attach and never reported: its record stays unsynced, read from the farm.
    await caller.call(farm, farm.interface.encodeFunctionData("deposit", [0, 100n * E18, address]));
    await farm.connect(alice).deposit(0, 300n * E18, alice.address); // the operator stakes 300
    await sendAt(t0, () => farm.set(0, 100, rewarder, true));
    await sendAt(t0 + 100n, () => farm.set(0, 100, ZERO, true)); // 1,000: a quarter, three quarters
    const claim = () => caller.call(rewarder, rewarder.interface.encodeFunctionData("claim", [address]));
    await expect(claim())
      .to.emit(rewarder, "BonusPaid")
      .withArgs(address, address, 250n * E18);
    expect(await bonus.balanceOf(address)).to.equal(250n * E18);
    await expect(claim()).not.to.emit(rewarder, "BonusPaid"); // its own record was cleared
    // ... and only its own: the operator (tx.origin of those claims) still gets her three quarters.
    await expect(rewarder.connect(alice).claim(alice.address))
      .to.emit(rewarder, "BonusPaid")
      .withArgs(alice.address, alice.address, 750n * E18);
    await expect(
      caller.call(rewarder, rewarder.interface.encodeFunctionData("onReward", [0, address, address, 0, 1])),
    )
      .to.be.revertedWithCustomError(rewarder, "NotFarm")
      .withArgs(address);
  });

  it("after the detach, a staker never reported whose farm position then changed counts 0 (L275 `0` -> `1`)", async function () {
    const { farm, rewarder, lpA, alice, t0 } = await loadFixture(idleFixture);
    await farm.add(100, lpA, ZERO);
    await farm.connect(alice).deposit(0, 1_000n * E18, alice.address);
    await sendAt(t0, () => farm.set(0, 100, rewarder, true));
    await sendAt(t0 + 100n, () => farm.set(0, 100, ZERO, true));
    await farm.connect(alice).deposit(0, E18, alice.address); // her position no longer shows the detach
    expect((await rewarder.userInfo(alice.address)).amount).to.equal(0n);
    await expect(rewarder.connect(alice).claim(alice.address)).not.to.emit(rewarder, "BonusPaid");
  });

  it("the index keeps 30 decimals: 3 wei over a 2^31-wei stake pay 2, the third is rounding (L23 `1e30` -> `2e30`)", async function () {
    const { farm, bonus, lpA, admin, alice, t0 } = await loadFixture(idleFixture);
    const { rewarder: tiny } = await deployRewarder(farm, 0, E18, admin.address, bonus);
    await bonus.approve(tiny, 3n);
    await tiny.fund(3n); // the whole reserve: emission saturates at 3 wei
    await farm.add(100, lpA, tiny);
    const stake = 2n ** 31n;
    await sendAt(t0, () => farm.connect(alice).deposit(0, stake, alice.address));
    // acc = floor(3e30 / 2^31) (3 * 5^30 / 2: a half dropped); paid = floor(2^31 * acc / 1e30) = 2.
    const acc = (3n * S) / stake;
    expect((stake * acc) / S).to.equal(2n);
    await expect(sendAt(t0 + 10n, () => farm.connect(alice).harvest(0, alice.address)))
      .to.emit(tiny, "BonusPaid")
      .withArgs(alice.address, alice.address, 2n);
  });

  it("nothing owed pays nothing and says nothing (L117 `==` -> `<`)", async function () {
    const { farm, rewarder, alice } = await loadFixture(attachedFixture);
    await expect(farm.connect(alice).deposit(0, 100n * E18, alice.address)).not.to.emit(
      rewarder,
      "BonusPaid",
    );
  });

  it("a payment the transfer cannot get its gas for is deferred, never counted as paid (L282 `false` -> `true`)", async function () {
    const { farm, bonus, rewarder, alice, t0 } = await loadFixture(attachedFixture);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    // Farm.deposit calls the rewarder with all the gas it has: a tight gas limit leaves the bonus
    // transfer less than AFTER_TRANSFER_GAS, at every limit from too little to enough.
    const snapshot = await takeSnapshot();
    let deferred = 0;
    let paid = 0;
    const outcomes: string[] = [];
    await time.setNextBlockTimestamp(t0 + 100n);
    const enough = Number((await (await farm.connect(alice).deposit(0, E18, alice.address)).wait())!.gasUsed);
    await snapshot.restore();
    for (let limit = enough; limit <= enough + 80_000; limit += 1_000) {
      await time.setNextBlockTimestamp(t0 + 100n);
      let receipt;
      try {
        receipt = await (
          await farm.connect(alice).deposit(0, E18, alice.address, { gasLimit: limit })
        ).wait();
      } catch {
        outcomes.push("reverted");
        await snapshot.restore();
        continue; // out of gas as a whole: nothing happened
      }
      const names = receipt!.logs
        .filter((log) => log.address === rewarder.target)
        .map((log) => rewarder.interface.parseLog(log)!.name);
      if (names.includes("BonusDeferred")) deferred++;
      if (names.includes("BonusPaid")) paid++;
      outcomes.push(names.includes("BonusPaid") ? "paid" : "deferred");
      // 100 s alone at 10/s: held or still owed, never lost.
      expect((await bonus.balanceOf(alice.address)) + (await rewarder.pendingReward(alice.address))).to.equal(
        1_000n * E18,
      );
      await snapshot.restore();
    }
    // The scan reached both sides of the boundary, and more gas never turns a payment back into a
    // deferral: too little for the whole call, then too little for the transfer, then paid (L282
    // `<=` -> `==` and the condition -> `false` send the transfer all that is left below 40,000 and
    // pay there, then defer above it).
    expect(deferred).to.be.greaterThan(0);
    expect(paid).to.be.greaterThan(0);
    expect(outcomes.join(" ")).to.match(/^(reverted )*(deferred )*paid( paid)*$/);
  });

  // Mutants that only add a redundant storage write: the behaviour is the same, the gas is not.
  // The gas of each path is pinned (the in-process EVM is deterministic; MUTATION=1 compiles the
  // farm and the rewarder exactly as `npm test` does).
  describe("gas of the paths with a skipped write", function () {
    it("sync skips a user already synced without reading the farm (L175 `s.synced` -> `false`)", async function () {
      const { farm, rewarder, alice } = await loadFixture(attachedFixture);
      await farm.connect(alice).deposit(0, 100n * E18, alice.address); // alice: synced by the report
      const gas = (await (await rewarder.sync([alice.address])).wait())!.gasUsed;
      expect(gas).to.equal(26_874n);
    });

    it("fund before the attach and after the detach writes no time (L227 `!=` -> `>`, `<`)", async function () {
      const { farm, rewarder, lpA } = await loadFixture(idleFixture);
      const idle = (await (await rewarder.fund(E18)).wait())!.gasUsed;
      await farm.add(100, lpA, rewarder);
      await farm.set(0, 100, ZERO, true);
      const detached = (await (await rewarder.fund(E18)).wait())!.gasUsed;
      expect([idle, detached]).to.deep.equal([49_495n, 49_495n]);
    });

    it("an update that emits nothing writes no index (L229 `==` -> `<`); a payment clears no zero (L118 `!=` -> `>=`)", async function () {
      const { farm, alice, t0 } = await loadFixture(attachedFixture);
      const first = (await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address)))
        .gasUsed;
      const harvest = (await sendAt(t0 + 100n, () => farm.connect(alice).harvest(0, alice.address))).gasUsed;
      expect([first, harvest]).to.deep.equal([298_333n, 212_981n]);
    });
  });
});
