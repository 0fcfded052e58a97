import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** FUR, with the deployer as its first admin (handed to the timelock by the Furrow module). */
export const TokenModule = buildModule("Token", (m) => {
  const rewardToken = m.contract("RewardToken", [m.getAccount(0)]);
  return { rewardToken };
});
