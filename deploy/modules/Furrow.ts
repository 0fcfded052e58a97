/**
 * Entry module for `npx hardhat ignition deploy deploy/modules/Furrow.ts --network <name>`
 * (what `npm run deploy -- --network <name>` runs). Settings come from
 * deploy/parameters/<network>.json; journals go to deploy/deployments/chain-<chainId>.
 */
import hre from "hardhat";
import { loadDeployConfig } from "../config";
import { furrowModule } from "./parts/furrow";

export default furrowModule(loadDeployConfig(hre.network.name));
