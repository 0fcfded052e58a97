import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { governanceFixture, HOLDINGS, E18 } from "../fixtures";
import {
  executeProposal,
  proposal,
  proposalId,
  ProposalState,
  proposeVoteQueue,
  VoteType,
} from "../helpers/governance";
import type { FlashLender, FlashStaker, MockERC20, SpotVoteGovernor, StakedFUR } from "../../typechain-types";

/** governanceFixture + sFUR owned by the timelock, named to the governor by a proposal alice passes alone. */
async function stakedGovernanceFixture() {
  const f = await governanceFixture();
  const { token: fur, timelock, governor, alice } = f;
  const sfur: StakedFUR = await ethers.deployContract("StakedFUR", [fur, timelock]);
  const p = await proposal(
    governor,
    governor.interface.encodeFunctionData("setStakedToken", [await sfur.getAddress()]),
    "Count sFUR votes",
  );
  const { eta } = await proposeVoteQueue(governor, alice, [alice], p);
  await time.increaseTo(eta);
  await executeProposal(governor, p);
  return { ...f, sfur };
}

describe("FarmGovernor with sFUR", function () {
  describe("#setStakedToken", function () {
    it("is set through a proposal, once", async function () {
      const { governor, sfur } = await loadFixture(stakedGovernanceFixture);
      expect(await governor.stakedToken()).to.equal(await sfur.getAddress());
    });

    it("refuses any caller but the timelock, and a second setting", async function () {
      const { governor, sfur, alice, timelock } = await loadFixture(stakedGovernanceFixture);
      await expect(governor.connect(alice).setStakedToken(sfur))
        .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
        .withArgs(alice.address);
      await ethers.provider.send("hardhat_impersonateAccount", [await timelock.getAddress()]);
      await ethers.provider.send("hardhat_setBalance", [await timelock.getAddress(), "0xde0b6b3a7640000"]);
      const asTimelock = await ethers.getSigner(await timelock.getAddress());
      await expect(governor.connect(asTimelock).setStakedToken(sfur))
        .to.be.revertedWithCustomError(governor, "StakedTokenAlreadySet")
        .withArgs(await sfur.getAddress());
    });

    it("refuses address(0) and a token on another clock", async function () {
      const f = await loadFixture(governanceFixture);
      const { governor, timelock } = f;
      await ethers.provider.send("hardhat_impersonateAccount", [await timelock.getAddress()]);
      await ethers.provider.send("hardhat_setBalance", [await timelock.getAddress(), "0xde0b6b3a7640000"]);
      const asTimelock = await ethers.getSigner(await timelock.getAddress());
      await expect(governor.connect(asTimelock).setStakedToken(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(governor, "InvalidStakedToken")
        .withArgs(ethers.ZeroAddress);
      const plain = await ethers.deployContract("MockERC20", ["X", "X", 18]);
      await expect(governor.connect(asTimelock).setStakedToken(plain))
        .to.be.revertedWithCustomError(governor, "InvalidStakedToken")
        .withArgs(await plain.getAddress());
    });
  });

  it("sFUR keeps no supply history of its own: its past total supply is FUR's, its votes are checkpointed", async function () {
    const { token: fur, sfur, carol } = await loadFixture(stakedGovernanceFixture);
    await fur.connect(carol).approve(sfur, ethers.MaxUint256);
    await sfur.connect(carol).delegate(carol.address);
    await sfur.connect(carol).depositFor(carol.address, HOLDINGS.carol / 2n);
    const t1 = BigInt(await time.latest());
    await sfur.connect(carol).withdrawTo(carol.address, HOLDINGS.carol / 4n);
    const t2 = BigInt(await time.latest());
    await time.increase(1);
    // The Governor's quorum base is FUR's supply; sFUR answers with it rather than writing a
    // total-supply checkpoint on every stake and unstake (gas: -32,809 on staking.deposit).
    for (const t of [t1, t2]) {
      expect(await sfur.getPastTotalSupply(t)).to.equal(await fur.getPastTotalSupply(t));
    }
    expect(await sfur.getPastVotes(carol.address, t1)).to.equal(HOLDINGS.carol / 2n);
    expect(await sfur.getPastVotes(carol.address, t2)).to.equal(HOLDINGS.carol / 2n - HOLDINGS.carol / 4n);
    expect(await sfur.totalSupply()).to.equal(HOLDINGS.carol / 2n - HOLDINGS.carol / 4n);
  });

  it("passes a proposal only sFUR holders vote for: propose → vote → queue → wait → execute", async function () {
    const { governor, token: fur, sfur, carol, dave, timelock } = await loadFixture(stakedGovernanceFixture);
    // carol stakes all her FUR and delegates the sFUR: her FUR votes are gone, her sFUR votes count.
    await fur.connect(carol).approve(sfur, ethers.MaxUint256);
    await sfur.connect(carol).depositFor(carol.address, HOLDINGS.carol);
    await sfur.connect(carol).delegate(carol.address);
    await time.increase(1);
    expect(await fur.getVotes(carol.address)).to.equal(0n);
    expect(await governor.getVotes(carol.address, (await time.latest()) - 1)).to.equal(HOLDINGS.carol);
    // The FUR inside sFUR is not delegated: nothing counted twice.
    expect(await fur.delegates(sfur)).to.equal(ethers.ZeroAddress);
    expect(await fur.getVotes(sfur)).to.equal(0n);

    const p = await proposal(
      sfur,
      sfur.interface.encodeFunctionData("addRewardToken", [await fur.getAddress()]),
      "FUR fees to stakers",
    );
    const { id, eta } = await proposeVoteQueue(governor, dave, [carol], p);
    const snapshot = await governor.proposalSnapshot(id);
    expect(await governor.quorum(snapshot)).to.equal(((await fur.getPastTotalSupply(snapshot)) * 4n) / 100n);
    const [, forVotes] = await governor.proposalVotes(id);
    expect(forVotes).to.equal(HOLDINGS.carol);
    expect(await governor.state(id)).to.equal(ProposalState.Queued);
    await expect(executeProposal(governor, p)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnexpectedOperationState",
    );
    await time.increaseTo(eta);
    await executeProposal(governor, p);
    expect(await governor.state(id)).to.equal(ProposalState.Executed);
    expect(await sfur.isRewardToken(fur)).to.equal(true);
    expect(await sfur.owner()).to.equal(await timelock.getAddress());
  });

  it("a proof: the same votes without sFUR counted leave the proposal below quorum (Defeated)", async function () {
    const { governor, token: fur, carol, dave, timelock } = await loadFixture(governanceFixture);
    const sfur: StakedFUR = await ethers.deployContract("StakedFUR", [fur, timelock]);
    await fur.connect(carol).approve(sfur, ethers.MaxUint256);
    await sfur.connect(carol).depositFor(carol.address, HOLDINGS.carol);
    await sfur.connect(carol).delegate(carol.address);
    await time.increase(1);
    const p = await proposal(
      sfur,
      sfur.interface.encodeFunctionData("addRewardToken", [await fur.getAddress()]),
      "FUR fees to stakers",
    );
    await governor.connect(dave).propose(p.targets, p.values, p.calldatas, p.description);
    const id = await proposalId(governor, p);
    await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
    await governor.connect(carol).castVote(id, VoteType.For);
    await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
    expect(await governor.state(id)).to.equal(ProposalState.Defeated);
  });

  describe("a flash loan of FUR staked in sFUR", function () {
    async function flashFixture() {
      const f = await stakedGovernanceFixture();
      const reward: MockERC20 = await ethers.deployContract("MockERC20", ["R", "R", 18]);
      const lender: FlashLender = await ethers.deployContract("FlashLender", [f.token]);
      await f.token.connect(f.bob).transfer(lender, HOLDINGS.bob);
      const attacker: FlashStaker = await ethers.deployContract("FlashStaker", [
        f.token,
        f.sfur,
        lender,
        reward,
      ]);
      // An honest staker and a running stream, so there is something to steal.
      await f.token.connect(f.eve).approve(f.sfur, ethers.MaxUint256);
      await f.sfur.connect(f.eve).depositFor(f.eve.address, HOLDINGS.eve);
      return { ...f, reward, lender, attacker };
    }

    it("has no weight in a vote (snapshot before the loan) and earns nothing", async function () {
      const {
        governor,
        sfur,
        reward,
        attacker,
        dave,
        lender,
        token: fur,
        timelock,
      } = await loadFixture(flashFixture);
      await ethers.provider.send("hardhat_impersonateAccount", [await timelock.getAddress()]);
      await ethers.provider.send("hardhat_setBalance", [await timelock.getAddress(), "0xde0b6b3a7640000"]);
      await sfur.connect(await ethers.getSigner(await timelock.getAddress())).addRewardToken(reward);
      await reward.mint(dave.address, 700n * E18);
      await reward.connect(dave).approve(sfur, ethers.MaxUint256);
      await sfur.connect(dave).notifyRewardAmount(reward, 700n * E18);
      const p = await proposal(sfur, "0x", "anything");
      await governor.connect(dave).propose(p.targets, p.values, p.calldatas, p.description);
      const id = await proposalId(governor, p);
      await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
      await attacker.attack(governor, governor.interface.encodeFunctionData("castVote", [id, VoteType.For]));
      expect(await attacker.callOk()).to.equal(true);
      expect(ethers.AbiCoder.defaultAbiCoder().decode(["uint256"], await attacker.callResult())[0]).to.equal(
        0n,
      );
      const [, forVotes] = await governor.proposalVotes(id);
      expect(forVotes).to.equal(0n);
      expect(await attacker.rewardReceived()).to.equal(0n);
      expect(await fur.balanceOf(lender)).to.equal(HOLDINGS.bob);
    });

    it("a proof: a governor that reads votes at the moment of the vote (SpotVoteGovernor) counts all of it", async function () {
      const { sfur, attacker } = await loadFixture(flashFixture);
      const spot: SpotVoteGovernor = await ethers.deployContract("SpotVoteGovernor", [sfur]);
      await attacker.attack(spot, spot.interface.encodeFunctionData("castVote", [1, VoteType.For]));
      expect(await spot.forVotes(1)).to.equal(HOLDINGS.bob);
    });
  });
});
