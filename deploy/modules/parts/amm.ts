import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { DeployConfig } from "../../config";

type GovernanceModule = ReturnType<typeof import("./governance").governanceModule>;

/**
 * PairFactory (fee switch owned by the timelock) and Router. On a chain with a canonical WETH the
 * parameters name it; on local chains (no `weth` set) a WETH9 is deployed.
 */
export function ammModule(config: DeployConfig, governance: GovernanceModule) {
  return buildModule("Amm", (m) => {
    const { timelock } = m.useModule(governance);
    const weth = config.weth ? m.contractAt("WETH9", config.weth) : m.contract("WETH9");
    const factory = m.contract("PairFactory", [timelock]);
    const router = m.contract("Router", [factory, weth]);
    return { factory, router, weth };
  });
}
