/**
 * A governance proposal taken all the way through FarmGovernor and the Timelock, as token holders
 * would: propose → (voting delay) → vote → (voting period) → queue → (timelock delay) → execute.
 * Time moves only as far as each stage needs; every transaction is a real one, sent by the voters.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { id } from "ethers";
import type { FarmGovernor } from "../../typechain-types";
import { latestBlock, setTime } from "./clock";

/** GovernorCountingSimple's "For". */
const FOR = 1;
/** IGovernor.ProposalState.Executed. */
const EXECUTED = 7n;

/** One call of a proposal, with what it is for (the report lists them). */
export interface ProposalCall {
  target: string;
  calldata: string;
  summary: string;
}

/** What happened to the proposal, for the report. */
export interface ProposalRecord {
  id: bigint;
  description: string;
  proposer: string;
  calls: { target: string; summary: string }[];
  /** Votes counted For (FUR and sFUR together, as the governor counts them); Against and Abstain. */
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Unix times of propose, the vote snapshot, the voting deadline, queue, the timelock ETA and execute. */
  times: {
    proposed: bigint;
    snapshot: bigint;
    deadline: bigint;
    queued: bigint;
    eta: bigint;
    executed: bigint;
  };
  executedBlock: number;
}

/**
 * Sends `calls` through the governor from `proposer` (who must hold the proposal threshold in
 * delegated votes one second before), has every `voters` vote For once voting opens, queues once it
 * closes, and executes once the timelock allows. Throws if the proposal does not end Executed.
 */
export async function passProposal(
  hre: HardhatRuntimeEnvironment,
  governor: FarmGovernor,
  proposer: HardhatEthersSigner,
  voters: HardhatEthersSigner[],
  calls: ProposalCall[],
  description: string,
): Promise<ProposalRecord> {
  const targets = calls.map((c) => c.target);
  const values = calls.map(() => 0n);
  const calldatas = calls.map((c) => c.calldata);
  const descriptionHash = id(description);
  await (await governor.connect(proposer).propose(targets, values, calldatas, description)).wait();
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  const proposed = (await latestBlock(hre)).time;

  const snapshot = await governor.proposalSnapshot(proposalId);
  await setTime(hre, snapshot + 1n);
  for (const voter of voters) await (await governor.connect(voter).castVote(proposalId, FOR)).wait();

  // Read after the votes: the vote that reaches quorum late may push the deadline out.
  const deadline = await governor.proposalDeadline(proposalId);
  await setTime(hre, deadline + 1n);
  await (await governor.connect(proposer).queue(targets, values, calldatas, descriptionHash)).wait();
  const queued = (await latestBlock(hre)).time;

  const eta = await governor.proposalEta(proposalId);
  await setTime(hre, eta);
  await (await governor.connect(proposer).execute(targets, values, calldatas, descriptionHash)).wait();
  const executed = await latestBlock(hre);
  const state = await governor.state(proposalId);
  if (state !== EXECUTED) throw new Error(`simulation: proposal ${proposalId} ended in state ${state}`);

  const [againstVotes, forVotes, abstainVotes] = await governor.proposalVotes(proposalId);
  return {
    id: proposalId,
    description,
    proposer: proposer.address,
    calls: calls.map((c) => ({ target: c.target, summary: c.summary })),
    forVotes,
    againstVotes,
    abstainVotes,
    times: { proposed, snapshot, deadline, queued, eta, executed: executed.time },
    executedBlock: executed.number,
  };
}
