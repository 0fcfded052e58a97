/**
 * The app's contracts next to a Furrow deployment:
 * `npx hardhat ignition deploy deploy/modules/App.ts --network <name>`. It uses the Furrow module
 * (deploy/modules/Furrow.ts, same parameters file), so on a chain where Furrow is deployed it only
 * adds FurrowLens (over the Farm, the VaultFactory and sFUR) and a Zap (over the Router), in the same
 * journal (deploy/deployments/chain-<chainId>); on a fresh chain it deploys everything.
 */
import hre from "hardhat";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { loadDeployConfig } from "../config";
import { furrowModule } from "./parts/furrow";

export default buildModule("App", (m) => {
  const { farm, vaultFactory, stakedFur, router } = m.useModule(
    furrowModule(loadDeployConfig(hre.network.name)),
  );
  const lens = m.contract("FurrowLens", [farm, vaultFactory, stakedFur]);
  const zap = m.contract("Zap", [router]);
  return { lens, zap };
});
