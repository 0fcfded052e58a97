import type { BaseContract } from "ethers";
import { BLOCK_TIME, type BenchContext } from "../harness";
import { E18 } from "../../model";

const DAY = 24 * 60 * 60;

/**
 * Deploys RewardToken, TimelockController (2-day delay) and FarmGovernor with the issue-5 defaults,
 * wires them as deployment does, then takes one proposal (grant MINTER_ROLE on the token) through
 * propose → castVote → queue → execute. The measured vote is a typical one: the proposal already
 * has votes and has reached quorum (bob voted first), so no tally slot is written for the first time.
 * No peer runs these steps: SushiSwap has no on-chain governor (its Timelock was driven by a multisig).
 */
export async function run({ hre, signers, send, measure, record }: BenchContext) {
  const { ethers } = hre;
  const [deployer, alice, bob, carol, farm] = signers;

  async function setNextTimestamp(timestamp: number): Promise<void> {
    await hre.network.provider.send("evm_setNextBlockTimestamp", [timestamp]);
  }
  async function latest(): Promise<number> {
    return (await ethers.provider.getBlock("latest"))!.timestamp;
  }
  /** Mines an empty block at `timestamp`: the following transaction comes BLOCK_TIME later. */
  async function jumpTo(timestamp: number): Promise<void> {
    await setNextTimestamp(timestamp);
    await hre.network.provider.send("evm_mine", []);
  }
  /** Deploys in its own block, BLOCK_TIME after the last, and records the deployment's gasUsed. */
  async function deployRecorded<C extends BaseContract>(id: string, deploy: () => Promise<C>): Promise<C> {
    await setNextTimestamp((await latest()) + BLOCK_TIME);
    const contract = await deploy();
    const receipt = await contract.deploymentTransaction()!.wait();
    if (!receipt || receipt.status !== 1) throw new Error(`deployment failed: ${id}`);
    record(id, receipt.gasUsed);
    return contract;
  }

  const token = await (await ethers.getContractFactory("RewardToken")).deploy(deployer.address);
  const MINTER_ROLE = await token.MINTER_ROLE();
  await send(() => token.grantRole(MINTER_ROLE, deployer.address));
  for (const [holder, amount] of [
    [alice, 3_000_000n * E18],
    [bob, 2_000_000n * E18],
    [carol, 1_000_000n * E18],
  ] as const) {
    await send(() => token.mint(holder.address, amount));
    await send(() => token.connect(holder).delegate(holder.address));
  }

  const timelock = await deployRecorded("deploy.TimelockController", async () =>
    (await ethers.getContractFactory("TimelockController")).deploy(
      2 * DAY,
      [],
      [ethers.ZeroAddress],
      deployer.address,
    ),
  );
  const governor = await deployRecorded("deploy.FarmGovernor", async () =>
    (await ethers.getContractFactory("FarmGovernor")).deploy(
      token,
      timelock,
      DAY,
      5 * DAY,
      4,
      100_000n * E18,
      DAY,
    ),
  );

  // Wiring as deployment leaves it: the governor proposes and cancels, the timelock owns the token.
  const [proposer, canceller, admin] = [
    await timelock.PROPOSER_ROLE(),
    await timelock.CANCELLER_ROLE(),
    await token.DEFAULT_ADMIN_ROLE(),
  ];
  await send(() => timelock.grantRole(proposer, governor));
  await send(() => timelock.grantRole(canceller, governor));
  await send(() => timelock.renounceRole(admin, deployer.address)); // DEFAULT_ADMIN_ROLE is 0x00 in both
  await send(() => token.grantRole(admin, timelock));
  await send(() => token.revokeRole(MINTER_ROLE, deployer.address));
  await send(() => token.renounceRole(admin, deployer.address));

  const targets = [await token.getAddress()];
  const values = [0n];
  const calldatas = [token.interface.encodeFunctionData("grantRole", [MINTER_ROLE, farm.address])];
  const description = "Grant MINTER_ROLE on FUR to the farm";
  const descriptionHash = ethers.id(description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);

  await measure("governance.propose", () =>
    governor.connect(alice).propose(targets, values, calldatas, description),
  );
  await jumpTo(Number(await governor.proposalSnapshot(proposalId)) + 1);
  await send(() => governor.connect(bob).castVote(proposalId, 1));
  await measure("governance.castVote", () => governor.connect(alice).castVote(proposalId, 1));
  await jumpTo(Number(await governor.proposalDeadline(proposalId)) + 1);
  await measure("governance.queue", () => governor.queue(targets, values, calldatas, descriptionHash));
  await jumpTo(Number(await governor.proposalEta(proposalId)));
  await measure("governance.execute", () =>
    governor.connect(carol).execute(targets, values, calldatas, descriptionHash),
  );

  if (!(await token.hasRole(MINTER_ROLE, farm.address)))
    throw new Error("governance scenario: proposal had no effect");
}
