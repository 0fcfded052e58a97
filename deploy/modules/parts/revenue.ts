import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { TokenModule } from "./token";

type GovernanceModule = ReturnType<typeof import("./governance").governanceModule>;
type AmmModule = ReturnType<typeof import("./amm").ammModule>;

/**
 * sFUR (`StakedFUR(fur, timelock)`) and the `FeeCollector(factory, sFUR, timelock)`, both owned by
 * the timelock from their constructors (nothing to accept later). The Furrow module names sFUR to
 * the governor and, with `feeSwitch`, makes the collector the factory's `feeTo`, in its bootstrap
 * batch.
 */
export function revenueModule(governance: GovernanceModule, amm: AmmModule) {
  return buildModule("Revenue", (m) => {
    const { rewardToken } = m.useModule(TokenModule);
    const { timelock } = m.useModule(governance);
    const { factory } = m.useModule(amm);
    const stakedFur = m.contract("StakedFUR", [rewardToken, timelock]);
    const feeCollector = m.contract("FeeCollector", [factory, stakedFur, timelock]);
    return { stakedFur, feeCollector };
  });
}
