import { task, types } from "hardhat/config";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";
// Statically imported: these need no typechain types (the other library modules load after a compile).
import { readyConfiguredFork } from "../src/chain/fork";
import { toJson } from "../src/format/units";
import { compile, readOptions, runTask, signerOf, valuationOptions, type ValuationArgs } from "./run";

/** Options every farm:* task takes: where the farm is and what values are in. */
interface CommonArgs extends ValuationArgs {
  farm?: string;
}

function common(t: ConfigurableTaskDefinition, valuation = true): ConfigurableTaskDefinition {
  readOptions(t, "farm", "Farm address (default: the deployment's; for forks and other deployments)");
  return valuation ? valuationOptions(t, "WETH address, when --farm is not the deployment's") : t;
}

async function context(hre: HardhatRuntimeEnvironment, args: CommonArgs) {
  const { loadContext } = await import("../src/positions/context");
  await readyConfiguredFork(hre);
  return loadContext(hre.ethers.provider, args);
}

common(
  task(
    "farm:pools",
    "Pools of the farm: weights, staked value, emission per day, APR from the pairs' reserves",
  ),
).setAction(
  runTask(async (args: CommonArgs, hre) => {
    await compile(hre);
    const { readPools } = await import("../src/positions/pools");
    const { poolsText } = await import("../src/positions/text");
    const report = await readPools(await context(hre, args));
    console.log(args.json ? toJson(report) : poolsText(report, hre.network.name));
    return report;
  }),
);

common(
  task(
    "farm:position",
    "An account's stake, LP share, underlying tokens, pending rewards and value vs holding",
  )
    .addParam("account", "The account to show")
    .addOptionalParam("fromBlock", "First block of the Deposit/Withdraw event scan", 0, types.int),
).setAction(
  runTask(async (args: CommonArgs & { account: string; fromBlock: number }, hre) => {
    await compile(hre);
    const { readPosition } = await import("../src/positions/position");
    const { positionText } = await import("../src/positions/text");
    const report = await readPosition(await context(hre, args), args.account, { fromBlock: args.fromBlock });
    console.log(args.json ? toJson(report) : positionText(report, hre.network.name));
    return report;
  }),
);

common(
  task("farm:harvest", "Harvests a pool's FUR (and bonus) with the configured signer")
    .addParam("pid", "Pool id", undefined, types.int)
    .addOptionalParam("to", "Recipient of the rewards (default: the signer)")
    .addOptionalParam("from", "Which configured account signs (default: the first)"),
  false,
).setAction(
  runTask(
    async (args: CommonArgs & { pid: number; to?: string; from?: string }, hre) => {
      await compile(hre);
      const { harvest } = await import("../src/positions/harvest");
      const { harvestText } = await import("../src/positions/text");
      const { locateFarm } = await import("../src/positions/context");
      const { tokenInfo } = await import("../src/positions/valuation");
      await readyConfiguredFork(hre);
      const { farm } = await locateFarm(hre.ethers.provider, args);
      const signer = await signerOf(hre, args.from);
      const result = await harvest(farm, signer, args.pid, args.to);
      const fur = await tokenInfo(hre.ethers.provider, await farm.rewardToken());
      console.log(args.json ? toJson(result) : harvestText(result, fur.symbol));
      return result;
    },
    { signs: true },
  ),
);
