import { task, types } from "hardhat/config";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";
// Statically imported: these need no typechain types (the other library modules load after a compile).
import { readyConfiguredFork } from "../src/chain/fork";
import { FurrowError } from "../src/chain/errors";
import { toJson } from "../src/format/units";
import { compile, readOptions, runTask, signerOf, valuationOptions, type ValuationArgs } from "./run";

/** Options every vault:* task takes: where the vault factory is and what values are in. */
interface CommonArgs extends ValuationArgs {
  vaultFactory?: string;
}

function common(t: ConfigurableTaskDefinition, valuation = true): ConfigurableTaskDefinition {
  readOptions(t, "vaultFactory", "VaultFactory address (default: the deployment's)");
  return valuation ? valuationOptions(t, "WETH address, when the factory's farm is not the deployment's") : t;
}

async function context(hre: HardhatRuntimeEnvironment, args: CommonArgs) {
  const { loadVaultContext } = await import("../src/positions/vaults");
  await readyConfiguredFork(hre);
  return loadVaultContext(hre.ethers.provider, args);
}

/** A whole number of the smallest unit, or a user error naming the option. */
function integer(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new FurrowError("ARGUMENT", `--${name} must be a whole number: ${value}`);
  return BigInt(value);
}

common(
  task(
    "vault:list",
    "Vaults of the VaultFactory: asset, totalAssets, shares, price per share, locked profit, last harvest, fee",
  ),
).setAction(
  runTask(async (args: CommonArgs, hre) => {
    await compile(hre);
    const { readVaults } = await import("../src/positions/vaults");
    const { vaultsText } = await import("../src/positions/text");
    const report = await readVaults(await context(hre, args));
    console.log(args.json ? toJson(report) : vaultsText(report, hre.network.name));
    return report;
  }),
);

common(
  task(
    "vault:position",
    "An account's vault shares, the assets behind them, their value and pending rewards",
  ).addParam("account", "The account to show"),
).setAction(
  runTask(async (args: CommonArgs & { account: string }, hre) => {
    await compile(hre);
    const { readVaultPosition } = await import("../src/positions/vaults");
    const { vaultPositionText } = await import("../src/positions/text");
    const report = await readVaultPosition(await context(hre, args), args.account);
    console.log(args.json ? toJson(report) : vaultPositionText(report, hre.network.name));
    return report;
  }),
);

common(
  task("vault:harvest", "Harvests a vault (claims, swaps, adds liquidity, re-stakes) with a minimum")
    .addParam("pid", "Farm pool id of the vault", undefined, types.int)
    .addOptionalParam(
      "minAssets",
      "Least assets the harvest must add, in the asset's smallest unit (default: a static-call estimate less --margin-bps)",
    )
    .addOptionalParam("marginBps", "Margin below the estimate, in basis points (default 100 = 1%)")
    .addOptionalParam("from", "Which configured account signs (default: the first)"),
  false,
).setAction(
  runTask(
    async (
      args: CommonArgs & { pid: number; minAssets?: string; marginBps?: string; from?: string },
      hre,
    ) => {
      await compile(hre);
      const { locateVaultFactory, vaultOfPool } = await import("../src/positions/vaults");
      const { harvestVault } = await import("../src/positions/vaultHarvest");
      const { vaultHarvestText } = await import("../src/positions/text");
      const minAssets = integer("min-assets", args.minAssets);
      const marginBps = integer("margin-bps", args.marginBps);
      await readyConfiguredFork(hre);
      const vault = await vaultOfPool(await locateVaultFactory(hre.ethers.provider, args), args.pid);
      const signer = await signerOf(hre, args.from);
      const result = await harvestVault(vault, signer, { minAssets, marginBps });
      console.log(args.json ? toJson(result) : vaultHarvestText(result));
      return result;
    },
    { signs: true },
  ),
);
