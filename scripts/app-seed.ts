/**
 * `hardhat run --network localhost scripts/app-seed.ts`: a short simulation on the local node so the
 * app has positions to show (src/simulation/localSeed.ts). Seeds APP_USERS (comma-separated) or the
 * node's first account.
 */
import hre from "hardhat";
import { deploymentDir, readDeployment } from "../src/chain/deployment";
import { seedLocalChain } from "../src/simulation/localSeed";

async function main() {
  const { chainId } = await hre.ethers.provider.getNetwork();
  const d = readDeployment(deploymentDir(chainId));
  const users = process.env.APP_USERS
    ? process.env.APP_USERS.split(",")
    : [(await hre.ethers.getSigners())[0].address];
  const seed = await seedLocalChain(hre, d, users);
  console.log(
    `seeded ${seed.users.join(", ")}: pools ${seed.pools.map((p) => `${p.pid} ${p.name}`).join(", ")}`,
  );
  console.log(`vault ${seed.vault}, USDC ${seed.usdc}, BONUS ${seed.bonus}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
