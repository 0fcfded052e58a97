import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress } from "ethers";
import type { DeployConfig } from "../../config";
import { TokenModule } from "./token";

/**
 * TimelockController + FarmGovernor.
 *
 * The timelock starts with a zero delay and the deployer as a temporary proposer, executor and
 * admin, so that the Furrow module can run one bootstrap batch through it (initial farm pools,
 * then `updateDelay(timelockDelay)`); the Furrow module then revokes every deployer role.
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
    const executor = m.staticCall(timelock, "EXECUTOR_ROLE", [], 0, { id: "EXECUTOR_ROLE" });
    m.call(timelock, "grantRole", [proposer, governor], { id: "grantProposerToGovernor" });
    m.call(timelock, "grantRole", [canceller, governor], { id: "grantCancellerToGovernor" });
    // Open executor role (address 0): anyone may execute an operation once its delay has passed.
    m.call(timelock, "grantRole", [executor, ZeroAddress], { id: "openExecutorRole" });

    return { timelock, governor };
  });
}
