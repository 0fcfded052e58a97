import type { Interface } from "ethers";

/** Names of an ABI's state-changing functions, sorted. */
export function mutatingFunctions(iface: Interface): string[] {
  const names: string[] = [];
  iface.forEachFunction((f) => {
    if (f.stateMutability !== "view" && f.stateMutability !== "pure") names.push(f.name);
  });
  return names.sort();
}

/**
 * Every state-changing function of Farm: the owner's three setters, ownership, and users' own
 * stakes. A rug (a migrator, a sweep) would need another one.
 */
export const FARM_MUTATING = [
  "acceptOwnership",
  "add",
  "deposit",
  "depositWithPermit",
  "emergencyWithdraw",
  "harvest",
  "multicall",
  "renounceOwnership",
  "set",
  "setRewardPerSecond",
  "transferOwnership",
  "updatePool",
  "withdraw",
  "withdrawAndHarvest",
];
