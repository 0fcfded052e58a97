import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { DeployConfig } from "../../config";
import { TokenModule } from "./token";

type GovernanceModule = ReturnType<typeof import("./governance").governanceModule>;

/** The Farm, owned by the timelock from its constructor on (nothing to accept later). */
export function farmModule(config: DeployConfig, governance: GovernanceModule) {
  return buildModule("Farm", (m) => {
    const { rewardToken } = m.useModule(TokenModule);
    const { timelock } = m.useModule(governance);
    const farm = m.contract("Farm", [
      rewardToken,
      BigInt(config.rewardPerSecond),
      config.startTime,
      timelock,
    ]);
    const minter = m.staticCall(rewardToken, "MINTER_ROLE", [], 0, { id: "MINTER_ROLE" });
    m.call(rewardToken, "grantRole", [minter, farm], { id: "grantMinterToFarm" });
    return { farm };
  });
}
