import { task } from "hardhat/config";
// Statically imported: these need no typechain types (the other library modules load after a compile).
import { readyConfiguredFork } from "../src/chain/fork";
import { toJson } from "../src/format/units";
import { compile, readOptions, runTask, signerOf, valuationOptions, type ValuationArgs } from "./run";

interface PositionArgs extends ValuationArgs {
  account: string;
  stakedFur?: string;
  farm?: string;
}

const stakingPosition = readOptions(
  task(
    "staking:position",
    "An account's sFUR: stake, votes and delegate, earned per reward token, and the APR of each current stream",
  ).addParam("account", "The account to show"),
  "stakedFur",
  "StakedFUR address (default: the deployment's)",
).addOptionalParam(
  "farm",
  "Farm whose AMM values things, when there is no deployment (default: the deployment's)",
);
valuationOptions(stakingPosition, "WETH address, when the farm is not the deployment's").setAction(
  runTask(async (args: PositionArgs, hre) => {
    await compile(hre);
    const { loadStakingContext, readStakingPosition } = await import("../src/positions/staking");
    const { stakingPositionText } = await import("../src/positions/text");
    await readyConfiguredFork(hre);
    const ctx = await loadStakingContext(hre.ethers.provider, args);
    const report = await readStakingPosition(ctx, args.account);
    console.log(args.json ? toJson(report) : stakingPositionText(report, hre.network.name));
    return report;
  }),
);

task(
  "fees:collect",
  "Sends FeeCollector.collect for the pairs: burns their fee LP into the two tokens and notifies them to sFUR",
)
  .addParam("pairs", "Comma-separated pair addresses")
  .addOptionalParam("collector", "FeeCollector address (default: the deployment's)")
  .addOptionalParam("deployment", "Ignition deployment folder (default: deploy/deployments/chain-<chainId>)")
  .addOptionalParam("from", "Which configured account signs (default: the first)")
  .addFlag("json", "Print JSON (bigints as decimal strings) instead of tables")
  .setAction(
    runTask(
      async (
        args: { pairs: string; collector?: string; deployment?: string; from?: string; json: boolean },
        hre,
      ) => {
        await compile(hre);
        const { collectFees, locateFeeCollector, parsePairs } = await import("../src/positions/staking");
        const { collectText } = await import("../src/positions/text");
        const pairs = parsePairs(args.pairs);
        await readyConfiguredFork(hre);
        const { collector } = await locateFeeCollector(hre.ethers.provider, args);
        const signer = await signerOf(hre, args.from);
        const result = await collectFees(collector, signer, pairs);
        console.log(args.json ? toJson(result) : collectText(result));
        return result;
      },
      { signs: true },
    ),
  );
