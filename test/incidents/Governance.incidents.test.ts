// Issue 9.8, the governance half of the incident suite: one `describe` per historical incident. Each
// runs the scenario against FUR and FarmGovernor as deployed (governanceFixture: the timelock is FUR's
// only admin, holders self-delegated) and against a copy with the historical bug in
// contracts/mocks/incidents/, so every test is shown once to be able to fail.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, GOVERNANCE_DEFAULTS, HOLDINGS, governanceFixture } from "../fixtures";
import {
  VoteType,
  executeProposal,
  proposal,
  proposalId,
  proposeVoteQueue,
  type Proposal,
} from "../helpers/governance";
import type {
  FlashLender,
  FlashVoter,
  SpotVoteGovernor,
  SushiVotesToken,
  UncappedOwnerToken,
} from "../../typechain-types";

const MAX_SUPPLY = 100_000_000n * E18;
const TOTAL_HELD = Object.values(HOLDINGS).reduce((a, b) => a + b, 0n); // 6,000,000 FUR

/** The proposal `p` as one `propose` call's arguments. */
function proposeArgs(p: Proposal) {
  return [p.targets, p.values, p.calldatas, p.description] as const;
}

// ---------------------------------------------------------------------------------------------

describe("Unbounded owner mint", function () {
  // Many farm forks let their token's owner mint any amount, so a compromised or malicious owner printed
  // the supply (2^255 here). FUR has no owner mint: a minter is bounded by the 100,000,000 cap, and even
  // a passed proposal that grants the role cannot mint 1 wei past it.

  it("FUR: a passed proposal minting the rest of the cap + 1 reverts whole; a minter stops at the cap", async function () {
    const { token, timelock, governor, deployer, alice, dave, stranger } =
      await loadFixture(governanceFixture);
    const MINTER_ROLE = await token.MINTER_ROLE();
    await expect(token.connect(deployer).mint(deployer.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, MINTER_ROLE);
    const mintable = MAX_SUPPLY - TOTAL_HELD;
    expect(await token.mintableSupply()).to.equal(mintable);

    const tooMuch: Proposal = {
      targets: [await token.getAddress(), await token.getAddress()],
      values: [0n, 0n],
      calldatas: [
        token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, await timelock.getAddress()]),
        token.interface.encodeFunctionData("mint", [stranger.address, mintable + 1n]),
      ],
      description: "Mint past the cap",
    };
    const { eta } = await proposeVoteQueue(governor, dave, [alice], tooMuch);
    await time.increaseTo(eta);
    await expect(executeProposal(governor, tooMuch))
      .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
      .withArgs(mintable + 1n, mintable);
    expect(await token.hasRole(MINTER_ROLE, timelock)).to.equal(false);
    expect(await token.totalSupply()).to.equal(TOTAL_HELD);

    const grant = await proposal(
      token,
      token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, dave.address]),
      "Make dave a minter",
    );
    await time.increaseTo((await proposeVoteQueue(governor, dave, [alice], grant)).eta);
    await executeProposal(governor, grant);
    await token.connect(dave).mint(stranger.address, mintable);
    expect(await token.totalSupply()).to.equal(MAX_SUPPLY);
    await expect(token.connect(dave).mint(stranger.address, 1n))
      .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
      .withArgs(1n, 0n);
  });

  it("UncappedOwnerToken (historical): the owner mints 2^255", async function () {
    const { deployer, stranger } = await loadFixture(governanceFixture);
    const legacy: UncappedOwnerToken = await ethers.deployContract("UncappedOwnerToken", [], deployer);
    await legacy.mint(stranger.address, 2n ** 255n);
    expect(await legacy.totalSupply()).to.equal(2n ** 255n);
  });
});

// ---------------------------------------------------------------------------------------------

describe("SUSHI votes not moved on transfer", function () {
  // SushiToken moved votes only on `delegate`: 100 tokens delegated, transferred and delegated again
  // voted 100 from each of three accounts (300). FUR is ERC20Votes: a transfer moves the delegated
  // votes with the tokens, so the votes of all delegates always sum to the balances delegated.

  it("FUR: 1,000,000 moved from alice to a fresh delegate moves exactly its votes; the sum stays 6,000,000", async function () {
    const { token, alice, bob, carol, dave, eve, stranger } = await loadFixture(governanceFixture);
    await token.connect(alice).transfer(stranger.address, 1_000_000n * E18);
    expect(await token.getVotes(stranger.address)).to.equal(0n); // undelegated: counts for nobody
    await token.connect(stranger).delegate(stranger.address);
    await token.connect(stranger).transfer(bob.address, 400_000n * E18);
    expect(await token.getVotes(alice.address)).to.equal(2_000_000n * E18);
    expect(await token.getVotes(stranger.address)).to.equal(600_000n * E18);
    expect(await token.getVotes(bob.address)).to.equal(2_400_000n * E18);
    let sum = 0n;
    for (const s of [alice, bob, carol, dave, eve, stranger]) sum += await token.getVotes(s.address);
    expect(sum).to.equal(TOTAL_HELD);
  });

  it("SushiVotesToken (historical): 100 tokens vote 100 from each of three accounts", async function () {
    const { alice, bob, carol } = await loadFixture(governanceFixture);
    const sushi: SushiVotesToken = await ethers.deployContract("SushiVotesToken");
    await sushi.mint(alice.address, 100n * E18);
    await sushi.connect(alice).delegate(alice.address);
    await sushi.connect(alice).transfer(bob.address, 100n * E18);
    await sushi.connect(bob).delegate(bob.address);
    await sushi.connect(bob).transfer(carol.address, 100n * E18);
    await sushi.connect(carol).delegate(carol.address);
    const votes = [
      await sushi.getVotes(alice.address),
      await sushi.getVotes(bob.address),
      await sushi.getVotes(carol.address),
    ];
    expect(votes).to.deep.equal([100n * E18, 100n * E18, 100n * E18]);
    expect(await sushi.totalSupply()).to.equal(100n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * governanceFixture plus a flash lender holding bob's 2,000,000 FUR (undelegated), a FlashVoter
 * (deployed by the stranger) that borrows them for one call, and dave's proposal to make the stranger
 * a minter, with its snapshot.
 */
async function flashFixture() {
  const f = await governanceFixture();
  const lender: FlashLender = await ethers.deployContract("FlashLender", [f.token]);
  await f.token.connect(f.bob).transfer(lender, HOLDINGS.bob);
  const voter: FlashVoter = await ethers.deployContract("FlashVoter", [f.token, lender], f.stranger);
  const MINTER_ROLE = await f.token.MINTER_ROLE();
  const p = await proposal(
    f.token,
    f.token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, f.stranger.address]),
    "Make the stranger a minter",
  );
  await f.governor.connect(f.dave).propose(...proposeArgs(p));
  const proposedAt = BigInt(await time.latest());
  const id = await proposalId(f.governor, p);
  return { ...f, lender, voter, p, id, proposedAt };
}

describe("Beanstalk flash-loan vote", function () {
  // Beanstalk weighed a vote by the voter's stake at the moment it was cast: a flash loan of 2,000,000
  // votes decided a proposal in one transaction. FarmGovernor reads votes at the proposal's snapshot,
  // a voting delay (1 day) after the proposal: votes borrowed and delegated afterwards weigh 0.

  it("FarmGovernor: the flash-borrowed 2,000,000 FUR vote with weight 0 and cannot propose", async function () {
    const { token, governor, lender, voter, id, proposedAt } = await loadFixture(flashFixture);
    const snapshot = await governor.proposalSnapshot(id);
    expect(snapshot).to.equal(proposedAt + BigInt(GOVERNANCE_DEFAULTS.votingDelay));
    await time.increaseTo(snapshot + 1n);
    await voter.attack(governor, governor.interface.encodeFunctionData("castVote", [id, VoteType.For]));
    expect(await voter.callOk()).to.equal(true);
    const [weight] = ethers.AbiCoder.defaultAbiCoder().decode(["uint256"], await voter.callResult());
    expect(weight).to.equal(0n);
    const votes = await governor.proposalVotes(id);
    expect([votes.againstVotes, votes.forVotes, votes.abstainVotes]).to.deep.equal([0n, 0n, 0n]);
    expect(await token.balanceOf(lender)).to.equal(HOLDINGS.bob);

    // Proposing with borrowed votes: the threshold is read at clock() - 1, before the loan.
    const own = await proposal(token, token.interface.encodeFunctionData("burn", [0n]), "Flash proposal");
    await voter.attack(governor, governor.interface.encodeFunctionData("propose", [...proposeArgs(own)]));
    expect(await voter.callOk()).to.equal(false);
    const error = governor.interface.parseError(await voter.callResult());
    expect(error?.name).to.equal("GovernorInsufficientProposerVotes");
    expect(error?.args.toArray()).to.deep.equal([
      await voter.getAddress(),
      0n,
      GOVERNANCE_DEFAULTS.proposalThreshold,
    ]);
  });

  it("SpotVoteGovernor (historical): the same flash loan votes 2,000,000 FUR For", async function () {
    const { token, lender, voter, id } = await loadFixture(flashFixture);
    const spot: SpotVoteGovernor = await ethers.deployContract("SpotVoteGovernor", [token]);
    await voter.attack(spot, spot.interface.encodeFunctionData("castVote", [id, VoteType.For]));
    expect(await voter.callOk()).to.equal(true);
    expect(await spot.forVotes(id)).to.equal(HOLDINGS.bob);
    expect(await token.balanceOf(lender)).to.equal(HOLDINGS.bob);
  });
});
