import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BOOTSTRAP_SALT } from "../../deploy/modules/parts/furrow";
import { protocolFeeLiquidity } from "../../src/model";
import {
  DEADLINE,
  E18,
  HARDHAT_DEPLOY_CONFIG as CONFIG,
  SEED_ALLOC_POINT,
  deploymentFixture,
  protocolFixture,
  type DeploymentFixture,
} from "../fixtures";
import {
  ProposalState,
  executeProposal,
  proposal,
  proposeVoteQueue,
  timelockOperationId,
} from "../helpers/governance";
import type { Pair } from "../../typechain-types";

// Governance of the protocol as the Ignition module deploys it (deploy/modules/parts/furrow.ts with
// deploy/parameters/hardhat.json). The governor's own rules - quorum, defeat, snapshot voting, the
// threshold, late quorum, cancelling, who may schedule on the timelock, the delay changing only
// through a proposal - are specified in FarmGovernor.test.ts; the hand-over checks below show the
// deployment wires the same roles as that file's fixture. That no owner action can trap a stake is
// in Farm.hostile.test.ts ("calling every admin function cannot stop users from withdrawing
// everything"): the timelock's powers over the farm are the owner's, nothing more.

const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const MINTER_ROLE = ethers.id("MINTER_ROLE");
const PROPOSER_ROLE = ethers.id("PROPOSER_ROLE");
const CANCELLER_ROLE = ethers.id("CANCELLER_ROLE");
const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");
const ROLE_NAMES: Record<string, string> = {
  [DEFAULT_ADMIN_ROLE]: "DEFAULT_ADMIN_ROLE",
  [MINTER_ROLE]: "MINTER_ROLE",
  [PROPOSER_ROLE]: "PROPOSER_ROLE",
  [CANCELLER_ROLE]: "CANCELLER_ROLE",
  [EXECUTOR_ROLE]: "EXECUTOR_ROLE",
};

/**
 * Every role of an AccessControl contract and who holds it now, replayed from its RoleGranted and
 * RoleRevoked events since genesis, with addresses shown by `names` (unknown ones as they are).
 */
async function roleHolders(
  address: string,
  names: Record<string, string>,
): Promise<Record<string, string[]>> {
  const c = await ethers.getContractAt("IAccessControl", address);
  const logs = [
    ...(await c.queryFilter(c.filters.RoleGranted(), 0)),
    ...(await c.queryFilter(c.filters.RoleRevoked(), 0)),
  ].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  const holders = new Map<string, Set<string>>();
  for (const log of logs) {
    const { role, account } = log.args;
    const set = holders.get(role) ?? new Set<string>();
    if (log.eventName === "RoleGranted") set.add(account);
    else set.delete(account);
    holders.set(role, set);
  }
  const byName = Object.fromEntries(Object.entries(names).map(([a, n]) => [a.toLowerCase(), n]));
  const out: Record<string, string[]> = {};
  for (const [role, set] of holders) {
    if (set.size === 0) continue;
    out[ROLE_NAMES[role] ?? role] = [...set].map((a) => byName[a.toLowerCase()] ?? a).sort();
  }
  return out;
}

async function namesOf(f: DeploymentFixture): Promise<Record<string, string>> {
  return {
    [f.deployer.address]: "deployer",
    [await f.timelock.getAddress()]: "timelock",
    [await f.governor.getAddress()]: "governor",
    [await f.farm.getAddress()]: "farm",
    [ethers.ZeroAddress]: "anyone (address 0)",
  };
}

// ---------------------------------------------------------------------------------------------
// Stage fixtures. Proposal 1: add a farm pool (50 points) for a new TKB/WETH pair. Proposal 2: turn
// on the protocol fee, paid to the treasury. Alice (the largest holder, above quorum alone)
// proposes and is the only voter.
// ---------------------------------------------------------------------------------------------
const NEW_POOL_ALLOC_POINT = 50n; // total 250: the new pool gets 1 FUR/s × 50/250 = 0.2 FUR/s
const NEW_POOL_PID = 3n;

async function addPoolProposalFixture() {
  const f = await loadFixture(protocolFixture);
  await f.factory.connect(f.bob).createPair(f.tkb, f.weth);
  const newPair: Pair = await ethers.getContractAt("Pair", await f.factory.getPair(f.tkb, f.weth));
  const calldata = f.farm.interface.encodeFunctionData("add", [
    NEW_POOL_ALLOC_POINT,
    await newPair.getAddress(),
    ethers.ZeroAddress,
  ]);
  const p = await proposal(f.farm, calldata, "Farm: add a pool for the TKB/WETH LP token, 50 points");
  return { ...f, newPair, p };
}

async function addPoolQueuedFixture() {
  const f = await addPoolProposalFixture();
  const { id, eta } = await proposeVoteQueue(f.governor, f.alice, [f.alice], f.p);
  return { ...f, id, eta };
}

/** The pool added: bob and carol hold TKB/WETH LP and approved the farm. */
async function addPoolExecutedFixture() {
  const f = await addPoolQueuedFixture();
  await time.setNextBlockTimestamp(f.eta);
  await executeProposal(f.governor, f.p);
  for (const [user, amount] of [
    [f.bob, 1_000n * E18],
    [f.carol, 3_000n * E18],
  ] as const) {
    await f.tkb.mint(user.address, amount);
    await f.router
      .connect(user)
      .addLiquidityETH(f.tkb, amount, 0, 0, user.address, DEADLINE, { value: amount });
    await f.newPair.connect(user).approve(f.farm, ethers.MaxUint256);
  }
  return f;
}

async function feeProposalFixture() {
  const f = await loadFixture(protocolFixture);
  const calldata = f.factory.interface.encodeFunctionData("setFeeTo", [f.treasury.address]);
  const p = await proposal(f.factory, calldata, "AMM: turn on the protocol fee, paid to the treasury");
  return { ...f, p };
}

describe("Furrow protocol under governance", function () {
  describe("hand-over at deployment (deploy/parameters/hardhat.json)", function () {
    it("leaves the farm owned by the timelock, set in its constructor, with no transfer pending", async function () {
      const { farm, timelock } = await loadFixture(deploymentFixture);
      expect(await farm.owner()).to.equal(await timelock.getAddress());
      expect(await farm.pendingOwner()).to.equal(ethers.ZeroAddress);
      const transfers = await farm.queryFilter(farm.filters.OwnershipTransferred(), 0);
      expect(transfers.map((e) => [e.args.previousOwner, e.args.newOwner])).to.deep.equal([
        [ethers.ZeroAddress, await timelock.getAddress()],
      ]);
    });

    it("makes the timelock FUR's only admin and the farm its only minter", async function () {
      const f = await loadFixture(deploymentFixture);
      expect(await roleHolders(await f.token.getAddress(), await namesOf(f))).to.deep.equal({
        DEFAULT_ADMIN_ROLE: ["timelock"],
        MINTER_ROLE: ["farm"],
      });
    });

    it("lets only the governor propose and cancel, anyone execute, and the timelock alone administer itself", async function () {
      const f = await loadFixture(deploymentFixture);
      // The executor role is open (held by address 0, as deployed): a passed proposal cannot be
      // held hostage by a missing executor once its delay is over.
      expect(await roleHolders(await f.timelock.getAddress(), await namesOf(f))).to.deep.equal({
        DEFAULT_ADMIN_ROLE: ["timelock"],
        PROPOSER_ROLE: ["governor"],
        CANCELLER_ROLE: ["governor"],
        EXECUTOR_ROLE: ["anyone (address 0)"],
      });
      expect(await f.timelock.getMinDelay()).to.equal(BigInt(CONFIG.governance.timelockDelay));
    });

    it("gives the PairFactory's fee switch to the timelock, with the fee off", async function () {
      const { factory, timelock } = await loadFixture(deploymentFixture);
      expect(await factory.feeToSetter()).to.equal(await timelock.getAddress());
      expect(await factory.feeTo()).to.equal(ethers.ZeroAddress);
    });

    it("wires the governor to FUR and the timelock with the configured settings", async function () {
      const { governor, token, timelock } = await loadFixture(deploymentFixture);
      const g = CONFIG.governance;
      expect(await governor.token()).to.equal(await token.getAddress());
      expect(await governor.timelock()).to.equal(await timelock.getAddress());
      expect(await governor.votingDelay()).to.equal(BigInt(g.votingDelay));
      expect(await governor.votingPeriod()).to.equal(BigInt(g.votingPeriod));
      expect(await governor["quorumNumerator()"]()).to.equal(BigInt(g.quorumPercent));
      expect(await governor.proposalThreshold()).to.equal(BigInt(g.proposalThreshold));
      expect(await governor.lateQuorumVoteExtension()).to.equal(BigInt(g.lateQuorumExtension));
    });

    it("ran one operation through the timelock, the bootstrap batch, and it is done", async function () {
      const { timelock, farm, token, pairs, governor, stakedFur, marketFactory, borrowRewards } =
        await loadFixture(deploymentFixture);
      const scheduled = await timelock.queryFilter(timelock.filters.CallScheduled(), 0);
      const ids = [...new Set(scheduled.map((e) => e.args.id))];
      expect(ids).to.have.length(1);
      const expected = await timelock.hashOperationBatch(
        [farm, farm, governor, marketFactory, timelock],
        [0n, 0n, 0n, 0n, 0n],
        [
          farm.interface.encodeFunctionData("add", [100, await pairs[0].getAddress(), ethers.ZeroAddress]),
          farm.interface.encodeFunctionData("add", [40, await token.getAddress(), ethers.ZeroAddress]),
          // sFUR named to the governor; the fee switch stays off (no setFeeTo).
          governor.interface.encodeFunctionData("setStakedToken", [await stakedFur.getAddress()]),
          // No market is listed, so the lending incentives are set here (docs/lending.md).
          marketFactory.interface.encodeFunctionData("setIncentives", [
            await farm.getAddress(),
            await borrowRewards.getAddress(),
          ]),
          timelock.interface.encodeFunctionData("updateDelay", [CONFIG.governance.timelockDelay]),
        ],
        ethers.ZeroHash,
        BOOTSTRAP_SALT,
      );
      expect(ids[0]).to.equal(expected);
      expect(await timelock.isOperationDone(expected)).to.equal(true);
      const delays = await timelock.queryFilter(timelock.filters.MinDelayChange(), 0);
      // The constructor announces its zero delay; the bootstrap's last call sets the configured one.
      expect(delays.map((e) => [e.args.oldDuration, e.args.newDuration])).to.deep.equal([
        [0n, 0n],
        [0n, BigInt(CONFIG.governance.timelockDelay)],
      ]);
    });

    it("leaves the deployer unable to act on any contract", async function () {
      const { deployer, token, timelock, governor, factory, farm } = await loadFixture(deploymentFixture);
      const d = deployer.address;
      await expect(farm.connect(deployer).add(1, token, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(d);
      await expect(farm.connect(deployer).setRewardPerSecond(0))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(d);
      await expect(farm.connect(deployer).acceptOwnership())
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(d);
      await expect(factory.connect(deployer).setFeeTo(d))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(d);
      await expect(factory.connect(deployer).setFeeToSetter(d))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(d);
      await expect(token.connect(deployer).mint(d, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(d, MINTER_ROLE);
      await expect(token.connect(deployer).grantRole(MINTER_ROLE, d))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(d, DEFAULT_ADMIN_ROLE);
      await expect(
        timelock.connect(deployer).schedule(farm, 0, "0x", ethers.ZeroHash, ethers.ZeroHash, 2n ** 32n),
      )
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(d, PROPOSER_ROLE);
      await expect(timelock.connect(deployer).grantRole(PROPOSER_ROLE, d))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(d, DEFAULT_ADMIN_ROLE);
      await expect(timelock.connect(deployer).updateDelay(0))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(d);
      await expect(governor.connect(deployer).setVotingDelay(0))
        .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
        .withArgs(d);
    });
  });

  describe("a proposal to add a farm pool for a new LP token", function () {
    it("passes with alice's votes alone and queues with an ETA of exactly the timelock delay", async function () {
      const f = await addPoolProposalFixture();
      const { id, eta } = await proposeVoteQueue(f.governor, f.alice, [f.alice], f.p);
      const queuedAt = BigInt(await time.latest());
      expect(await f.governor.state(id)).to.equal(ProposalState.Queued);
      expect(eta).to.equal(queuedAt + BigInt(CONFIG.governance.timelockDelay));
      const operationId = await timelockOperationId(f.governor, f.timelock, f.p);
      expect(await f.timelock.getTimestamp(operationId)).to.equal(eta);
    });

    it("does nothing before the ETA, then anyone executes it at the ETA and the pool exists", async function () {
      const f = await loadFixture(addPoolQueuedFixture);
      const operationId = await timelockOperationId(f.governor, f.timelock, f.p);
      await time.setNextBlockTimestamp(f.eta - 1n);
      await expect(executeProposal(f.governor, f.p, f.stranger))
        .to.be.revertedWithCustomError(f.timelock, "TimelockUnexpectedOperationState")
        .withArgs(operationId, ethers.toBeHex(1n << 2n, 32)); // wants Ready
      expect(await f.farm.poolLength()).to.equal(NEW_POOL_PID);

      await time.setNextBlockTimestamp(f.eta);
      await expect(executeProposal(f.governor, f.p, f.stranger))
        .to.emit(f.farm, "LogPoolAddition")
        .withArgs(NEW_POOL_PID, NEW_POOL_ALLOC_POINT, await f.newPair.getAddress(), ethers.ZeroAddress)
        .and.to.emit(f.governor, "ProposalExecuted")
        .withArgs(f.id);
      expect(await f.farm.poolLength()).to.equal(NEW_POOL_PID + 1n);
      expect(await f.farm.lpToken(NEW_POOL_PID)).to.equal(await f.newPair.getAddress());
      expect(await f.farm.totalAllocPoint()).to.equal(100n + BigInt(SEED_ALLOC_POINT) + 40n + 50n);
    });

    it("pays the new pool's stakers exactly their share of 0.2 FUR/s", async function () {
      const { farm, token, bob, carol } = await loadFixture(addPoolExecutedFixture);
      const t0 = BigInt(await time.latest()) + 10n;
      // Bob stakes 500 LP at t0, carol 1,500 at t0 + 100: bob earns 0.2 FUR/s alone for 100 s, then
      // a quarter of it (0.05 FUR/s); carol three quarters (0.15 FUR/s).
      await time.setNextBlockTimestamp(t0);
      await farm.connect(bob).deposit(NEW_POOL_PID, 500n * E18, bob.address);
      await time.setNextBlockTimestamp(t0 + 100n);
      await farm.connect(carol).deposit(NEW_POOL_PID, 1_500n * E18, carol.address);

      const bobOwed = 20n * E18 + (400n * (5n * E18)) / 100n; // 100 s × 0.2 + 400 s × 0.05 = 40 FUR
      await time.setNextBlockTimestamp(t0 + 500n);
      const bobBefore = await token.balanceOf(bob.address);
      await expect(farm.connect(bob).harvest(NEW_POOL_PID, bob.address))
        .to.emit(farm, "Harvest")
        .withArgs(bob.address, NEW_POOL_PID, bobOwed);
      expect((await token.balanceOf(bob.address)) - bobBefore).to.equal(bobOwed);

      const carolOwed = (401n * (15n * E18)) / 100n; // 401 s × 0.15 = 60.15 FUR
      await time.setNextBlockTimestamp(t0 + 501n);
      const carolBefore = await token.balanceOf(carol.address);
      await expect(farm.connect(carol).harvest(NEW_POOL_PID, carol.address))
        .to.emit(farm, "Harvest")
        .withArgs(carol.address, NEW_POOL_PID, carolOwed);
      expect((await token.balanceOf(carol.address)) - carolBefore).to.equal(carolOwed);
    });
  });

  describe("a proposal to turn on the protocol fee", function () {
    it("leaves the fee off until it executes, then feeTo is the treasury", async function () {
      const f = await feeProposalFixture();
      const { eta } = await proposeVoteQueue(f.governor, f.alice, [f.alice], f.p);
      expect(await f.factory.feeTo()).to.equal(ethers.ZeroAddress);
      await time.setNextBlockTimestamp(eta);
      await expect(executeProposal(f.governor, f.p))
        .to.emit(f.factory, "FeeToSet")
        .withArgs(f.treasury.address);
      expect(await f.factory.feeTo()).to.equal(f.treasury.address);
    });

    it("mints the treasury 1/6 of the √k growth after the switch, and nothing for the swaps before it", async function () {
      const f = await feeProposalFixture();
      const { router, seedPair, tka, tkb, alice, bob, carol, treasury } = f;
      const swap = (amount: bigint) =>
        router.connect(bob).swapExactTokensForTokens(amount, 0, [tka, tkb], bob.address, DEADLINE);
      const addLiquidity = (amount: bigint) =>
        router.connect(carol).addLiquidity(tka, tkb, amount, amount * 2n, 0, 0, carol.address, DEADLINE);
      for (const t of [tka, tkb]) await t.mint(bob.address, 1_000n * E18);
      for (const t of [tka, tkb]) await t.mint(carol.address, 1_000n * E18);

      // Fees earned while the switch is off stay with the LPs: kLast is 0, so the first liquidity
      // change after the switch mints nothing and only starts the measurement.
      await swap(200n * E18);
      const { eta } = await proposeVoteQueue(f.governor, alice, [alice], f.p);
      await time.setNextBlockTimestamp(eta);
      await executeProposal(f.governor, f.p);
      expect(await seedPair.kLast()).to.equal(0n);
      await addLiquidity(10n * E18);
      expect(await seedPair.balanceOf(treasury.address)).to.equal(0n);
      const kLast = await seedPair.kLast();
      const [r0, r1] = await seedPair.getReserves();
      expect(kLast).to.equal(r0 * r1);

      // A swap after the switch grows √k; the next liquidity change mints the treasury its share.
      await swap(300n * E18);
      const [reserve0, reserve1] = await seedPair.getReserves();
      const pool = { reserve0, reserve1, totalSupply: await seedPair.totalSupply() };
      const fee = protocolFeeLiquidity(pool, kLast);
      expect(fee).to.be.greaterThan(0n);
      await expect(addLiquidity(10n * E18))
        .to.emit(seedPair, "Transfer")
        .withArgs(ethers.ZeroAddress, treasury.address, fee);
      expect(await seedPair.balanceOf(treasury.address)).to.equal(fee);
    });
  });

  describe("voting weight on the deployed system", function () {
    it("counts the farm's unpaid FUR in the supply quorum is taken from, though it never votes", async function () {
      const { governor, token, farm, alice, bob, carol, dave } = await loadFixture(protocolFixture);
      let delegated = 0n;
      for (const holder of [alice, bob, carol, dave]) {
        const balance = await token.balanceOf(holder.address);
        expect(await token.getVotes(holder.address)).to.equal(balance);
        delegated += balance;
      }
      const held = await token.balanceOf(farm);
      expect(held).to.be.greaterThan(0n);
      expect(await token.delegates(farm)).to.equal(ethers.ZeroAddress);
      expect(await token.totalSupply()).to.equal(delegated + held);
      const now = await time.latest();
      expect(await governor.quorum(now - 1)).to.equal(
        ((await token.getPastTotalSupply(now - 1)) * 4n) / 100n,
      );
    });
  });
});
