import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

/**
 * Typed ABIs for the app, generated from the Hardhat artifacts (`npm run app:abis`, run by
 * `npm run app` and `npm run app:build` after `hardhat compile`) into app/src/generated/abis.ts.
 */
export default defineConfig({
  out: "app/src/generated/abis.ts",
  plugins: [
    hardhat({
      project: ".",
      commands: { build: false, clean: false, rebuild: false },
      include: [
        "FurrowLens.sol/**",
        "Farm.sol/**",
        "FarmVault.sol/**",
        "Zap.sol/**",
        "Pair.sol/**",
        "RewardToken.sol/**",
        "ERC20Rewarder.sol/**",
        "StakedFUR.sol/**",
        "LendingMarket.sol/**",
        "BorrowRewards.sol/**",
        "IERC20.sol/**",
        "draft-IERC6093.sol/**",
      ],
    }),
  ],
});
