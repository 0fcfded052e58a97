import { task } from "hardhat/config";
// Statically imported: these need no typechain types (the other library modules load after a compile).
import { readyConfiguredFork } from "../src/chain/fork";
import { toJson } from "../src/format/units";
import { compile, readOptions, runTask, valuationOptions, type ValuationArgs } from "./run";

interface MarketsArgs extends ValuationArgs {
  marketFactory?: string;
}

interface PositionArgs extends MarketsArgs {
  account: string;
  market?: string;
}

const markets = readOptions(
  task(
    "lending:markets",
    "Every lending market: price, lltv, supply, borrows, utilisation, supply and borrow APR, mining APRs",
  ),
  "marketFactory",
  "MarketFactory address (default: the deployment's)",
);
valuationOptions(markets, "WETH address, when the farm is not the deployment's").setAction(
  runTask(async (args: MarketsArgs, hre) => {
    await compile(hre);
    const { loadLendingContext, readMarkets } = await import("../src/positions/lending");
    const { lendingMarketsText } = await import("../src/positions/text");
    await readyConfiguredFork(hre);
    const ctx = await loadLendingContext(hre.ethers.provider, args);
    const report = await readMarkets(ctx);
    console.log(args.json ? toJson(report) : lendingMarketsText(report, hre.network.name));
    return report;
  }),
);

const position = readOptions(
  task(
    "lending:position",
    "An account in the lending markets: supplied, borrowed, health factor, liquidation price, APRs with mining",
  )
    .addParam("account", "The account to show")
    .addOptionalParam("market", "Only this market (default: every market the account is in)"),
  "marketFactory",
  "MarketFactory address (default: the deployment's)",
);
valuationOptions(position, "WETH address, when the farm is not the deployment's").setAction(
  runTask(async (args: PositionArgs, hre) => {
    await compile(hre);
    const { loadLendingContext, readLendingPosition } = await import("../src/positions/lending");
    const { lendingPositionText } = await import("../src/positions/text");
    await readyConfiguredFork(hre);
    const ctx = await loadLendingContext(hre.ethers.provider, args);
    const report = await readLendingPosition(ctx, args.account, args.market);
    console.log(args.json ? toJson(report) : lendingPositionText(report, hre.network.name));
    return report;
  }),
);
