import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyUint } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { E18, FARM_USER_BALANCE, farmFixture } from "../fixtures";
import { sendAt } from "../../src/chain/time";
import { FARM_MUTATING, mutatingFunctions } from "../helpers/abi";
import type { Farm } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const FOT_FEE_BPS = 100n;
/** What arrives of `value` sent through the fee-on-transfer token: it burns floor(value * 1 %). */
const afterFee = (value: bigint) => value - (value * FOT_FEE_BPS) / 10_000n;

/** farmFixture with pool 0 = lpA and pool 1 = lpB (alloc 100 each); alice and bob staked in both. */
async function stakedFixture() {
  const f = await farmFixture();
  await f.farm.add(100, f.lpA, ZERO);
  await f.farm.add(100, f.lpB, ZERO);
  for (const user of [f.alice, f.bob]) {
    for (const pid of [0, 1]) await f.farm.connect(user).deposit(pid, 10n * E18, user.address);
  }
  return f;
}

/** stakedFixture plus a pool 2 whose stake token re-enters the farm when armed. */
async function reentrantFixture() {
  const f = await stakedFixture();
  const evil = await ethers.deployContract("ReentrantStakeToken");
  await evil.mint(f.alice.address, 100n * E18);
  await evil.connect(f.alice).approve(f.farm, ethers.MaxUint256);
  await f.farm.add(100, evil, ZERO);
  await f.farm.connect(f.alice).deposit(2, 10n * E18, f.alice.address);
  return { ...f, evil };
}

/** stakedFixture plus a pool 2 of a 1 %-fee-on-transfer token that alice, bob and carol hold. */
async function feeOnTransferFixture() {
  const f = await stakedFixture();
  const fot = await ethers.deployContract("FeeOnTransferToken", [FOT_FEE_BPS]);
  for (const user of [f.alice, f.bob, f.carol]) {
    await fot.mint(user.address, 10_000n * E18);
    await fot.connect(user).approve(f.farm, ethers.MaxUint256);
  }
  await f.farm.add(100, fot, ZERO);
  return { ...f, fot };
}

describe("Farm (hostile cases)", function () {
  describe("a stake token that re-enters the farm", function () {
    for (const [name, call] of [
      ["deposit", (farm: Farm, to: string) => farm.interface.encodeFunctionData("deposit", [0, 1n, to])],
      ["withdraw", (farm: Farm, to: string) => farm.interface.encodeFunctionData("withdraw", [2, 1n, to])],
      ["harvest", (farm: Farm, to: string) => farm.interface.encodeFunctionData("harvest", [2, to])],
      [
        "withdrawAndHarvest",
        (farm: Farm, to: string) => farm.interface.encodeFunctionData("withdrawAndHarvest", [2, 1n, to]),
      ],
      [
        "emergencyWithdraw",
        (farm: Farm, to: string) => farm.interface.encodeFunctionData("emergencyWithdraw", [2, to]),
      ],
      ["updatePool", (farm: Farm) => farm.interface.encodeFunctionData("updatePool", [0])],
      [
        "depositWithPermit",
        (farm: Farm, to: string) =>
          farm.interface.encodeFunctionData("depositWithPermit", [
            0,
            1n,
            to,
            0n,
            0,
            ethers.ZeroHash,
            ethers.ZeroHash,
          ]),
      ],
    ] as const) {
      it(`cannot call ${name} from inside a deposit or a withdraw`, async function () {
        const { farm, evil, alice } = await loadFixture(reentrantFixture);
        await evil.arm(farm, call(farm, alice.address));
        await expect(farm.connect(alice).deposit(2, E18, alice.address)).to.be.revertedWithCustomError(
          farm,
          "ReentrancyGuardReentrantCall",
        );
        await evil.arm(farm, call(farm, alice.address));
        await expect(farm.connect(alice).withdraw(2, E18, alice.address)).to.be.revertedWithCustomError(
          farm,
          "ReentrancyGuardReentrantCall",
        );
        await evil.arm(ZERO, "0x");
        expect((await farm.userInfo(2, alice.address)).amount).to.equal(10n * E18);
        expect((await farm.poolInfo(2)).totalStaked).to.equal(10n * E18);
      });
    }
  });

  describe("a fee-on-transfer stake token", function () {
    // Amounts with odd wei so the fee's rounding shows. By hand, e.g. the first deposit:
    // 1,000e18 + 7 sent, fee floor(1,000e18 + 7) / 100 = 10e18, credited 990e18 + 7.
    type Step = {
      user: "alice" | "bob" | "carol";
      op: "deposit" | "withdraw" | "emergencyWithdraw";
      amount?: bigint;
    };
    const STEPS: Step[] = [
      { user: "alice", op: "deposit", amount: 1_000n * E18 + 7n },
      { user: "bob", op: "deposit", amount: 333n * E18 + 33n },
      { user: "carol", op: "deposit", amount: 50n * E18 + 1n },
      { user: "alice", op: "withdraw", amount: 400n * E18 + 1n },
      { user: "bob", op: "emergencyWithdraw" },
      { user: "carol", op: "deposit", amount: 25n * E18 + 99n },
      { user: "bob", op: "deposit", amount: 10n * E18 + 199n },
      { user: "alice", op: "emergencyWithdraw" },
      { user: "carol", op: "withdraw", amount: 3n },
      { user: "alice", op: "deposit", amount: 1n * E18 },
      { user: "carol", op: "emergencyWithdraw" },
      { user: "bob", op: "withdraw", amount: 5n * E18 },
    ];

    it("keeps balance == totalStaked == sum of stakes through 3 users' deposits, withdraws and emergencyWithdraws, and lets everyone out", async function () {
      const { farm, fot, alice, bob, carol } = await loadFixture(feeOnTransferFixture);
      const users = { alice, bob, carol };
      const staked = { alice: 0n, bob: 0n, carol: 0n };
      const credited = { alice: 0n, bob: 0n, carol: 0n }; // stake the farm gave each user in total
      const returned = { alice: 0n, bob: 0n, carol: 0n }; // stake the farm sent each user back
      expect(afterFee(1_000n * E18 + 7n)).to.equal(990n * E18 + 7n);

      async function checkBooks() {
        const balance = await fot.balanceOf(farm);
        expect((await farm.poolInfo(2)).totalStaked).to.equal(balance);
        let sum = 0n;
        for (const name of ["alice", "bob", "carol"] as const) {
          const amount = (await farm.userInfo(2, users[name].address)).amount;
          expect(amount).to.equal(staked[name]);
          sum += amount;
        }
        expect(sum).to.equal(balance);
      }

      async function takeOut(name: keyof typeof users, op: "withdraw" | "emergencyWithdraw", amount: bigint) {
        const user = users[name];
        const before = await fot.balanceOf(user.address);
        const farmBefore = await fot.balanceOf(farm);
        if (op === "withdraw") {
          await expect(farm.connect(user).withdraw(2, amount, user.address))
            .to.emit(farm, "Withdraw")
            .withArgs(user.address, 2n, amount, user.address);
        } else {
          await expect(farm.connect(user).emergencyWithdraw(2, user.address))
            .to.emit(farm, "EmergencyWithdraw")
            .withArgs(user.address, 2n, amount, user.address);
        }
        // The fee is taken from what is sent: the farm loses exactly the stake it debits, no more.
        expect(farmBefore - (await fot.balanceOf(farm))).to.equal(amount);
        expect((await fot.balanceOf(user.address)) - before).to.equal(afterFee(amount));
        staked[name] -= amount;
        returned[name] += amount;
      }

      for (const { user: name, op, amount } of STEPS) {
        const user = users[name];
        if (op === "deposit") {
          const before = await fot.balanceOf(user.address);
          await expect(farm.connect(user).deposit(2, amount!, user.address))
            .to.emit(farm, "Deposit")
            .withArgs(user.address, 2n, afterFee(amount!), user.address);
          expect(before - (await fot.balanceOf(user.address))).to.equal(amount!);
          staked[name] += afterFee(amount!);
          credited[name] += afterFee(amount!);
        } else {
          await takeOut(name, op, op === "withdraw" ? amount! : staked[name]);
        }
        await checkBooks();
      }

      // Everyone still in takes out everything, the last one included: nothing is missing.
      expect(staked.alice > 0n && staked.bob > 0n).to.equal(true);
      await takeOut("alice", "withdraw", staked.alice);
      await checkBooks();
      await takeOut("bob", "emergencyWithdraw", staked.bob);
      await checkBooks();
      expect(await fot.balanceOf(farm)).to.equal(0n);
      expect((await farm.poolInfo(2)).totalStaked).to.equal(0n);
      expect(returned).to.deep.equal(credited);
    });
  });

  describe("a rewarder that reverts", function () {
    it("blocks deposits into its pool, never a harvest, withdraw or emergencyWithdraw, and can be removed", async function () {
      const { farm, token, lpA, alice, bob, startTime } = await loadFixture(stakedFixture);
      const bad = await ethers.deployContract("RevertingRewarder");
      await farm.set(0, 100, bad, true);
      await expect(farm.connect(alice).deposit(0, E18, alice.address)).to.be.revertedWithCustomError(
        bad,
        "RewarderBroken",
      );
      // FUR: pool 0 has half of 1 FUR/s and bob half its stake: 0.25 FUR/s over 40 s.
      await time.setNextBlockTimestamp(startTime + 40n);
      const harvest = farm.connect(bob).harvest(0, bob.address);
      await expect(harvest)
        .to.emit(farm, "RewarderFailed")
        .withArgs(0n, await bad.getAddress());
      await expect(harvest).to.changeTokenBalance(token, bob, 10n * E18);
      const withdraw = farm.connect(bob).withdraw(0, 4n * E18, bob.address);
      await expect(withdraw).to.emit(farm, "RewarderFailed");
      await expect(withdraw).to.changeTokenBalance(lpA, bob, 4n * E18);
      const tx = farm.connect(alice).emergencyWithdraw(0, alice.address);
      await expect(tx)
        .to.emit(farm, "RewarderFailed")
        .withArgs(0n, await bad.getAddress());
      await expect(tx).to.changeTokenBalance(lpA, alice, 10n * E18);
      // Its detach reverts too; governance removes it anyway, and deposits work again.
      await expect(farm.set(0, 100, ethers.ZeroAddress, true))
        .to.emit(farm, "RewarderFailed")
        .withArgs(0n, await bad.getAddress());
      await expect(farm.connect(alice).deposit(0, E18, alice.address)).to.changeTokenBalance(
        lpA,
        alice,
        -E18,
      );
    });
  });

  describe("a rewarder that burns all gas", function () {
    it("costs an emergencyWithdraw at most its bounded budget (200,000 gas)", async function () {
      const { farm, lpA, alice } = await loadFixture(stakedFixture);
      const burner = await ethers.deployContract("GasBurningRewarder");
      await farm.set(0, 100, burner, true);
      const tx = await farm.connect(alice).emergencyWithdraw(0, alice.address, { gasLimit: 1_000_000 });
      await expect(tx)
        .to.emit(farm, "RewarderFailed")
        .withArgs(0n, await burner.getAddress());
      await expect(tx).to.changeTokenBalance(lpA, alice, 10n * E18);
      const receipt = await tx.wait();
      // The farm's own work around the capped call is ~50k; instrumented for coverage it is more.
      const instrumented = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean })
        .__SOLIDITY_COVERAGE_RUNNING;
      expect(receipt!.gasUsed).to.be.lessThan(200_000n + (instrumented ? 120_000n : 60_000n));
    });

    it("makes an emergencyWithdraw with too little gas revert with InsufficientGasForRewarder", async function () {
      const { farm, alice } = await loadFixture(stakedFixture);
      const burner = await ethers.deployContract("GasBurningRewarder");
      await farm.set(0, 100, burner, true);
      const needed = 200_000n + 200_000n / 63n + 10_000n;
      await expect(farm.connect(alice).emergencyWithdraw(0, alice.address, { gasLimit: 200_000 }))
        .to.be.revertedWithCustomError(farm, "InsufficientGasForRewarder")
        .withArgs(anyUint, needed);
    });
  });

  describe("a rewarder that returns a large blob, or has no code", function () {
    it("does not stop an emergencyWithdraw", async function () {
      const { farm, lpA, lpB, alice, carol } = await loadFixture(stakedFixture);
      const bomb = await ethers.deployContract("ReturnBombRewarder");
      await farm.set(0, 100, bomb, true);
      await expect(farm.connect(alice).emergencyWithdraw(0, alice.address)).to.changeTokenBalance(
        lpA,
        alice,
        10n * E18,
      );
      // An address without code cannot be attached: onAttach must answer.
      await expect(farm.set(1, 100, carol.address, true)).to.be.revertedWithoutReason();
      expect(await farm.rewarder(1)).to.equal(ethers.ZeroAddress);
      await expect(farm.connect(alice).emergencyWithdraw(1, alice.address)).to.changeTokenBalance(
        lpB,
        alice,
        10n * E18,
      );
    });
  });

  describe("a harvest to a contract that rejects the bonus token", function () {
    it("pays the FUR and keeps the bonus owed to the user, paid at a later harvest", async function () {
      const { farm, token, admin, alice, bob, startTime } = await loadFixture(stakedFixture);
      const hook = await ethers.deployContract("HookToken");
      const rewarder = await ethers.deployContract("ERC20Rewarder", [farm, 0, hook, E18, admin.address]);
      await hook.mint(admin.address, 1_000n * E18);
      await hook.approve(rewarder, ethers.MaxUint256);
      await rewarder.fund(1_000n * E18);
      // Attached to a live pool: alice and bob (10 LP each) earn from this second on.
      await sendAt(startTime - 3n, () => farm.set(0, 100, rewarder, true));
      const receiver = await ethers.deployContract("RejectingReceiver");
      await time.setNextBlockTimestamp(startTime + 20n);
      // FUR: pool 0 has half the emission and alice half its stake: 20 s * 0.25 = 5 FUR.
      // Bonus (1/s from the attach): half of 23 s = 11.5.
      const tx = farm.connect(alice).harvest(0, receiver);
      await expect(tx).to.changeTokenBalance(token, receiver, 5n * E18);
      await expect(tx)
        .to.emit(rewarder, "BonusDeferred")
        .withArgs(alice.address, await receiver.getAddress(), 115n * 10n ** 17n);
      expect(await hook.balanceOf(receiver)).to.equal(0n);
      expect((await rewarder.userInfo(alice.address)).owed).to.equal(115n * 10n ** 17n);
      await time.setNextBlockTimestamp(startTime + 30n);
      await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(
        hook,
        alice,
        165n * 10n ** 17n,
      );
      expect((await rewarder.userInfo(alice.address)).owed).to.equal(0n);
    });
  });

  describe("the owner", function () {
    it("has no function beyond add, set, setRewardPerSecond and ownership", async function () {
      const { farm } = await loadFixture(farmFixture);
      expect(mutatingFunctions(farm.interface)).to.deep.equal(FARM_MUTATING);
    });

    it("calling every admin function cannot stop users from withdrawing everything", async function () {
      const { farm, lps, lpA, lpB, admin, alice, bob, carol, startTime } = await loadFixture(stakedFixture);
      await time.increaseTo(startTime + 50n);
      // Everything the owner can do, at its worst: new pools, zero weights, hostile rewarders,
      // the maximum rate then none, and handing the farm to someone else and renouncing it.
      await farm.connect(admin).add(2n ** 32n - 1n, lps[2], ZERO);
      await farm.connect(admin).setRewardPerSecond(100n * E18);
      const bad = await ethers.deployContract("RevertingRewarder");
      await farm.connect(admin).set(0, 0, bad, true);
      await farm.connect(admin).set(1, 2n ** 32n - 1n, ZERO, true);
      await farm.connect(admin).setRewardPerSecond(0);
      await farm.connect(admin).transferOwnership(carol.address);
      await farm.connect(carol).acceptOwnership();
      await farm.connect(carol).renounceOwnership();
      // Pool 0 (hostile rewarder): out through emergencyWithdraw. Pool 1: normal withdraw with rewards.
      for (const user of [alice, bob]) {
        await farm.connect(user).emergencyWithdraw(0, user.address);
        await farm.connect(user).withdrawAndHarvest(1, 10n * E18, user.address);
        expect(await lpA.balanceOf(user.address)).to.equal(FARM_USER_BALANCE);
        expect(await lpB.balanceOf(user.address)).to.equal(FARM_USER_BALANCE);
      }
      expect(await lpA.balanceOf(farm)).to.equal(0n);
      expect(await lpB.balanceOf(farm)).to.equal(0n);
    });
  });
});
