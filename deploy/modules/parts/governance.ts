import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { DeployConfig } from "../../config";
import { TokenModule } from "./token";

/**
 * TimelockController + FarmGovernor.
 *
 * The timelock starts with a zero delay and the deployer as a temporary proposer, executor and
 * admin, so that the Furrow module can run one bootstrap batch through it (initial farm pools,
 * then `updateDelay(timelockDelay)`); the Furrow module then opens the executor role and revokes
 * every deployer role. The executor role stays closed here: with a zero delay, anyone could
 * execute the bootstrap batch the moment it is scheduled, before the deployer, whose own execute
 * would then revert and stop the hand-over (issue 9.3).
 */
export function governanceModule(config: DeployConfig) {
  return buildModule("Governance", (m) => {
    const { rewardToken } = m.useModule(TokenModule);
    const deployer = m.getAccount(0);
    const g = config.governance;

    const timelock = m.contract("TimelockController", [0, [deployer], [deployer], deployer]);
    const governor = m.contract("FarmGovernor", [
      rewardToken,
      timelock,
      g.votingDelay,
      g.votingPeriod,
      g.quorumPercent,
      BigInt(g.proposalThreshold),
      g.lateQuorumExtension,
    ]);

    const proposer = m.staticCall(timelock, "PROPOSER_ROLE", [], 0, { id: "PROPOSER_ROLE" });
    const canceller = m.staticCall(timelock, "CANCELLER_ROLE", [], 0, { id: "CANCELLER_ROLE" });
    // Safe before the bootstrap: FUR has no supply until the farm has pools, so no proposal can
    // pass, and the governor cancels only operations it queued itself.
    m.call(timelock, "grantRole", [proposer, governor], { id: "grantProposerToGovernor" });
    m.call(timelock, "grantRole", [canceller, governor], { id: "grantCancellerToGovernor" });

    return { timelock, governor };
  });
}
