/**
 * The app's contracts next to a Furrow deployment:
 * `npx hardhat ignition deploy deploy/modules/App.ts --network <name>`. It uses the Furrow module
 * (deploy/modules/Furrow.ts, same parameters file), so on a chain where Furrow is deployed it only
 * adds FurrowLens (over the Farm, the VaultFactory, sFUR and the MarketFactory) and a Zap (over the
 * Router), in the same journal (deploy/deployments/chain-<chainId>); on a fresh chain it deploys
 * everything. On a local chain (no `weth` in the parameters: the module deploys WETH9) whose
 * parameters list no lending markets, it lists LOCAL_LENDING's USDC/WETH market on a mock feed, so the
 * app's lending page has a market to show.
 */
import hre from "hardhat";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { loadDeployConfig, withLocalLending } from "../config";
import { furrowModule } from "./parts/furrow";

export default buildModule("App", (m) => {
  const { farm, vaultFactory, stakedFur, router, marketFactory } = m.useModule(
    furrowModule(withLocalLending(loadDeployConfig(hre.network.name))),
  );
  const lens = m.contract("FurrowLens", [farm, vaultFactory, stakedFur, marketFactory]);
  const zap = m.contract("Zap", [router]);
  return { lens, zap };
});
