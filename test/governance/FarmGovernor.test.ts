import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  E18,
  GOVERNANCE_DEFAULTS as D,
  HOLDINGS,
  deploymentFixture,
  governanceFixture,
  type GovernanceFixture,
} from "../fixtures";
import {
  ProposalState,
  VoteType,
  proposal,
  proposalId,
  stateBitmap,
  timelockOperationId,
  type Proposal,
} from "../helpers/governance";
import type { FarmGovernor, RewardToken, TimelockController } from "../../typechain-types";

const DAY = 24 * 60 * 60;
const MINTER_ROLE = ethers.id("MINTER_ROLE");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const PROPOSER_ROLE = ethers.id("PROPOSER_ROLE");
const CANCELLER_ROLE = ethers.id("CANCELLER_ROLE");
const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");
const QUORUM = (6_000_000n * E18 * 4n) / 100n; // 240,000 FUR

/** TimelockController.OperationState, in enum order. */
const OperationState = { Unset: 0, Waiting: 1, Ready: 2, Done: 3 } as const;

async function propose(governor: FarmGovernor, proposer: HardhatEthersSigner, p: Proposal): Promise<bigint> {
  await governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
  return proposalId(governor, p);
}

/** Mines a block just after the snapshot, so the next transaction can vote. */
async function openVoting(governor: FarmGovernor, id: bigint): Promise<void> {
  await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
}

/** Mines a block just after the (possibly extended) deadline: voting is over. */
async function closeVoting(governor: FarmGovernor, id: bigint): Promise<void> {
  await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
}

function queue(governor: FarmGovernor, p: Proposal) {
  return governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description));
}

function execute(governor: FarmGovernor, p: Proposal, by?: HardhatEthersSigner) {
  return (by ? governor.connect(by) : governor).execute(
    p.targets,
    p.values,
    p.calldatas,
    ethers.id(p.description),
  );
}

// ---------------------------------------------------------------------------------------------
// Stage fixtures for the main life cycle: alice proposes to grant MINTER_ROLE on the token to the
// farm; alice (3,000,000) votes For, bob (2,000,000) Against, carol (800,000) Abstains.
// ---------------------------------------------------------------------------------------------
async function grantMinterProposal(f: GovernanceFixture): Promise<Proposal> {
  const calldata = f.token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, f.farm.address]);
  return proposal(f.token, calldata, "Grant MINTER_ROLE on FUR to the farm");
}

async function proposedFixture() {
  const f = await governanceFixture();
  const p = await grantMinterProposal(f);
  const id = await propose(f.governor, f.alice, p);
  return { ...f, p, id };
}

async function succeededFixture() {
  const f = await proposedFixture();
  await openVoting(f.governor, f.id);
  await f.governor.connect(f.alice).castVote(f.id, VoteType.For);
  await f.governor.connect(f.bob).castVote(f.id, VoteType.Against);
  await f.governor.connect(f.carol).castVoteWithReason(f.id, VoteType.Abstain, "no view");
  await closeVoting(f.governor, f.id);
  return f;
}

async function queuedFixture() {
  const f = await succeededFixture();
  await queue(f.governor, f.p);
  const eta = await f.governor.proposalEta(f.id);
  const operationId = await timelockOperationId(f.governor, f.timelock, f.p);
  return { ...f, eta, operationId };
}

describe("FarmGovernor", function () {
  describe("deployment", function () {
    it("takes its settings from the constructor", async function () {
      const { governor, token, timelock } = await loadFixture(governanceFixture);
      expect(await governor.name()).to.equal("FarmGovernor");
      expect(await governor.version()).to.equal("1");
      expect(await governor.token()).to.equal(await token.getAddress());
      expect(await governor.timelock()).to.equal(await timelock.getAddress());
      expect(await governor.votingDelay()).to.equal(BigInt(DAY));
      expect(await governor.votingPeriod()).to.equal(BigInt(5 * DAY));
      expect(await governor["quorumNumerator()"]()).to.equal(4n);
      expect(await governor.quorumDenominator()).to.equal(100n);
      expect(await governor.proposalThreshold()).to.equal(100_000n * E18);
      expect(await governor.lateQuorumVoteExtension()).to.equal(BigInt(DAY));
      expect(await governor.COUNTING_MODE()).to.equal("support=bravo&quorum=for,abstain");
      expect(await governor.proposalNeedsQueuing(0n)).to.equal(true);
    });

    it("runs on the token's timestamp clock", async function () {
      const { governor } = await loadFixture(governanceFixture);
      expect(await governor.clock()).to.equal(BigInt(await time.latest()));
      expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
    });

    it("sets quorum to 4% of the total supply at the timepoint asked about", async function () {
      const { governor, token, alice } = await loadFixture(governanceFixture);
      const before = await time.latest();
      await token.connect(alice).burn(1_000_000n * E18);
      await mine(1);
      expect(await governor.quorum(before)).to.equal(QUORUM);
      expect(await governor.quorum((await time.latest()) - 1)).to.equal((5_000_000n * E18 * 4n) / 100n);
    });

    it("rejects settings OpenZeppelin forbids, naming the bad value", async function () {
      const { token, timelock } = await loadFixture(governanceFixture);
      const factory = await ethers.getContractFactory("FarmGovernor");
      const deploy = (period: number, quorum: bigint, extension: number) =>
        factory.deploy(token, timelock, D.votingDelay, period, quorum, D.proposalThreshold, extension);
      await expect(deploy(0, 4n, 0))
        .to.be.revertedWithCustomError(factory, "GovernorInvalidVotingPeriod")
        .withArgs(0);
      await expect(deploy(D.votingPeriod, 101n, D.lateQuorumVoteExtension))
        .to.be.revertedWithCustomError(factory, "GovernorInvalidQuorumFraction")
        .withArgs(101, 100);
      await expect(deploy(D.votingPeriod, 4n, D.votingPeriod + 1))
        .to.be.revertedWithCustomError(factory, "GovernorPreventLateQuorumVoteExtensionTooLarge")
        .withArgs(D.votingPeriod + 1, D.votingPeriod);
    });

    it("leaves the timelock alone in charge: the deployer keeps no role", async function () {
      const { governor, token, timelock, deployer } = await loadFixture(governanceFixture);
      const rows: [string, boolean][] = [
        ["timelock admins itself", await timelock.hasRole(DEFAULT_ADMIN_ROLE, timelock)],
        ["deployer is not timelock admin", !(await timelock.hasRole(DEFAULT_ADMIN_ROLE, deployer))],
        ["governor proposes", await timelock.hasRole(PROPOSER_ROLE, governor)],
        ["governor cancels", await timelock.hasRole(CANCELLER_ROLE, governor)],
        ["deployer does not propose", !(await timelock.hasRole(PROPOSER_ROLE, deployer))],
        ["deployer does not cancel", !(await timelock.hasRole(CANCELLER_ROLE, deployer))],
        ["anyone executes", await timelock.hasRole(EXECUTOR_ROLE, ethers.ZeroAddress)],
        ["timelock is token admin", await token.hasRole(DEFAULT_ADMIN_ROLE, timelock)],
        ["deployer is not token admin", !(await token.hasRole(DEFAULT_ADMIN_ROLE, deployer))],
        ["deployer cannot mint", !(await token.hasRole(MINTER_ROLE, deployer))],
        ["governor holds no token role", !(await token.hasRole(DEFAULT_ADMIN_ROLE, governor))],
      ];
      for (const [what, holds] of rows) expect(holds, what).to.equal(true);
      expect(await timelock.getMinDelay()).to.equal(BigInt(2 * DAY));
    });

    it("is the deployment's governance: same settings and roles as the whole Furrow module leaves", async function () {
      // Everything governance-related that can be read, by the name of who holds it; the farm, FUR's
      // minter in the deployment, is not among the accounts compared.
      async function governanceState(f: {
        token: RewardToken;
        timelock: TimelockController;
        governor: FarmGovernor;
        deployer: HardhatEthersSigner;
      }) {
        const { token, timelock, governor, deployer } = f;
        const accounts: [string, string][] = [
          ["deployer", deployer.address],
          ["timelock", await timelock.getAddress()],
          ["governor", await governor.getAddress()],
          ["anyone", ethers.ZeroAddress],
        ];
        const roles: string[] = [];
        const table = [
          ["DEFAULT_ADMIN_ROLE", DEFAULT_ADMIN_ROLE, timelock, "the timelock"],
          ["PROPOSER_ROLE", PROPOSER_ROLE, timelock, "the timelock"],
          ["CANCELLER_ROLE", CANCELLER_ROLE, timelock, "the timelock"],
          ["EXECUTOR_ROLE", EXECUTOR_ROLE, timelock, "the timelock"],
          ["DEFAULT_ADMIN_ROLE", DEFAULT_ADMIN_ROLE, token, "FUR"],
          ["MINTER_ROLE", MINTER_ROLE, token, "FUR"],
        ] as const;
        for (const [role, hash, contract, where] of table) {
          for (const [name, address] of accounts) {
            if (await contract.hasRole(hash, address)) roles.push(`${name} holds ${role} on ${where}`);
          }
        }
        return {
          roles,
          minDelay: await timelock.getMinDelay(),
          governorTimelock: (await governor.timelock()) === (await timelock.getAddress()),
          governorToken: (await governor.token()) === (await token.getAddress()),
          votingDelay: await governor.votingDelay(),
          votingPeriod: await governor.votingPeriod(),
          quorumNumerator: await governor["quorumNumerator()"](),
          proposalThreshold: await governor.proposalThreshold(),
          lateQuorumVoteExtension: await governor.lateQuorumVoteExtension(),
        };
      }
      const deployed = await governanceState(await loadFixture(deploymentFixture));
      const fixture = await governanceState(await loadFixture(governanceFixture));
      expect(fixture).to.deep.equal(deployed);
      expect(deployed.roles).to.deep.equal([
        "timelock holds DEFAULT_ADMIN_ROLE on the timelock",
        "governor holds PROPOSER_ROLE on the timelock",
        "governor holds CANCELLER_ROLE on the timelock",
        "anyone holds EXECUTOR_ROLE on the timelock",
        "timelock holds DEFAULT_ADMIN_ROLE on FUR",
      ]);
    });
  });

  describe("life cycle: granting MINTER_ROLE on the token to the farm", function () {
    it("creates the proposal: pending until the snapshot one day later, then five days of voting", async function () {
      const f = await loadFixture(governanceFixture);
      const p = await grantMinterProposal(f);
      const id = await proposalId(f.governor, p);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description))
        .to.emit(f.governor, "ProposalCreated")
        .withArgs(
          id,
          f.alice.address,
          p.targets,
          p.values,
          [""],
          p.calldatas,
          at + DAY,
          at + 6 * DAY,
          p.description,
        );
      expect(await f.governor.state(id)).to.equal(ProposalState.Pending);
      expect(await f.governor.proposalSnapshot(id)).to.equal(BigInt(at + DAY));
      expect(await f.governor.proposalDeadline(id)).to.equal(BigInt(at + 6 * DAY));
      expect(await f.governor.proposalProposer(id)).to.equal(f.alice.address);
    });

    it("refuses votes before the snapshot", async function () {
      const { governor, bob, id } = await loadFixture(proposedFixture);
      await expect(governor.connect(bob).castVote(id, VoteType.For))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Pending, stateBitmap(ProposalState.Active));
    });

    it("counts each holder's votes at the snapshot, once", async function () {
      const { governor, alice, bob, carol, id } = await loadFixture(proposedFixture);
      await openVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Active);
      await expect(governor.connect(alice).castVote(id, VoteType.For))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, id, VoteType.For, HOLDINGS.alice, "");
      await governor.connect(bob).castVote(id, VoteType.Against);
      await expect(governor.connect(carol).castVoteWithReason(id, VoteType.Abstain, "no view"))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, id, VoteType.Abstain, HOLDINGS.carol, "no view");
      const [against, forVotes, abstain] = await governor.proposalVotes(id);
      expect([against, forVotes, abstain]).to.deep.equal([HOLDINGS.bob, HOLDINGS.alice, HOLDINGS.carol]);
      expect(await governor.hasVoted(id, alice.address)).to.equal(true);
      await expect(governor.connect(alice).castVote(id, VoteType.Against))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(alice.address);
    });

    it("succeeds once voting closes with For > Against and quorum reached", async function () {
      const { governor, id } = await loadFixture(succeededFixture);
      expect(await governor.state(id)).to.equal(ProposalState.Succeeded);
    });

    it("cannot skip the queue: execute wants a Queued proposal", async function () {
      const { governor, p, id } = await loadFixture(succeededFixture);
      await expect(execute(governor, p))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Succeeded, stateBitmap(ProposalState.Queued));
    });

    it("queues on the timelock with an ETA two days out", async function () {
      const { governor, timelock, p, id } = await loadFixture(succeededFixture);
      const at = (await time.latest()) + 12;
      await time.setNextBlockTimestamp(at);
      await expect(queue(governor, p))
        .to.emit(governor, "ProposalQueued")
        .withArgs(id, at + 2 * DAY);
      expect(await governor.state(id)).to.equal(ProposalState.Queued);
      expect(await governor.proposalEta(id)).to.equal(BigInt(at + 2 * DAY));
      const operationId = await timelockOperationId(governor, timelock, p);
      expect(await timelock.getOperationState(operationId)).to.equal(OperationState.Waiting);
      expect(await timelock.getTimestamp(operationId)).to.equal(BigInt(at + 2 * DAY));
    });

    it("cannot execute one second before the ETA (TimelockUnexpectedOperationState)", async function () {
      const { governor, timelock, token, farm, p, eta, operationId } = await loadFixture(queuedFixture);
      await time.setNextBlockTimestamp(eta - 1n);
      await expect(execute(governor, p))
        .to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState")
        .withArgs(operationId, stateBitmap(OperationState.Ready));
      expect(await token.hasRole(MINTER_ROLE, farm.address)).to.equal(false);
    });

    it("executes at the ETA, by anyone, and the farm can mint", async function () {
      const { governor, timelock, token, farm, stranger, p, id, eta, operationId } =
        await loadFixture(queuedFixture);
      await time.setNextBlockTimestamp(eta);
      await expect(execute(governor, p, stranger))
        .to.emit(governor, "ProposalExecuted")
        .withArgs(id)
        .and.to.emit(token, "RoleGranted")
        .withArgs(MINTER_ROLE, farm.address, await timelock.getAddress());
      expect(await governor.state(id)).to.equal(ProposalState.Executed);
      expect(await timelock.getOperationState(operationId)).to.equal(OperationState.Done);
      await token.connect(farm).mint(farm.address, 1_000n * E18);
      expect(await token.balanceOf(farm.address)).to.equal(1_000n * E18);
    });

    it("cannot execute twice", async function () {
      const { governor, p, id, eta } = await loadFixture(queuedFixture);
      await time.setNextBlockTimestamp(eta);
      await execute(governor, p);
      await expect(execute(governor, p))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Executed, stateBitmap(ProposalState.Queued));
    });
  });

  describe("life cycle: changing the timelock's delay", function () {
    it("changes the delay only through a passed, queued and executed proposal", async function () {
      const { governor, timelock, alice } = await loadFixture(governanceFixture);
      const calldata = timelock.interface.encodeFunctionData("updateDelay", [3 * DAY]);
      const p = await proposal(timelock, calldata, "Timelock delay: 2 days -> 3 days");
      const id = await propose(governor, alice, p);
      await openVoting(governor, id);
      await governor.connect(alice).castVote(id, VoteType.For);
      await closeVoting(governor, id);
      await queue(governor, p);
      await time.increaseTo(await governor.proposalEta(id));
      await expect(execute(governor, p))
        .to.emit(timelock, "MinDelayChange")
        .withArgs(2 * DAY, 3 * DAY);
      expect(await timelock.getMinDelay()).to.equal(BigInt(3 * DAY));
    });

    it("refuses updateDelay from anyone but the timelock itself (TimelockUnauthorizedCaller)", async function () {
      const { governor, timelock, deployer, alice, stranger } = await loadFixture(governanceFixture);
      for (const caller of [deployer, alice, stranger]) {
        await expect(timelock.connect(caller).updateDelay(0))
          .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
          .withArgs(caller.address);
      }
      // Not even the governor can make the call directly: only a timelock operation can.
      const governorAddress = await governor.getAddress();
      await network.provider.send("hardhat_setBalance", [governorAddress, "0xDE0B6B3A7640000"]);
      await network.provider.send("hardhat_impersonateAccount", [governorAddress]);
      const asGovernor = await ethers.getSigner(governorAddress);
      await expect(timelock.connect(asGovernor).updateDelay(0))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(governorAddress);
      await network.provider.send("hardhat_stopImpersonatingAccount", [governorAddress]);
      expect(await timelock.getMinDelay()).to.equal(BigInt(2 * DAY));
    });
  });

  describe("a proposal that does not pass", function () {
    async function daveProposes() {
      const f = await governanceFixture();
      const calldata = f.token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, f.dave.address]);
      const p = await proposal(f.token, calldata, "Make dave a minter");
      const id = await propose(f.governor, f.dave, p);
      await openVoting(f.governor, id);
      return { ...f, p, id };
    }

    it("is defeated below quorum, however lopsided, and cannot be queued or executed", async function () {
      const { governor, timelock, dave, p, id } = await loadFixture(daveProposes);
      await governor.connect(dave).castVote(id, VoteType.For); // 150,000 For, 0 Against; quorum 240,000
      await closeVoting(governor, id);
      expect(await governor.quorum(await governor.proposalSnapshot(id))).to.equal(QUORUM);
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
      await expect(queue(governor, p))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Defeated, stateBitmap(ProposalState.Succeeded));
      await expect(execute(governor, p))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Defeated, stateBitmap(ProposalState.Queued));
      expect(await timelock.isOperation(await timelockOperationId(governor, timelock, p))).to.equal(false);
    });

    it("counts abstentions toward quorum (but not toward passing)", async function () {
      const { governor, dave, carol, p, id } = await loadFixture(daveProposes);
      await governor.connect(dave).castVote(id, VoteType.For);
      await governor.connect(carol).castVote(id, VoteType.Abstain); // 150,000 + 800,000 >= 240,000
      await closeVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Succeeded);
      await expect(queue(governor, p)).to.emit(governor, "ProposalQueued");
    });

    it("is defeated when Against outweighs For, and cannot be queued", async function () {
      const { governor, alice, bob, p, id } = await loadFixture(daveProposes);
      await governor.connect(bob).castVote(id, VoteType.For); // 2,000,000
      await governor.connect(alice).castVote(id, VoteType.Against); // 3,000,000
      await closeVoting(governor, id);
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
      await expect(queue(governor, p))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Defeated, stateBitmap(ProposalState.Succeeded));
    });

    it("is defeated on a tie (For must exceed Against)", async function () {
      const f = await loadFixture(governanceFixture);
      await f.token.connect(f.alice).transfer(f.eve.address, 100_000n * E18); // eve now 150,000, as dave
      const calldata = f.token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, f.dave.address]);
      const p = await proposal(f.token, calldata, "Make dave a minter");
      const id = await propose(f.governor, f.dave, p);
      await openVoting(f.governor, id);
      await f.governor.connect(f.dave).castVote(id, VoteType.For); // 150,000
      await f.governor.connect(f.eve).castVote(id, VoteType.Against); // 150,000
      await f.governor.connect(f.carol).castVote(id, VoteType.Abstain); // quorum reached
      await closeVoting(f.governor, id);
      expect(await f.governor.proposalVotes(id)).to.deep.equal([
        150_000n * E18,
        150_000n * E18,
        HOLDINGS.carol,
      ]);
      expect(await f.governor.state(id)).to.equal(ProposalState.Defeated);
    });
  });

  describe("votes come from the snapshot (no flash-loan voting)", function () {
    it("gives tokens received after the snapshot no weight, and leaves the seller's", async function () {
      const { governor, token, alice, stranger, id } = await loadFixture(proposedFixture);
      await openVoting(governor, id);
      await token.connect(alice).transfer(stranger.address, 2_000_000n * E18);
      await token.connect(stranger).delegate(stranger.address);
      expect(await token.getVotes(stranger.address)).to.equal(2_000_000n * E18);
      await expect(governor.connect(stranger).castVote(id, VoteType.Against))
        .to.emit(governor, "VoteCast")
        .withArgs(stranger.address, id, VoteType.Against, 0n, "");
      await expect(governor.connect(alice).castVote(id, VoteType.For))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, id, VoteType.For, HOLDINGS.alice, "");
      expect(await governor.proposalVotes(id)).to.deep.equal([0n, HOLDINGS.alice, 0n]);
    });

    it("gives a loan borrowed and repaid within the snapshot's own block no weight", async function () {
      const { governor, token, alice, stranger, id } = await loadFixture(proposedFixture);
      const snapshot = await governor.proposalSnapshot(id);
      // One block at exactly the snapshot time: borrow 2,000,000 FUR, delegate, repay.
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await token.connect(alice).transfer(stranger.address, 2_000_000n * E18);
        await token.connect(stranger).delegate(stranger.address);
        await token.connect(stranger).transfer(alice.address, 2_000_000n * E18);
        await time.setNextBlockTimestamp(snapshot);
        await mine(1);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      await mine(1);
      expect(await token.numCheckpoints(stranger.address)).to.equal(1n); // the loan did touch its votes
      expect(await token.getPastVotes(stranger.address, snapshot)).to.equal(0n);
      await expect(governor.connect(stranger).castVote(id, VoteType.For))
        .to.emit(governor, "VoteCast")
        .withArgs(stranger.address, id, VoteType.For, 0n, "");
      expect(await governor.getVotes(alice.address, snapshot)).to.equal(HOLDINGS.alice);
    });

    it("ignores delegations made after the snapshot", async function () {
      const { governor, token, carol, dave, id } = await loadFixture(proposedFixture);
      await openVoting(governor, id);
      await token.connect(carol).delegate(dave.address);
      await expect(governor.connect(dave).castVote(id, VoteType.For))
        .to.emit(governor, "VoteCast")
        .withArgs(dave.address, id, VoteType.For, HOLDINGS.dave, "");
      await expect(governor.connect(carol).castVote(id, VoteType.Against))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, id, VoteType.Against, HOLDINGS.carol, "");
    });
  });

  describe("proposal threshold", function () {
    it("refuses proposers below 100,000 FUR of votes (GovernorInsufficientProposerVotes)", async function () {
      const f = await loadFixture(governanceFixture);
      const p = await grantMinterProposal(f);
      const rows: [HardhatEthersSigner, bigint][] = [
        [f.eve, HOLDINGS.eve],
        [f.stranger, 0n],
      ];
      for (const [proposer, votes] of rows) {
        await expect(f.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description))
          .to.be.revertedWithCustomError(f.governor, "GovernorInsufficientProposerVotes")
          .withArgs(proposer.address, votes, D.proposalThreshold);
      }
    });

    it("accepts a proposer with exactly the threshold", async function () {
      const f = await loadFixture(governanceFixture);
      await f.token.connect(f.alice).transfer(f.eve.address, 50_000n * E18); // eve: 100,000
      const p = await grantMinterProposal(f);
      await expect(
        f.governor.connect(f.eve).propose(p.targets, p.values, p.calldatas, p.description),
      ).to.emit(f.governor, "ProposalCreated");
      expect(await f.governor.state(await proposalId(f.governor, p))).to.equal(ProposalState.Pending);
    });

    it("reads the proposer's votes one second in the past, so a same-block top-up does not help", async function () {
      const f = await loadFixture(governanceFixture);
      const p = await grantMinterProposal(f);
      const args = [p.targets, p.values, p.calldatas, p.description] as const;
      // alice tops eve up to the threshold and eve proposes, in one block.
      await network.provider.send("evm_setAutomine", [false]);
      let proposeTx;
      try {
        await f.token.connect(f.alice).transfer(f.eve.address, 50_000n * E18);
        proposeTx = await f.governor.connect(f.eve).propose(...args, { gasLimit: 1_000_000 });
        await mine(1);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      const receipt = await ethers.provider.getTransactionReceipt(proposeTx.hash);
      expect(receipt?.status).to.equal(0);
      expect(await f.token.balanceOf(f.eve.address)).to.equal(100_000n * E18);
      // The same call replayed on that block's state and clock gives the reason.
      await expect(f.governor.connect(f.eve).propose.staticCall(...args, { blockTag: receipt!.blockNumber }))
        .to.be.revertedWithCustomError(f.governor, "GovernorInsufficientProposerVotes")
        .withArgs(f.eve.address, HOLDINGS.eve, D.proposalThreshold);
      // One second later the new balance counts.
      await expect(f.governor.connect(f.eve).propose(...args)).to.emit(f.governor, "ProposalCreated");
    });
  });

  describe("late quorum protection", function () {
    it("extends voting by a day when quorum is first reached in the last hour", async function () {
      const { governor, alice, bob, dave, id } = await loadFixture(proposedFixture);
      const deadline = await governor.proposalDeadline(id);
      await openVoting(governor, id);
      await governor.connect(dave).castVote(id, VoteType.For); // 150,000: below quorum
      const lateVote = deadline - 3_600n;
      await time.setNextBlockTimestamp(lateVote);
      await expect(governor.connect(bob).castVote(id, VoteType.For)) // quorum reached
        .to.emit(governor, "ProposalExtended")
        .withArgs(id, lateVote + BigInt(DAY));
      expect(await governor.proposalDeadline(id)).to.equal(lateVote + BigInt(DAY));

      // Past the original deadline voting is still open, and the others can answer.
      await time.increaseTo(deadline + 1n);
      expect(await governor.state(id)).to.equal(ProposalState.Active);
      await governor.connect(alice).castVote(id, VoteType.Against);
      await closeVoting(governor, id);
      expect(await governor.proposalVotes(id)).to.deep.equal([
        HOLDINGS.alice,
        HOLDINGS.bob + HOLDINGS.dave,
        0n,
      ]);
      expect(await governor.state(id)).to.equal(ProposalState.Defeated);
    });

    it("does not move the deadline when quorum is reached early", async function () {
      const { governor, bob, id } = await loadFixture(proposedFixture);
      const deadline = await governor.proposalDeadline(id);
      await openVoting(governor, id);
      await expect(governor.connect(bob).castVote(id, VoteType.For)).not.to.emit(
        governor,
        "ProposalExtended",
      );
      expect(await governor.proposalDeadline(id)).to.equal(deadline);
    });

    it("extends only once: later votes do not push the deadline again", async function () {
      const { governor, alice, bob, id } = await loadFixture(proposedFixture);
      const lateVote = (await governor.proposalDeadline(id)) - 60n;
      await time.increaseTo(lateVote - 1n);
      await governor.connect(bob).castVote(id, VoteType.For);
      const extended = await governor.proposalDeadline(id);
      expect(extended).to.equal(lateVote + BigInt(DAY));
      await time.setNextBlockTimestamp(extended - 10n);
      await expect(governor.connect(alice).castVote(id, VoteType.For)).not.to.emit(
        governor,
        "ProposalExtended",
      );
      expect(await governor.proposalDeadline(id)).to.equal(extended);
    });
  });

  describe("the timelock obeys the governor only", function () {
    async function operation(f: GovernanceFixture) {
      const data = f.token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, f.stranger.address]);
      return { target: await f.token.getAddress(), data, salt: ethers.id("furrow") };
    }

    it("refuses schedule from anyone but the governor (AccessControlUnauthorizedAccount)", async function () {
      const f = await loadFixture(governanceFixture);
      const { target, data, salt } = await operation(f);
      for (const caller of [f.deployer, f.alice, f.stranger]) {
        await expect(f.timelock.connect(caller).schedule(target, 0, data, ethers.ZeroHash, salt, 2 * DAY))
          .to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, PROPOSER_ROLE);
        await expect(
          f.timelock.connect(caller).scheduleBatch([target], [0], [data], ethers.ZeroHash, salt, 2 * DAY),
        )
          .to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, PROPOSER_ROLE);
      }
    });

    it("refuses cancel from anyone but the governor", async function () {
      const { timelock, stranger, operationId } = await loadFixture(queuedFixture);
      await expect(timelock.connect(stranger).cancel(operationId))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, CANCELLER_ROLE);
      expect(await timelock.isOperationPending(operationId)).to.equal(true);
    });

    it("refuses role changes on the timelock and the token from the former deployer", async function () {
      const { timelock, token, deployer } = await loadFixture(governanceFixture);
      await expect(timelock.connect(deployer).grantRole(PROPOSER_ROLE, deployer.address))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(deployer.address, DEFAULT_ADMIN_ROLE);
      await expect(token.connect(deployer).grantRole(MINTER_ROLE, deployer.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(deployer.address, DEFAULT_ADMIN_ROLE);
      await expect(token.connect(deployer).mint(deployer.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(deployer.address, MINTER_ROLE);
    });
  });

  describe("the governor's own settings", function () {
    it("change only through governance (GovernorOnlyExecutor)", async function () {
      const { governor, timelock, stranger } = await loadFixture(governanceFixture);
      const calls: [string, () => Promise<unknown>][] = [
        ["setVotingDelay", () => governor.connect(stranger).setVotingDelay(0)],
        ["setVotingPeriod", () => governor.connect(stranger).setVotingPeriod(1)],
        ["setProposalThreshold", () => governor.connect(stranger).setProposalThreshold(0)],
        ["updateQuorumNumerator", () => governor.connect(stranger).updateQuorumNumerator(0)],
        ["setLateQuorumVoteExtension", () => governor.connect(stranger).setLateQuorumVoteExtension(0)],
        ["updateTimelock", () => governor.connect(stranger).updateTimelock(stranger.address)],
      ];
      for (const [name, call] of calls) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(stranger.address);
      }
      expect(await governor.timelock()).to.equal(await timelock.getAddress());
    });

    it("change when a proposal passes: quorum 4% -> 5%", async function () {
      const { governor, alice } = await loadFixture(governanceFixture);
      const p = await proposal(
        governor,
        governor.interface.encodeFunctionData("updateQuorumNumerator", [5]),
        "Quorum 5%",
      );
      const id = await propose(governor, alice, p);
      await openVoting(governor, id);
      await governor.connect(alice).castVote(id, VoteType.For);
      await closeVoting(governor, id);
      await queue(governor, p);
      await time.increaseTo(await governor.proposalEta(id));
      await expect(execute(governor, p)).to.emit(governor, "QuorumNumeratorUpdated").withArgs(4, 5);
      expect(await governor["quorumNumerator()"]()).to.equal(5n);
    });
  });

  describe("#cancel", function () {
    it("lets the proposer cancel while pending, and nobody else", async function () {
      const { governor, alice, stranger, p, id } = await loadFixture(proposedFixture);
      const cancel = (by: HardhatEthersSigner) =>
        governor.connect(by).cancel(p.targets, p.values, p.calldatas, ethers.id(p.description));
      await expect(cancel(stranger))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(id, stranger.address);
      await expect(cancel(alice)).to.emit(governor, "ProposalCanceled").withArgs(id);
      expect(await governor.state(id)).to.equal(ProposalState.Canceled);
    });

    it("shows a proposal executed directly on the timelock as Executed (execution is open)", async function () {
      const { governor, timelock, token, farm, stranger, p, id, eta, operationId } =
        await loadFixture(queuedFixture);
      const salt = ethers.toBeHex(
        (BigInt(await governor.getAddress()) << 96n) ^ BigInt(ethers.id(p.description)),
        32,
      );
      await time.setNextBlockTimestamp(eta);
      await timelock.connect(stranger).executeBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, salt);
      expect(await timelock.getOperationState(operationId)).to.equal(OperationState.Done);
      expect(await governor.state(id)).to.equal(ProposalState.Executed);
      expect(await token.hasRole(MINTER_ROLE, farm.address)).to.equal(true);
    });
  });
});
