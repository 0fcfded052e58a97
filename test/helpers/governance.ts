import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { AddressLike, BytesLike } from "ethers";
import type { FarmGovernor, TimelockController } from "../../typechain-types";

// Governance helpers: proposals, their ids and their path through the governor and the timelock.

/** GovernorCountingSimple's vote types. */
export const VoteType = { Against: 0, For: 1, Abstain: 2 } as const;

/** IGovernor.ProposalState, in enum order. */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

/** The `expectedStates` bitmap OpenZeppelin puts in GovernorUnexpectedProposalState (bit i = state i). */
export function stateBitmap(...states: number[]): string {
  return ethers.toBeHex(
    states.reduce((bits, s) => bits | (1n << BigInt(s)), 0n),
    32,
  );
}

/** A proposal as the governor's propose/queue/execute take it. */
export interface Proposal {
  targets: AddressLike[];
  values: bigint[];
  calldatas: BytesLike[];
  description: string;
}

/** A one-call proposal. */
export async function proposal(
  target: AddressLike,
  calldata: BytesLike,
  description: string,
): Promise<Proposal> {
  return { targets: [await ethers.resolveAddress(target)], values: [0n], calldatas: [calldata], description };
}

/** The id the governor gives `p` (OpenZeppelin's hashProposal). */
export function proposalId(governor: FarmGovernor, p: Proposal): Promise<bigint> {
  return governor.hashProposal(p.targets, p.values, p.calldatas, ethers.id(p.description));
}

/**
 * The id of `p`'s operation on the timelock: GovernorTimelockControl salts it with the governor's
 * address in the top 20 bytes, XORed with the description hash.
 */
export async function timelockOperationId(
  governor: FarmGovernor,
  timelock: TimelockController,
  p: Proposal,
): Promise<string> {
  const salt = ethers.toBeHex(
    (BigInt(await governor.getAddress()) << 96n) ^ BigInt(ethers.id(p.description)),
    32,
  );
  return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, salt);
}

/** Sends `p` through the governor: propose, vote (all `voters` For) and queue. Returns id and ETA. */
export async function proposeVoteQueue(
  governor: FarmGovernor,
  proposer: HardhatEthersSigner,
  voters: HardhatEthersSigner[],
  p: Proposal,
): Promise<{ id: bigint; eta: bigint }> {
  await governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
  const id = await proposalId(governor, p);
  await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
  for (const voter of voters) await governor.connect(voter).castVote(id, VoteType.For);
  await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
  await governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description));
  return { id, eta: await governor.proposalEta(id) };
}

/** Executes a queued proposal (anyone may: the timelock's executor role is open). */
export function executeProposal(governor: FarmGovernor, p: Proposal, by?: HardhatEthersSigner) {
  return (by ? governor.connect(by) : governor).execute(
    p.targets,
    p.values,
    p.calldatas,
    ethers.id(p.description),
  );
}
